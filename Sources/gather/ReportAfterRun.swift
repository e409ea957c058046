import GatherKit
import Report

/// The page written at the end of every run, once the summary is final. Its failure is recorded in the summary as
/// a problem of a `report` step; it never changes what the collectors gathered, nor the exit status they call for.
enum ReportAfterRun {
    /// Writes `gather-report.html` into `root`, or records why it could not.
    static func write(into root: String, summary: RunSummary) {
        do {
            let written = try GatherReport.write(folder: root)
            Console.line("report: \(written.path)")
        } catch {
            Console.line("report: not written: \(error)")
            let problem = RunSummary.Problem(subject: GatherReport.fileName, message: "\(error)")
            do {
                _ = try RunSummary.recordLaterStep(name: "report", kind: "report", problem: problem, in: summary,
                    directory: root)
            } catch {
                Console.line("report: the summary could not record it either: \(error)")
            }
        }
    }
}
