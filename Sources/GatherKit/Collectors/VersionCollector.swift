/// Writes `version`: the product on line 1, its version on line 2, as `oc adm must-gather` requires of every image.
struct VersionCollector: Collector {
    let entry: CollectorEntry
    /// Line 1.
    let product: String
    /// Line 2, `major.minor.micro.qualifier`.
    let version: String

    init(entry: CollectorEntry, product: String, version: String) {
        self.entry = entry
        self.product = product
        self.version = version
    }

    public func run(_ context: CollectorContext) async throws {
        let bytes = Array("\(product)\n\(version)\n".utf8)
        try context.output.write(bytes, to: ["version"])
        context.countFile(bytes: Int64(bytes.count))
    }
}
