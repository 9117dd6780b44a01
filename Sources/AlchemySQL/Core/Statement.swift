import AlchemySchema

/// One SQL statement produced by a dialect, with what a runner must know to run it.
///
/// The text carries no trailing semicolon: the runner sends it as is, and the
/// `--sql` script printer adds `;` and a line break.
public struct Statement: Hashable, Sendable, CustomStringConvertible {
    /// What a runner does with a statement beyond sending it.
    public enum Kind: Hashable, Sendable {
        /// Send it; a result set, if any, is ignored.
        case command
        /// `PRAGMA foreign_keys = OFF/ON` around a SQLite table rebuild.
        ///
        /// SQLite silently ignores this pragma inside a transaction, so it is marked
        /// `transactional: false`. A runner hoists it out of the migration's
        /// transaction: keys off before `BEGIN`, the connection's original setting
        /// restored after `COMMIT`. An offline script prints it where it stands.
        case foreignKeyEnforcement(enabled: Bool)
        /// `PRAGMA foreign_key_check(...)` after a SQLite table rebuild: a query whose
        /// rows are foreign-key violations. The runner fails the migration (and so
        /// rolls the rebuild back) when it returns any row.
        case foreignKeyCheck(TableReference)
    }

    /// The text sent to the database: values appear as the dialect's placeholders
    /// (`$1`, `?`) and travel separately in ``parameters``.
    public var sql: String
    /// The values bound to the placeholders of ``sql``, in order.
    public var parameters: [LiteralValue]
    /// The statement as a script prints it: ``sql`` with each parameter written as
    /// a literal escaped by the dialect that built it.
    public var scriptSQL: String
    /// `false` for statements that cannot run inside a transaction block
    /// (`CREATE INDEX CONCURRENTLY`, an `execute` marked so, SQLite's foreign-key pragma).
    public var transactional: Bool
    public var kind: Kind

    public init(_ sql: String, transactional: Bool = true, kind: Kind = .command) {
        self.sql = sql
        self.parameters = []
        self.scriptSQL = sql
        self.transactional = transactional
        self.kind = kind
    }

    /// A statement whose values are bound, from text with `\(value)` for each value
    /// and `\(sql: fragment)` for SQL the dialect itself produced.
    public init(_ text: BoundSQL, in dialect: any Dialect, transactional: Bool = true, kind: Kind = .command) throws(RenderError) {
        var sql = "", script = ""
        var parameters: [LiteralValue] = []
        for part in text.parts {
            switch part {
            case .sql(let fragment):
                sql += fragment
                script += fragment
            case .value(let value):
                parameters.append(value)
                sql += dialect.placeholder(parameters.count)
                script += try dialect.literal(value)
            }
        }
        self.sql = sql
        self.parameters = parameters
        self.scriptSQL = script
        self.transactional = transactional
        self.kind = kind
    }

    public var description: String { scriptSQL }
}
