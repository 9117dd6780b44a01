/// A table as a model file declares it, before bases are expanded and names resolved.
///
/// Each piece keeps the node it came from, so errors found later (a foreign key
/// to a missing table, a duplicate constraint name) still point at the file,
/// line and column the author wrote.
struct TableDeclaration {
    var name: String
    var node: ModelNode
    var schema: String?
    var comment: String?
    var parts: [(part: ModelPart, node: ModelNode)] = []
    var columns: [ColumnDeclaration] = []
    var indexes: [IndexDeclaration] = []
    var uniqueConstraints: [UniqueDeclaration] = []
    var checkConstraints: [CheckDeclaration] = []

    var reference: TableReference { TableReference(name: name, schema: schema) }
}

struct ColumnDeclaration {
    var name: String
    var node: ModelNode
    /// nil for a foreign-key column that takes the referenced column's type.
    var type: ColumnType?
    /// nil when neither `?` nor `nullable:` was written.
    var nullable: Bool?
    var primaryKey = false
    var index: ModelNode?
    var unique: ModelNode?
    var foreignKey: (reference: ColumnReference, node: ModelNode)?
    var onDelete: ReferentialAction?
    var onUpdate: ReferentialAction?
    var serverDefault: ServerDefault?
    var comment: String?
    /// nil is SQLAlchemy's `"auto"`.
    var autoincrement: Bool?
    var autoincrementNode: ModelNode?
}

struct IndexDeclaration {
    var name: String?
    var columns: [(String, ModelNode)]
    var unique: Bool
    /// SQL expressions indexed after the columns (`lower(email)`).
    var expressions: [String] = []
    /// A partial index's predicate, as SQL.
    var `where`: String?
    var node: ModelNode
}

struct UniqueDeclaration {
    var name: String?
    var columns: [(String, ModelNode)]
    var node: ModelNode
}

struct CheckDeclaration {
    var name: String?
    var sqltext: String
    var node: ModelNode
}
