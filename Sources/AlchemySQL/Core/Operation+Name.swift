import AlchemySchema

extension Operation {
    /// The operation's name as revision files spell it, for messages.
    public var name: String {
        switch self {
        case .createTable: "create_table"
        case .dropTable: "drop_table"
        case .renameTable: "rename_table"
        case .addColumn: "add_column"
        case .dropColumn: "drop_column"
        case .alterColumn: "alter_column"
        case .createIndex: "create_index"
        case .dropIndex: "drop_index"
        case .createUniqueConstraint: "create_unique_constraint"
        case .createForeignKey: "create_foreign_key"
        case .createCheckConstraint: "create_check_constraint"
        case .createPrimaryKey: "create_primary_key"
        case .dropConstraint: "drop_constraint"
        case .createTableComment: "create_table_comment"
        case .dropTableComment: "drop_table_comment"
        case .execute: "execute"
        case .bulkInsert: "bulk_insert"
        }
    }
}
