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
    /// A run's transactions (PostgreSQL, MySQL/MariaDB; SQLite keeps its own, with its rebuilds).
    private var layout = TransactionLayout(scope: .none)
    private var inTransaction = false
    /// The version table as committed, and as it will be once the open transaction commits.
    private var durableHeads: [String] = []
    private var pendingHeads: [String]?

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

    /// Sets the version table to `targets` without running migrations: every row
    /// change in one transaction (the version table's rows are data, which all three
    /// databases change transactionally), so a stamp is whole or not at all.
    public func stamp(to targets: [String], purge: Bool) throws -> [String] {
        try withLock {
            try versionTable.ensure(on: connection)
            let own = !inTransaction
            if own { try connection.begin(); inTransaction = true }
            do {
                if purge { try connection.execute("DELETE FROM \(versionTable.qualifiedName(connection.dialect))") }
                var heads = try versionTable.rows(on: connection)
                if !purge { try checkKnown(heads) }
                for step in try script.graph.stampPlan(from: heads, to: targets, purge: purge) {
                    for change in step.versionChanges {
                        try connection.execute(try versionTable.statement(for: change, dialect: connection.dialect))
                    }
                    heads = step.apply(to: heads)
                }
                if own { try connection.commit(); inTransaction = false }
                return heads
            } catch {
                if own { try? connection.rollback(); inTransaction = false }
                throw error
            }
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
            layout = TransactionLayout(dialect: dialect, transactionPerMigration: transactionPerMigration)
            durableHeads = heads
            pendingHeads = nil
            do {
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
                try finishRun()
            } catch {
                if inTransaction { try? connection.execute("ROLLBACK"); inTransaction = false }
                throw error
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

    /// Holds the migration lock around `body`, with the dialect's run settings
    /// made (``Dialect/runSetup``: SQLite's foreign keys off) and undone.
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        for setting in dialect.runSetup { try connection.execute(setting) }
        defer { for setting in dialect.runTeardown { try? connection.execute(setting) } }
        progress(.takingLock(lock.name))
        try lock.acquire(on: connection) { progress(.lockBusy($0)) }
        do {
            let result = try dialect is SQLiteDialect ? inSQLiteRunTransaction(body) : body()
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
        // SQLite commits each revision by itself unless the run is one transaction;
        // elsewhere the version table is as the layout last committed it.
        let leftAt = dialect is SQLiteDialect && transactionPerMigration ? heads : durableHeads
        let failure = { (operation: String?, statement: String?, reason: String, applied: [String]) in
            MigrationError(revision: id, path: file.path, operation: operation, statement: statement, reason: reason, leftAt: leftAt,
                           appliedOperations: applied, atomic: atomic)
        }

        // Render everything first: a revision that cannot render runs nothing.
        var planned: [(operation: MigrateOperation, statements: [Statement])] = []
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

        if let rebuilding = dialect as? SQLiteDialect {
            try runInSQLiteTransaction(planned, dialect: rebuilding, context: context, versionStatements: versionStatements,
                                       expecting: heads, transactional: file.transactional, failure: failure)
        } else {
            let steps = layout.revision(planned.map(\.statements), version: versionStatements, transactional: file.transactional)
            try execute(steps, of: planned.map(\.operation.summary), headsAfter: step.apply(to: heads), failure: failure)
        }
        context = evolving
    }

    /// SQLite with `transaction_per_migration: false`: Alembic's meaning, the
    /// whole run is one transaction (`BEGIN IMMEDIATE` ... `COMMIT`), so a failure
    /// anywhere rolls every revision of the run back. With `true` (the default)
    /// each revision commits on its own in ``runInSQLiteTransaction``.
    private func inSQLiteRunTransaction<T>(_ body: () throws -> T) throws -> T {
        guard !transactionPerMigration else { return try body() }
        inTransaction = true
        defer { inTransaction = false }
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
    private func runInSQLiteTransaction(_ planned: [(operation: MigrateOperation, statements: [Statement])], dialect sqlite: SQLiteDialect,
                                        context: Schema, versionStatements: [Statement], expecting heads: [String], transactional: Bool,
                                        failure: (String?, String?, String, [String]) -> MigrationError) throws {
        // As ``TransactionLayout`` plans it (and `--sql` prints it): a revision marked
        // `transactional: false` runs outside a transaction of its own, and a statement
        // that cannot run in one (`VACUUM`) commits what came before it and runs alone.
        let ownTransaction = transactionPerMigration && transactional
        let inSomeTransaction = ownTransaction || !transactionPerMigration
        if ownTransaction { try connection.begin() }
        do {
            let found = try versionTable.rows(on: connection)
            guard found.sorted() == heads.sorted() else {
                let shown = { (rows: [String]) in rows.isEmpty ? "<base>" : rows.sorted().joined(separator: ", ") }
                throw failure(nil, nil, "the version table moved from \(shown(heads)) to \(shown(found)) while this run waited: another process migrated this database; run `alchemy database current` and upgrade again", [])
            }
            func execute(_ statements: [Statement], of operation: MigrateOperation) throws {
                for statement in statements where !statement.isPragmaToggle {
                    do {
                        if case .foreignKeyCheck(let table) = statement.kind {
                            let violations = try connection.query(statement.sql)
                            if !violations.isEmpty {
                                throw failure(operation.summary, statement.scriptSQL, "\(violations.count) row(s) of \(table) violate a foreign key after the table rebuild", [])
                            }
                        } else if !statement.transactional && inSomeTransaction {
                            try connection.execute("COMMIT")
                            try connection.execute(statement)
                            try connection.begin()
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
                guard sqlite.rebuiltTable(by: operation) != nil else {
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

    /// Executes a revision's steps (``TransactionLayout``) as one batch, so that a
    /// server gets them in as few round trips as it can tell failures apart in: on
    /// PostgreSQL in transactions, on MySQL/MariaDB statement by statement as the
    /// server commits them. A failure rolls back the open transaction and names the
    /// operations whose work stays committed, and the revisions the version table
    /// still shows: the steps before the failing one are accounted as they ran.
    private func execute(_ steps: [TransactionLayout.Step], of operations: [String], headsAfter: [String],
                         failure: (String?, String?, String, [String]) -> MigrationError) throws {
        var progress = CommittedWork(operations: operations, steps: steps)
        var failed: BatchFailure?
        do {
            try connection.execute(batch: steps.map { $0.statement(beginning: dialect.beginTransaction) })
        } catch {
            failed = error
        }
        for (index, step) in steps.enumerated().prefix(failed?.index ?? steps.count) {
            switch step {
            case .begin:
                inTransaction = true
            case .commit:
                inTransaction = false
                progress.committed()
                if let heads = pendingHeads { durableHeads = heads; pendingHeads = nil }
            case .statement(_, let operation):
                if let operation {
                    progress.ran(step: index, of: operation, inTransaction: inTransaction)
                } else if inTransaction {
                    pendingHeads = headsAfter
                } else {
                    durableHeads = headsAfter
                }
            }
        }
        guard let failed else { return }
        guard case .statement(let statement, let operation) = steps[failed.index] else { throw failed.error }
        if inTransaction { try? connection.execute("ROLLBACK"); inTransaction = false; pendingHeads = nil }
        throw failure(operation.map { operations[$0] }, statement.scriptSQL, failed.error.message, progress.durable)
    }

    /// Ends a run: commits the transaction a `.run` layout keeps open.
    private func finishRun() throws {
        for step in layout.finish() where step.isCommit { try connection.execute("COMMIT") }
        inTransaction = false
        if let heads = pendingHeads { durableHeads = heads; pendingHeads = nil }
    }
}

/// Which of a revision's operations have work that is committed, for the message
/// of a failure: whole operations, or `part of` one whose statements did not all
/// commit.
struct CommittedWork {
    let operations: [String]
    private var lastStep: [Int: Int] = [:]
    private var isDurable: [Bool]
    private var isPending: [Bool]
    private var finished: Set<Int> = []

    init(operations: [String], steps: [TransactionLayout.Step]) {
        self.operations = operations
        isDurable = Array(repeating: false, count: operations.count)
        isPending = isDurable
        for (index, step) in steps.enumerated() {
            if case .statement(_, let operation?) = step { lastStep[operation] = index }
        }
    }

    mutating func ran(step: Int, of operation: Int, inTransaction: Bool) {
        if inTransaction { isPending[operation] = true } else { isDurable[operation] = true }
        if lastStep[operation] == step { finished.insert(operation) }
    }

    mutating func committed() {
        for index in isPending.indices where isPending[index] {
            isDurable[index] = true
            isPending[index] = false
        }
    }

    var durable: [String] {
        operations.indices.compactMap { index in
            guard isDurable[index] else { return nil }
            return finished.contains(index) && !isPending[index] ? operations[index] : "part of " + operations[index]
        }
    }
}

extension TransactionLayout.Step {
    var isCommit: Bool {
        if case .commit = self { return true }
        return false
    }

    /// What the step sends: the statement, or the transaction's own.
    func statement(beginning begin: String) -> Statement {
        switch self {
        case .begin: Statement(begin)
        case .commit: Statement("COMMIT")
        case .statement(let statement, _): statement
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
