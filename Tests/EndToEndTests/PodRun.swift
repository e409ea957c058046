import Foundation

/// What one run of the image as the must-gather pod left in its copy-out folder. image/run-as-pod.sh (no container
/// engine) and image/run-with-podman.sh (podman) leave the same layout: `tar/` and `rsync/`, the two copies oc makes
/// of /must-gather; `pod.log`, the gather container's output; `command-status`, the exit status of the command.
struct PodRun {
    /// The copy-out folder.
    let copyOut: String
    /// The exit status of the command inside the pod's wrapper, when it got that far.
    let commandStatus: Int?
    /// The gather container's output.
    let log: String

    /// The tree as oc's tar fallback copied it.
    var tarCopy: String { copyOut + "/tar" }
    /// The tree as oc's rsync command line copied it.
    var rsyncCopy: String { copyOut + "/rsync" }

    /// Reads what a run left in `copyOut`.
    init(readingFrom copyOut: String) {
        self.copyOut = copyOut
        let status = try? String(contentsOfFile: copyOut + "/command-status", encoding: .utf8)
        commandStatus = status.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        log = (try? String(contentsOfFile: copyOut + "/pod.log", encoding: .utf8)) ?? ""
    }
}

/// A pod run that did not complete (the harness script failed, or the cluster did not start).
struct PodFailure: Error, CustomStringConvertible {
    let description: String
}
