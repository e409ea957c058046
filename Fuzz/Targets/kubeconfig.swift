import KubeClient

/// Arbitrary text as a kubeconfig: a connection for each context, or a clean ``ConfigurationError``.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKubeconfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let config = try? Kubeconfig(text: text, path: "/nonexistent/fuzz/kubeconfig") else { return 0 }
    _ = try? config.connection()
    for name in ["admin", "first", "second", "plugin", ""] { _ = try? config.connection(context: name) }
    return 0
}
