import AlchemySQL
import AlchemySchema

/// Where a run's transactions open and close: one rule for the runner, which
/// executes the steps, and for `--sql`, which prints them, so the printed script
/// is the one that runs.
///
/// - `.none`: the database commits DDL by itself (MySQL/MariaDB); no transaction.
/// - `.revision` (`transaction_per_migration: true`, the default): each revision
///   and its version change in one transaction.
/// - `.run` (`transaction_per_migration: false`, Alembic's meaning): one
///   transaction for the whole run.
///
/// Either way a statement that cannot run in a transaction (`CREATE INDEX
/// CONCURRENTLY`, `execute` with `transactional: false`) runs between
/// transactions, and a revision marked `transactional: false` runs outside one.
struct TransactionLayout {
    enum Scope { case none, revision, run }

    enum Step {
        case begin
        case commit
        /// A statement of operation `operation` (an index into the revision's
        /// operations), or of the version change when `nil`.
        case statement(Statement, operation: Int?)
    }

    let scope: Scope
    private(set) var isOpen = false

    init(scope: Scope) { self.scope = scope }

    init(dialect: any Dialect, transactionPerMigration: Bool) {
        scope = !dialect.transactionalDDL ? .none : transactionPerMigration ? .revision : .run
    }

    /// The steps of one revision: its operations' statements, then its version change.
    mutating func revision(_ operations: [[Statement]], version: [Statement], transactional: Bool) -> [Step] {
        var steps: [Step] = []
        let wrapped = scope != .none && transactional
        if !wrapped { close(into: &steps) }
        for (index, statements) in operations.enumerated() {
            for statement in statements {
                if wrapped && statement.transactional {
                    open(into: &steps)
                } else {
                    close(into: &steps)
                }
                steps.append(.statement(statement, operation: index))
            }
        }
        if wrapped { open(into: &steps) }
        steps += version.map { .statement($0, operation: nil) }
        if scope == .revision { close(into: &steps) }
        return steps
    }

    /// The commit that ends a run in one transaction.
    mutating func finish() -> [Step] {
        var steps: [Step] = []
        close(into: &steps)
        return steps
    }

    private mutating func open(into steps: inout [Step]) {
        guard !isOpen else { return }
        steps.append(.begin)
        isOpen = true
    }

    private mutating func close(into steps: inout [Step]) {
        guard isOpen else { return }
        steps.append(.commit)
        isOpen = false
    }
}
