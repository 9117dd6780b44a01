import AlchemySchema
import AlchemySQL

/// An operation as fields, for machine output (`check --format json`): the same
/// facts as ``AlchemySchema/MigrateOperation/summary``, which reads well but parses badly.
public struct OperationDetail: Sendable, Equatable {
    /// One altered attribute: `type`, `nullable`, `server_default`, `comment` or `name`.
    public struct Change: Sendable, Equatable {
        public enum Value: Sendable, Equatable {
            case text(String)
            case flag(Bool)
        }

        public var field: String
        /// `nil` is none: no default, no comment.
        public var from: Value?
        public var to: Value?

        init(field: String, from: String?, to: String?) {
            self.field = field
            self.from = from.map(Value.text)
            self.to = to.map(Value.text)
        }

        init(field: String, from: Bool?, to: Bool) {
            self.field = field
            self.from = from.map(Value.flag)
            self.to = .flag(to)
        }
    }

    /// The name revision files use (`alter_column`).
    public var operation: String
    /// `schema.table`, or `nil` for `execute`.
    public var table: String?
    public var column: String?
    /// The index's or constraint's name.
    public var object: String?
    public var changes: [Change] = []

    public init(_ operation: MigrateOperation) {
        self.operation = operation.name
        switch operation {
        case .createTable(let table), .dropTable(let table): self.table = table.reference.description
        case let .renameTable(table, newName):
            self.table = table.description
            changes = [Change(field: "name", from: table.name, to: newName)]
        case let .addColumn(table, column), let .dropColumn(table, column):
            self.table = table.description
            self.column = column.name
        case .alterColumn(let change):
            table = change.table.description
            column = change.existing.name
            changes = change.fieldChanges
        case let .createIndex(table, index, _), let .dropIndex(table, index):
            self.table = table.description
            object = index.name
        case let .createUniqueConstraint(table, constraint):
            self.table = table.description
            object = constraint.name
        case let .createForeignKey(table, key):
            self.table = table.description
            object = key.name
        case let .createCheckConstraint(table, check):
            self.table = table.description
            object = check.name
        case let .createPrimaryKey(table, key):
            self.table = table.description
            object = key.name
        case let .dropConstraint(table, constraint):
            self.table = table.description
            object = constraint.name
        case let .createTableComment(table, comment, existing):
            self.table = table.description
            changes = [Change(field: "comment", from: existing, to: comment)]
        case let .dropTableComment(table, existing):
            self.table = table.description
            changes = [Change(field: "comment", from: existing, to: nil)]
        case .execute:
            break
        case .bulkInsert(let table, _):
            self.table = table.description
        }
    }
}

extension AlterColumn {
    /// ``changes`` as fields; `nil` is "none" (no default, no comment), or, for a
    /// fact the revision file leaves out (no `existing_type`), unknown.
    var fieldChanges: [OperationDetail.Change] {
        var fields: [OperationDetail.Change] = []
        let known = existingKnown
        if let type {
            fields.append(.init(field: "type", from: known.contains(.type) ? existing.type.expression : nil, to: type.expression))
        }
        if let using { fields.append(.init(field: "using", from: nil, to: using)) }
        if let nullable, !known.contains(.nullable) || nullable != existing.nullable {
            fields.append(.init(field: "nullable", from: known.contains(.nullable) ? existing.nullable : nil, to: nullable))
        }
        if let serverDefault {
            fields.append(.init(field: "server_default", from: known.contains(.serverDefault) ? Self.describe(existing.serverDefault) : nil,
                                to: Self.describe(serverDefault)))
        }
        if let comment { fields.append(.init(field: "comment", from: known.contains(.comment) ? existing.comment : nil, to: comment)) }
        if let newName { fields.append(.init(field: "name", from: existing.name, to: newName)) }
        return fields
    }
}
