import GatherKit


/// Arbitrary text as a kubelet directory listing: every name accepted must be a plain, safe file name.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDirectoryListing(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let html = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (files, _) = DirectoryListing.entries(html)
    for name in files {
        guard name != ".", name != "..", !name.contains("/"), PathComponent.isSafe(name),
            name.utf8.count <= PathComponent.maximumBytes
        else { fatalError("accepted an unsafe name: \(name.debugDescription)") }
    }
    return 0
}
