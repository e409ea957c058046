import JSONCoding
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
        let continueToken: String?
    }

    /// One page of a list response as it came: the body's bytes and where each item lies in them, so items can go to
    /// disk without being built as values.
    public struct RawListPage: Sendable {
        /// The body.
        public let bytes: [UInt8]
        /// The byte range of each item in ``bytes``.
        public let items: [Range<Int>]
        /// `apiVersion` of the list.
        public let apiVersion: String?
        /// `kind` of the list.
        public let kind: String?
        /// `metadata.resourceVersion` of the list.
        public let resourceVersion: String?
        /// The token for the next page; nil on the last page.
        let continueToken: String?

        /// Item `index`, built as a value.
        func item(_ index: Int) throws -> JSONValue {
            try bytes.withUnsafeBufferPointer { try JSONScanner($0).parse(items[index]) }
        }

        /// Every item, built as values.
        public func values() throws -> [JSONValue] {
            try bytes.withUnsafeBufferPointer { buffer in
                let scanner = JSONScanner(buffer)
                return try items.map { try scanner.parse($0) }
            }
        }
    }

    /// What a paged list did.
    public struct ListSummary: Sendable, Equatable {
        /// Pages received, over all restarts.
        var pages = 0
        /// Items handed over after the last restart.
        public var items = 0
        /// Restarts from the first page after the continue token expired (410 Gone).
        var restarts = 0
        /// Pages asked again with a smaller limit because they were over the client's largest page.
        var shrinks = 0
    }

    /// How many times a list restarts after its continue token expires before giving up.
    static let maximumListRestarts = 3

    /// Lists `path` page by page (`limit` and `continue`), handing each page's items as values to `onPage` as it
    /// arrives, so a huge list never sits in memory whole. See ``listRaw(_:query:pageSize:onRestart:onPage:)``.
    @discardableResult
    public func list(
        _ path: String,
        query: [(name: String, value: String)] = [],
        pageSize: Int? = nil,
        onRestart: () async throws -> Void = {},
        onPage: (ListPage) async throws -> Void
    ) async throws -> ListSummary {
        try await listRaw(path, query: query, pageSize: pageSize, onRestart: onRestart) { raw in
            let items: [JSONValue]
            do {
                items = try raw.values()
            } catch {
                throw KubeError(kind: .malformedResponse, path: path, message: "\(error)")
            }
            try await onPage(ListPage(apiVersion: raw.apiVersion, kind: raw.kind, resourceVersion: raw.resourceVersion,
                items: items, continueToken: raw.continueToken))
        }
    }

    /// Lists `path` page by page (`limit` and `continue`), handing each page as bytes to `onPage` as it arrives.
    ///
    /// When the server answers 410 Gone to a continue token (the snapshot expired), the list starts again from the
    /// first page; `onRestart` is called first so the caller can drop what it has.
    ///
    /// Pages are bounded in bytes as well as items: each next page's limit is sized from the last page's bytes per
    /// item (``KubeClientOptions/listPageTargetBytes``), and a page over ``KubeClientOptions/maximumListPageBytes`` is
    /// asked again with an eighth of the limit, so memory does not follow the size of the objects listed.
    /// - Parameters:
    ///   - path: the collection path.
    ///   - query: extra query items (`labelSelector`, ...).
    ///   - pageSize: items per page; nil uses the client's default, 0 asks for everything at once.
    @discardableResult
    public func listRaw(
        _ path: String,
        query: [(name: String, value: String)] = [],
        pageSize: Int? = nil,
        onRestart: () async throws -> Void = {},
        onPage: (RawListPage) async throws -> Void
    ) async throws -> ListSummary {
        let largestLimit = pageSize ?? options.pageSize
        var limit = largestLimit
        var summary = ListSummary()
        var continueToken: String?
        while true {
            var pageQuery = query
            if limit > 0 { pageQuery.append((name: "limit", value: String(limit))) }
            if let continueToken { pageQuery.append((name: "continue", value: continueToken)) }
            let page: RawListPage
            do {
                page = try await fetchPage(Request(path: path, query: pageQuery))
            } catch let error as KubeError where error.kind == .bodyTooLarge && limit != 1 {
                limit = limit > 0 ? max(1, limit / 8) : max(1, options.pageSize / 8)
                summary.shrinks += 1
                options.logger.notice("a page of \(path) was over \(options.maximumListPageBytes) bytes, asking again with limit \(limit)")
                continue
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
            if largestLimit > 0 { limit = nextLimit(after: page, largest: largestLimit) }
        }
    }

    /// The limit that brings the next page near ``KubeClientOptions/listPageTargetBytes``, judged by `page`'s bytes
    /// per item, between one and `largest`.
    func nextLimit(after page: RawListPage, largest: Int) -> Int {
        guard !page.items.isEmpty else { return largest }
        let bytesPerItem = max(1, page.bytes.count / page.items.count)
        return min(largest, max(1, options.listPageTargetBytes / bytesPerItem))
    }

    /// Lists `path` whole and returns every item (for small lists: nodes, namespaces).
    public func listAll(_ path: String, query: [(name: String, value: String)] = []) async throws -> [JSONValue] {
        var items: [JSONValue] = []
        try await list(path, query: query, onRestart: { items.removeAll() }, onPage: { items.append(contentsOf: $0.items) })
        return items
    }

    private func fetchPage(_ request: Request) async throws -> RawListPage {
        let body = try await get(request, maximumBytes: options.maximumListPageBytes)
        do {
            return try RawListPage(body: body.bytes)
        } catch {
            throw KubeError(kind: .malformedResponse, path: request.path, message: error.description)
        }
    }
}

extension KubeClient.RawListPage {
    /// Reads a list response: finds each item's range and reads the list's own fields, without building the items.
    init(body bytes: [UInt8]) throws(JSONParseError) {
        self = try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            let scanner = JSONScanner(buffer)
            let end = try scanner.skipValue(0)
            guard scanner.skipWhitespace(end) == buffer.count else {
                throw JSONParseError(reason: "data after the list", offset: end)
            }
            var members: [JSONScanner.Member] = []
            try scanner.members(of: 0..<end, into: &members)
            func member(_ name: String) -> Range<Int>? {
                members.first { !$0.keyHasEscapes && buffer[$0.key].elementsEqual(name.utf8) }?.value
            }
            func parsed(_ name: String) throws(JSONParseError) -> JSONValue? {
                guard let range = member(name) else { return nil }
                return try scanner.parse(range)
            }
            guard let itemsRange = member("items") else {
                throw JSONParseError(reason: "the list has no items array", offset: 0)
            }
            var items: [Range<Int>] = []
            if buffer[itemsRange.lowerBound] != UInt8(ascii: "n") {  // `items: null` is an empty list
                try scanner.elements(of: itemsRange, into: &items)
            }
            let metadata = try parsed("metadata")
            return KubeClient.RawListPage(
                bytes: bytes,
                items: items,
                apiVersion: try parsed("apiVersion")?.stringValue,
                kind: try parsed("kind")?.stringValue,
                resourceVersion: metadata?["resourceVersion"]?.stringValue,
                continueToken: metadata?["continue"]?.stringValue
            )
        }
    }
}
