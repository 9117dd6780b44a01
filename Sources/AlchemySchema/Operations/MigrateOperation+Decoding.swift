/// Reads the operations of a revision file: the inverse of `OperationEncoder`,
/// lenient where a hand-written file would naturally differ (a column's
/// `primary_key: true`, `nullable: false`, a single column name instead of a list).
public struct OperationDecoder {
    public var reader: YAMLReader
    /// The keys `execute` takes SQL under, one per database spelling
    /// (`sqlite`, `postgresql`, ...): the dialects' own list, given by the caller,
    /// since this module knows no dialect.
    public var executeKeys: [String]

    public init(file: String, executeKeys: [String]) {
        reader = YAMLReader(file: file)
        self.executeKeys = executeKeys
    }

    public func operations(_ node: YAMLNode, what: String) throws(LocatedError) -> [MigrateOperation] {
        if reader.isNull(node) { return [] }
        var result: [MigrateOperation] = []
        for item in try reader.sequence(node, what: what) {
            result.append(try operation(item))
        }
        return result
    }

    public func operation(_ node: YAMLNode) throws(LocatedError) -> MigrateOperation {
        let entries = try reader.mapping(node, what: "an operation")
        guard entries.count == 1, let entry = entries.first else {
            throw reader.error(node, "each operation is a list item with one name, for example `- create_table: {...}`")
        }
        guard let kind = OperationKind(rawValue: entry.key) else {
            let names = OperationKind.allCases.map(\.name)
            let hint = Suggestion.closest(to: entry.key, in: names).map { " (did you mean \($0)?)" } ?? ""
            throw reader.error(entry.keyNode, "unknown operation '\(entry.key)'\(hint); expected one of: \(names.joined(separator: ", "))")
        }
        let body = entry.node
        let op = kind.name
        switch kind {
        case .createTable:
            return .createTable(try table(body, what: op))
        case .dropTable:
            return .dropTable(try table(body, what: op, columnsRequired: false))
        case .renameTable:
            let fields = try Fields(self, body, op, allowed: ["name", "schema", "new_name"])
            return .renameTable(TableReference(name: try fields.string("name"), schema: try fields.optionalString("schema")), newName: try fields.string("new_name"))
        case .addColumn, .dropColumn:
            let fields = try Fields(self, body, op, allowed: ["table", "schema", "column"])
            let target = try fields.tableReference()
            let definition = try column(try fields.node("column"))
            return kind == .addColumn ? .addColumn(target, definition) : .dropColumn(target, definition)
        case .alterColumn:
            return .alterColumn(try alterColumn(body))
        case .createIndex, .dropIndex:
            let fields = try Fields(self, body, op, allowed: ["name", "table", "schema", "columns", "expressions", "unique", "where", "concurrently"])
            let target = try fields.tableReference()
            let expressions = try fields.strings("expressions", required: false)
            // An expression index needs no `columns`; any other create_index does.
            let index = Index(name: try fields.string("name"),
                              columns: try fields.strings("columns", required: kind == .createIndex && expressions.isEmpty),
                              unique: try fields.bool("unique") ?? false, expressions: expressions,
                              where: try fields.optionalString("where"))
            if kind == .dropIndex { return .dropIndex(target, index) }
            return .createIndex(target, index, concurrently: try fields.bool("concurrently") ?? false)
        case .createUniqueConstraint:
            let fields = try Fields(self, body, op, allowed: ["name", "table", "schema", "columns"])
            return .createUniqueConstraint(try fields.tableReference(), UniqueConstraint(name: try fields.optionalString("name"), columns: try fields.strings("columns")))
        case .createPrimaryKey:
            let fields = try Fields(self, body, op, allowed: ["name", "table", "schema", "columns"])
            return .createPrimaryKey(try fields.tableReference(), PrimaryKey(name: try fields.optionalString("name"), columns: try fields.strings("columns")))
        case .createCheckConstraint:
            let fields = try Fields(self, body, op, allowed: ["name", "table", "schema", "sqltext"])
            return .createCheckConstraint(try fields.tableReference(), CheckConstraint(name: try fields.optionalString("name"), sqltext: try fields.string("sqltext")))
        case .createForeignKey:
            let fields = try Fields(self, body, op, allowed: ["name", "table", "schema", "columns", "referred_table", "referred_schema", "referred_columns", "ondelete", "onupdate"])
            return .createForeignKey(try fields.tableReference(), try foreignKey(fields, columnsKey: "columns"))
        case .dropConstraint:
            return try dropConstraint(body)
        case .createTableComment:
            let fields = try Fields(self, body, op, allowed: ["table", "schema", "comment", "existing_comment"])
            return .createTableComment(try fields.tableReference(), comment: try fields.string("comment"), existing: try fields.optionalString("existing_comment"))
        case .dropTableComment:
            let fields = try Fields(self, body, op, allowed: ["table", "schema", "existing_comment"])
            return .dropTableComment(try fields.tableReference(), existing: try fields.optionalString("existing_comment"))
        case .execute:
            return .execute(try execute(body))
        case .bulkInsert:
            let fields = try Fields(self, body, op, allowed: ["table", "schema", "rows"])
            return .bulkInsert(try fields.tableReference(), rows: try rows(try fields.node("rows")))
        }
    }

    // MARK: Tables and columns

    func table(_ node: YAMLNode, what: String, columnsRequired: Bool = true) throws(LocatedError) -> Table {
        let fields = try Fields(self, node, what, allowed: ["name", "schema", "comment", "columns", "constraints", "indexes"])
        var table = Table(name: try fields.string("name"), schema: try fields.optionalString("schema"), comment: try fields.optionalString("comment"))
        var keyColumns: [String] = []
        if let columnsNode = fields.optionalNode("columns") {
            for item in try reader.sequence(columnsNode, what: "`columns`") {
                let (definition, isKey) = try columnWithKeyFlag(item)
                if table.columns.contains(where: { $0.name == definition.name }) {
                    throw reader.error(item, "column '\(definition.name)' is listed twice in table '\(table.name)'")
                }
                table.columns.append(definition)
                if isKey { keyColumns.append(definition.name) }
            }
        } else if columnsRequired {
            throw reader.error(node, "\(what) needs `columns`")
        }
        if let constraintsNode = fields.optionalNode("constraints") {
            for item in try reader.sequence(constraintsNode, what: "`constraints`") {
                switch try constraint(item) {
                case .primaryKey(let key): table.primaryKey = key
                case .unique(let unique): table.uniqueConstraints.append(unique)
                case .foreignKey(let key): table.foreignKeys.append(key)
                case .check(let check): table.checkConstraints.append(check)
                }
            }
        }
        if table.primaryKey == nil, !keyColumns.isEmpty {
            table.primaryKey = PrimaryKey(columns: keyColumns)
        }
        if let indexesNode = fields.optionalNode("indexes") {
            for item in try reader.sequence(indexesNode, what: "`indexes`") {
                let index = try Fields(self, item, "an index", allowed: ["name", "columns", "expressions", "unique", "where"])
                let expressions = try index.strings("expressions", required: false)
                table.indexes.append(Index(name: try index.string("name"), columns: try index.strings("columns", required: expressions.isEmpty),
                                           unique: try index.bool("unique") ?? false, expressions: expressions,
                                           where: try index.optionalString("where")))
            }
        }
        return table
    }

    func column(_ node: YAMLNode) throws(LocatedError) -> Column {
        try columnWithKeyFlag(node).column
    }

    private func columnWithKeyFlag(_ node: YAMLNode) throws(LocatedError) -> (column: Column, primaryKey: Bool) {
        let fields = try Fields(self, node, "a column", allowed: ["name", "type", "nullable", "server_default", "autoincrement", "identity", "comment", "primary_key"])
        let (type, optional) = try columnType(try fields.node("type"))
        let isKey = try fields.bool("primary_key") ?? false
        var definition = Column(name: try fields.string("name"), type: type, nullable: (try fields.bool("nullable")) ?? (optional && !isKey))
        definition.serverDefault = try fields.optionalNode("server_default").flatMap { node throws(LocatedError) in try serverDefault(node, columnType: type) }
        definition.autoincrement = try fields.bool("autoincrement") ?? false
        definition.comment = try fields.optionalString("comment")
        if let identityNode = fields.optionalNode("identity") {
            if case .scalar = identityNode {
                definition.identity = try reader.bool(identityNode, what: "`identity`") ? Identity() : nil
            } else {
                let settings = try Fields(self, identityNode, "`identity`", allowed: ["always", "start", "increment"])
                definition.identity = Identity(always: try settings.bool("always") ?? false,
                                               start: try settings.int("start") ?? 1, increment: try settings.int("increment") ?? 1)
            }
        }
        return (definition, isKey)
    }

    /// `String(255)` or `Text?` (trailing `?` = nullable).
    func columnType(_ node: YAMLNode) throws(LocatedError) -> (ColumnType, optional: Bool) {
        var text = try reader.string(node, what: "`type`").trimmingWhitespace()
        let optional = text.hasSuffix("?")
        if optional { text.removeLast() }
        do {
            return (try ColumnType(expression: text), optional)
        } catch {
            throw reader.error(node, error.description)
        }
    }

    /// A plain boolean or number is a constant of the column's type (``ServerDefault/written(_:columnType:)``).
    func serverDefault(_ node: YAMLNode, columnType: ColumnType?) throws(LocatedError) -> ServerDefault? {
        if reader.isNull(node) { return nil }
        if case .mapping = node {
            let fields = try Fields(self, node, "`server_default`", allowed: ["sql"])
            return .expression(try fields.string("sql"))
        }
        guard case .scalar(let scalar) = node else {
            throw reader.error(node, "`server_default` must be a single value or {sql: ...}, not a list")
        }
        return .written(scalar, columnType: columnType)
    }

    /// `existing_*` say what the column was. Each may be left out, as in Alembic:
    /// the runner then takes it from the schema the earlier revisions describe.
    /// A file that gives `existing_type` describes the column in full (alchemy's
    /// own form), so there a missing default, comment or autoincrement means none.
    /// `using` (PostgreSQL's `USING` conversion) needs a `type`; SQLite and
    /// MySQL/MariaDB ignore it, as they convert the values themselves.
    func alterColumn(_ node: YAMLNode) throws(LocatedError) -> AlterColumn {
        let fields = try Fields(self, node, "alter_column", allowed: [
            "table", "schema", "column", "new_name", "type", "using", "nullable", "server_default", "comment",
            "existing_type", "existing_nullable", "existing_server_default", "existing_comment", "existing_autoincrement",
        ])
        let typeNode = fields.optionalNode("type")
        let newType = try typeNode.map { node throws(LocatedError) in try columnType(node).0 }
        let existingTypeNode = fields.optionalNode("existing_type")
        var known: ExistingColumnFacts = []
        // An unknown type stands in as the new one (or Text): nothing reads it before
        // `completed(from:)` replaces it, or a dialect that needs it refuses.
        var existing = Column(name: try fields.string("column"), type: try existingTypeNode.map { node throws(LocatedError) in try columnType(node).0 } ?? newType ?? .text)
        if existingTypeNode != nil { known.insert(.type) }
        if let nullable = try fields.bool("existing_nullable") {
            existing.nullable = nullable
            known.insert(.nullable)
        }
        if let node = fields.optionalNode("existing_server_default") {
            existing.serverDefault = try serverDefault(node, columnType: existingTypeNode == nil ? newType : existing.type)
            known.insert(.serverDefault)
        }
        if let node = fields.optionalNode("existing_comment") {
            existing.comment = try reader.optionalString(node, what: "`existing_comment`")
            known.insert(.comment)
        }
        if let autoincrement = try fields.bool("existing_autoincrement") {
            existing.autoincrement = autoincrement
            known.insert(.autoincrement)
        }
        if existingTypeNode != nil { known.formUnion([.serverDefault, .comment, .autoincrement]) }
        var change = AlterColumn(table: try fields.tableReference(), existing: existing, existingKnown: known)
        change.newName = try fields.optionalString("new_name")
        change.type = newType
        change.using = try fields.optionalString("using")
        if change.using != nil, typeNode == nil {
            throw reader.error(fields.optionalNode("using") ?? node, "`using` converts the values to a new `type`; this alter_column changes no type")
        }
        change.nullable = try fields.bool("nullable")
        if let node = fields.optionalNode("server_default") { change.serverDefault = .some(try serverDefault(node, columnType: change.type ?? (existingTypeNode == nil ? nil : existing.type))) }
        if let node = fields.optionalNode("comment") { change.comment = .some(try reader.optionalString(node, what: "`comment`")) }
        return change
    }

    // MARK: Constraints

    /// `{primary_key: [id]}`, `{unique: [a, b]}`, `{check: "..."}` or
    /// `{foreign_key: [post_id], referred_table: post, referred_columns: [id]}`, each with an optional `name`.
    func constraint(_ node: YAMLNode) throws(LocatedError) -> Constraint {
        let kinds = ["primary_key", "unique", "foreign_key", "check"]
        let entries = try reader.mapping(node, what: "a constraint")
        guard let kind = entries.first(where: { kinds.contains($0.key) })?.key else {
            throw reader.error(node, "a constraint names its kind: primary_key, unique, foreign_key or check")
        }
        switch kind {
        case "primary_key":
            let fields = try Fields(self, node, "a primary key", allowed: ["primary_key", "name"])
            return .primaryKey(PrimaryKey(name: try fields.optionalString("name"), columns: try fields.strings("primary_key")))
        case "unique":
            let fields = try Fields(self, node, "a unique constraint", allowed: ["unique", "name"])
            return .unique(UniqueConstraint(name: try fields.optionalString("name"), columns: try fields.strings("unique")))
        case "check":
            let fields = try Fields(self, node, "a check constraint", allowed: ["check", "name"])
            return .check(CheckConstraint(name: try fields.optionalString("name"), sqltext: try fields.string("check")))
        default:
            let fields = try Fields(self, node, "a foreign key", allowed: ["foreign_key", "name", "referred_table", "referred_schema", "referred_columns", "ondelete", "onupdate"])
            return .foreignKey(try foreignKey(fields, columnsKey: "foreign_key"))
        }
    }

    func foreignKey(_ fields: Fields, columnsKey: String) throws(LocatedError) -> ForeignKey {
        ForeignKey(name: try fields.optionalString("name"), columns: try fields.strings(columnsKey),
                   referredSchema: try fields.optionalString("referred_schema"), referredTable: try fields.string("referred_table"),
                   referredColumns: try fields.strings("referred_columns"),
                   onDelete: try fields.action("ondelete"), onUpdate: try fields.action("onupdate"))
    }

    /// `drop_constraint: {name, table, type: unique, columns: [...]}` or with the
    /// constraint's own form (`unique: [...]`), which is what alchemy writes.
    func dropConstraint(_ node: YAMLNode) throws(LocatedError) -> MigrateOperation {
        let fields = try Fields(self, node, "drop_constraint", allowed: [
            "name", "table", "schema", "type", "primary_key", "unique", "check", "foreign_key", "columns",
            "referred_table", "referred_schema", "referred_columns", "ondelete", "onupdate", "sqltext",
        ])
        let target = try fields.tableReference()
        let name = try fields.optionalString("name")
        let kinds = ["primary_key", "unique", "check", "foreign_key"]
        let kind: String
        if let given = kinds.first(where: { fields.optionalNode($0) != nil }) {
            kind = given
        } else if let typeNode = fields.optionalNode("type") {
            let text = try reader.string(typeNode, what: "`type`")
            let aliases = ["primary": "primary_key", "primary_key": "primary_key", "unique": "unique", "check": "check",
                           "foreignkey": "foreign_key", "foreign_key": "foreign_key"]
            guard let mapped = aliases[text] else {
                throw reader.error(typeNode, "unknown constraint type '\(text)'; expected primary, unique, check or foreignkey")
            }
            kind = mapped
        } else {
            throw reader.error(node, "drop_constraint needs the constraint's kind: `type: unique|foreignkey|check|primary` (and its definition, so the downgrade can re-create it)")
        }
        let columnsKey = fields.optionalNode(kind) != nil ? kind : "columns"
        switch kind {
        case "primary_key":
            return .dropConstraint(target, .primaryKey(PrimaryKey(name: name, columns: try fields.strings(columnsKey, required: false))))
        case "unique":
            return .dropConstraint(target, .unique(UniqueConstraint(name: name, columns: try fields.strings(columnsKey, required: false))))
        case "check":
            let sql = try fields.optionalString(fields.optionalNode("check") != nil ? "check" : "sqltext") ?? ""
            return .dropConstraint(target, .check(CheckConstraint(name: name, sqltext: sql)))
        default:
            let key = ForeignKey(name: name, columns: try fields.strings(columnsKey, required: false),
                                 referredSchema: try fields.optionalString("referred_schema"),
                                 referredTable: try fields.optionalString("referred_table") ?? "",
                                 referredColumns: try fields.strings("referred_columns", required: false),
                                 onDelete: try fields.action("ondelete"), onUpdate: try fields.action("onupdate"))
            return .dropConstraint(target, .foreignKey(key))
        }
    }

    // MARK: execute and bulk_insert

    func execute(_ node: YAMLNode) throws(LocatedError) -> Execute {
        if case .scalar = node { return Execute(sql: try reader.string(node, what: "`execute`")) }
        let dialects = executeKeys
        let fields = try Fields(self, node, "execute", allowed: ["sql", "default", "transactional"] + dialects)
        var perDialect: [String: String?] = [:]
        for dialect in dialects {
            if let entry = fields.optionalNode(dialect) { perDialect[dialect] = try reader.optionalString(entry, what: "`\(dialect)`") }
        }
        let sqlNode = fields.optionalNode("sql") ?? fields.optionalNode("default")
        if sqlNode == nil && perDialect.isEmpty {
            throw reader.error(node, "execute needs `sql: ...`, or SQL per dialect (\(dialects.joined(separator: ", "))) with an optional `default`")
        }
        let sql = try sqlNode.flatMap { node throws(LocatedError) in try reader.optionalString(node, what: "`sql`") }
        return Execute(sql: sql, perDialect: perDialect, transactional: try fields.bool("transactional") ?? true)
    }

    func rows(_ node: YAMLNode) throws(LocatedError) -> [[String: LiteralValue]] {
        var result: [[String: LiteralValue]] = []
        for item in try reader.sequence(node, what: "`rows`") {
            var row: [String: LiteralValue] = [:]
            for entry in try reader.mapping(item, what: "a row") {
                row[entry.key] = try literal(entry.node)
            }
            result.append(row)
        }
        return result
    }

    /// Plain scalars resolve as YAML 1.2 core does (null, booleans, numbers); quoted ones stay strings.
    func literal(_ node: YAMLNode) throws(LocatedError) -> LiteralValue {
        guard case .scalar(let scalar) = node else { throw reader.error(node, "row values must be single values") }
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text) }
        if reader.isNull(node) { return .null }
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let number = Int64(text) { return .int(number) }
        if let number = Double(text), text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return .double(number) }
        return .string(text)
    }
}

/// The keys of one mapping, checked against what is allowed, read with located errors.
struct Fields {
    let decoder: OperationDecoder
    let node: YAMLNode
    let what: String
    let entries: [YAMLReader.Entry]

    init(_ decoder: OperationDecoder, _ node: YAMLNode, _ what: String, allowed: [String]) throws(LocatedError) {
        self.decoder = decoder
        self.node = node
        self.what = what
        entries = try decoder.reader.mapping(node, what: what)
        try decoder.reader.rejectUnknownKeys(entries, allowed: allowed, in: what)
    }

    var reader: YAMLReader { decoder.reader }

    func optionalNode(_ key: String) -> YAMLNode? {
        entries.first { $0.key == key }?.node
    }

    func node(_ key: String) throws(LocatedError) -> YAMLNode {
        guard let found = optionalNode(key) else { throw reader.error(node, "\(what) needs `\(key)`") }
        return found
    }

    func string(_ key: String) throws(LocatedError) -> String {
        try reader.string(try node(key), what: "`\(key)`")
    }

    func optionalString(_ key: String) throws(LocatedError) -> String? {
        guard let found = optionalNode(key) else { return nil }
        return try reader.optionalString(found, what: "`\(key)`")
    }

    func strings(_ key: String, required: Bool = true) throws(LocatedError) -> [String] {
        guard let found = optionalNode(key) else {
            if required { throw reader.error(node, "\(what) needs `\(key)`") }
            return []
        }
        return try reader.strings(found, what: "`\(key)`")
    }

    func bool(_ key: String) throws(LocatedError) -> Bool? {
        guard let found = optionalNode(key) else { return nil }
        return try reader.bool(found, what: "`\(key)`")
    }

    func int(_ key: String) throws(LocatedError) -> Int? {
        guard let found = optionalNode(key) else { return nil }
        return try reader.int(found, what: "`\(key)`")
    }

    func action(_ key: String) throws(LocatedError) -> ReferentialAction? {
        guard let found = optionalNode(key), let text = try reader.optionalString(found, what: "`\(key)`") else { return nil }
        guard let action = ReferentialAction(rawValue: text.uppercased()) else {
            throw reader.error(found, "`\(key)` must be one of \(ReferentialAction.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
        }
        return action
    }

    func tableReference() throws(LocatedError) -> TableReference {
        TableReference(name: try string("table"), schema: try optionalString("schema"))
    }
}
