import CYaml
import Foundation
import JSONCoding

/// Reads the objects of a Kubernetes list file (`kind: PodList`, `items: [...]`) one at a time, straight from the file.
///
/// A namespace's `pods.yaml` or `events.yaml` in a large cluster runs to tens of megabytes; a reader that wants a few
/// fields of each object holds only the object in hand, never the file or the whole list. libyaml reads the file in
/// small blocks; each element of the top-level `items` sequence is built as a value, handed over and dropped.
/// Everything outside `items` (`apiVersion`, `kind`, `metadata`) is passed over.
public enum YAMLListItems {
    /// Calls `body` with each element of the top-level `items` sequence of the YAML file at `path`, in order.
    /// A file with no `items` calls it never. Throws when the file cannot be opened or is not valid YAML (after
    /// handing over the items before the fault).
    public static func forEach(inFile path: String, _ body: (JSONValue) -> Void) throws(YAMLReadError) {
        guard let file = fopen(path, "rb") else {
            throw YAMLReadError(message: "cannot open \(path): \(String(cString: strerror(errno)))", line: 0)
        }
        defer { fclose(file) }
        var walker = ItemsWalker()
        try YAMLReader.forEachEvent(input: { yaml_parser_set_input_file(&$0, file) }) { event throws(YAMLReadError) in
            if let item = try walker.consume(&event) { body(item) }
        }
    }
}

/// Follows the events of a stream: finds the top-level mapping's `items` sequence and builds its elements one by one.
private struct ItemsWalker {
    /// How many collections are open, counted outside the item being built.
    private var depth = 0
    /// Whether the next event at depth 1 (inside the top-level mapping) is a key.
    private var atKey = true
    /// The last key read at depth 1.
    private var lastKey: String?
    /// Whether the `items` sequence is open (its elements sit at depth 2).
    private var inItems = false
    /// The element being built, when one is.
    private var item: TreeBuilder?

    /// Takes one event; returns an element of `items` when this event completes one.
    mutating func consume(_ event: inout yaml_event_t) throws(YAMLReadError) -> JSONValue? {
        if var builder = item {
            try builder.consume(&event)
            return finish(builder)
        }
        let isStart = event.type == YAML_MAPPING_START_EVENT || event.type == YAML_SEQUENCE_START_EVENT
        let isEnd = event.type == YAML_MAPPING_END_EVENT || event.type == YAML_SEQUENCE_END_EVENT
        let isNode = isStart || event.type == YAML_SCALAR_EVENT || event.type == YAML_ALIAS_EVENT
        if inItems && depth == 2 && isNode {
            var builder = TreeBuilder()
            try builder.consume(&event)
            return finish(builder)
        }
        if isStart {
            if depth == 1 && !atKey && lastKey == "items" && event.type == YAML_SEQUENCE_START_EVENT { inItems = true }
            depth += 1
            if depth == 1 { atKey = true }
        } else if isEnd {
            depth -= 1
            if depth == 1 {
                inItems = false
                atKey = true
            }
        } else if depth == 1 && isNode {
            // A scalar or alias inside the top-level mapping: a key, or a value that is not a collection.
            if atKey {
                let scalar = event.data.scalar
                lastKey = event.type == YAML_SCALAR_EVENT
                    ? String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    : nil
            }
            atKey.toggle()
        }
        return nil
    }

    /// Hands over the element when `builder` has completed it, else keeps building.
    private mutating func finish(_ builder: TreeBuilder) -> JSONValue? {
        if let value = builder.documents.first {
            item = nil
            return value
        }
        item = builder
        return nil
    }
}
