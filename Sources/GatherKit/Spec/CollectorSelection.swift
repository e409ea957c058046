import Foundation

/// `--only` and `--skip`: collectors or groups, by name.
public struct CollectorSelection: Sendable {
    let only: [String]
    let skip: [String]

    /// Comma-separated names of collectors or groups; nil means no restriction.
    public init(only: String?, skip: String?) {
        self.only = only.map(Self.split) ?? []
        self.skip = skip.map(Self.split) ?? []
    }

    private static func split(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The entries to run: with `--only`, those named (disabled ones included: naming one asks for it); otherwise the
    /// ones enabled by default; then without those `--skip` names. An unknown name is an error.
    public func select(from spec: CollectorSpec) throws(SpecError) -> [CollectorEntry] {
        let known = Set(spec.entries.map(\.name) + spec.entries.flatMap(\.groups))
        for name in only + skip where !known.contains(name) {
            throw SpecError(file: "--only/--skip", line: 0,
                problem: "no collector or group named `\(name)` (known: \(known.sorted().joined(separator: ", ")))")
        }
        func named(_ entry: CollectorEntry, _ names: [String]) -> Bool {
            names.contains(entry.name) || entry.groups.contains { names.contains($0) }
        }
        let chosen = only.isEmpty ? spec.defaultEntries : spec.entries.filter { named($0, only) }
        return chosen.filter { !named($0, skip) }
    }
}
