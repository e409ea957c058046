/// The `capacity` greatest elements seen, kept in bounded memory however many are offered: elements are gathered up
/// to twice the capacity, then cut back to the greatest.
struct TopList<Element> {
    let capacity: Int
    /// Whether the first element ranks above the second.
    let ranksAbove: (Element, Element) -> Bool
    private var kept: [Element] = []

    init(capacity: Int, ranksAbove: @escaping (Element, Element) -> Bool) {
        self.capacity = capacity
        self.ranksAbove = ranksAbove
    }

    mutating func offer(_ element: Element) {
        kept.append(element)
        if kept.count >= 2 * capacity { trim() }
    }

    /// The greatest elements, greatest first.
    var elements: [Element] {
        var copy = self
        copy.trim()
        return copy.kept
    }

    private mutating func trim() {
        kept.sort(by: ranksAbove)
        if kept.count > capacity { kept.removeLast(kept.count - capacity) }
    }
}
