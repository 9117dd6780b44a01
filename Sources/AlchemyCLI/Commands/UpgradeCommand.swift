import AlchemyMigrate
import ArgumentParser
import Foundation

/// `alchemy database upgrade [TARGET]`.
struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Upgrade the database to a later revision (default: head)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Target revision.")
    var target: String = "head"

    func run() throws {
        let console = Console(options: global)
        let context = try ProjectContext.load(global)
        let versions = context.resolve(context.database.scriptLocation) + "/versions"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: versions)) ?? []).filter { $0.hasSuffix(".yaml") }
        guard files.isEmpty else {
            throw CommandFailure(message: "\(versions) holds \(files.count) revision file(s), and this build of alchemy cannot run revisions yet; use a release with the revision runner")
        }
        let connection = try context.connect()
        defer { connection.close() }
        try context.versionTable.ensure(on: connection)
        console.info("nothing to upgrade in \(context.url): \(versions) has no revisions yet")
    }
}
