import AlchemyMigrate
import ArgumentParser

/// `alchemy database current`: the revisions recorded in the version table.
struct CurrentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "current",
        abstract: "Show the current revision(s) of the database.",
        discussion: ExitCodeHelp.discussion(failure: "with --check-heads, a head is not applied")
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .customLong("check-heads"), help: "Exit 1 unless every head revision is applied (Alembic's --check-heads).")
    var checkHeads = false

    func run() throws {
        try Self.show(global, checkHeads: checkHeads)
    }

    static func show(_ options: GlobalOptions, checkHeads: Bool = false) throws {
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
        let graph = checkHeads ? try context.loadScript().graph : try? context.loadScript().graph
        for head in heads {
            let line = graph.flatMap { graph in graph.revision(head).map { RevisionLine(graph: graph).short($0) } }
            console.output(line ?? head)
        }
        if checkHeads, let graph {
            let missing = graph.effectiveHeads.filter { !heads.contains($0) }
            if !missing.isEmpty {
                Console.printError("head revision(s) \(missing.joined(separator: ", ")) not applied; run `alchemy database upgrade heads`",
                                   color: !options.noColor)
                throw ExitCode(AlchemyExit.failed)
            }
        }
    }
}

/// Advanced Alchemy's name for `current`.
struct ShowCurrentRevisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-current-revision",
        abstract: "Same as current.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try CurrentCommand.show(global)
    }
}
