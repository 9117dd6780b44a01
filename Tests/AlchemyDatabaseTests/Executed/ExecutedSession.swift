import AlchemyDatabase
import AlchemySchema
import AlchemySQL

/// Renders operations through alchemy's dialect and runs them on a real database,
/// keeping the schema context the way the migration runner does.
///
/// Each operation runs in its own transaction where the database has transactional
/// DDL. On SQLite the statements run as the runner runs them: foreign keys off
/// before `BEGIN`, `.foreignKeyEnforcement` statements skipped, `.foreignKeyCheck`
/// statements run as queries that must return no row, `COMMIT`, foreign keys on.
final class ExecutedSession {
    let connection: any Connection
    let dialect: DialectName
    /// The schema as alchemy knows it: every operation applied after it ran.
    private(set) var schema: Schema
    /// Every statement sent for operations, in order (for failure messages).
    private(set) var log: [String] = []

    init(_ connection: any Connection, schema: Schema = Schema()) {
        self.connection = connection
        self.dialect = connection.dialect
        self.schema = schema
    }

    var sqlDialect: any Dialect { dialect.dialect }

    /// Renders `operation` in the current context, runs it, then evolves the context.
    /// Returns the statements it rendered.
    @discardableResult
    func apply(_ operation: MigrateOperation) throws -> [Statement] {
        let statements = try sqlDialect.render(operation, in: schema)
        try run(statements)
        schema = try schema.applying(operation)
        return statements
    }

    func apply(_ operations: [MigrateOperation]) throws {
        for operation in operations { try apply(operation) }
    }

    /// Runs rendered statements as the migration runner would for one operation.
    func run(_ statements: [Statement]) throws {
        log += statements.map(\.sql)
        switch dialect {
        case .sqlite:
            try runOnSQLite(statements)
        case .postgresql:
            try runOnPostgreSQL(statements)
        case .mysql, .mariadb:
            // DDL commits implicitly: no transaction to speak of.
            for statement in statements { try connection.execute(statement) }
        }
    }

    private func runOnSQLite(_ statements: [Statement]) throws {
        try connection.execute("PRAGMA foreign_keys = OFF")
        defer { try? connection.execute("PRAGMA foreign_keys = ON") }
        try connection.execute("BEGIN")
        do {
            for statement in statements {
                switch statement.kind {
                case .foreignKeyEnforcement:
                    continue
                case .foreignKeyCheck(let table):
                    let violations = try connection.query(statement.sql)
                    if !violations.isEmpty {
                        throw ExecutedError("\(violations.count) foreign-key violation(s) in \(table) after: \(statement.sql)")
                    }
                case .command:
                    try connection.execute(statement)
                }
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Transactional statements in one transaction; `transactional: false` ones between.
    private func runOnPostgreSQL(_ statements: [Statement]) throws {
        var open = false
        do {
            for statement in statements {
                if statement.transactional, !open { try connection.execute("BEGIN"); open = true }
                if !statement.transactional, open { try connection.execute("COMMIT"); open = false }
                try connection.execute(statement)
            }
            if open { try connection.execute("COMMIT") }
        } catch {
            if open { try? connection.execute("ROLLBACK") }
            throw error
        }
    }

    // MARK: Conveniences for assertions

    func table(_ name: String) throws -> Table {
        guard let table = schema.table(TableReference(name: name)) else {
            throw ExecutedError("the schema context has no table \(name)")
        }
        return table
    }

    func column(_ table: String, _ column: String) throws -> Column {
        guard let found = try self.table(table).column(named: column) else {
            throw ExecutedError("the schema context has no column \(table).\(column)")
        }
        return found
    }

    func quote(_ identifier: String) -> String { sqlDialect.quote(identifier) }

    func count(_ table: String) throws -> Int {
        let rows = try connection.query("SELECT COUNT(*) AS n FROM \(quote(table))")
        return Int(rows.first?["n"].int64Value ?? -1)
    }

    /// The values of `columns`, rows ordered by `orderBy`.
    func values(_ table: String, _ columns: [String], orderBy: String) throws -> [[DatabaseValue]] {
        let list = columns.map(quote).joined(separator: ", ")
        return try connection.query("SELECT \(list) FROM \(quote(table)) ORDER BY \(quote(orderBy))")
            .map { row in columns.map { row[$0] } }
    }

    func catalog(_ table: String) throws -> CatalogTable {
        guard let found = try Catalog.table(table, connection) else {
            throw ExecutedError("the database has no table \(table)")
        }
        return found
    }
}

struct ExecutedError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
