import Foundation

/// `NO_PROXY` read as Go's `httpproxy` reads it, so that gather and kubectl send the same servers through the proxy.
///
/// Entries are separated by commas: `*` (no proxy at all), an IP address, a CIDR block, or a domain name that matches
/// itself and its subdomains (`.example.com` and `*.example.com` match the subdomains only). An IP address or a domain
/// may carry a port, and then matches that port only. `localhost` and loopback addresses are never proxied.
struct NoProxyList {
    private enum Entry {
        case everything
        case address(IPAddress, port: Int?)
        case block(IPAddress, prefixLength: Int)
        /// `suffix` starts with a dot; `matchesItself` when the entry had no leading dot.
        case domain(suffix: String, matchesItself: Bool, port: Int?)
    }

    private let entries: [Entry]

    init(_ text: String) {
        var entries: [Entry] = []
        for raw in text.split(separator: ",") {
            let item = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if item.isEmpty { continue }
            if item == "*" {
                entries.append(.everything)
                continue
            }
            if let slash = item.firstIndex(of: "/") {
                if let address = IPAddress(String(item[..<slash])), let length = Int(item[item.index(after: slash)...]),
                    length >= 0, length <= address.bytes.count * 8
                {
                    entries.append(.block(address, prefixLength: length))
                }
                continue
            }
            let (host, port) = Self.splitPort(item)
            if let address = IPAddress(host) {
                entries.append(.address(address, port: port))
                continue
            }
            var name = host
            if name.hasPrefix("*.") { name.removeFirst() }
            let matchesItself = !name.hasPrefix(".")
            entries.append(.domain(suffix: matchesItself ? "." + name : name, matchesItself: matchesItself, port: port))
        }
        self.entries = entries
    }

    /// Whether a connection to `host:port` goes direct.
    func exempts(host rawHost: String, port: Int) -> Bool {
        let host = rawHost.lowercased()
        if host == "localhost" { return true }
        let address = IPAddress(host)
        if let address, address.isLoopback { return true }
        for entry in entries {
            switch entry {
            case .everything:
                return true
            case .address(let entryAddress, let entryPort):
                if entryAddress == address, entryPort == nil || entryPort == port { return true }
            case .block(let network, let prefixLength):
                if let address, address.isIn(network, prefixLength: prefixLength) { return true }
            case .domain(let suffix, let matchesItself, let entryPort):
                guard address == nil else { continue }
                if host.hasSuffix(suffix) || (matchesItself && host == suffix.dropFirst()),
                    entryPort == nil || entryPort == port
                {
                    return true
                }
            }
        }
        return false
    }

    /// `host:port`, `[v6]:port`, or a bare host (an IPv6 address without brackets has colons but no port).
    private static func splitPort(_ item: String) -> (String, Int?) {
        if item.hasPrefix("["), let close = item.firstIndex(of: "]") {
            let host = String(item[item.index(after: item.startIndex)..<close])
            let rest = item[item.index(after: close)...]
            return (host, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        if item.filter({ $0 == ":" }).count == 1, let colon = item.lastIndex(of: ":"),
            let port = Int(item[item.index(after: colon)...])
        {
            return (String(item[..<colon]), port)
        }
        return (item, nil)
    }
}

/// An IPv4 or IPv6 address as bytes, for `NO_PROXY` matching.
struct IPAddress: Equatable {
    let bytes: [UInt8]

    init?(_ text: String) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
    }

    var isLoopback: Bool {
        bytes.count == 4 ? bytes[0] == 127 : bytes == Array(repeating: 0, count: 15) + [1]
    }

    /// Whether the first `prefixLength` bits equal those of `network` (both of one family).
    func isIn(_ network: IPAddress, prefixLength: Int) -> Bool {
        guard bytes.count == network.bytes.count else { return false }
        for bit in 0..<prefixLength {
            let mask = UInt8(0x80) >> UInt8(bit % 8)
            if bytes[bit / 8] & mask != network.bytes[bit / 8] & mask { return false }
        }
        return true
    }
}
