/// A configuration that cannot be used, naming the file and the field at fault.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The file (kubeconfig, token, certificate) or source at fault.
    let file: String
    /// The field at fault, as a path (`users[admin].user.client-key`), or empty when the whole file is at fault.
    let field: String
    /// What is wrong.
    let problem: String

    /// Creates an error about `field` of `file`.
    public init(file: String, field: String = "", problem: String) {
        self.file = file
        self.field = field
        self.problem = problem
    }

    public var description: String {
        field.isEmpty ? "\(file): \(problem)" : "\(file): \(field): \(problem)"
    }
}
