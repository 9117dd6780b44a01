/// Operations as revision-file YAML: Alembic's `op.*` names and arguments.
///
/// Columns follow the model-file convention: NOT NULL unless the type ends in `?`.
/// Drops carry the full definition of what they drop, so the file alone can
/// re-create it.
public enum OperationEncoder {
    public static func encode(_ operation: MigrateOperation) -> YAMLText {
        .mapping([(operation.kind.name, arguments(of: operation))])
    }

    /// The mapping under the operation's name.
    static func arguments(of operation: MigrateOperation) -> YAMLText {
        switch operation {
        case .createTable(let table):
            return encode(table)
        case .dropTable(let table):
            return encode(table)
        case .renameTable(let table, let newName):
            return .mapping(reference(table, key: "name") + [("new_name", .scalar(newName))])
        case .addColumn(let table, let column):
            return .mapping(reference(table) + [("column", encode(column))])
        case .dropColumn(let table, let column):
            return .mapping(reference(table) + [("column", encode(column))])
        case .alterColumn(let change):
            return encode(change)
        case .createIndex(let table, let index, let concurrently):
            var pairs = [("name", YAMLText.scalar(index.name))] + reference(table) + indexBody(index)
            if concurrently { pairs.append(("concurrently", .bool(true))) }
            return .mapping(pairs)
        case .dropIndex(let table, let index):
            return .mapping([("name", .scalar(index.name))] + reference(table) + indexBody(index))
        case .createUniqueConstraint(let table, let constraint):
            return .mapping(named(constraint.name) + reference(table) + [("columns", names(constraint.columns))])
        case .createForeignKey(let table, let key):
            return .mapping(named(key.name) + reference(table) + foreignKeyBody(key))
        case .createCheckConstraint(let table, let check):
            return .mapping(named(check.name) + reference(table) + [("sqltext", .scalar(check.sqltext))])
        case .createPrimaryKey(let table, let key):
            return .mapping(named(key.name) + reference(table) + [("columns", names(key.columns))])
        case .dropConstraint(let table, let constraint):
            return .mapping(named(constraint.name) + reference(table) + constraintBody(constraint))
        case .createTableComment(let table, let comment, let existing):
            var pairs = reference(table) + [("comment", YAMLText.scalar(comment))]
            if let existing { pairs.append(("existing_comment", .scalar(existing))) }
            return .mapping(pairs)
        case .dropTableComment(let table, let existing):
            var pairs = reference(table)
            if let existing { pairs.append(("existing_comment", .scalar(existing))) }
            return .mapping(pairs)
        case .execute(let execute):
            var pairs: [(String, YAMLText)] = []
            for dialect in execute.perDialect.keys.sorted() {
                pairs.append((dialect, execute.perDialect[dialect].flatMap { $0.map(YAMLText.scalar) } ?? .null))
            }
            if pairs.isEmpty {
                pairs.append(("sql", execute.sql.map(YAMLText.scalar) ?? .null))
            } else {
                pairs.append(("default", execute.sql.map(YAMLText.scalar) ?? .null))
            }
            if !execute.transactional { pairs.append(("transactional", .bool(false))) }
            return .mapping(pairs)
        case .bulkInsert(let table, let rows):
            let encodedRows = rows.map { row in
                YAMLText.mapping(row.keys.sorted().map { ($0, literal(row[$0] ?? .null)) })
            }
            return .mapping(reference(table) + [("rows", .sequence(encodedRows))])
        }
    }

    // MARK: Parts

    public static func encode(_ table: Table) -> YAMLText {
        var pairs: [(String, YAMLText)] = [("name", .scalar(table.name))]
        if let schema = table.schema { pairs.append(("schema", .scalar(schema))) }
        if let comment = table.comment { pairs.append(("comment", .scalar(comment))) }
        pairs.append(("columns", .sequence(table.columns.map(encode))))
        var constraints: [YAMLText] = []
        if let key = table.primaryKey { constraints.append(.mapping(constraintBody(.primaryKey(key)) + named(key.name))) }
        for unique in table.uniqueConstraints { constraints.append(.mapping(constraintBody(.unique(unique)) + named(unique.name))) }
        for key in table.foreignKeys { constraints.append(.mapping(constraintBody(.foreignKey(key)) + named(key.name))) }
        for check in table.checkConstraints { constraints.append(.mapping(constraintBody(.check(check)) + named(check.name))) }
        if !constraints.isEmpty { pairs.append(("constraints", .sequence(constraints))) }
        if !table.indexes.isEmpty {
            pairs.append(("indexes", .sequence(table.indexes.map { .mapping([("name", .scalar($0.name))] + indexBody($0)) })))
        }
        return .mapping(pairs)
    }

    public static func encode(_ column: Column) -> YAMLText {
        var pairs: [(String, YAMLText)] = [
            ("name", .scalar(column.name)),
            ("type", .scalar(column.type.expression + (column.nullable ? "?" : ""))),
        ]
        if let value = column.serverDefault { pairs.append(("server_default", serverDefault(value))) }
        if column.autoincrement { pairs.append(("autoincrement", .bool(true))) }
        if let identity = column.identity {
            var settings: [(String, YAMLText)] = []
            if identity.always { settings.append(("always", .bool(true))) }
            settings.append(("start", .int(identity.start)))
            settings.append(("increment", .int(identity.increment)))
            pairs.append(("identity", .mapping(settings)))
        }
        if let comment = column.comment { pairs.append(("comment", .scalar(comment))) }
        return .mapping(pairs)
    }

    static func encode(_ change: AlterColumn) -> YAMLText {
        var pairs = reference(change.table) + [("column", YAMLText.scalar(change.existing.name))]
        if let newName = change.newName { pairs.append(("new_name", .scalar(newName))) }
        if let type = change.type { pairs.append(("type", .scalar(type.expression))) }
        if let using = change.using { pairs.append(("using", .scalar(using))) }
        if let nullable = change.nullable { pairs.append(("nullable", .bool(nullable))) }
        if let value = change.serverDefault { pairs.append(("server_default", value.map(serverDefault) ?? .null)) }
        if let comment = change.comment { pairs.append(("comment", comment.map(YAMLText.scalar) ?? .null)) }
        // What the column was, as far as it is known: the reverse and MySQL's
        // MODIFY COLUMN need it. With `existing_type` written, a default, comment
        // or autoincrement left out reads back as none (see OperationDecoder).
        let known = change.existingKnown
        let full = known.contains(.type)
        if full { pairs.append(("existing_type", .scalar(change.existing.type.expression))) }
        if known.contains(.nullable) { pairs.append(("existing_nullable", .bool(change.existing.nullable))) }
        if let value = change.existing.serverDefault, known.contains(.serverDefault) {
            pairs.append(("existing_server_default", serverDefault(value)))
        } else if known.contains(.serverDefault) && !full {
            pairs.append(("existing_server_default", .null))
        }
        if let comment = change.existing.comment, known.contains(.comment) {
            pairs.append(("existing_comment", .scalar(comment)))
        } else if known.contains(.comment) && !full {
            pairs.append(("existing_comment", .null))
        }
        if known.contains(.autoincrement) && (change.existing.autoincrement || !full) {
            pairs.append(("existing_autoincrement", .bool(change.existing.autoincrement)))
        }
        return .mapping(pairs)
    }

    static func serverDefault(_ value: ServerDefault) -> YAMLText {
        switch value {
        case .literal(let text): .scalar(text)
        case .expression(let sql): .mapping([("sql", .scalar(sql))])
        }
    }

    static func literal(_ value: LiteralValue) -> YAMLText {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .raw(String(number))
        case .double(let number): .raw(String(number))
        case .string(let text): .quoted(text)
        }
    }

    static func reference(_ table: TableReference, key: String = "table") -> [(String, YAMLText)] {
        var pairs: [(String, YAMLText)] = [(key, .scalar(table.name))]
        if let schema = table.schema { pairs.append(("schema", .scalar(schema))) }
        return pairs
    }

    static func named(_ name: String?) -> [(String, YAMLText)] {
        name.map { [("name", YAMLText.scalar($0))] } ?? []
    }

    static func names(_ list: [String]) -> YAMLText {
        .sequence(list.map(YAMLText.scalar))
    }

    static func indexBody(_ index: Index) -> [(String, YAMLText)] {
        var pairs: [(String, YAMLText)] = []
        if !index.columns.isEmpty || index.expressions.isEmpty { pairs.append(("columns", names(index.columns))) }
        if !index.expressions.isEmpty { pairs.append(("expressions", names(index.expressions))) }
        if index.unique { pairs.append(("unique", .bool(true))) }
        if let predicate = index.where { pairs.append(("where", .scalar(predicate))) }
        return pairs
    }

    static func foreignKeyBody(_ key: ForeignKey) -> [(String, YAMLText)] {
        var pairs: [(String, YAMLText)] = [("columns", names(key.columns)), ("referred_table", .scalar(key.referredTable))]
        if let schema = key.referredSchema { pairs.append(("referred_schema", .scalar(schema))) }
        pairs.append(("referred_columns", names(key.referredColumns)))
        if let action = key.onDelete { pairs.append(("ondelete", .scalar(action.rawValue))) }
        if let action = key.onUpdate { pairs.append(("onupdate", .scalar(action.rawValue))) }
        return pairs
    }

    /// A constraint's kind and definition: `{unique: [email]}`, `{check: "..."}`, ...
    static func constraintBody(_ constraint: Constraint) -> [(String, YAMLText)] {
        switch constraint {
        case .primaryKey(let key): [("primary_key", names(key.columns))]
        case .unique(let unique): [("unique", names(unique.columns))]
        case .check(let check): [("check", .scalar(check.sqltext))]
        case .foreignKey(let key):
            [("foreign_key", names(key.columns))] + foreignKeyBody(key).dropFirst()
        }
    }
}
