extension MigrateOperation {
    /// The operation that undoes `operation`. Autogenerate produces only operations
    /// that have one; `execute` and `bulk_insert` are returned unchanged.
    public func reversed(conversion: (Column, ColumnType) -> String? = { _, _ in nil }) -> MigrateOperation {
        switch self {
        case .createTable(let table): .dropTable(table)
        case .dropTable(let table): .createTable(table)
        case let .renameTable(table, newName):
            .renameTable(TableReference(name: newName, schema: table.schema), newName: table.name)
        case let .addColumn(table, column): .dropColumn(table, column)
        case let .dropColumn(table, column): .addColumn(table, column)
        case .alterColumn(let change): .alterColumn(change.reversed(conversion: conversion))
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
            self
        }
    }
}

extension AlterColumn {
    /// The change back: from the altered column to the one before, for each field
    /// changed. A type change back gets its own conversion (`conversion`, the
    /// dialect's): text to integer needs one on PostgreSQL, integer back to text
    /// does not.
    public func reversed(conversion: (Column, ColumnType) -> String?) -> AlterColumn {
        let change = self
        var existing = change.altered
        // The reported type no longer describes the column once its type changed.
        if change.type != nil { existing.nativeType = nil }
        let oldType = change.type.map { _ in change.existing.type }
        return AlterColumn(
            table: change.table,
            existing: existing,
            type: oldType,
            using: oldType.flatMap { type in conversion(existing, type) },
            nullable: change.nullable.map { _ in change.existing.nullable },
            serverDefault: change.serverDefault.map { _ in change.existing.serverDefault },
            comment: change.comment.map { _ in change.existing.comment },
            newName: change.newName.map { _ in change.existing.name })
    }
}
