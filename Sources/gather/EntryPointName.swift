import Foundation

/// The name the binary was started under. The image links `/usr/bin/gather_audit_logs` and its kind to
/// `/usr/bin/gather`, so `oc adm must-gather -- /usr/bin/gather_audit_logs` runs that collector or group alone, as the
/// stock image's scripts of the same names do.
struct EntryPointName {
    /// The collector or group the name selects (`gather_audit_logs` selects `audit-logs`); nil for `gather` itself.
    let selection: String?

    /// Reads the program path as given in `argv[0]`.
    init(invokedAs programPath: String) {
        let name = URL(fileURLWithPath: programPath).lastPathComponent
        let prefix = "gather_"
        if name.hasPrefix(prefix), name.count > prefix.count {
            selection = String(name.dropFirst(prefix.count)).replacingOccurrences(of: "_", with: "-")
        } else {
            selection = nil
        }
    }

    /// The arguments to parse: for a `gather_NAME` link, `run --only NAME` and then the arguments given (so
    /// `--dest-dir` and the others still apply).
    func arguments(_ given: [String]) -> [String] {
        guard let selection else { return given }
        return ["run", "--only", selection] + given
    }
}
