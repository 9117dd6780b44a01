import AlchemyMigrate
import ArgumentParser

/// `alchemy database current`: the revisions recorded in the version table.
struct CurrentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "current",
        abstract: "Show the current revision(s) of the database."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Self.show(global)
    }

    static func show(_ options: GlobalOptions) throws {
        let console = Console(options: options)
        let context = try ProjectContext.load(options)
        let connection = try context.connect()
        defer { connection.close() }
        let heads = try context.versionTable.currentHeads(on: connection)
        if let misnamed = try context.versionTable.alembicDefaultInUse(on: connection) {
            Console.writeError("warning: " + misnamed)
        }
        if console.format == .json {
            console.json(.object([("database", .string(context.url.description)), ("current", .array(heads.map(JSONValue.string)))]))
            return
        }
        console.detail("Current revision(s) for \(context.url):")
        // Mark heads as Alembic does when the revision files are at hand; a database
        // alone (only --url) still lists its rows.
        let graph = try? context.loadScript().graph
        for head in heads {
            let line = graph.flatMap { graph in graph.revision(head).map { RevisionLine(graph: graph).short($0) } }
            console.output(line ?? head)
        }
    }
}

/// Advanced Alchemy's name for `current`.
struct ShowCurrentRevisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-current-revision",
        abstract: "Same as current."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try CurrentCommand.show(global)
    }
}
