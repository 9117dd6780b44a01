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
    /// ``sql`` around its placeholders (one more piece than there are parameters),
    /// so that the values can be written as another session's literals.
    private var textAroundValues: [String]

    public init(_ sql: String, transactional: Bool = true, kind: Kind = .command) {
        self.sql = sql
        self.parameters = []
        self.scriptSQL = sql
        self.textAroundValues = [sql]
        self.transactional = transactional
        self.kind = kind
    }

    /// A statement whose values are bound, from text with `\(value)` for each value
    /// and `\(sql: fragment)` for SQL the dialect itself produced.
    public init(_ text: BoundSQL, in dialect: any Dialect, transactional: Bool = true, kind: Kind = .command) throws(RenderError) {
        var sql = "", script = "", around = [""]
        var parameters: [LiteralValue] = []
        for part in text.parts {
            switch part {
            case .sql(let fragment):
                sql += fragment
                script += fragment
                around[around.count - 1] += fragment
            case .value(let value):
                parameters.append(value)
                sql += dialect.placeholder(parameters.count)
                script += try dialect.literal(value)
                around.append("")
            }
        }
        self.sql = sql
        self.parameters = parameters
        self.scriptSQL = script
        self.textAroundValues = around
        self.transactional = transactional
        self.kind = kind
    }

    public var description: String { scriptSQL }

    /// ``scriptSQL`` with the values written as `dialect`'s literals: for a session
    /// whose settings read literals differently from those of the dialect that built
    /// the statement (MariaDB's `NO_BACKSLASH_ESCAPES`).
    public func scriptSQL(in dialect: any Dialect) throws(RenderError) -> String {
        var text = textAroundValues[0]
        for (value, following) in zip(parameters, textAroundValues.dropFirst()) {
            text += try dialect.literal(value)
            text += following
        }
        return text
    }
}
