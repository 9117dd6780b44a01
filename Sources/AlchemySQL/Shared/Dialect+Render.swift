import AlchemySchema

/// The dispatch from an operation to the requirement that renders it.
extension Dialect {
    public func render(_ operation: MigrateOperation, in context: Schema) throws -> [Statement] {
        try renderStandard(operation, in: context)
    }

    /// The shared dispatch. A dialect that wraps ``Dialect/render(_:in:)`` (PostgreSQL
    /// for its enum types, SQLite for table rebuilds) calls it for everything it
    /// leaves as is.
    public func renderStandard(_ operation: MigrateOperation, in context: Schema) throws -> [Statement] {
        try SQLExpression.check(operation, for: self)
        return switch operation {
        case .createTable(let table):
            try createTable(table, in: context)
        case .dropTable(let table):
            try dropTable(table, in: context)
        case let .renameTable(table, newName):
            try renameTable(table, to: newName)
        case let .addColumn(table, column):
            try addColumn(column, to: table, in: context)
        case let .dropColumn(table, column):
            try dropColumn(column, from: table, in: context)
        case .alterColumn(let change):
            // What the file leaves out about the column comes from the context.
            try alterColumn(change.completed(in: context), in: context)
        case let .createIndex(table, index, concurrently):
            try createIndex(index, on: table, concurrently: concurrently)
        case let .dropIndex(table, index):
            try dropIndex(index, on: table)
        case let .createUniqueConstraint(table, constraint):
            try addConstraint(.unique(constraint), to: table, in: context)
        case let .createForeignKey(table, constraint):
            try addConstraint(.foreignKey(constraint), to: table, in: context)
        case let .createCheckConstraint(table, constraint):
            try addConstraint(.check(constraint), to: table, in: context)
        case let .createPrimaryKey(table, constraint):
            try addConstraint(.primaryKey(constraint), to: table, in: context)
        case let .dropConstraint(table, constraint):
            try dropConstraint(constraint, from: table, in: context)
        case let .createTableComment(table, comment, _):
            tableComment(comment, on: table)
        case let .dropTableComment(table, _):
            tableComment(nil, on: table)
        case .execute(let execute):
            execute.sql(forKeys: executeKeys).map { [Statement($0, transactional: execute.transactional)] } ?? []
        case let .bulkInsert(table, rows):
            try bulkInsert(rows, into: table, in: context)
        }
    }
}
