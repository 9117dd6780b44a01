/// The kinds of ``MigrateOperation``, by the names revision files give them
/// (Alembic's `op.*` names).
///
/// The decoder reads a name into a kind and switches over the kinds, and the
/// encoder writes `kind.name`: a new kind without its decoding or encoding does
/// not compile.
public enum OperationKind: String, CaseIterable, Hashable, Sendable {
    case createTable = "create_table"
    case dropTable = "drop_table"
    case renameTable = "rename_table"
    case addColumn = "add_column"
    case dropColumn = "drop_column"
    case alterColumn = "alter_column"
    case createIndex = "create_index"
    case dropIndex = "drop_index"
    case createUniqueConstraint = "create_unique_constraint"
    case createForeignKey = "create_foreign_key"
    case createCheckConstraint = "create_check_constraint"
    case createPrimaryKey = "create_primary_key"
    case dropConstraint = "drop_constraint"
    case createTableComment = "create_table_comment"
    case dropTableComment = "drop_table_comment"
    case execute
    case bulkInsert = "bulk_insert"

    /// The name revision files and messages use.
    public var name: String { rawValue }
}

extension MigrateOperation {
    public var kind: OperationKind {
        switch self {
        case .createTable: .createTable
        case .dropTable: .dropTable
        case .renameTable: .renameTable
        case .addColumn: .addColumn
        case .dropColumn: .dropColumn
        case .alterColumn: .alterColumn
        case .createIndex: .createIndex
        case .dropIndex: .dropIndex
        case .createUniqueConstraint: .createUniqueConstraint
        case .createForeignKey: .createForeignKey
        case .createCheckConstraint: .createCheckConstraint
        case .createPrimaryKey: .createPrimaryKey
        case .dropConstraint: .dropConstraint
        case .createTableComment: .createTableComment
        case .dropTableComment: .dropTableComment
        case .execute: .execute
        case .bulkInsert: .bulkInsert
        }
    }

    /// The operation's name as revision files spell it, for messages.
    public var name: String { kind.name }
}
