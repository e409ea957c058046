import GatherKit
import KubeClient

/// Runs a `count` entry. Each type is counted from one page of one item, whose `metadata.remainingItemCount` says how
/// many are left, as the API server reports it for lists without a selector; when it does not, the type is listed page
/// by page and its items counted without being kept.
struct CountCollector: Collector {
    let entry: CollectorEntry
    let layout: CountKind.Layout
    let session: InspectSession

    func run(_ context: CollectorContext) async throws {
        let discovery = try await session.discovery()
        /// The number of objects of `type`; 0 with a note when it is not served, nil when listing failed.
        func count(_ type: String) async -> Int? {
            guard let resource = discovery.resources(named: type).first else {
                context.note("the server doesn't have a resource type \(type), counted 0")
                return 0
            }
            do {
                let first = try await session.client.getJSON(resource.collectionPath(), query: [("limit", "1")])
                let items = first["items"]?.arrayValue?.count ?? 0
                guard let next = first[path: "metadata", "continue"]?.stringValue, !next.isEmpty else { return items }
                if let remaining = first[path: "metadata", "remainingItemCount"]?.intValue { return items + remaining }
                return try await session.client.listRaw(resource.collectionPath()) { _ in }.items
            } catch {
                context.report(type, "counting failed: \(error)")
                return nil
            }
        }
        switch layout {
        case .filePerType(let folder, let types):
            for type in types {
                guard let number = await count(type) else { continue }
                write("\(number)\n", to: folder + ["\(type).count"], context: context)
            }
        case .lines(let file, let labelledTypes):
            var text = ""
            for line in labelledTypes {
                guard let number = await count(line.type) else { continue }
                text += "\(line.label): \(number)\n"
            }
            write(text, to: file, context: context)
        }
    }

    private func write(_ text: String, to components: [String], context: CollectorContext) {
        do {
            try context.output.write(Array(text.utf8), to: components)
            context.countFile(bytes: Int64(text.utf8.count))
        } catch {
            context.report(components.joined(separator: "/"), "\(error)")
        }
    }
}
