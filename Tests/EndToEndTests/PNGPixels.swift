import CZlib
import Foundation

/// The pixels of an 8-bit RGB or RGBA PNG (what Chromium's screenshots are), decoded with zlib: enough to tell a
/// rendered page from a blank one.
struct PNGPixels {
    let width: Int
    let height: Int
    /// Bytes per pixel: 3 (RGB) or 4 (RGBA).
    let channels: Int
    /// The pixels, row after row, unfiltered.
    let bytes: [UInt8]

    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    init(_ data: [UInt8]) throws {
        guard data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Unsupported(description: "not a PNG") }
        var offset = 8
        var header: [UInt8] = []
        var compressed: [UInt8] = []
        func integer(_ at: Int) -> Int { data[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        while offset + 8 <= data.count {
            let length = integer(offset)
            let type = String(decoding: data[offset + 4..<offset + 8], as: UTF8.self)
            let body = Array(data[offset + 8..<min(offset + 8 + length, data.count)])
            if type == "IHDR" { header = body }
            if type == "IDAT" { compressed += body }
            if type == "IEND" { break }
            offset += 12 + length
        }
        guard header.count == 13 else { throw Unsupported(description: "no IHDR") }
        width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        guard header[8] == 8, header[9] == 2 || header[9] == 6, header[12] == 0 else {
            throw Unsupported(description: "bit depth \(header[8]), colour type \(header[9]), interlace \(header[12])")
        }
        channels = header[9] == 6 ? 4 : 3
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { output in
            compressed.withUnsafeBufferPointer { input in
                uncompress(output.baseAddress, &rawLength, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { throw Unsupported(description: "zlib status \(status)") }
        bytes = Self.unfilter(raw, stride: stride, height: height, channels: channels)
    }

    /// Undoes the per-row filters of PNG (none, sub, up, average, Paeth).
    private static func unfilter(_ raw: [UInt8], stride: Int, height: Int, channels: Int) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: stride * height)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for column in 0..<stride {
                let value = raw[row * (stride + 1) + 1 + column]
                let left = column >= channels ? Int(pixels[row * stride + column - channels]) : 0
                let up = row > 0 ? Int(pixels[(row - 1) * stride + column]) : 0
                let upLeft = row > 0 && column >= channels ? Int(pixels[(row - 1) * stride + column - channels]) : 0
                let predictor: Int
                switch filter {
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let estimate = left + up - upLeft
                    let (toLeft, toUp, toUpLeft) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                    predictor = toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft
                default: predictor = 0
                }
                pixels[row * stride + column] = UInt8(truncatingIfNeeded: Int(value) + predictor)
            }
        }
        return pixels
    }

    /// How many different colours the image holds.
    var distinctColours: Int {
        var seen = Set<UInt32>()
        for index in Swift.stride(from: 0, to: bytes.count, by: channels) {
            seen.insert(UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]))
        }
        return seen.count
    }

    /// The share of pixels that have the most common colour (1 for a blank image).
    var largestColourShare: Double {
        var counts: [UInt32: Int] = [:]
        for index in Swift.stride(from: 0, to: bytes.count, by: channels) {
            counts[UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]), default: 0] += 1
        }
        return Double(counts.values.max() ?? 0) / Double(max(1, width * height))
    }
}
