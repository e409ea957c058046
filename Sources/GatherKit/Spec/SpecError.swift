/// A spec that cannot be used: the file, the line, what is wrong.
public struct SpecError: Error, CustomStringConvertible, Equatable {
    let file: String
    let line: Int
    public let problem: String

    public init(file: String, line: Int, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String { line > 0 ? "\(file):\(line): \(problem)" : "\(file): \(problem)" }
}
