import AlchemyDatabase
import AlchemySQL
import AlchemySchema

/// Runs planned migrations on a live database, safely.
///
/// - One lock for the whole run; the version table is read after it is taken, so
///   two runs started at once apply each revision once.
/// - PostgreSQL: each revision and its version-row change in one transaction.
/// - SQLite: each revision and its version-row change in one `BEGIN IMMEDIATE`
///   transaction, committed before the next starts (a crash keeps the revisions
///   reported done), under a file lock held for the whole run.
/// - MariaDB/MySQL: DDL commits implicitly, so the version row is written right
///   after each revision; a failure names the revision and statement.
public final class MigrationRunner {
    public let connection: any Connection
    public let script: ScriptDirectory
    public let versionTable: VersionTable
    public let lock: MigrationLock
    public var transactionPerMigration = true
    public var progress: (ProgressEvent) -> Void = { _ in }

    let dialect: any Dialect

    public init(connection: any Connection, script: ScriptDirectory, versionTable: VersionTable, lockTimeout: Double) {
        self.connection = connection
        self.script = script
        self.versionTable = versionTable
        self.dialect = connection.sqlDialect
        // MariaDB/MySQL lock names are server-wide: the database name keeps runs on
        // different databases of one server from waiting for each other.
        let database = connection.url.database.map { $0 + "/" } ?? ""
        let qualified = database + (versionTable.schema.map { $0 + "." } ?? "") + versionTable.name
        self.lock = MigrationLock(name: qualified, timeoutSeconds: lockTimeout)
    }

    /// What a run did: the steps it applied and the version table after.
    public struct Report: Sendable {
        public var steps: [MigrationStep]
        public var heads: [String]
    }

    public func upgrade(to target: String) throws -> Report {
        try locked { heads in try script.graph.upgradePlan(from: heads, to: target) }
    }

    public func downgrade(to target: String) throws -> Report {
        try locked { heads in try script.graph.downgradePlan(from: heads, to: target) }
    }

    /// Sets the version table to `targets` without running migrations.
    public func stamp(to targets: [String], purge: Bool) throws -> [String] {
        try withLock {
            if purge, try versionTable.exists(on: connection) {
                try connection.execute("DELETE FROM \(versionTable.qualifiedName(connection.dialect))")
            }
            try versionTable.ensure(on: connection)
            var heads = try versionTable.rows(on: connection)
            if !purge { try checkKnown(heads) }
            for step in try script.graph.stampPlan(from: heads, to: targets, purge: purge) {
                for change in step.versionChanges {
                    try connection.execute(try versionTable.statement(for: change, dialect: connection.dialect))
                }
                heads = step.apply(to: heads)
            }
            return heads
        }
    }

    // MARK: Running

    private func locked(_ plan: ([String]) throws -> [MigrationStep]) throws -> Report {
        try withLock {
            try versionTable.ensure(on: connection)
            var heads = try versionTable.rows(on: connection)
            try checkKnown(heads)
            let steps = try plan(heads)
            guard !steps.isEmpty else { return Report(steps: [], heads: heads) }
            // Read every revision of the plan, and those the current schema is made
            // of, before running the first, so that a broken file stops the run
            // before anything is applied; each file is read once.
            let applied = try script.graph.appliedRevisions(at: heads)
            let parsed = try script.files(steps.map(\.revision.id) + applied)
            var context = Schema(replaying: applied, of: parsed)
            let clock = ContinuousClock()
            for (index, step) in steps.enumerated() {
                guard let file = parsed[step.revision.id] else {
                    throw LocatedError(file: script.versionsPath, message: "no revision file defines \(step.revision.id)")
                }
                progress(.started(index: index, total: steps.count, step: step))
                let start = clock.now
                try run(step, file: file, context: &context, heads: heads)
                heads = step.apply(to: heads)
                progress(.finished(index: index, total: steps.count, step: step, seconds: (clock.now - start).seconds))
            }
            return Report(steps: steps, heads: heads.sorted())
        }
    }

    /// A version row without a revision file: say which and how to repair it,
    /// rather than failing later inside planning.
    private func checkKnown(_ heads: [String]) throws {
        for head in heads where script.graph.revision(head) == nil {
            throw UnknownCurrentRevision(revision: head, versions: script.versionsPath)
        }
    }

    /// Holds the migration lock around `body`. SQLite also turns foreign-key
    /// enforcement off for the run (it cannot change inside a transaction, and a
    /// table rebuild's DROP would otherwise cascade); each rebuild checks the keys itself.
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let isSQLite = connection.dialect == .sqlite
        if isSQLite { try connection.execute("PRAGMA foreign_keys = OFF") }
        defer { if isSQLite { try? connection.execute("PRAGMA foreign_keys = ON") } }
        progress(.takingLock(lock.name))
        try lock.acquire(on: connection) { progress(.lockBusy($0)) }
        do {
            let result = try isSQLite ? inSQLiteRunTransaction(body) : body()
            try lock.release(on: connection)
            return result
        } catch {
            try? lock.release(on: connection)
            throw error
        }
    }

    private func run(_ step: MigrationStep, file: RevisionFile, context: inout Schema, heads: [String]) throws {
        let id = step.revision.id
        let operations = step.direction == .up ? file.upgrade : file.downgrade
        let atomic = dialect.transactionalDDL
        let failure = { (operation: String?, statement: String?, reason: String, applied: [String]) in
            MigrationError(revision: id, path: file.path, operation: operation, statement: statement, reason: reason, leftAt: heads,
                           appliedOperations: applied, atomic: atomic)
        }

        // Render everything first: a revision that cannot render runs nothing.
        var planned: [(operation: AlchemySchema.Operation, statements: [Statement])] = []
        var evolving = context
        for operation in operations {
            do {
                planned.append((operation, try dialect.render(operation, in: evolving)))
            } catch {
                throw failure(operation.summary, nil, "\(error)", [])
            }
            try? evolving.apply(operation)
        }
        let versionStatements = try step.versionChanges.map { change throws(RenderError) in try versionTable.statement(for: change, dialect: connection.dialect) }

        switch connection.dialect {
        case .sqlite:
            try runInSQLiteTransaction(planned, context: context, versionStatements: versionStatements, expecting: heads, failure: failure)
        case .postgresql:
            try runInTransactions(planned, versionStatements: versionStatements, transactional: file.transactional && transactionPerMigration, failure: failure)
        case .mysql, .mariadb:
            // Each statement commits as it runs: what ran before a failure stays.
            var applied: [String] = []
            for (operation, statements) in planned {
                var ranPart = false
                for statement in statements where !statement.isPragmaToggle {
                    do {
                        try connection.execute(statement)
                        ranPart = true
                    } catch {
                        throw failure(operation.summary, statement.scriptSQL, error.message, applied + (ranPart ? ["part of " + operation.summary] : []))
                    }
                }
                applied.append(operation.summary)
            }
            for statement in versionStatements { try connection.execute(statement) }
        }
        context = evolving
    }

    /// SQLite with `transaction_per_migration: false`: Alembic's meaning, the
    /// whole run is one transaction (`BEGIN IMMEDIATE` ... `COMMIT`), so a failure
    /// anywhere rolls every revision of the run back. With `true` (the default)
    /// each revision commits on its own in ``runInSQLiteTransaction``.
    private func inSQLiteRunTransaction<T>(_ body: () throws -> T) throws -> T {
        guard !transactionPerMigration else { return try body() }
        return try connection.transaction(body)
    }

    /// One SQLite revision: its statements and version change in their own
    /// `BEGIN IMMEDIATE` transaction, committed at once (inside the run's
    /// transaction when `transaction_per_migration` is false). The version table
    /// is read again once the write lock is held: if another writer moved it since
    /// the run read it, the revision is not applied (compare-and-set).
    ///
    /// A table rebuild is rendered again right before it runs, from the table as it
    /// is then (``SQLiteLiveTableReader``), so that what the revision files do not
    /// declare is carried over or the rebuild refused, inside the transaction.
    private func runInSQLiteTransaction(_ planned: [(operation: AlchemySchema.Operation, statements: [Statement])], context: Schema,
                                        versionStatements: [Statement], expecting heads: [String],
                                        failure: (String?, String?, String, [String]) -> MigrationError) throws {
        let ownTransaction = transactionPerMigration
        if ownTransaction { try connection.begin() }
        do {
            let found = try versionTable.rows(on: connection)
            guard found.sorted() == heads.sorted() else {
                let shown = { (rows: [String]) in rows.isEmpty ? "<base>" : rows.sorted().joined(separator: ", ") }
                throw failure(nil, nil, "the version table moved from \(shown(heads)) to \(shown(found)) while this run waited: another process migrated this database; run `alchemy database current` and upgrade again", [])
            }
            func execute(_ statements: [Statement], of operation: AlchemySchema.Operation) throws {
                for statement in statements where !statement.isPragmaToggle {
                    do {
                        if case .foreignKeyCheck(let table) = statement.kind {
                            let violations = try connection.query(statement.sql)
                            if !violations.isEmpty {
                                throw failure(operation.summary, statement.scriptSQL, "\(violations.count) row(s) of \(table) violate a foreign key after the table rebuild", [])
                            }
                        } else {
                            try connection.execute(statement)
                        }
                    } catch let error as DatabaseError {
                        throw failure(operation.summary, statement.scriptSQL, error.message, [])
                    }
                }
            }
            var evolving = context
            for (operation, statements) in planned {
                guard let sqlite = dialect as? SQLiteDialect, sqlite.rebuiltTable(by: operation) != nil else {
                    try execute(statements, of: operation)
                    try? evolving.apply(operation)
                    continue
                }
                for part in sqlite.rebuildParts(of: operation) {
                    let rendered: [Statement]
                    do {
                        if let table = sqlite.rebuiltTable(by: part) {
                            rendered = try sqlite.render(part, in: evolving, live: SQLiteLiveTableReader(connection).read(table))
                        } else {
                            rendered = try sqlite.render(part, in: evolving)
                        }
                    } catch {
                        throw failure(operation.summary, nil, "\(error)", [])
                    }
                    try execute(rendered, of: operation)
                    try? evolving.apply(part)
                }
            }
            for statement in versionStatements { try connection.execute(statement) }
            if ownTransaction { try connection.commit() }
        } catch {
            if ownTransaction { try? connection.rollback() }
            throw error
        }
    }

    /// PostgreSQL: statements that cannot run in a transaction (`CREATE INDEX
    /// CONCURRENTLY`, `transactional: false`) run between transactions, as Alembic's
    /// autocommit block does; the version row moves in the last transaction, after them.
    private func runInTransactions(_ planned: [(operation: AlchemySchema.Operation, statements: [Statement])], versionStatements: [Statement], transactional: Bool,
                                   failure: (String?, String?, String, [String]) -> MigrationError) throws {
        var inTransaction = false
        // The operations that finished, and those whose work is committed.
        var completed: [String] = []
        var committed: [String] = []
        func begin() throws { if transactional && !inTransaction { try connection.execute("BEGIN"); inTransaction = true } }
        func commit() throws { if inTransaction { try connection.execute("COMMIT"); inTransaction = false; committed = completed } }
        do {
            try begin()
            for (operation, statements) in planned {
                // Whether part of this operation waits in the open transaction.
                var pending = false
                for statement in statements {
                    do {
                        if transactional && statement.transactional { pending = true }
                        if !statement.transactional && inTransaction { try commit() }
                        try connection.execute(statement)
                        if !transactional || !statement.transactional { committed = completed + ["part of " + operation.summary] }
                        if !statement.transactional { try begin() }
                    } catch let error as DatabaseError {
                        throw failure(operation.summary, statement.scriptSQL, error.message, committed)
                    }
                }
                completed.append(operation.summary)
                if !pending, committed.last == "part of " + operation.summary { committed[committed.count - 1] = operation.summary }
            }
            try begin()
            for statement in versionStatements { try connection.execute(statement) }
            try commit()
        } catch {
            if inTransaction { try? connection.execute("ROLLBACK") }
            throw error
        }
    }
}

extension Statement {
    /// SQLite's foreign-key pragma around a rebuild: the runner sets it once for the
    /// whole run instead (it is ignored inside a transaction).
    var isPragmaToggle: Bool {
        if case .foreignKeyEnforcement = kind { return true }
        return false
    }
}

extension VersionTable {
    func statement(for change: VersionTableChange, dialect: DialectName) throws(RenderError) -> Statement {
        switch change {
        case .insert(let id): try insertStatement(dialect, revision: id)
        case .delete(let id): try deleteStatement(dialect, revision: id)
        case .update(let old, let new): try updateStatement(dialect, from: old, to: new)
        }
    }
}

/// The version table names a revision that no file defines.
public struct UnknownCurrentRevision: Error, CustomStringConvertible {
    public var revision: String
    public var versions: String

    public var description: String {
        "the version table names revision \(revision), which no file in \(versions) defines; restore that file, or reset the table with `alchemy database stamp --purge REV`"
    }
}
