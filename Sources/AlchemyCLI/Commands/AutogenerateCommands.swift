import AlchemyMigrate
import AlchemySchema
import ArgumentParser

/// What `revision --autogenerate`, `make-migrations` and `check` share: the
/// models, the live database, and the comparison between them.
struct ModelComparison {
    var context: ProjectContext
    var script: ScriptDirectory

    static func load(_ options: GlobalOptions) throws -> ModelComparison {
        let context = try ProjectContext.load(options, requireFile: true)
        return ModelComparison(context: context, script: try context.loadScript())
    }

    func run() throws -> Comparison {
        let declared = try ModelFiles.load(context.database.models, relativeTo: context.root)
        let connection = try context.connect()
        defer { connection.close() }
        let options = ComparisonOptions(
            compareType: context.database.compareType,
            compareServerDefault: context.database.compareServerDefault,
            excludeTables: context.database.excludeTables,
            versionTable: context.database.versionTable)
        let comparison = try Autogenerate(declared: declared, options: options)
            .compare(on: connection, graph: script.graph, versionTable: context.versionTable)
        for warning in comparison.warnings { Console.writeError("warning: \(warning)") }
        return comparison
    }
}

/// `alchemy database check`: exit 1 and list the operations when the database
/// differs from the models, 0 when it matches, 2 on error.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Exit 1 if the database differs from the models (listing the operations), 0 if not.",
        discussion: ExitCodeHelp.discussion(failure: "the database differs from the models")
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let console = Console(options: global)
        let comparison: Comparison
        do {
            comparison = try ModelComparison.load(global).run()
        } catch {
            // Errors are 2, so that CI can tell "differs" (1) from "could not check".
            throw CommandFailure(message: AlchemyCommand.message(for: error), exitCode: 2)
        }
        if console.format == .json {
            console.json(.object([
                ("up_to_date", .bool(comparison.isEmpty)),
                ("operations", .array(comparison.summary.map(JSONValue.string))),
                ("details", .array(comparison.upgrade.map { JSONValue(OperationDetail($0)) })),
            ]))
        } else if comparison.isEmpty {
            console.info("no changes: the database matches the models")
        } else {
            for line in comparison.summary { console.output(line) }
            Console.printError("the database differs from the models by \(comparison.upgrade.count) operation(s); run `alchemy database revision --autogenerate -m \"...\"`")
        }
        if !comparison.isEmpty { throw ExitCode(1) }
    }
}
