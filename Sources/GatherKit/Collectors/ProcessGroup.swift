import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A process group: a script and whatever it started, unless those made themselves a group of their own.
struct ProcessGroup {
    /// The group's ID: the PID of the process that leads it.
    let id: pid_t

    /// The members still running (zombies, which have exited and wait to be reaped, are not), read from `/proc`.
    func runningMembers() -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry in
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let fields = Self.fieldsAfterName(stat), fields.count > 2, fields[0] != "Z", fields[2] == String(id)
            else { return nil }
            return pid
        }
    }

    /// Sends SIGKILL to every member.
    func kill() {
        _ = Glibc.kill(-id, SIGKILL)
    }

    /// Kills the members still running; returns how many there were.
    func stop() -> Int {
        let running = runningMembers()
        if !running.isEmpty { kill() }
        return running.count
    }

    /// The fields of a `/proc/<pid>/stat` line after the command name, which may hold spaces and parentheses: state,
    /// parent PID, process group, ...
    static func fieldsAfterName(_ stat: String) -> [Substring]? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }
}
