/// A way for the fake cluster to misbehave on purpose, for requests whose path matches a pattern.
public struct Fault: Sendable, Equatable {
    /// What goes wrong.
    public enum Kind: Sendable, Equatable {
        /// Every matching answer is delayed.
        case latency(milliseconds: Int)
        /// A share (0...1) of matching requests, spread evenly, answer this 5xx status.
        case serverError(status: Int, share: Double)
        /// The first `count` requests to each matching target answer 429 with `Retry-After: seconds`.
        case tooManyRequests(retryAfterSeconds: Int, count: Int)
        /// The body breaks off (connection reset) after this many bytes.
        case resetAfter(bytes: Int)
        /// The body stops after this many bytes and never resumes.
        case stallAfter(bytes: Int)
        /// The body comes one small piece at a time: this many bytes a second.
        case drip(bytesPerSecond: Int)
        /// The body ends cleanly, but after this many bytes (truncated JSON, truncated gzip).
        case truncateAfter(bytes: Int)
        /// The body is replaced by text that is not JSON.
        case malformedJSON
        /// 403 Forbidden, as RBAC answers.
        case forbidden
        /// 401 Unauthorized, as an expired or revoked token meets.
        case unauthorized
        /// The continue tokens of matching lists have expired (410 Gone).
        case expiredContinue
        /// No answer at all, ever (a node whose proxy hangs).
        case neverAnswer
        /// Commands run over exec end with this exit status, whatever they print.
        case exitStatus(Int)
        /// Directory listings gain hostile entries: `../`, absolute paths, a very long name, odd bytes.
        case hostileListing
        /// The list body is replaced by a list whose item nests arrays this deep.
        case deeplyNestedJSON(depth: Int)
        /// The list body is replaced by a list with invalid UTF-8, NULs and noncharacters in names, keys and values.
        case invalidUTF8
        /// The list body is replaced by one whose first string never ends.
        case endlessString
    }

    /// A glob over the request path (`*` matches anything, `/` included).
    var pattern: String
    var kind: Kind

    public init(_ pattern: String, _ kind: Kind) {
        self.pattern = pattern
        self.kind = kind
    }

    /// Parses `PATTERN=KIND[:ARG[:ARG]]`, for example `/api/v1/namespaces/*/secrets*=forbidden`,
    /// `*=server-error:503:0.2`, `*/log=reset:4096`, `*=too-many-requests:1:2`, `*/proxy/*=never-answer`,
    /// `*/exec=exit:3`, `*/configmaps=deep-json:200000`, `*/configmaps=invalid-utf8`, `*/configmaps=endless-string`.
    public init?(parsing text: String) {
        guard let equals = text.lastIndex(of: "=") else { return nil }
        pattern = String(text[..<equals])
        let parts = text[text.index(after: equals)...].split(separator: ":").map(String.init)
        guard let name = parts.first else { return nil }
        let numbers = parts.dropFirst().compactMap { Double($0) }
        func int(_ index: Int, _ fallback: Int) -> Int { numbers.count > index ? Int(numbers[index]) : fallback }
        switch name {
        case "latency": kind = .latency(milliseconds: int(0, 5))
        case "server-error": kind = .serverError(status: int(0, 500), share: numbers.count > 1 ? numbers[1] : 1)
        case "too-many-requests": kind = .tooManyRequests(retryAfterSeconds: int(0, 1), count: int(1, 1))
        case "reset": kind = .resetAfter(bytes: int(0, 1024))
        case "stall": kind = .stallAfter(bytes: int(0, 0))
        case "drip": kind = .drip(bytesPerSecond: int(0, 1))
        case "truncate": kind = .truncateAfter(bytes: int(0, 100))
        case "malformed-json": kind = .malformedJSON
        case "forbidden": kind = .forbidden
        case "unauthorized": kind = .unauthorized
        case "expired-continue": kind = .expiredContinue
        case "never-answer": kind = .neverAnswer
        case "hostile-listing": kind = .hostileListing
        case "exit": kind = .exitStatus(int(0, 1))
        case "deep-json": kind = .deeplyNestedJSON(depth: int(0, 200_000))
        case "invalid-utf8": kind = .invalidUTF8
        case "endless-string": kind = .endlessString
        default: return nil
        }
    }

    /// Whether `path` matches the pattern.
    func matches(_ path: String) -> Bool {
        Self.glob(Array(pattern.utf8)[...], Array(path.utf8)[...])
    }

    private static func glob(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var patternIndex = pattern.startIndex
        var textIndex = text.startIndex
        var star: (pattern: Int, text: Int)?
        while textIndex < text.endIndex {
            if patternIndex < pattern.endIndex && pattern[patternIndex] == UInt8(ascii: "*") {
                star = (patternIndex, textIndex)
                patternIndex += 1
            } else if patternIndex < pattern.endIndex && pattern[patternIndex] == text[textIndex] {
                patternIndex += 1
                textIndex += 1
            } else if let backtrack = star {
                patternIndex = backtrack.pattern + 1
                textIndex = backtrack.text + 1
                star = (backtrack.pattern, backtrack.text + 1)
            } else {
                return false
            }
        }
        while patternIndex < pattern.endIndex && pattern[patternIndex] == UInt8(ascii: "*") { patternIndex += 1 }
        return patternIndex == pattern.endIndex
    }
}
