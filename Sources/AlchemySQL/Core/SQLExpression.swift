import AlchemySchema

/// SQL that a file gives as an expression and a dialect writes into a statement
/// of its own: a CHECK condition, a default, an index expression, an
/// `alter_column`'s `using` conversion.
///
/// Such text is SQL by intent, so it cannot be escaped; what it can be kept
/// from is leaving its place. It must read as one expression under every
/// quoting rule a server may apply (standard strings and MySQL's backslash
/// escapes alike): no `;`, no comment that would swallow the rest of the
/// statement, no quote left open, no `)` that closes the statement's own
/// parenthesis.
public enum SQLExpression {
    public enum Problem: Hashable, Sendable, CustomStringConvertible {
        case statementSeparator
        case comment
        case unterminatedQuote
        case unbalancedParentheses
        case nulCharacter

        public var description: String {
            switch self {
            case .statementSeparator: "holds a `;`, which would end the statement"
            case .comment: "holds a comment (`--` or `/*`), which would hide the rest of the statement"
            case .unterminatedQuote: "leaves a quote open (or closes it only under one server's escaping rules)"
            case .unbalancedParentheses: "has unbalanced parentheses"
            case .nulCharacter: "holds a NUL character"
            }
        }
    }

    /// Why `sql` cannot stand as one expression, or nil when it can.
    ///
    /// With `backslashEscapes` (a MySQL session, whose sql_mode may go either way)
    /// both readings must find the text whole: `'a\'` ends at its second quote
    /// for standard SQL but not for MySQL's default mode.
    public static func problem(in sql: String, backslashEscapes: Bool = true) -> Problem? {
        let bytes = Array(sql.utf8)
        if bytes.contains(0) { return .nulCharacter }
        return scan(bytes, backslashEscapes: false) ?? (backslashEscapes ? scan(bytes, backslashEscapes: true) : nil)
    }

    private static func scan(_ bytes: [UInt8], backslashEscapes: Bool) -> Problem? {
        var depth = 0
        let tokenizer: SQLTokenizer = backslashEscapes ? .standardWithBackslashEscapes : .standard
        for token in tokenizer.tokens(bytes) {
            switch token.kind {
            case .comment:
                return .comment
            case .string, .quotedIdentifier:
                if !token.isClosed { return .unterminatedQuote }
            case .symbol where token.byte == UInt8(ascii: ";"):
                return .statementSeparator
            case .symbol where token.byte == UInt8(ascii: "("):
                depth += 1
            case .symbol where token.byte == UInt8(ascii: ")"):
                depth -= 1
                if depth < 0 { return .unbalancedParentheses }
            case .word, .number, .symbol:
                break
            }
        }
        return depth == 0 ? nil : .unbalancedParentheses
    }

    /// The expressions an operation hands to the dialect as SQL.
    public static func expressions(in operation: MigrateOperation) -> [String] {
        switch operation {
        case .createTable(let table), .dropTable(let table):
            table.columns.flatMap(expressions(in:)) + table.checkConstraints.map(\.sqltext) + table.indexes.flatMap(expressions(in:))
        case .addColumn(_, let column), .dropColumn(_, let column):
            expressions(in: column)
        case .alterColumn(let change):
            expressions(in: change.existing) + (change.serverDefault.flatMap { $0 }.map(expressions(in:)) ?? [])
        case .createIndex(_, let index, _), .dropIndex(_, let index):
            expressions(in: index)
        case .createCheckConstraint(_, let check):
            [check.sqltext]
        case .dropConstraint(_, .check(let check)):
            [check.sqltext]
        case .renameTable, .createUniqueConstraint, .createForeignKey, .createPrimaryKey, .dropConstraint,
             .createTableComment, .dropTableComment, .execute, .bulkInsert:
            []
        }
    }

    private static func expressions(in index: Index) -> [String] {
        index.expressions + (index.where.map { [$0] } ?? [])
    }

    private static func expressions(in column: Column) -> [String] {
        column.serverDefault.map(expressions(in:)) ?? []
    }

    private static func expressions(in serverDefault: ServerDefault) -> [String] {
        if case .expression(let sql) = serverDefault { return [sql] }
        return []
    }

    /// Throws when one of the operation's expressions could leave its place
    /// when `dialect` runs it.
    public static func check(_ operation: MigrateOperation, for dialect: any Dialect) throws(RenderError) {
        // `using` reaches SQL only where the dialect writes it; elsewhere it is ignored,
        // so one server's quoting rules cannot refuse another server's expression.
        var conversion: [String] = []
        if dialect.takesUsingExpression, case .alterColumn(let change) = operation, let using = change.using {
            conversion = [using]
        }
        for sql in expressions(in: operation) + conversion {
            if let problem = problem(in: sql, backslashEscapes: dialect.stringsMayUseBackslashEscapes) {
                throw .unsafeExpression(sql, problem)
            }
        }
    }
}
