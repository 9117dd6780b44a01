import AlchemySchema
import AlchemySQL

/// The result of comparing the declared schema with a live one: the operations
/// that make the database match the models, and their exact reverse.
public struct Comparison: Hashable, Sendable {
    /// Operations in the order they must run.
    public var upgrade: [AlchemySchema.Operation]
    /// The reverse of each upgrade operation, in reverse order. Drops carry full
    /// definitions (the live table, column, index or constraint), so nothing is lost.
    public var downgrade: [AlchemySchema.Operation]

    /// What the comparison left alone on purpose, one line each (printed as
    /// `warning: ...`): a table shaped like another tool's version table, an
    /// index whose definition could not be read. Warnings are not differences.
    public var warnings: [String]

    /// `dialect` supplies the type conversions the downgrade needs (see
    /// ``Dialect/typeConversion(of:to:)``); without one the downgrade has none.
    public init(upgrade: [AlchemySchema.Operation], warnings: [String] = [], dialect: (any Dialect)? = nil) {
        self.upgrade = upgrade
        self.downgrade = upgrade.reversed().map { Self.reverse($0, dialect: dialect) }
        self.warnings = warnings
    }

    /// No difference: what `check` reports as success.
    public var isEmpty: Bool { upgrade.isEmpty }

    /// One line per upgrade operation, as `check` lists them
    /// (`add_column post.published`, `alter_column post.title`).
    public var summary: [String] { upgrade.map(\.summary) }

    /// The operation that undoes `operation`. Autogenerate produces only operations
    /// that have one; `execute` and `bulk_insert` are returned unchanged.
    static func reverse(_ operation: AlchemySchema.Operation, dialect: (any Dialect)? = nil) -> AlchemySchema.Operation {
        switch operation {
        case .createTable(let table): .dropTable(table)
        case .dropTable(let table): .createTable(table)
        case let .renameTable(table, newName):
            .renameTable(TableReference(name: newName, schema: table.schema), newName: table.name)
        case let .addColumn(table, column): .dropColumn(table, column)
        case let .dropColumn(table, column): .addColumn(table, column)
        case .alterColumn(let change): .alterColumn(reverse(change, dialect: dialect))
        case let .createIndex(table, index, _): .dropIndex(table, index)
        case let .dropIndex(table, index): .createIndex(table, index)
        case let .createUniqueConstraint(table, unique): .dropConstraint(table, .unique(unique))
        case let .createForeignKey(table, key): .dropConstraint(table, .foreignKey(key))
        case let .createCheckConstraint(table, check): .dropConstraint(table, .check(check))
        case let .createPrimaryKey(table, key): .dropConstraint(table, .primaryKey(key))
        case let .dropConstraint(table, constraint):
            switch constraint {
            case .primaryKey(let key): .createPrimaryKey(table, key)
            case .unique(let unique): .createUniqueConstraint(table, unique)
            case .foreignKey(let key): .createForeignKey(table, key)
            case .check(let check): .createCheckConstraint(table, check)
            }
        case let .createTableComment(table, comment, existing):
            existing.map { .createTableComment(table, comment: $0, existing: comment) }
                ?? .dropTableComment(table, existing: comment)
        case let .dropTableComment(table, existing):
            .createTableComment(table, comment: existing ?? "", existing: nil)
        case .execute, .bulkInsert:
            operation
        }
    }

    /// The change back: from the altered column to the one before, for each field
    /// changed. A type change back gets its own conversion: text to integer needs
    /// one on PostgreSQL, integer back to text does not.
    static func reverse(_ change: AlterColumn, dialect: (any Dialect)? = nil) -> AlterColumn {
        var existing = change.altered
        // The reported type no longer describes the column once its type changed.
        if change.type != nil { existing.nativeType = nil }
        let oldType = change.type.map { _ in change.existing.type }
        return AlterColumn(
            table: change.table,
            existing: existing,
            type: oldType,
            using: oldType.flatMap { type in dialect?.typeConversion(of: existing, to: type) },
            nullable: change.nullable.map { _ in change.existing.nullable },
            serverDefault: change.serverDefault.map { _ in change.existing.serverDefault },
            comment: change.comment.map { _ in change.existing.comment },
            newName: change.newName.map { _ in change.existing.name })
    }
}
