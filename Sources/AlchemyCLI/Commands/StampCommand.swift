import AlchemyMigrate
import ArgumentParser

/// `alchemy database stamp TARGET... [--purge]`.
struct StampCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        abstract: "Set the version table to a revision without running migrations.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Revision(s) to stamp: head, heads, base, ids.")
    var targets: [String]

    @Flag(name: .long, help: "Empty the version table first (for a table that names unknown revisions).")
    var purge = false

    @Flag(name: .long, help: "Print the SQL instead of running it (FROM:TARGET starts from FROM, else from base).")
    var sql = false

    func run() throws {
        let console = Console(options: global)
        let context = try ProjectContext.load(global)
        let script = try context.loadScript()
        if sql {
            var start: [String] = []
            var destinations = targets
            if let first = targets.first, let colon = first.firstIndex(of: ":") {
                start = try first[..<colon].split(separator: ",").filter { $0 != "base" }
                    .flatMap { item throws -> [String] in try script.graph.resolveAll(String(item)).map(\.id) }
                destinations[0] = String(first[first.index(after: colon)...])
            }
            let offline = OfflineScript(dialect: context.url.dialect, script: script, versionTable: context.versionTable)
            print(try offline.stamp(from: start, to: destinations, purge: purge), terminator: "")
            return
        }
        let connection = try context.connect()
        defer { connection.close() }
        let runner = MigrationRunner(connection: connection, script: script, versionTable: context.versionTable,
                                     lockTimeout: context.database.lockTimeout)
        let heads = try runner.stamp(to: targets, purge: purge)
        if console.format == .json {
            console.json(.object([("current", .array(heads.map(JSONValue.string)))]))
        } else {
            console.info("stamped \(context.url): now at \(heads.isEmpty ? "base" : heads.sorted().joined(separator: ", "))")
        }
    }
}
