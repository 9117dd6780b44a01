import AlchemySQL
import AlchemySchema

/// `--sql`: the exact SQL a run would send, printed instead of run, without a
/// connection. The schema context the dialects need is replayed from the
/// revisions below the starting point.
public struct OfflineScript {
    public var dialect: DialectName
    public var script: ScriptDirectory
    public var versionTable: VersionTable
    public var transactionPerMigration = true

    public init(dialect: DialectName, script: ScriptDirectory, versionTable: VersionTable) {
        self.dialect = dialect
        self.script = script
        self.versionTable = versionTable
    }

    /// `upgrade --sql [FROM:]TO`; without FROM the script starts at base and
    /// creates the version table first, as Alembic's does.
    public func upgrade(from start: [String], to target: String) throws -> String {
        try render(steps: try script.graph.upgradePlan(from: start, to: target), start: start, direction: "upgrade", target: target)
    }

    /// `ensure-version --sql`: the version table's `CREATE TABLE`.
    public func ensureVersion() -> String {
        header("ensure-version", from: [], to: "version table").joined(separator: "\n") + "\n"
            + versionTable.createStatement(dialect) + ";\n"
    }

    /// `stamp --sql [FROM:]TARGET...`: the version-table changes a stamp makes. From
    /// base (no FROM) the table is created first; `purge` empties it first.
    public func stamp(from start: [String], to targets: [String], purge: Bool) throws -> String {
        var lines = header("stamp", from: start, to: targets.joined(separator: ", "))
        if start.isEmpty { lines += [versionTable.createStatement(dialect) + ";", ""] }
        if purge { lines += ["DELETE FROM \(versionTable.qualifiedName(dialect));", ""] }
        for step in try script.graph.stampPlan(from: purge ? [] : start, to: targets, purge: purge) {
            for change in step.versionChanges {
                lines.append(try versionTable.statement(for: change, dialect: dialect).scriptSQL + ";")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The script's first lines: what it is, and the session settings its literals assume.
    private func header(_ command: String, from start: [String], to target: String) -> [String] {
        var lines = ["-- alchemy \(command) (\(dialect.rawValue)): \(start.isEmpty ? "base" : start.joined(separator: ", ")) -> \(target)", ""]
        let settings = dialect.dialect.literalSettings
        if !settings.isEmpty { lines += settings.map { $0 + ";" } + [""] }
        return lines
    }

    /// `downgrade --sql FROM:TO` (a downgrade script needs a starting point).
    public func downgrade(from start: [String], to target: String) throws -> String {
        try render(steps: try script.graph.downgradePlan(from: start, to: target), start: start, direction: "downgrade", target: target)
    }

    private func render(steps: [MigrationStep], start: [String], direction: String, target: String) throws -> String {
        let sqlDialect = dialect.dialect
        var layout = TransactionLayout(dialect: sqlDialect, transactionPerMigration: transactionPerMigration)
        var lines = header(direction, from: start, to: target)
        if !sqlDialect.runSetup.isEmpty {
            lines += sqlDialect.runSetup.map { $0 + ";" } + [""]
        }
        if start.isEmpty {
            lines += [versionTable.createStatement(dialect) + ";", ""]
        }
        let applied = try script.graph.appliedRevisions(at: start)
        let files = try script.files(applied + steps.map(\.revision.id))
        var context = Schema(replaying: applied, of: files)
        var heads = start
        for step in steps {
            guard let file = files[step.revision.id] else {
                throw LocatedError(file: script.versionsPath, message: "no revision file defines \(step.revision.id)")
            }
            let arrow = step.direction == .up ? "upgrade" : "downgrade"
            lines.append("-- Running \(arrow) \(step.move)\(step.revision.message.isEmpty ? "" : ": " + step.revision.message)")
            let operations = step.direction == .up ? file.upgrade : file.downgrade
            var rendered: [[Statement]] = []
            var notes: [String?] = []
            for operation in operations {
                notes.append((sqlDialect as? SQLiteDialect)?.offlineRebuildNote(for: operation))
                rendered.append(try sqlDialect.render(operation, in: context).filter { !$0.isPragmaToggle })
                try? context.apply(operation)
            }
            let version = try step.versionChanges.map { change throws(RenderError) in try versionTable.statement(for: change, dialect: dialect) }
            var noted = Set<Int>()
            for planned in layout.revision(rendered, version: version, transactional: file.transactional) {
                switch planned {
                case .begin: lines.append(sqlDialect.beginTransaction + ";")
                case .commit: lines.append("COMMIT;")
                case .statement(let statement, let operation):
                    if let operation, noted.insert(operation).inserted, let note = notes[operation] { lines.append(note) }
                    if case .foreignKeyCheck = statement.kind { lines.append("-- must return no rows:") }
                    lines.append(statement.scriptSQL + ";")
                }
            }
            lines.append("")
            heads = step.apply(to: heads)
        }
        for planned in layout.finish() where planned.isCommit { lines += ["COMMIT;", ""] }
        lines += sqlDialect.runTeardown.map { $0 + ";" }
        return lines.joined(separator: "\n") + "\n"
    }
}
