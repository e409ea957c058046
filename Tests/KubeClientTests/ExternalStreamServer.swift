@testable import FakeCluster
import Foundation
import TestSupport

/// An HTTPS server in a separate process (Python's `ssl` module) that answers every request with `megabytes` MiB of
/// body in 64 KiB chunks, each starting with its index as a big-endian 32-bit integer.
///
/// Memory tests need the server outside the test process, so that the process's peak memory is the client's alone.
/// Needs `python3`; a missing interpreter fails the test.
final class ExternalStreamServer {
    let port: Int
    let pki: ClusterPKI
    private let process: BackgroundProcess
    private let directory: TemporaryDirectory

    static let script = #"""
        import socket, ssl, struct, sys
        megabytes = int(sys.argv[1])
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        print(listener.getsockname()[1], flush=True)
        chunks = megabytes * 16
        while True:
            connection, _ = listener.accept()
            stream = context.wrap_socket(connection, server_side=True)
            request = b""
            while b"\r\n\r\n" not in request:
                data = stream.recv(4096)
                if not data:
                    break
                request += data
            stream.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n"
                           b"Content-Length: %d\r\n\r\n" % (chunks * 65536))
            filler = b"x" * (65536 - 4)
            for index in range(chunks):
                stream.sendall(struct.pack(">I", index) + filler)
            stream.close()
        """#

    init(megabytes: Int) async throws {
        pki = try ClusterPKI()
        directory = try TemporaryDirectory()
        let certificate = try directory.write("server.crt", pki.serverCertificatePEM)
        let key = try directory.write("server.key", pki.serverKeyPEM)
        let scriptPath = try directory.write("server.py", Self.script)
        process = try await BackgroundProcess.start("/usr/bin/env", ["python3", scriptPath, String(megabytes), certificate, key],
            environment: ProcessInfo.processInfo.environment)
        guard let port = Int(process.firstLine) else {
            process.stop()
            throw HTTPSServerError(message: "the python3 stream server did not start (is python3 installed?)")
        }
        self.port = port
    }

    func stop() { process.stop() }
}
