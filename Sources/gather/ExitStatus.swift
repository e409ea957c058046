import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// gather's exit status, decided in one place from what a command threw: 0 when every collector succeeded; 1 when
/// some failed or were cut short (the output is still usable) or a check failed; 2 for a usage or configuration
/// error, with nothing gathered.
enum ExitStatus {
    /// A wrong flag, spec, kubeconfig or credential: exit status 2, nothing gathered.
    struct UsageError: Error, CustomStringConvertible {
        let cause: any Error
        init(_ cause: any Error) { self.cause = cause }
        var description: String { "\(cause)" }
    }

    /// A check that did not pass (`gather preflight` against a failing server): exit status 1.
    struct CheckFailed: Error, CustomStringConvertible {
        let cause: any Error
        init(_ cause: any Error) { self.cause = cause }
        var description: String { "\(cause)" }
    }

    /// A run that ended with some collector not succeeded, or an archive not packed; its summary already says why:
    /// exit status 1.
    struct RunIncomplete: Error {}

    /// Prints what `error` calls for to standard error and exits with its status. Help and `--version` go through
    /// swift-argument-parser as usual; its usage errors (an unknown flag, a value it cannot read) are status 2 like
    /// every other usage error.
    static func exit(for error: any Error) -> Never {
        switch error {
        case let error as UsageError:
            printError("gather: \(error)")
            Glibc.exit(2)
        case let error as CheckFailed:
            printError("gather: \(error)")
            Glibc.exit(1)
        case is RunIncomplete:
            Glibc.exit(1)
        default:
            guard Gather.exitCode(for: error) == .validationFailure else { Gather.exit(withError: error) }
            printError(Gather.fullMessage(for: error))
            Glibc.exit(2)
        }
    }
}
