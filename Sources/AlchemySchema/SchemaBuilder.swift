/// Turns the declarations of all model files into one `Schema`.
///
/// Runs in passes because each needs the whole picture: expand bases and
/// mixins (so `post.id` exists), give untyped foreign-key columns their
/// referenced column's type (across files, in any order), then derive and name
/// constraints and indexes (which needs the final columns and the convention).
struct SchemaBuilder {
    let convention: NamingConvention
    var tables: [ExpandedTable] = []

    /// A table after expansion, with the nodes its columns came from.
    struct ExpandedTable {
        var declaration: TableDeclaration
        var table: Table
        var primaryKeyColumns: [String]
        /// Foreign-key columns declared without a type; their type is a placeholder until resolved.
        var untyped: Set<String>
    }

    init(declarations: [TableDeclaration], convention: NamingConvention) throws(ModelError) {
        self.convention = convention
        for declaration in declarations {
            tables.append(try Self.expand(declaration))
        }
    }

    func build() throws(ModelError) -> Schema {
        var builder = self
        try builder.resolveForeignKeyTypes()
        var names = NameRegistry()
        var result: [Table] = []
        for index in builder.tables.indices {
            builder.applyAutoincrement(index)
            result.append(try builder.constrain(builder.tables[index], names: &names))
        }
        return Schema(tables: result)
    }

    /// Columns in SQLAlchemy's declarative order: own columns, then each part's
    /// columns in resolution order, stably sorted by `sort_order`.
    private static func expand(_ declaration: TableDeclaration) throws(ModelError) -> ExpandedTable {
        var entries: [(column: Column, primaryKey: Bool, sortOrder: Int)] = []
        var untyped: Set<String> = []
        for column in declaration.columns {
            if column.type == nil { untyped.insert(column.name) }
            entries.append((Column(
                name: column.name,
                type: column.type ?? .integer,
                nullable: column.primaryKey ? false : (column.nullable ?? false),
                serverDefault: column.serverDefault,
                autoincrement: column.autoincrement ?? false,
                comment: column.comment), column.primaryKey, 0))
        }
        var seenParts: Set<String> = []
        for (part, node) in declaration.parts {
            for included in part.resolutionOrder where seenParts.insert(included.name).inserted {
                for partColumn in included.columns {
                    if let clash = declaration.columns.first(where: { $0.name == partColumn.column.name }) {
                        throw clash.node.error(.duplicateName,
                            "column '\(clash.name)' of table '\(declaration.name)' is already defined by \(included.name)"
                            + (included.name == part.name ? "" : " (part of \(part.name))")
                            + " at line \(node.line); remove it here or choose another base")
                    }
                    if entries.contains(where: { $0.column.name == partColumn.column.name }) {
                        throw node.error(.duplicateName,
                            "\(part.name) adds column '\(partColumn.column.name)' to table '\(declaration.name)', "
                            + "which an earlier base or mixin already added; use only one of them")
                    }
                    entries.append((partColumn.column, partColumn.primaryKey, partColumn.sortOrder))
                }
            }
        }
        guard !entries.isEmpty else {
            throw declaration.node.error(.missingKey,
                "table '\(declaration.name)' has no columns; add columns: or a base: such as BigIntAuditBase")
        }
        // Swift's sort is not guaranteed stable, so sort by (sortOrder, position).
        let ordered = entries.enumerated()
            .sorted { ($0.element.sortOrder, $0.offset) < ($1.element.sortOrder, $1.offset) }
            .map(\.element)
        let table = Table(name: declaration.name, schema: declaration.schema,
                          columns: ordered.map(\.column), comment: declaration.comment)
        return ExpandedTable(
            declaration: declaration,
            table: table,
            primaryKeyColumns: ordered.filter(\.primaryKey).map(\.column.name),
            untyped: untyped)
    }

    /// SQLAlchemy's `autoincrement="auto"`: the single integer primary key column
    /// without a foreign key, default or identity is database-generated.
    private mutating func applyAutoincrement(_ index: Int) {
        let expanded = tables[index]
        guard expanded.primaryKeyColumns.count == 1, let name = expanded.primaryKeyColumns.first,
              let declared = expanded.declaration.columns.first(where: { $0.name == name }),
              declared.autoincrement == nil, declared.foreignKey == nil, declared.serverDefault == nil,
              let position = expanded.table.columns.firstIndex(where: { $0.name == name }),
              expanded.table.columns[position].type.isInteger
        else { return }
        tables[index].table.columns[position].autoincrement = true
    }
}

extension ColumnType {
    /// The integer types that can be database-generated keys (serial, rowid, AUTO_INCREMENT).
    public var isInteger: Bool {
        switch self {
        case .integer, .bigInteger, .smallInteger, .bigIntIdentity: true
        default: false
        }
    }
}
