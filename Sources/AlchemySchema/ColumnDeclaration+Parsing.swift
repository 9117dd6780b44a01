extension ColumnDeclaration {
    static let keys = ["type", "nullable", "primary_key", "index", "unique", "foreign_key", "ondelete", "onupdate",
                       "server_default", "comment", "autoincrement"]

    /// Reads `name: Type`, `name: Type?` or `name: {type: ..., ...}`.
    init(name: String, keyNode: ModelNode, value: ModelNode, table: String) throws(ModelError) {
        guard !name.isEmpty, !name.contains(".") else {
            throw keyNode.error(.invalidValue, "invalid column name '\(name)': a name must not be empty or contain '.'")
        }
        self.init(name: name, node: keyNode)
        let what = "column '\(table).\(name)'"
        if case .scalar = value.node {
            guard !value.isNull else {
                throw value.error(.missingKey, "\(what) has no type; expected a type expression such as Text, "
                    + "String(255) or DateTimeUTC?, or a map with type:")
            }
            try readType(value)
            return
        }
        let entries = try value.entries(of: what)
        if let defaultKey = entries.first(where: { $0.key == "default" }) {
            throw defaultKey.keyNode.error(.clientDefault,
                "\(what) has a client-side default:, which a model file cannot declare; use server_default: "
                + "(a scalar is a quoted literal, {sql: ...} is an SQL expression)")
        }
        // The type first: `{type: Numeric(10, 2)}` splits at the comma, and the
        // broken type explains that better than the stray key `2)` would.
        if let type = entries.first(where: { $0.key == "type" })?.value, !type.isNull {
            try readType(type)
        }
        let map = try ModelMap(value, entries: entries, of: what, allowed: Self.keys)
        if let node = map.value("nullable") {
            let explicit = try node.bool(for: "nullable of \(what)")
            if let nullable, nullable != explicit {
                throw node.error(.invalidValue, "nullable: \(explicit) contradicts the type's trailing '?' in \(what)")
            }
            nullable = explicit
        }
        primaryKey = try map.value("primary_key")?.bool(for: "primary_key of \(what)") ?? false
        if primaryKey, nullable == true {
            throw (map.value("nullable") ?? map.value("type") ?? value).error(.invalidValue,
                "\(what) is a primary key, and primary key columns are NOT NULL; remove the '?' or nullable: true")
        }
        if let node = map.value("index"), try node.bool(for: "index of \(what)") { index = node }
        if let node = map.value("unique"), try node.bool(for: "unique of \(what)") { unique = node }
        if let node = map.value("foreign_key") {
            let text = try node.string(for: "foreign_key of \(what)")
            guard let reference = ColumnReference(parsing: text) else {
                throw node.error(.invalidValue, "foreign_key of \(what) must be table.column or schema.table.column, found '\(text)'")
            }
            foreignKey = (reference, node)
        }
        onDelete = try Self.action(map, "ondelete", of: what, hasForeignKey: foreignKey != nil)
        onUpdate = try Self.action(map, "onupdate", of: what, hasForeignKey: foreignKey != nil)
        if let node = map.value("server_default") {
            serverDefault = try Self.serverDefault(node, of: what, columnType: type)
        }
        comment = try map.value("comment")?.string(for: "comment of \(what)")
        if let node = map.value("autoincrement") {
            autoincrementNode = node
            if case .scalar(let scalar) = node.node, scalar.string == "auto" {
                autoincrement = nil
            } else {
                autoincrement = try node.bool(for: "autoincrement of \(what) (true, false or auto)")
            }
        }
        if autoincrement == true, let type, !type.isInteger {
            throw (autoincrementNode ?? value).error(.invalidValue,
                "\(what) is \(type.expression); only an integer column can be autoincrement")
        }
        guard type != nil || foreignKey != nil else {
            throw value.error(.missingKey, "\(what) needs type: (only a column with foreign_key: may leave it out "
                + "and take the referenced column's type)")
        }
    }

    /// Parses a type expression, with an optional trailing `?` for a nullable column.
    private mutating func readType(_ node: ModelNode) throws(ModelError) {
        var text = try node.string(for: "type of column '\(name)'").trimmingWhitespace()
        if text.hasSuffix("?") {
            text.removeLast()
            nullable = true
        }
        do {
            type = try ColumnType(expression: text)
        } catch {
            var message = error.message
            if case .scalar(let scalar) = node.node, scalar.style == .plain, message.hasPrefix("missing ')'") {
                message += " (a comma ends a plain value inside a YAML flow map {...}: quote the expression, "
                    + "as in {type: \"\(text),...)\"})"
            }
            throw node.error(.unknownType, message)
        }
    }

    private static func action(_ map: ModelMap, _ key: String, of what: String, hasForeignKey: Bool) throws(ModelError) -> ReferentialAction? {
        guard let node = map.value(key) else { return nil }
        guard hasForeignKey else {
            throw map.keyNode(key).map { $0.error(.invalidValue, "\(key) of \(what) needs foreign_key:") }
                ?? node.error(.invalidValue, "\(key) needs foreign_key:")
        }
        let text = try node.string(for: "\(key) of \(what)")
        let normalized = text.uppercased().split(whereSeparator: { $0 == " " || $0 == "_" }).joined(separator: " ")
        guard let action = ReferentialAction(rawValue: normalized) else {
            throw node.error(.invalidValue, "invalid \(key) '\(text)' for \(what); expected one of: "
                + ReferentialAction.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return action
    }

    private static func serverDefault(_ node: ModelNode, of what: String, columnType: ColumnType?) throws(ModelError) -> ServerDefault {
        if case .mapping = node.node {
            let map = try ModelMap(node, of: "server_default of \(what)", allowed: ["sql"])
            guard let sql = map.value("sql") else {
                throw node.error(.missingKey, "server_default of \(what) needs sql: (an SQL expression such as CURRENT_TIMESTAMP)")
            }
            return .expression(try sql.string(for: "sql of server_default"))
        }
        guard case .scalar(let scalar) = node.node, !node.isNull else {
            throw node.wrongKind("a string", for: "server_default of \(what) (a literal, or {sql: ...})")
        }
        return .written(scalar, columnType: columnType)
    }
}
