import Foundation

/// Executables built beside the test bundle (`swift test` builds every product of the package first).
public enum BuiltProduct {
    /// The path of the executable `name`, from the same build folder as the running tests.
    public static func path(_ name: String) -> String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        // On Linux the test binary sits in the build folder itself; elsewhere inside a bundle.
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent(name).path),
            directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent(name).path
    }
}
