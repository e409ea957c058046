import JSONCoding
import Testing

@testable import YAMLCoding

struct YAMLReaderTests {
    @Test func resolvesPlainScalarsAndKeepsQuotedOnesAsStrings() throws {
        let value = try YAMLReader.document("""
            ---
            a: true
            b: "true"
            c: 30
            d: '30'
            e: 9007199254740993
            f: 1.5
            g: null
            h: ~
            i: 10.0.0.1
            j: 2021-08-03T09:26:39Z
            k: 0x1F
            l: 007
            m: !!str 12
            """)
        #expect(value == [
            "a": true, "b": "true", "c": 30, "d": "30", "e": .number("9007199254740993"), "f": .number("1.5"),
            "g": nil, "h": nil, "i": "10.0.0.1", "j": "2021-08-03T09:26:39Z", "k": "0x1F", "l": "007", "m": "12",
        ])
    }

    @Test func readsNestedListsBlocksAndSeveralDocuments() throws {
        let documents = try YAMLReader.documents(Array("""
            kind: PodList
            items:
            - metadata:
                name: a
              data:
                script: |
                  line one
                  line two
            - metadata: {name: b}
              list: [[1, 2], []]
            ---
            second: {}
            """.utf8))
        #expect(documents.count == 2)
        #expect(documents[0][path: "kind"] == "PodList")
        let items = documents[0]["items"]?.arrayValue ?? []
        #expect(items.count == 2)
        #expect(items[0][path: "data", "script"] == "line one\nline two\n")
        #expect(items[1]["list"] == [[1, 2], []])
        #expect(documents[1] == ["second": [:]])
    }

    @Test func reportsTheLineOfASyntaxError() {
        #expect {
            try YAMLReader.documents(Array("a: b\nc: [unclosed\nd: e\n".utf8))
        } throws: { error in
            ((error as? YAMLReadError)?.line ?? 0) >= 2
        }
    }
}
