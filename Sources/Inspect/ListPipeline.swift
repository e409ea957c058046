import GatherKit
import JSONCoding
import KubeClient

/// How inspect writes a list: one file per list, streamed page by page, with oc's list header and the first page's
/// `resourceVersion`, sensitive fields elided where the type has them, and the file left `.partial` when the list
/// fails half-way.
struct ListPipeline: Sendable {
    let session: InspectSession
    let context: CollectorContext
    let files: YAMLFiles

    /// Streams the list of `resource` into the file `components`, page by page: while one page is written on the
    /// blocking pool, the next is fetched. Items go to disk straight from the response bytes, except those of types
    /// with sensitive fields, which are built as values and elided first. `onPage` sees each page first.
    func stream(_ resource: APIResource, namespace: String?, to components: [String],
        onPage: @escaping @Sendable (KubeClient.RawListPage) async throws -> Void = { _ in }) async
    {
        let file = files.startList(at: components)
        let elides = SensitiveData.applies(to: resource)
        var pending: Task<Void, any Error>?
        var kind = resource.kind + "List"
        var apiVersion = resource.groupVersion
        var resourceVersion: String?
        do {
            try await session.listStreams.withPermit {
                try await session.client.listRaw(resource.collectionPath(namespace: namespace),
                    onRestart: {
                        _ = try? await pending?.value
                        pending = nil
                        await file.restart()
                    },
                    onPage: { page in
                        kind = page.kind ?? kind
                        apiVersion = page.apiVersion ?? apiVersion
                        if resourceVersion == nil { resourceVersion = page.resourceVersion }
                        try await onPage(page)
                        try await pending?.value
                        let version = apiVersion
                        if elides {
                            let items = try page.values().map { SensitiveData.elided($0, resource: resource) }
                            pending = Task { try await file.append(items, apiVersion: version) }
                        } else {
                            pending = Task { try await file.append(raw: page, apiVersion: version) }
                        }
                    })
                try await pending?.value
                pending = nil
                var metadata: [String: JSONValue] = [:]
                if let resourceVersion { metadata["resourceVersion"] = .string(resourceVersion) }
                let bytes = try await file.finish(kind: kind, apiVersion: apiVersion, metadata: .object(metadata))
                context.countFile(bytes: bytes)
            }
        } catch {
            _ = try? await pending?.value
            let left = await file.abandon()
            let subject = (namespace.map { "\($0)/" } ?? "") + resource.qualifiedName
            context.report(subject, "listing \(resource.qualifiedName) failed, "
                + (left ? "the file is left as .partial" : "nothing written") + ": \(error)")
        }
    }
}
