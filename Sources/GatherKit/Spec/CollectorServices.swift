/// What the collectors of a run are made with, found by type: the product's identity, the environment scripts
/// inherit, the cluster client and the inspect session when the run has a cluster. The executable provides them; each
/// kind takes what it needs, so the engine knows none of them.
public struct CollectorServices: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    /// Provides `value` to every kind that asks for its type; a later value of the same type replaces it.
    public mutating func provide<Service: Sendable>(_ value: Service) {
        values[ObjectIdentifier(Service.self)] = value
    }

    /// The value of type `Service`, or ``MissingService`` naming it.
    public func require<Service: Sendable>(_ type: Service.Type = Service.self) throws(MissingService) -> Service {
        guard let value = values[ObjectIdentifier(Service.self)] as? Service else {
            throw MissingService(name: String(describing: Service.self))
        }
        return value
    }

    /// The value of type `Service`, if provided.
    public func optional<Service: Sendable>(_ type: Service.Type = Service.self) -> Service? {
        values[ObjectIdentifier(Service.self)] as? Service
    }
}

/// A collector that needs something this run does not provide (a cluster client in a run without a cluster).
public struct MissingService: Error, CustomStringConvertible, Equatable {
    /// The type that was asked for.
    public let name: String
    public var description: String { "this run has no \(name)" }
}
