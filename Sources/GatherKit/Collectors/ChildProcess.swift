import CSpawn

#if canImport(Glibc)
import Glibc
#endif

/// A program started with `posix_spawn` as the leader of a new process group, reading nothing, its output and errors
/// going to files. Its end is found by `waitpid` on its PID alone, so what it leaves running in the background does
/// not keep it from ending (Foundation's `Process` waits for those too).
struct ChildProcess: Sendable {
    /// Its PID, which is also its process group's ID.
    let pid: pid_t

    /// How a program ended.
    enum Ending: Equatable, Sendable {
        case exited(status: Int32)
        case killed(signal: Int32)
    }

    /// It could not be started, or one of its log files could not be opened.
    struct StartError: Error, CustomStringConvertible {
        let description: String

        /// `posix_spawn` failed on `executable` with the error `code`.
        init(starting executable: String, code: Int32) {
            description = "cannot start \(executable): \(String(cString: strerror(code)))"
        }

        /// Opening the log file `path` failed with the error `code`.
        init(openingLog path: String, code: Int32) {
            description = "cannot open the log file \(path): \(String(cString: strerror(code)))"
        }
    }

    /// The group it leads: it, and what it started.
    var group: ProcessGroup { ProcessGroup(id: pid) }

    /// Starts `executable` with `arguments` and exactly `environment`, in `directory`, its standard output and error
    /// written to the files `standardOutput` and `standardError` (created or emptied, never through a symbolic link),
    /// its standard input empty, and no other descriptor of gather's open in it.
    static func start(_ executable: String, arguments: [String], environment: [String: String], directory: String,
                      standardOutput: String, standardError: String) throws(StartError) -> ChildProcess {
        // Opened here, not by the spawn's file actions, so that a failure names the log and not the program.
        let output = try openLog(standardOutput)
        defer { close(output) }
        let errors = try openLog(standardError)
        defer { close(errors) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, errors, 2)
        cspawn_file_actions_addclosefrom(&actions, 3)
        cspawn_file_actions_addchdir(&actions, directory)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A group of its own (0: its PID), no blocked signals, and every signal at its default (gather ignores
        // SIGPIPE; a script must not inherit that).
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { throw StartError(starting: executable, code: code) }
        return ChildProcess(pid: pid)
    }

    /// Creates or empties the log file `path` for writing, never through a symbolic link; closed on exec.
    private static func openLog(_ path: String) throws(StartError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StartError(openingLog: path, code: errno) }
        return descriptor
    }

    /// Waits for the program itself to end, looking every `interval`, and reaps it. Cancelling the waiting task does
    /// not stop the wait: kill the group for that.
    func ending(checkingEvery interval: Duration = .milliseconds(50)) async -> Ending {
        await Task.detached { [pid] in
            var status: Int32 = 0
            while true {
                let reaped = waitpid(pid, &status, WNOHANG)
                if reaped == pid { return Self.ending(of: status) }
                if reaped < 0 && errno != EINTR { return .exited(status: -1) }
                try? await Task.sleep(for: interval)
            }
        }.value
    }

    /// The ending a `waitpid` status describes.
    static func ending(of status: Int32) -> Ending {
        let signal = status & 0x7f
        return signal == 0 ? .exited(status: (status >> 8) & 0xff) : .killed(signal: signal)
    }
}
