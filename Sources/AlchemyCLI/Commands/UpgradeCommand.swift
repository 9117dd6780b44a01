import AlchemyDatabase
import AlchemyMigrate
import ArgumentParser
import Foundation

/// `alchemy database upgrade [TARGET] [--sql]`.
struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Upgrade the database to a later revision (default: head).",
        discussion: ExitCodeHelp.discussion("Targets: head, heads, a revision id or unique prefix, +N, REV+N, label@head. With --sql, FROM:TO prints the script from FROM.", failure: "a migration failed")
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Target revision.")
    var target: String = "head"

    @Flag(name: .long, help: "Print the SQL instead of running it (no connection).")
    var sql = false

    func run() throws {
        try MigrationCommand(global: global, direction: .up, target: target, sql: sql).run()
    }
}

/// `alchemy database downgrade TARGET [--sql]`.
struct DowngradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "downgrade",
        abstract: "Revert the database to an earlier revision.",
        discussion: ExitCodeHelp.discussion("Targets: -1 (the default, as in Advanced Alchemy's CLI), -N, base, a revision id or prefix, label@-1. With --sql give FROM:TO.", failure: "a migration failed")
    )

    @OptionGroup var global: GlobalOptions

    // `-1` looks like an option to the parser; capturing unrecognized arguments
    // lets relative targets be written the way Alembic users type them.
    @Argument(parsing: .allUnrecognized, help: "Target revision (default -1; e.g. -2 or base).")
    var target: [String] = []

    @Flag(name: .long, help: "Print the SQL instead of running it (no connection).")
    var sql = false

    func run() throws {
        // No target: one step down, as Advanced Alchemy's `downgrade` does.
        let target = target.isEmpty ? ["-1"] : target
        guard target.count == 1, let only = target.first else {
            throw CommandFailure(message: "downgrade takes one target, for example `downgrade -1` or `downgrade base`")
        }
        try MigrationCommand(global: global, direction: .down, target: only, sql: sql).run()
    }
}

/// What upgrade and downgrade share: plan, run (or print), report.
struct MigrationCommand {
    var global: GlobalOptions
    var direction: MigrationStep.Direction
    var target: String
    var sql: Bool

    func run() throws {
        let console = Console(options: global)
        let context = try ProjectContext.load(global)
        // Connect while the revision files are read; --sql never connects.
        let attempt = sql ? nil : ConnectionAttempt(context.url, statementTimeout: context.database.statementTimeout)
        let script = try context.loadScript()
        if sql {
            var start: [String] = []
            var destination = target
            if let colon = target.firstIndex(of: ":") {
                start = target[..<colon].split(separator: ",").map(String.init).filter { $0 != "base" }
                destination = String(target[target.index(after: colon)...])
            } else if direction == .down {
                throw CommandFailure(message: "downgrade --sql needs a starting point: FROM:TO, for example head:base")
            }
            let resolvedStart = try start.flatMap { item throws -> [String] in try script.graph.resolveAll(item).map(\.id) }
            var offline = OfflineScript(dialect: context.url.dialect, script: script, versionTable: context.versionTable)
            offline.transactionPerMigration = context.database.transactionPerMigration
            let text = direction == .up
                ? try offline.upgrade(from: resolvedStart, to: destination)
                : try offline.downgrade(from: resolvedStart, to: destination)
            print(text, terminator: "")
            return
        }
        guard let attempt else { return }
        let connection = try attempt.wait()
        defer { connection.close() }
        if !console.quiet {
            connection.slowStatementNotice = { sql, seconds in
                let statement = sql.split(whereSeparator: \.isNewline).first.map { String($0.prefix(100)) } ?? ""
                Console.writeError(Redaction.maskingCredentials(in: "still waiting for the database after \(Int(seconds)) s: \(statement)"))
            }
        }
        // Refused rather than warned: going on would create a second version table
        // and run every revision again on a database that already has them.
        if direction == .up, let misnamed = try context.versionTable.alembicDefaultInUse(on: connection) {
            throw CommandFailure(message: misnamed + ", then run upgrade again", exitCode: 2)
        }
        let runner = MigrationRunner(connection: connection, script: script, versionTable: context.versionTable,
                                     lockTimeout: context.database.lockTimeout)
        runner.transactionPerMigration = context.database.transactionPerMigration
        let printer = ProgressPrinter(console: console)
        runner.progress = printer.handle
        let clock = ContinuousClock()
        let start = clock.now
        let report = direction == .up ? try runner.upgrade(to: target) : try runner.downgrade(to: target)
        let runTime = clock.now - start
        if console.format == .json {
            console.json(.object([
                ("applied", .array(report.steps.map { .object([("revision", .string($0.revision.id)), ("direction", .string($0.direction.rawValue))]) })),
                ("current", .array(report.heads.map(JSONValue.string))),
                ("timing", .object([
                    ("connect_seconds", .seconds(connection.connectTime.seconds)),
                    ("open_seconds", .seconds(connection.openTime.seconds)),
                    ("run_seconds", .seconds(runTime.seconds)),
                    ("database_seconds", .seconds(connection.databaseTime.seconds)),
                    ("statements", .number(connection.statements)),
                ])),
            ]))
            return
        }
        let at = report.heads.isEmpty ? "base" : report.heads.joined(separator: ", ")
        if report.steps.isEmpty {
            console.info("nothing to do: \(context.url) is at \(at)")
        } else {
            let verb = direction == .up ? "upgraded" : "downgraded"
            console.info("\(verb) \(context.url): \(report.steps.count) revision(s) in \(ProgressPrinter.format(runTime.seconds)), now at \(at)")
        }
        // Where the time went: what the database took, and what was alchemy's own.
        console.detail("connected in \(ProgressPrinter.format(connection.openTime.seconds)) (waited \(ProgressPrinter.format(connection.connectTime.seconds))); "
            + "\(connection.statements) statement(s) took \(ProgressPrinter.format(connection.databaseTime.seconds)) in the database, "
            + "alchemy's own work \(ProgressPrinter.format((runTime - connection.databaseTime).seconds))")
    }
}
