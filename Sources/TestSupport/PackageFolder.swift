import Foundation

/// The package's root folder, where tests find the collector list, the image scripts and the tools installed beside
/// the sources (`.venv-omg`).
public enum PackageFolder {
    /// `<package>`, from this file's place in `Sources/TestSupport/`.
    public static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The same, as a path.
    public static var path: String { url.path }
}
