extension Sequence where Element: Sendable {
    /// Runs `body` for every element, at most `limit` at once; stops starting new ones when the task is cancelled.
    func concurrentForEach(limit: Int, _ body: @escaping @Sendable (Element) async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            var iterator = makeIterator()
            var running = 0
            while running < limit, let element = iterator.next() {
                group.addTask { await body(element) }
                running += 1
            }
            while await group.next() != nil {
                guard !Task.isCancelled, let element = iterator.next() else { continue }
                group.addTask { await body(element) }
            }
        }
    }
}
