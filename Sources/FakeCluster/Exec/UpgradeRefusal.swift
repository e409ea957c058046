import NIOCore
import NIOHTTP1

/// Writes an HTTP error answer to a WebSocket upgrade request and closes the connection.
///
/// The WebSocket server answers every refused upgrade with an empty 400; an API server answers 401, 403 or 404 with a
/// `Status` body, which clients read to say why. Written while the upgrade is being decided, the answer goes out
/// first, and the close makes the server's own 400 fall on a closed connection.
enum UpgradeRefusal {
    static func write(status: Int, body: [UInt8], on channel: any Channel) async {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Connection", value: "close")
        let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers)
        _ = channel.write(HTTPServerResponsePart.head(head))
        _ = channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: body))))
        try? await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
        try? await channel.close().get()
    }
}
