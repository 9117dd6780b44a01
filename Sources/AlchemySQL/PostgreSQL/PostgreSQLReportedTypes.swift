import AlchemySchema

/// How PostgreSQL reports types and defaults (`format_type`, `pg_get_expr`), and
/// which of its spellings name the same type.
extension PostgreSQLDialect {
    /// Spellings of one type, keyed by the canonical text, valued by PostgreSQL's
    /// internal name. The serial pseudo-types are their integer types: a BIGSERIAL
    /// column is a `bigint` with a sequence default. `FLOAT` without a precision is
    /// `double precision`.
    static let typeSynonyms: [String: String] = [
        "character varying": "varchar",
        "character": "bpchar",
        "char": "bpchar",
        "integer": "int4", "int": "int4", "serial": "int4", "serial4": "int4",
        "bigint": "int8", "bigserial": "int8", "serial8": "int8",
        "smallint": "int2", "smallserial": "int2", "serial2": "int2",
        "boolean": "bool",
        "double precision": "float8", "float": "float8",
        "real": "float4",
        "decimal": "numeric",
        "timestamp with time zone": "timestamptz",
        "timestamp without time zone": "timestamp",
        "time with time zone": "timetz",
        "time without time zone": "time",
        "bit varying": "varbit",
    ]

    public func canonicalType(_ sql: String) -> String {
        var parts = TypeSpellingParts(SQLText.canonical(sql))
        // A named type outside the search path is schema-qualified (`app.user_status`).
        if parts.arguments == nil, let dot = parts.name.lastIndex(of: ".") {
            parts.name = String(parts.name[parts.name.index(after: dot)...])
        }
        if parts.name == "float", let precision = parts.arguments?.first.flatMap({ Int($0) }) {
            return precision <= 24 ? "float4" : "float8"
        }
        let name = Self.typeSynonyms[parts.name] ?? parts.name
        return TypeSpellingParts.spelled(name, parts.arguments)
    }

    /// Casts removed (`'0'::integer` is `0`, `'active'::user_status` is `'active'`),
    /// and `now()` / `transaction_timestamp()` read as `CURRENT_TIMESTAMP`, which is the
    /// same function in PostgreSQL.
    public func canonicalDefault(_ sql: String) -> String? {
        guard let text = SQLText.canonicalDefault(defaultTokens(sql)) else { return nil }
        return Self.timestampFunctions[text] ?? text
    }

    public func defaultTokens(_ sql: String) -> [SQLText.Token] {
        Self.withoutCasts(SQLText.tokens(sql))
    }

    static let timestampFunctions: [String: String] = [
        "now()": "current_timestamp",
        "transaction_timestamp()": "current_timestamp",
        "current_timestamp()": "current_timestamp",
    ]

    /// The tokens without `::type` casts, multi-word types (`character varying`,
    /// `timestamp with time zone`), type arguments and array brackets included.
    static func withoutCasts(_ tokens: [SQLText.Token]) -> [SQLText.Token] {
        let continuations: Set<String> = ["varying", "precision", "with", "without", "time", "zone"]
        var output: [SQLText.Token] = []
        var i = 0
        while i < tokens.count {
            guard i + 1 < tokens.count, tokens[i] == .symbol(":"), tokens[i + 1] == .symbol(":") else {
                output.append(tokens[i])
                i += 1
                continue
            }
            i += 2
            // The type name, possibly schema-qualified.
            while i < tokens.count {
                switch tokens[i] {
                case .word, .identifier: i += 1
                default: break
                }
                if i + 1 < tokens.count, tokens[i] == .symbol(".") { i += 1 } else { break }
            }
            while i < tokens.count, case .word(let word) = tokens[i], continuations.contains(word) { i += 1 }
            if i < tokens.count, tokens[i] == .symbol("(") {
                while i < tokens.count, tokens[i] != .symbol(")") { i += 1 }
                i += 1
            }
            while i + 1 < tokens.count, tokens[i] == .symbol("["), tokens[i + 1] == .symbol("]") { i += 2 }
        }
        return output
    }
}
