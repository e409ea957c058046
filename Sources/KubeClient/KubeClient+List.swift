extension KubeClient {
    /// One page of a list response.
    public struct ListPage: Sendable {
        /// `apiVersion` of the list (`v1`, `apps/v1`).
        public let apiVersion: String?
        /// `kind` of the list (`PodList`).
        public let kind: String?
        /// `metadata.resourceVersion` of the list.
        public let resourceVersion: String?
        /// The objects of this page.
        public let items: [JSONValue]
        /// The token for the next page; nil on the last page.
        public let continueToken: String?
    }

    /// What a paged list did.
    public struct ListSummary: Sendable, Equatable {
        /// Pages received, over all restarts.
        public var pages = 0
        /// Items handed over after the last restart.
        public var items = 0
        /// Restarts from the first page after the continue token expired (410 Gone).
        public var restarts = 0
    }

    /// How many times a list restarts after its continue token expires before giving up.
    public static let maximumListRestarts = 3

    /// Lists `path` page by page (`limit` and `continue`), handing each page to `onPage` as it arrives, so a huge list
    /// never sits in memory whole.
    ///
    /// When the server answers 410 Gone to a continue token (the snapshot expired), the list starts again from the
    /// first page; `onRestart` is called first so the caller can drop what it has.
    /// - Parameters:
    ///   - path: the collection path.
    ///   - query: extra query items (`labelSelector`, ...).
    ///   - pageSize: items per page; nil uses the client's default, 0 asks for everything at once.
    @discardableResult
    public func list(
        _ path: String,
        query: [(name: String, value: String)] = [],
        pageSize: Int? = nil,
        onRestart: () async throws -> Void = {},
        onPage: (ListPage) async throws -> Void
    ) async throws -> ListSummary {
        let limit = pageSize ?? options.pageSize
        var summary = ListSummary()
        var continueToken: String?
        while true {
            var pageQuery = query
            if limit > 0 { pageQuery.append((name: "limit", value: String(limit))) }
            if let continueToken { pageQuery.append((name: "continue", value: continueToken)) }
            let page: ListPage
            do {
                page = try await fetchPage(Request(path: path, query: pageQuery))
            } catch let error as KubeError where error.kind == .gone && continueToken != nil {
                guard summary.restarts < Self.maximumListRestarts else { throw error }
                summary.restarts += 1
                summary.items = 0
                continueToken = nil
                options.logger.notice("list \(path) expired (410), starting again from the first page")
                try await onRestart()
                continue
            }
            summary.pages += 1
            summary.items += page.items.count
            try await onPage(page)
            guard let next = page.continueToken, !next.isEmpty else { return summary }
            continueToken = next
        }
    }

    /// Lists `path` whole and returns every item (for small lists: nodes, namespaces).
    public func listAll(_ path: String, query: [(name: String, value: String)] = []) async throws -> [JSONValue] {
        var items: [JSONValue] = []
        try await list(path, query: query, onRestart: { items.removeAll() }, onPage: { items.append(contentsOf: $0.items) })
        return items
    }

    private func fetchPage(_ request: Request) async throws -> ListPage {
        let body = try await get(request)
        let document: JSONValue
        do {
            document = try JSONParser.parse(body.bytes)
        } catch {
            throw KubeError(kind: .malformedResponse, path: request.path, message: error.description)
        }
        guard case .array(let items)? = document["items"] else {
            throw KubeError(kind: .malformedResponse, path: request.path, message: "the list has no items array")
        }
        return ListPage(
            apiVersion: document["apiVersion"]?.stringValue,
            kind: document["kind"]?.stringValue,
            resourceVersion: document[path: "metadata", "resourceVersion"]?.stringValue,
            items: items,
            continueToken: document[path: "metadata", "continue"]?.stringValue
        )
    }
}
