/// `kind: version`: writes the `version` file that `oc adm must-gather` requires of every image.
public struct VersionKind: CollectorKind {
    public static let name = "version"
    public static let fields: [String] = []

    public init() {}

    public init(reading fields: CollectorEntryFields) {}

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        let identity = try services.require(ProductIdentity.self)
        return VersionCollector(entry: entry, product: identity.product, version: identity.version)
    }
}

/// The product and version an image reports in its `version` file.
public struct ProductIdentity: Sendable {
    /// Line 1 of `version`.
    var product: String
    /// Line 2 of `version`, `major.minor.micro.qualifier`.
    var version: String

    public init(product: String, version: String) {
        self.product = product
        self.version = version
    }
}
