import Foundation

/// Writes `gather-report.html` for a gathered folder: ours, or one made by the stock must-gather image.
public enum GatherReport {
    /// The page's name at the root of the folder.
    public static let fileName = ReportPage.fileName

    /// A page written.
    public struct Written: Sendable {
        public let path: String
        public let bytes: Int
    }

    /// Reads `folder` and writes the page to `output` (by default `gather-report.html` inside the folder), as a
    /// temporary file renamed into place, so a reader never sees half a page.
    @discardableResult
    public static func write(folder: String, to output: String? = nil) throws(ReportError) -> Written {
        let report = try ClusterReport.read(folder)
        let page = Data(ReportPage.html(report).utf8)
        let path = output ?? folder + "/" + fileName
        let temporary = path + ".partial"
        do {
            try page.write(to: URL(fileURLWithPath: temporary))
            chmod(temporary, 0o644)
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw ReportError.cannotWrite(path: path, reason: reason)
            }
        } catch let error as ReportError {
            throw error
        } catch {
            unlink(temporary)
            throw ReportError.cannotWrite(path: path, reason: "\(error.localizedDescription)")
        }
        return Written(path: path, bytes: page.count)
    }
}
