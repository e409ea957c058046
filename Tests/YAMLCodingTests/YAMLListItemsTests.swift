import Foundation
import JSONCoding
import Testing
import YAMLCoding

/// The list reader hands over the elements of `items` one at a time, and only those.
struct YAMLListItemsTests {
    func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "yaml-list-items-" + UUID().uuidString + ".yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func items(_ path: String) throws -> [JSONValue] {
        var items: [JSONValue] = []
        try YAMLListItems.forEach(inFile: path) { items.append($0) }
        return items
    }

    @Test func handsOverEachItemInOrderAndPassesOverTheRest() throws {
        let path = try file("""
            ---
            apiVersion: v1
            metadata: {resourceVersion: "1", items: [not, these]}
            items:
            - metadata:
                name: a
              items: [nested, stays, inside]
            - metadata: {name: b}
              list: [[1, 2], []]
            - plain scalar
            kind: PodList
            """)
        defer { unlink(path) }
        let read = try items(path)
        #expect(read.count == 3)
        #expect(read[0][path: "metadata", "name"] == "a")
        #expect(read[0]["items"] == ["nested", "stays", "inside"])
        #expect(read[1]["list"] == [[1, 2], []])
        #expect(read[2] == "plain scalar")
    }

    @Test func aFileWithoutItemsHandsOverNothing() throws {
        let object = try file("kind: Node\nmetadata:\n  name: a\n")
        let empty = try file("kind: PodList\nitems: []\n")
        let none = try file("")
        defer { for path in [object, empty, none] { unlink(path) } }
        #expect(try items(object).isEmpty)
        #expect(try items(empty).isEmpty)
        #expect(try items(none).isEmpty)
    }

    @Test func aSyntaxErrorThrowsAfterTheItemsBeforeIt() throws {
        let path = try file("items:\n- a: 1\n- b: [unclosed\n- c: 3\n")
        defer { unlink(path) }
        var read: [JSONValue] = []
        #expect(throws: YAMLReadError.self) {
            try YAMLListItems.forEach(inFile: path) { read.append($0) }
        }
        #expect(read == [["a": 1]])
    }

    @Test func aMissingFileIsAnErrorNamingIt() {
        #expect {
            try YAMLListItems.forEach(inFile: "/nonexistent/pods.yaml") { _ in }
        } throws: { error in
            "\(error)".contains("/nonexistent/pods.yaml")
        }
    }
}
