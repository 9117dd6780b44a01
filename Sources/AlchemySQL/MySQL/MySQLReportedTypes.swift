import AlchemySchema

/// How MySQL and MariaDB report types (`information_schema.COLUMNS.COLUMN_TYPE`)
/// and defaults (`COLUMN_DEFAULT`), and which spellings name the same type.
extension MySQLFamily {
    /// Spellings of one type, keyed by canonical text without arguments.
    /// `BOOL` is `tinyint(1)`; `REAL` and `DOUBLE PRECISION` are `double`.
    static var typeSynonyms: [String: String] {
        [
            "integer": "int",
            "boolean": "bool",
            "double precision": "double",
            "real": "double",
            "numeric": "decimal", "dec": "decimal", "fixed": "decimal",
            "character varying": "varchar",
            "character": "char",
        ]
    }

    /// Integer types whose argument is a display width, not part of the type
    /// (`int(11)`, `bigint(20)`; MySQL 8 no longer shows it).
    static var integerTypes: Set<String> { ["tinyint", "smallint", "mediumint", "int", "bigint"] }

    public func canonicalType(_ sql: String) -> String { mysqlCanonicalType(sql) }

    /// The family's canonical spelling; MariaDB adds its own JSON rule on top.
    func mysqlCanonicalType(_ sql: String) -> String {
        let canonical = SQLText.canonical(sql, backslashEscapes: true)
        if canonical == "tinyint(1)" { return "bool" }
        let parts = TypeSpellingParts(canonical)
        let words = parts.name.split(separator: " ").map(String.init)
        guard let first = words.first else { return canonical }
        // `int(10) unsigned`: the base word and its attributes.
        let twoWords = words.count >= 2 ? Self.typeSynonyms[words[0] + " " + words[1]] : nil
        var name = twoWords ?? Self.typeSynonyms[first] ?? first
        let attributes = Array(words.dropFirst(twoWords == nil ? 1 : 2))
        var arguments = parts.arguments
        switch name {
        case _ where Self.integerTypes.contains(name):
            arguments = nil
        case "decimal":
            // DECIMAL is DECIMAL(10,0), DECIMAL(p) is DECIMAL(p,0).
            arguments = [arguments?.first ?? "10", arguments.flatMap { $0.count > 1 ? $0[1] : nil } ?? "0"]
        case "float":
            if let precision = arguments?.first.flatMap({ Int($0) }), arguments?.count == 1 {
                name = precision <= 24 ? "float" : "double"
                arguments = nil
            }
        case "char", "binary":
            if arguments == nil { arguments = ["1"] }
        default:
            break
        }
        return ([TypeSpellingParts.spelled(name, arguments)] + attributes).joined(separator: " ")
    }

    /// `current_timestamp()` (MariaDB's spelling) and `now()` are `CURRENT_TIMESTAMP`;
    /// strings read with MySQL's backslash escapes; MariaDB's `NULL` is no default.
    public func canonicalDefault(_ sql: String) -> String? {
        guard let text = SQLText.canonicalDefault(defaultTokens(sql)) else { return nil }
        switch text {
        case "current_timestamp()", "now()", "localtimestamp", "localtimestamp()": return "current_timestamp"
        default: return text
        }
    }
}

extension MySQLFamily {
    public func defaultTokens(_ sql: String) -> [SQLText.Token] {
        SQLText.tokens(sql, backslashEscapes: true)
    }

    /// The primary key's index, always named `PRIMARY`.
    public func isInternalIndex(_ name: String) -> Bool { name == "PRIMARY" }

    /// MariaDB's JSON column check, `json_valid(`column`)`.
    public func isServerMadeCheck(_ check: CheckConstraint) -> Bool {
        SQLText.canonical(check.sqltext, backslashEscapes: true).hasPrefix("json_valid(")
    }

    public var indexesForeignKeys: Bool { true }
    public var restrictIsNoAction: Bool { true }
    public var reportsUniqueIndexesAsConstraints: Bool { true }
}

extension MariaDBDialect {
    /// MariaDB's JSON is an alias: the column is `longtext` with a `json_valid` check.
    public func canonicalType(_ sql: String) -> String {
        let canonical = mysqlCanonicalType(sql)
        return canonical == "json" ? "longtext" : canonical
    }

    /// A declared `Uuid` is `CHAR(32)` as alchemy (and SQLAlchemy 2.0) renders it, or
    /// MariaDB's native `uuid` type (10.7+), which SQLAlchemy 2.1's `create_all` uses.
    public func sameType(_ declared: Column, reported: String) -> Bool {
        if declared.type == .uuid, canonicalType(reported) == "uuid" { return true }
        return rendersAs(declared, reported: reported)
    }
}
