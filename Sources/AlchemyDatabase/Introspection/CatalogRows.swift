import AlchemySchema

/// How catalog rows name their table, in the columns every introspector's queries
/// alias alike (`schema_name`, `table_name`): the default schema is `nil`, as the
/// models write it.
struct CatalogNaming {
    var defaultSchema: String?

    func schema(_ name: String?) -> String? { name == defaultSchema ? nil : name }

    func table(_ row: Row) -> TableAssembly.TableKey {
        TableAssembly.TableKey(schema: schema(row.catalogString("schema_name")), name: row.catalogString("table_name"))
    }
}

/// Objects that span several catalog rows (one row per key column), by table and
/// name, in the order first seen: a dictionary, not runs of rows, because a
/// case-insensitive `ORDER BY` may interleave the rows of two tables.
struct RowGroups<Value> {
    struct Key: Hashable {
        var table: TableAssembly.TableKey
        var name: String
    }

    private var positions: [Key: Int] = [:]
    private(set) var groups: [(table: TableAssembly.TableKey, value: Value)] = []

    /// Adds a row to its group: `start` makes the group from its first row, `row` adds every row to it.
    mutating func add(_ key: Key, start: () -> Value, row: (inout Value) -> Void) {
        let position: Int
        if let known = positions[key] {
            position = known
        } else {
            position = groups.count
            positions[key] = position
            groups.append((key.table, start()))
        }
        row(&groups[position].value)
    }
}

/// A key, unique, foreign-key or CHECK constraint read for a table.
enum CatalogConstraint {
    case primaryKey(PrimaryKey)
    case unique(UniqueConstraint)
    case foreignKey(ForeignKey)
    case check(CheckConstraint)

    func add(to table: inout Table) {
        switch self {
        case .primaryKey(let key): table.primaryKey = key
        case .unique(let unique): table.uniqueConstraints.append(unique)
        case .foreignKey(let foreignKey): table.foreignKeys.append(foreignKey)
        case .check(let check): table.checkConstraints.append(check)
        }
    }
}

extension KeyParts {
    /// A row's key column (`column_name`) and referred column (`referred_column`) at its `position`.
    mutating func add(_ row: Row) {
        let position = row.catalogInt("position") ?? 0
        if let column = row.catalogText("column_name") { columns.append((position, column)) }
        if let referred = row.catalogText("referred_column") { referredColumns.append((position, referred)) }
    }
}

extension ForeignKey {
    /// A foreign key from its columns and its first row (`referred_schema`,
    /// `referred_table`, `delete_rule`, `update_rule`), with the catalog's rule codes
    /// read by `action`.
    init(_ parts: KeyParts, row: Row, naming: CatalogNaming, action: (String?) -> ReferentialAction?) {
        self.init(
            name: parts.name,
            columns: parts.orderedColumns,
            referredSchema: naming.schema(row.catalogText("referred_schema")),
            referredTable: row.catalogString("referred_table"),
            referredColumns: parts.orderedReferredColumns,
            onDelete: action(row.catalogText("delete_rule")),
            onUpdate: action(row.catalogText("update_rule")))
    }
}
