extension MigrateOperation {
    /// A short human description: `create_table user_account`, `add_column post.published`.
    public var summary: String {
        switch self {
        case .createTable(let table): "create_table \(table.reference)"
        case .dropTable(let table): "drop_table \(table.reference)"
        case .renameTable(let table, let newName): "rename_table \(table) -> \(newName)"
        case .addColumn(let table, let column): "add_column \(table).\(column.name)"
        case .dropColumn(let table, let column): "drop_column \(table).\(column.name)"
        case .alterColumn(let change): "alter_column \(change.table).\(change.existing.name)" + (change.changes.isEmpty ? "" : ": " + change.changes)
        case .createIndex(_, let index, _): "create_index \(index.name)"
        case .dropIndex(_, let index): "drop_index \(index.name)"
        case .createUniqueConstraint(let table, let constraint): "create_unique_constraint \(constraint.name ?? "") on \(table)"
        case .createForeignKey(let table, let key): "create_foreign_key \(key.name ?? "") on \(table)"
        case .createCheckConstraint(let table, let check): "create_check_constraint \(check.name ?? "") on \(table)"
        case .createPrimaryKey(let table, let key): "create_primary_key \(key.name ?? "") on \(table)"
        case .dropConstraint(let table, let constraint): "drop_constraint \(constraint.name ?? "") on \(table)"
        case .createTableComment(let table, _, _): "create_table_comment \(table)"
        case .dropTableComment(let table, _): "drop_table_comment \(table)"
        case .execute: "execute"
        case .bulkInsert(let table, let rows): "bulk_insert \(table) (\(rows.count) rows)"
        }
    }
}

extension AlterColumn {
    /// What the change does, e.g. `type String(100) -> String(255); nullable -> NOT NULL`,
    /// so that `check` and `-v` say what differs.
    /// A fact the file leaves out about the column before (no `existing_type`) is
    /// not shown: `type -> Integer`.
    var changes: String {
        var parts: [String] = []
        let known = existingKnown
        if let type {
            let before = known.contains(.type) ? existing.type.expression + " " : ""
            parts.append("type \(before)-> \(type.expression)" + (using.map { " using \($0)" } ?? ""))
        }
        if let nullable, !known.contains(.nullable) {
            parts.append(nullable ? "-> nullable" : "-> NOT NULL")
        } else if let nullable, nullable != existing.nullable {
            parts.append(nullable ? "NOT NULL -> nullable" : "nullable -> NOT NULL")
        }
        if let serverDefault {
            let before = known.contains(.serverDefault) ? (Self.describe(existing.serverDefault) ?? "none") + " " : ""
            parts.append("server_default \(before)-> \(Self.describe(serverDefault) ?? "none")")
        }
        if let comment {
            let before = known.contains(.comment) ? Self.quoted(existing.comment) + " " : ""
            parts.append("comment \(before)-> \(Self.quoted(comment))")
        }
        if let newName { parts.append("rename -> \(newName)") }
        return parts.joined(separator: "; ")
    }

    /// `'text'` for a literal, the SQL of an expression; `describe` prints `nil` as `none`.
    public static func describe(_ value: ServerDefault?) -> String? {
        switch value {
        case nil: nil
        case .literal(let text): "'\(text)'"
        case .expression(let sql): sql
        }
    }

    private static func quoted(_ text: String?) -> String {
        text.map { "'\($0)'" } ?? "none"
    }
}
