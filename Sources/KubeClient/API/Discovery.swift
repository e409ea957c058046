import JSONCoding
/// What the server serves: the preferred version of every group and its resources, and the groups that failed.
public struct Discovery: Sendable {
    /// A group and its versions.
    public struct Group: Sendable, Hashable {
        /// The group name; empty for the core group.
        public var name: String
        /// Every served version, preferred first.
        var versions: [String]
        /// The preferred version.
        var preferredVersion: String
    }

    /// A group version whose discovery failed (for example a dead aggregated API server).
    public struct Failure: Sendable, CustomStringConvertible {
        /// `metrics.k8s.io/v1beta1`.
        public var groupVersion: String
        /// Why.
        public var error: KubeError
        public var description: String { "discovery of \(groupVersion) failed: \(error)" }
    }

    /// Every group, in the server's order (core first).
    public var groups: [Group]
    /// The resources of each group's preferred version, without subresources, in the server's order.
    public var resources: [APIResource]
    /// Group versions that could not be read; their resources are missing from ``resources``.
    public var failures: [Failure]

    /// Creates a discovery result.
    init(groups: [Group], resources: [APIResource], failures: [Failure]) {
        self.groups = groups
        self.resources = resources
        self.failures = failures
    }

    /// The resources that `argument` names, as kubectl resolves `type` or `type.group`: plural, singular, short name
    /// or kind, optionally followed by a group (or a group suffix, or `version.group`).
    public func resources(named argument: String) -> [APIResource] {
        let lowered = argument.lowercased()
        let exact = resources.filter { $0.isNamed(lowered) }
        if !exact.isEmpty { return Self.preferringCoreGroups(exact) }
        guard let dot = lowered.firstIndex(of: ".") else { return [] }
        let word = String(lowered[..<dot])
        let groupPart = String(lowered[lowered.index(after: dot)...])
        return resources.filter { resource in
            guard resource.isNamed(word) else { return false }
            if resource.group == groupPart { return true }
            if "\(resource.version).\(resource.group)" == groupPart { return true }
            return resource.group.hasPrefix(groupPart + ".")
        }
    }

    /// When a bare name matches in several groups, kubectl prefers the core group, then the first served group.
    private static func preferringCoreGroups(_ matches: [APIResource]) -> [APIResource] {
        if let core = matches.first(where: { $0.group.isEmpty }) { return [core] }
        return [matches[0]]
    }

    /// The resources whose categories include `category` (`all`).
    public func resources(inCategory category: String) -> [APIResource] {
        resources.filter { $0.categories.contains(category) }
    }

    /// The resource with this exact group and plural name.
    func resource(group: String, name: String) -> APIResource? {
        resources.first { $0.group == group && $0.name == name }
    }
}

extension KubeClient {
    /// Reads discovery: `/api`, `/apis`, then the preferred version of every group, concurrently.
    ///
    /// `/api` or `/apis` failing is fatal; a group version that fails is recorded in ``Discovery/failures`` and skipped.
    public func discover() async throws -> Discovery {
        async let coreDocument = getJSON("/api")
        async let groupsDocument = getJSON("/apis")
        var groups: [Discovery.Group] = []
        let coreVersions = try await coreDocument["versions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if let preferred = coreVersions.first {
            groups.append(Discovery.Group(name: "", versions: coreVersions, preferredVersion: preferred))
        }
        for group in try await groupsDocument["groups"]?.arrayValue ?? [] {
            guard let name = group["name"]?.stringValue else { continue }
            let versions = group["versions"]?.arrayValue?.compactMap { $0["version"]?.stringValue } ?? []
            guard let preferred = group[path: "preferredVersion", "version"]?.stringValue ?? versions.first else { continue }
            groups.append(Discovery.Group(name: name, versions: versions, preferredVersion: preferred))
        }
        let results = await withTaskGroup(of: (Int, Result<[APIResource], KubeError>).self) { taskGroup in
            for (position, group) in groups.enumerated() {
                taskGroup.addTask {
                    let path = APIPath.groupVersion(group: group.name, version: group.preferredVersion)
                    do {
                        let document = try await self.getJSON(path)
                        return (position, .success(Self.resources(of: document, group: group.name,
                            version: group.preferredVersion)))
                    } catch let error as KubeError {
                        return (position, .failure(error))
                    } catch {
                        return (position, .failure(KubeError(kind: .transport, path: path, message: "\(error)")))
                    }
                }
            }
            var collected: [(Int, Result<[APIResource], KubeError>)] = []
            for await result in taskGroup { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }
        }
        var resources: [APIResource] = []
        var failures: [Discovery.Failure] = []
        for (position, result) in results {
            switch result {
            case .success(let found): resources.append(contentsOf: found)
            case .failure(let error):
                let group = groups[position]
                let groupVersion = group.name.isEmpty ? group.preferredVersion : "\(group.name)/\(group.preferredVersion)"
                options.logger.warning("skipping API group \(groupVersion): \(error)")
                failures.append(Discovery.Failure(groupVersion: groupVersion, error: error))
            }
        }
        return Discovery(groups: groups, resources: resources, failures: failures)
    }

    public static func resources(of document: JSONValue, group: String, version: String) -> [APIResource] {
        (document["resources"]?.arrayValue ?? []).compactMap { entry in
            guard let name = entry["name"]?.stringValue, !name.contains("/"), let kind = entry["kind"]?.stringValue
            else { return nil }
            return APIResource(
                group: group,
                version: version,
                name: name,
                singularName: entry["singularName"]?.stringValue ?? "",
                kind: kind,
                namespaced: entry["namespaced"]?.boolValue ?? false,
                verbs: entry["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                categories: entry["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                shortNames: entry["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
            )
        }
    }
}
