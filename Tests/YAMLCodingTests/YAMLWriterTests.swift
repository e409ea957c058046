import JSONCoding
import Testing
import Yams

@testable import YAMLCoding

struct YAMLWriterTests {
    private func yaml(_ value: JSONValue) throws -> String {
        let writer = YAMLWriter()
        try writer.writeDocument(value)
        try writer.finish()
        return String(decoding: writer.takeOutput(), as: UTF8.self)
    }

    @Test func writesListsTheWayOcDoes() throws {
        let list: JSONValue = [
            "kind": "PodList", "apiVersion": "v1", "metadata": ["resourceVersion": "12"],
            "items": [["metadata": ["name": "a", "labels": [:]], "kind": "Pod", "spec": ["containers": []]]],
        ]
        #expect(try yaml(list) == """
            apiVersion: v1
            items:
            - kind: Pod
              metadata:
                labels: {}
                name: a
              spec:
                containers: []
            kind: PodList
            metadata:
              resourceVersion: "12"

            """)
    }

    @Test func multiLineStringsBecomeBlocksAndLongLinesStayWhole() throws {
        let long = String(repeating: "word ", count: 40) + "end"
        #expect(try yaml(["script": "set -e\necho hi\n", "message": .string(long)]) == """
            message: \(long)
            script: |
              set -e
              echo hi

            """)
    }

    /// Strings that YAML 1.1 or 1.2 readers would type otherwise, and strings with characters that need care.
    static let oddStrings: [String] = [
        "", " ", "  lead", "trail ", "true", "True", "yes", "No", "on", "OFF", "y", "n", "~", "null", "NULL",
        "12", "-12", "+12", "007", "0x1F", "0o17", "1e3", "1.5", ".5", "-.5", "1_000", "1:20", "1:20:30", "10.0.0.1",
        ".inf", "-.Inf", ".NaN", "<<", "=", "2021-08-03", "2001-12-14 21:59:43.10 -5", "2021-08-03T09:26:39Z",
        "a: b", "a:b", "#c", "a #c", "- d", "-", "?", "? x", ":", "[x]", "{x}", "*ref", "&anchor", "!tag", "%directive",
        "|", ">", "@at", "`tick", "'single'", "\"double\"", "a\nb", "a\n", "a\n\n", "\nlead", "a \nb", "tab\there",
        "\t", "line\r\nbreak", "cr\r", "nel\u{85}x", "ls\u{2028}x", "ps\u{2029}x", "ü", "emoji 🎉", "bell\u{07}",
        "del\u{7F}", "bom\u{FEFF}x", "zero\u{0}x", "---", "...", "--- x", "a,b", "k8s.io/name", "100m", "1Gi",
        "quote's", "back\\slash", "a\n   \nb", "trail \nnext", "-x", "x:", "---x", "...x", "a\tb\nc", "x\n\n\ny\n\n",
        "key #x", "a#b", "?x", ":x", "é\nü\n", String(repeating: "x", count: 300), "key with spaces: and colon",
    ]

    @Test(arguments: oddStrings)
    func everyOddStringReadsBackAsTheSameStringWithYams(_ text: String) throws {
        let document: JSONValue = ["value": .string(text), .init(stringLiteral: text): "as a key", "list": [.string(text)]]
        let written = try yaml(document)
        let node = try #require(try Yams.compose(yaml: written), "\(written)")
        #expect(try YamsComparison.matches(node, document), "\(written)")
        #expect(try YAMLReader.document(written) == document, "\(written)")
    }

    @Test func numbersBooleansAndNullKeepTheirTypeAndText() throws {
        let document: JSONValue = [
            "big": .number("9007199254740993"), "negative": .number("-42"), "fraction": .number("1.25"),
            "exponent": .number("1.5e+21"), "zero": .number("0"), "yes": true, "no": false, "nothing": nil,
            "nested": [[.number("1"), .number("2")], [], [:], [nil]],
        ]
        let written = try yaml(document)
        let node = try #require(try Yams.compose(yaml: written))
        #expect(try YamsComparison.matches(node, document), "\(written)")
        #expect(try YAMLReader.document(written) == document)
    }

    @Test func itemsStreamOutAsTheyAreWritten() throws {
        let writer = YAMLWriter()
        try writer.beginDocument()
        try writer.beginMapping()
        try writer.writeKey("items")
        try writer.beginSequence()
        var chunks = 0
        for index in 0..<2000 {
            try writer.write(["metadata": ["name": .string("object-\(index)"), "padding": .string(String(repeating: "p", count: 100))]])
            if !writer.takeOutput().isEmpty { chunks += 1 }
        }
        try writer.endSequence()
        try writer.endMapping()
        try writer.endDocument()
        try writer.finish()
        #expect(chunks > 10, "output should leave the writer while items are still coming")
    }
}

/// Checks a YAML node tree against JSON, with the types a YAML 1.1 reader (Yams' default resolver) gives scalars.
enum YamsComparison {
    static func matches(_ node: Node, _ value: JSONValue) throws -> Bool {
        switch (node, value) {
        case (.scalar(let scalar), .string(let text)):
            return node.tag == Tag(.str) && scalar.string == text
        case (.scalar(let scalar), .number(let text)):
            return (node.tag == Tag(.int) || node.tag == Tag(.float)) && scalar.string == text
        case (.scalar(let scalar), .bool(let flag)):
            return node.tag == Tag(.bool) && scalar.string == (flag ? "true" : "false")
        case (.scalar, .null):
            return node.tag == Tag(.null)
        case (.sequence(let sequence), .array(let elements)):
            guard sequence.count == elements.count else { return false }
            return try zip(sequence, elements).allSatisfy { try matches($0, $1) }
        case (.mapping(let mapping), .object(let members)):
            guard mapping.count == members.count else { return false }
            for (key, child) in mapping {
                guard case .scalar(let keyScalar) = key, key.tag == Tag(.str), let expected = members[keyScalar.string],
                    try matches(child, expected)
                else { return false }
            }
            return true
        default:
            return false
        }
    }
}

/// The transcoder writes JSON bytes straight to YAML: it must give exactly what writing the parsed value gives.
struct JSONTranscoderTests {
    private func viaValue(_ json: String) throws -> String {
        let writer = YAMLWriter()
        try writer.writeDocument(try JSONParser.parse(json))
        try writer.finish()
        return String(decoding: writer.takeOutput(), as: UTF8.self)
    }

    private func viaBytes(_ json: String) throws -> String {
        let writer = YAMLWriter()
        let bytes = Array(json.utf8)
        try writer.beginDocument()
        try bytes.withUnsafeBufferPointer { try writer.writeJSON($0, range: 0..<$0.count) }
        try writer.endDocument()
        try writer.finish()
        return String(decoding: writer.takeOutput(), as: UTF8.self)
    }

    @Test(arguments: YAMLWriterTests.oddStrings)
    func oddStringsGiveTheSameYAML(_ text: String) throws {
        let json = String(decoding: JSONWriter.bytes(of: ["value": .string(text), .init(stringLiteral: text): [.string(text)]]),
            as: UTF8.self)
        #expect(try viaBytes(json) == viaValue(json), "\(json)")
    }

    @Test(arguments: [
        #"{"b":1,"a":[true,false,null,-0.5e+3,9007199254740993],"c":{},"d":[],"e":{"z":{"y":[[],[{}]]}}}"#,
        #" { "k\u00e9y" : "caf\u00e9 \ud83c\udf89 \"q\" \\ \/ \b\f\n\r\t" , "a\nb" : "x" , "plain" : "v" } "#,
        #"[{"metadata":{"name":"a","labels":{"z":"1","a":"true"}}},{"metadata":{"name":"b"}}]"#,
        #""just a string""#, "42", "true", "null", #"{"k":"ends with a backslash \\","k2":"q\"\\\"x","k3":"\\\\"}"#,
    ])
    func structuresAndEscapesGiveTheSameYAML(_ json: String) throws {
        #expect(try viaBytes(json) == viaValue(json), "\(json)")
    }

    @Test(arguments: [#"{"a":}"#, #"{"a":1,}"#, #"[1,2"#, #"{"a" 1}"#, #"tru"#, #"01"#, #"1."#, "{\"a\":\"line\nbreak\"}",
        "{\"a\":\"tab\there\"}", #"{"a":nul}"#])
    func malformedJSONIsAnError(_ json: String) {
        #expect(throws: (any Error).self) { try viaBytes(json) }
    }
}
