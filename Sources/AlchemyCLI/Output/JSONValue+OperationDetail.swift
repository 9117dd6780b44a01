import AlchemyMigrate

extension JSONValue {
    /// `{"operation": "alter_column", "table": "post", "column": "title",
    /// "changes": {"type": {"from": "String(100)", "to": "String(255)"}}}`; absent
    /// fields are left out, and "none" is `null`.
    init(_ detail: OperationDetail) {
        var fields: [(String, JSONValue)] = [("operation", .string(detail.operation))]
        if let table = detail.table { fields.append(("table", .string(table))) }
        if let column = detail.column { fields.append(("column", .string(column))) }
        if let object = detail.object { fields.append(("name", .string(object))) }
        if !detail.changes.isEmpty {
            fields.append(("changes", .object(detail.changes.map { change in
                (change.field, .object([("from", Self.text(change.from)), ("to", Self.text(change.to))]))
            })))
        }
        self = .object(fields)
    }

    private static func text(_ value: OperationDetail.Change.Value?) -> JSONValue {
        switch value {
        case nil: .null
        case .text(let text)?: .string(text)
        case .flag(let flag)?: .bool(flag)
        }
    }
}
