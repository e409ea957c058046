import Hummingbird
import HTTPTypes
import NIOCore

/// Wraps a response body writer to break, stall, drip or truncate the body after a number of bytes.
struct FaultyBodyWriter: ResponseBodyWriter {
    enum Mode {
        case reset(after: Int)
        case stall(after: Int)
        case drip(bytesPerSecond: Int)
        case truncate(after: Int)
    }

    /// The error that breaks a body off, which makes the server drop the connection.
    struct InjectedReset: Error {}

    var inner: any ResponseBodyWriter
    let mode: Mode
    var written = 0

    init(inner: any ResponseBodyWriter, mode: Mode) {
        self.inner = inner
        self.mode = mode
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        switch mode {
        case .reset(let limit), .stall(let limit), .truncate(let limit):
            let room = max(limit - written, 0)
            if room > 0 {
                let part = buffer.getSlice(at: buffer.readerIndex, length: min(room, buffer.readableBytes))!
                try await inner.write(part)
                written += part.readableBytes
            }
            guard written >= limit, buffer.readableBytes > room else { return }
            if case .reset = mode { throw InjectedReset() }
            if case .stall = mode {
                while true { try await Task.sleep(for: .seconds(3600)) }
            }
        case .drip(let rate):
            let piece = max(rate / 10, 1)
            var remaining = buffer
            while remaining.readableBytes > 0 {
                let part = remaining.readSlice(length: min(piece, remaining.readableBytes))!
                try await inner.write(part)
                written += part.readableBytes
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await inner.finish(trailingHeaders)
    }
}
