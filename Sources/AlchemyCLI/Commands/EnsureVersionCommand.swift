import AlchemyMigrate
import ArgumentParser

/// `alchemy database ensure-version`: create Alembic's version table if it is missing.
struct EnsureVersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ensure-version",
        abstract: "Create the version table (alembic_versions) if it does not exist.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print the CREATE TABLE instead of running it.")
    var sql = false

    func run() throws {
        let console = Console(options: global)
        let context = try ProjectContext.load(global)
        if sql {
            let script = OfflineScript(dialect: context.url.dialect, script: try context.loadScript(), versionTable: context.versionTable)
            print(script.ensureVersion(), terminator: "")
            return
        }
        let connection = try context.connect()
        defer { connection.close() }
        let created = try context.versionTable.ensure(on: connection)
        if console.format == .json {
            console.json(.object([("table", .string(context.database.versionTable)), ("created", .bool(created))]))
        } else {
            console.info(created
                ? "created version table \(context.database.versionTable) in \(context.url)"
                : "version table \(context.database.versionTable) already exists in \(context.url)")
        }
    }
}
