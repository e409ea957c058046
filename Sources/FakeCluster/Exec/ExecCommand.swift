import Compression

/// What a command run over exec prints and how it ends.
struct ExecOutcome: Sendable {
    /// What goes to stdout.
    enum Output: Sendable {
        /// These bytes.
        case bytes([UInt8])
        /// This many bytes of filler, made as they are sent (large outputs without holding them).
        case filler(count: Int)

        var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .filler(let count): count
            }
        }
    }

    var stdout: Output
    var stderr: [UInt8]
    var exitCode: Int

    init(stdout: Output = .bytes([]), stderr: String = "", exitCode: Int = 0) {
        self.stdout = stdout
        self.stderr = Array(stderr.utf8)
        self.exitCode = exitCode
    }
}

/// Runs a command line against a pod's ``PodContents``, as its container would: the answers it models, and the few
/// commands the stock scripts and `kubectl cp` use (`cat`, `tar cf -`), plus `echo` and `head -c N /dev/zero` for
/// tests. Anything else is not found (exit 127), as a container runtime reports it.
enum ExecCommand {
    static func run(_ command: [String], in pod: PodContents) -> ExecOutcome {
        if let answer = pod.answers[command] { return ExecOutcome(stdout: .bytes(answer)) }
        switch command.first ?? "" {
        case "cat":
            return cat(Array(command.dropFirst()), in: pod)
        case "tar" where pod.hasTar:
            return tar(Array(command.dropFirst()), in: pod)
        case "echo":
            return ExecOutcome(stdout: .bytes(Array((command.dropFirst().joined(separator: " ") + "\n").utf8)))
        case "head" where command.count == 4 && command[1] == "-c" && command[3] == "/dev/zero":
            guard let count = Int(command[2]), count >= 0 else {
                return ExecOutcome(stderr: "head: invalid number of bytes: '\(command[2])'\n", exitCode: 1)
            }
            return ExecOutcome(stdout: .filler(count: count))
        default:
            let name = command.first ?? ""
            return ExecOutcome(
                stderr: "exec: \"\(name)\": executable file not found in $PATH: command not found\n", exitCode: 127)
        }
    }

    /// `cat PATH...`: each file in turn; a missing one is reported on stderr and makes the exit status 1.
    static func cat(_ paths: [String], in pod: PodContents) -> ExecOutcome {
        var stdout: [UInt8] = []
        var stderr = ""
        for path in paths {
            if let bytes = pod.files[path] {
                stdout += bytes
            } else if pod.files.keys.contains(where: { $0.hasPrefix(path + "/") }) {
                stderr += "cat: \(path): Is a directory\n"
            } else {
                stderr += "cat: \(path): No such file or directory\n"
            }
        }
        return ExecOutcome(stdout: .bytes(stdout), stderr: stderr, exitCode: stderr.isEmpty ? 0 : 1)
    }

    /// `tar cf - -C DIR NAME` (what gather runs) or `tar cf - PATH` (what `kubectl cp` runs): the modelled files
    /// below the path, named as GNU tar names them.
    static func tar(_ arguments: [String], in pod: PodContents) -> ExecOutcome {
        let root: String
        let prefix: String
        var stderr = ""
        switch arguments.count {
        case 5 where arguments[0] == "cf" && arguments[1] == "-" && arguments[2] == "-C":
            let directory = arguments[3].hasSuffix("/") ? String(arguments[3].dropLast()) : arguments[3]
            root = directory + "/" + arguments[4]
            prefix = arguments[4]
        case 3 where arguments[0] == "cf" && arguments[1] == "-":
            root = arguments[2]
            prefix = String(root.drop { $0 == "/" })
            if prefix.count != root.count { stderr = "tar: Removing leading `/' from member names\n" }
        default:
            return ExecOutcome(stderr: "tar: unsupported arguments \(arguments)\n", exitCode: 2)
        }
        if let archive = pod.archives[root] { return ExecOutcome(stdout: .bytes(archive), stderr: stderr) }
        var entries: [TarImage.Entry] = []
        if let file = pod.files[root] {
            entries.append(.file(name: prefix, contents: file))
        } else {
            var folders = Set<String>()
            for path in pod.files.keys.sorted() where path.hasPrefix(root + "/") {
                let relative = path.dropFirst(root.count + 1).split(separator: "/").map(String.init)
                for depth in 0..<relative.count {
                    let folder = ([prefix] + relative[..<depth]).joined(separator: "/") + "/"
                    if folders.insert(folder).inserted { entries.append(.directory(name: folder)) }
                }
                entries.append(.file(name: ([prefix] + relative).joined(separator: "/"), contents: pod.files[path]!))
            }
        }
        guard !entries.isEmpty else {
            return ExecOutcome(stderr: stderr + "tar: \(arguments.last!): Cannot stat: No such file or directory\n"
                + "tar: Exiting with failure status due to previous errors\n", exitCode: 2)
        }
        do {
            return ExecOutcome(stdout: .bytes(try TarImage(entries).bytes), stderr: stderr)
        } catch {
            return ExecOutcome(stderr: stderr + "tar: \(error)\n", exitCode: 2)
        }
    }
}
