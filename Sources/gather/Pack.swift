import ArgumentParser

/// `gather pack`: an existing output folder into one `.tar.gz`, the folder left as it is.
struct Pack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Pack a gathered folder into a .tar.gz, entries under one top folder named after the archive.",
        discussion: """
            Files are streamed from the folder into the archive; no other copy is made. The archive is written as
            FILE.partial and renamed when complete. Links pointing outside the folder, devices and names that are
            not UTF-8 are left out and listed. Example:
              gather pack /must-gather /tmp/must-gather.tar.gz
            """)

    @Argument(help: "The folder to pack.") var folder: String
    @Argument(help: "The archive to write (.tar.gz or .tgz).") var archive: String

    func run() throws {
        let packing = ArchivePacking(tree: folder, archive: archive)
        do {
            try packing.validate()
        } catch {
            throw ExitStatus.UsageError(error)
        }
        if !packing.pack() { throw ExitStatus.RunIncomplete() }
    }
}
