import Foundation

/// Progress lines on standard output, written at once: `oc adm must-gather` streams the pod's output through a pipe,
/// where `print` would hold lines back in a buffer until the run ends.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
