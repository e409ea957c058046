import Foundation

extension RunSummary {
    /// How `gather-summary.json` is encoded, by the recorder during the run and by ``recordLaterStep(name:kind:problem:in:)``
    /// after it: sorted, indented, dates in ISO 8601.
    static func fileEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Records a step done after the collectors (the report page) that failed: a record named `name` with status
    /// failed and `problem`, appended to `summary` and written to the summary file in `directory`, as a temporary file
    /// renamed into place. The collectors' own records are unchanged; the caller decides what the failure means for
    /// the exit status.
    public static func recordLaterStep(name: String, kind: String, problem: Problem, in summary: RunSummary,
        directory: String) throws -> RunSummary
    {
        var summary = summary
        var record = Collector(name: name, kind: kind, status: .failed)
        record.problems = [problem]
        record.reason = problem.message
        summary.collectors.append(record)
        let path = directory + "/" + fileName
        let temporary = path + ".tmp"
        do {
            try fileEncoder().encode(summary).write(to: URL(fileURLWithPath: temporary))
        } catch {
            // A full disk leaves an empty or cut file: no half summary stays beside the whole one.
            unlink(temporary)
            throw error
        }
        chmod(temporary, 0o644)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: reason])
        }
        return summary
    }
}
