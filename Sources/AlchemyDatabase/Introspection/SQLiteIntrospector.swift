import AlchemySQL
import AlchemySchema

/// SQLite's catalog, read in four queries whatever the number of tables:
/// `sqlite_master` (tables with their `CREATE TABLE` text), and `sqlite_master`
/// joined with the table-valued pragmas `pragma_table_info`,
/// `pragma_index_list` + `pragma_index_info`, and `pragma_foreign_key_list`.
///
/// SQLite keeps constraint names and CHECK conditions only in the `CREATE TABLE`
/// text, which ``SQLiteSchemaSQL`` reads: names are matched to the pragmas' keys by
/// their columns. It stores no comments.
///
/// - `nativeType` is the declared type as written (`VARCHAR(255)`, `BINARY(16)`,
///   `NUMERIC(10, 2)`); `DATETIME` guesses `.dateTime(timezone: false)`.
/// - A single-column `INTEGER` primary key of a rowid table aliases the rowid:
///   `autoincrement: true` and not nullable.
/// - Unique constraints are the `origin = 'u'` indexes; indexes are those made by
///   `CREATE INDEX` (`origin = 'c'`). Expression indexes take their keys from
///   the `CREATE INDEX` text.
public final class SQLiteIntrospector: Introspector {
    public let connection: any Connection
    public private(set) var lastQueryCount = 0

    public init(_ connection: any Connection) {
        self.connection = connection
    }

    /// One `SELECT` per attached schema, joined by `UNION ALL`.
    struct Scope {
        var schemas: [String]
        var globs: [String]

        init(_ options: IntrospectionOptions, filter: TableFilter) {
            schemas = options.schemas.isEmpty ? ["main"] : options.schemas
            // GLOB is SQLite's own, case-sensitive `*`/`?` matching; bracket sets differ (`^` vs `!`).
            globs = filter.excludePatterns.filter { !$0.contains("[") }
        }

        /// `select` (with `{schema}` for the quoted schema name and `{name}` for its
        /// text literal) over `sqlite_master m`, for every schema; parameters repeat per schema.
        func union(_ select: String, orderBy: String) -> (sql: String, parameters: [DatabaseValue]) {
            var parts: [String] = []
            var parameters: [DatabaseValue] = []
            for schema in schemas {
                let quoted = "\"" + schema.replacingEvery("\"", with: "\"\"") + "\""
                let literal = "'" + schema.replacingEvery("'", with: "''") + "'"
                var where_ = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                    + "AND coalesce(m.sql, '') NOT LIKE 'CREATE VIRTUAL %'"
                for glob in globs {
                    where_ += " AND m.name NOT GLOB ?"
                    parameters.append(.text(glob))
                }
                let body = select.replacingEvery("{schema}", with: quoted).replacingEvery("{name}", with: literal)
                parts.append("\(body) WHERE \(where_)")
            }
            return (parts.joined(separator: "\nUNION ALL\n") + "\nORDER BY \(orderBy)", parameters)
        }
    }

    public func schema(_ options: IntrospectionOptions) throws -> Schema {
        var queries = CatalogQueries(connection)
        defer { lastQueryCount = queries.count }
        var filter = TableFilter(options)
        filter.defaultSchema = "main"
        let scope = Scope(options, filter: filter)
        let naming = CatalogNaming(defaultSchema: "main")
        let tables = try tables(&queries, scope, naming).filter { filter.includes(name: $0.table.name, schema: $0.table.schema) }
        if tables.isEmpty { return Schema() }
        var assembly = TableAssembly(tables.map(\.table))
        // Constraint names and CHECKs are only in the CREATE TABLE text; each name is claimed once.
        var definitions = Dictionary(tables.map { (TableAssembly.TableKey(schema: $0.table.schema, name: $0.table.name), $0.definition) },
                                     uniquingKeysWith: { _, last in last })
        var keyColumns: [TableAssembly.TableKey: KeyParts] = [:]
        for (table, row) in try columns(&queries, scope, naming) {
            assembly.update(table) { $0.columns.append(row.column) }
            if let position = row.keyPosition { keyColumns[table, default: KeyParts()].columns.append((position, row.column.name)) }
        }
        for (table, parts) in keyColumns {
            let definition = definitions[table] ?? .init()
            assembly.update(table) { Self.setPrimaryKey(parts.orderedColumns, of: &$0, definition: definition) }
        }
        for (table, rows) in try indexes(&queries, scope, naming) {
            switch rows.origin {
            case "u":
                let columns = rows.index.columns
                let name = definitions[table, default: .init()].claimUniqueName(columns: columns)
                assembly.update(table) { $0.uniqueConstraints.append(UniqueConstraint(name: name, columns: columns)) }
            case "c":
                assembly.update(table) { $0.indexes.append(rows.createdIndex) }
            default:
                break  // "pk": the primary key of a WITHOUT ROWID or non-INTEGER key table.
            }
        }
        for (table, rows) in try foreignKeys(&queries, scope, naming) {
            var foreignKey = rows.foreignKey
            // `REFERENCES t` without columns means t's primary key.
            if rows.missingTarget {
                let referred = TableAssembly.TableKey(schema: table.schema, name: foreignKey.referredTable)
                foreignKey.referredColumns = assembly[referred]?.primaryKey?.columns ?? []
            }
            foreignKey.name = definitions[table, default: .init()].claimForeignKeyName(foreignKey)
            assembly.update(table) { $0.foreignKeys.append(foreignKey) }
        }
        for (table, definition) in definitions {
            let checks = definition.checks.map { CheckConstraint(name: $0.name, sqltext: $0.sqltext) }
            assembly.update(table) { $0.checkConstraints = checks }
        }
        return assembly.schema()
    }

    /// Tables and what their CREATE TABLE text declares.
    func tables(_ queries: inout CatalogQueries, _ scope: Scope,
                _ naming: CatalogNaming) throws -> [(table: Table, definition: SQLiteSchemaSQL.TableDefinition)] {
        let tables = scope.union("""
            SELECT {name} AS schema_name, m.name AS table_name, m.sql AS table_sql FROM {schema}.sqlite_master m
            """, orderBy: "schema_name, table_name")
        return try queries.run(tables.sql, tables.parameters).map { row in
            let key = naming.table(row)
            return (Table(name: key.name, schema: key.schema), SQLiteSchemaSQL.createTable(row.catalogString("table_sql")))
        }
    }

    /// A column, and its position in the primary key if it is part of it.
    struct ColumnRow {
        var column: Column
        var keyPosition: Int?
    }

    /// Every column, in table order.
    func columns(_ queries: inout CatalogQueries, _ scope: Scope,
                 _ naming: CatalogNaming) throws -> [(TableAssembly.TableKey, ColumnRow)] {
        let columns = scope.union("""
            SELECT {name} AS schema_name, m.name AS table_name, p.cid AS cid, p.name AS column_name,
                   p.type AS column_type, p."notnull" AS not_null, p.dflt_value AS default_sql, p.pk AS pk
            FROM {schema}.sqlite_master m JOIN pragma_table_info(m.name, {name}) p
            """, orderBy: "schema_name, table_name, cid")
        return try queries.run(columns.sql, columns.parameters).map { row in
            let native = row.catalogString("column_type")
            var column = Column(name: row.catalogString("column_name"), type: Self.portableType(native),
                                nullable: !row.catalogFlag("not_null"), nativeType: native)
            if let defaultSQL = row.catalogText("default_sql") { column.serverDefault = SQLiteDialect().portableDefault(defaultSQL) }
            let position = row.catalogInt("pk").flatMap { $0 > 0 ? $0 : nil }
            return (naming.table(row), ColumnRow(column: column, keyPosition: position))
        }
    }

    /// The primary key on `columns`, named from the CREATE TABLE text; a lone key
    /// column declared exactly INTEGER aliases the rowid.
    static func setPrimaryKey(_ columns: [String], of table: inout Table, definition: SQLiteSchemaSQL.TableDefinition) {
        table.primaryKey = PrimaryKey(name: definition.primaryKey?.name, columns: columns)
        guard columns.count == 1, !definition.withoutRowid,
              let i = table.columns.firstIndex(where: { $0.name == columns[0] }),
              table.columns[i].nativeType?.uppercased() == "INTEGER" else { return }
        table.columns[i].autoincrement = true
        table.columns[i].nullable = false
    }

    /// An index being read: how it was made (`origin`: `u`nique constraint,
    /// `c`reate index, `pk`), its `CREATE INDEX` text, and whether a key is an expression.
    struct IndexRows {
        var index: Index
        var origin: String
        var sql: String?
        var hasExpression = false

        /// The index of a `CREATE INDEX`: an expression index takes every key, and a
        /// partial one its predicate, from the text.
        var createdIndex: Index {
            var index = index
            let created = sql.map(SQLiteSchemaSQL.createIndex)
            if hasExpression {
                index.expressions = created?.keys ?? []
                index.columns = []
            }
            index.where = created?.predicate
            return index
        }
    }

    /// Indexes and unique constraints, from one row per key.
    func indexes(_ queries: inout CatalogQueries, _ scope: Scope,
                 _ naming: CatalogNaming) throws -> [(table: TableAssembly.TableKey, value: IndexRows)] {
        let indexes = scope.union("""
            SELECT {name} AS schema_name, m.name AS table_name, il.name AS index_name, il."unique" AS is_unique,
                   il.origin AS origin, ii.seqno AS position, ii.cid AS cid, ii.name AS column_name,
                   im.sql AS index_sql
            FROM {schema}.sqlite_master m
            JOIN pragma_index_list(m.name, {name}) il
            JOIN pragma_index_info(il.name, {name}) ii
            LEFT JOIN {schema}.sqlite_master im ON im.type = 'index' AND im.name = il.name
            """, orderBy: "schema_name, table_name, index_name, position")
        var groups = RowGroups<IndexRows>()
        for row in try queries.run(indexes.sql, indexes.parameters) {
            let name = row.catalogString("index_name")
            groups.add(.init(table: naming.table(row), name: name), start: {
                IndexRows(index: Index(name: name, columns: [], unique: row.catalogFlag("is_unique")),
                          origin: row.catalogString("origin"), sql: row.catalogText("index_sql"))
            }, row: { rows in
                if let column = row.catalogText("column_name"), (row.catalogInt("cid") ?? -1) >= 0 {
                    rows.index.columns.append(column)
                } else {
                    rows.hasExpression = true
                }
            })
        }
        return groups.groups
    }

    /// A foreign key being read, and whether it names no referred columns (`REFERENCES t`).
    struct ReferenceRows {
        var foreignKey: ForeignKey
        var missingTarget = false
    }

    /// Foreign keys (without names: the CREATE TABLE text has them), from one row per column.
    func foreignKeys(_ queries: inout CatalogQueries, _ scope: Scope,
                     _ naming: CatalogNaming) throws -> [(table: TableAssembly.TableKey, value: ReferenceRows)] {
        let foreign = scope.union("""
            SELECT {name} AS schema_name, m.name AS table_name, f.id AS id, f.seq AS position,
                   f."table" AS referred_table, f."from" AS column_name, f."to" AS referred_column,
                   f.on_update AS on_update, f.on_delete AS on_delete
            FROM {schema}.sqlite_master m JOIN pragma_foreign_key_list(m.name, {name}) f
            """, orderBy: "schema_name, table_name, id, position")
        var groups = RowGroups<ReferenceRows>()
        for row in try queries.run(foreign.sql, foreign.parameters) {
            let table = naming.table(row)
            groups.add(.init(table: table, name: String(row.catalogInt("id") ?? 0)), start: {
                ReferenceRows(foreignKey: ForeignKey(
                    columns: [], referredSchema: table.schema, referredTable: row.catalogString("referred_table"),
                    referredColumns: [],
                    onDelete: ReferentialAction(catalogRule: row.catalogText("on_delete")),
                    onUpdate: ReferentialAction(catalogRule: row.catalogText("on_update"))))
            }, row: { rows in
                rows.foreignKey.columns.append(row.catalogString("column_name"))
                if let referred = row.catalogText("referred_column") {
                    rows.foreignKey.referredColumns.append(referred)
                } else {
                    rows.missingTarget = true
                }
            })
        }
        return groups.groups
    }

    /// Column lists compared as SQLite compares identifiers (ASCII case-insensitively).
    static func sameColumns(_ a: [String], _ b: [String]) -> Bool {
        a.map { $0.lowercased() } == b.map { $0.lowercased() }
    }

    /// The portable type closest to a declared type, by name first (`VARCHAR(255)`,
    /// `BINARY(16)`, `DATETIME`), then by SQLite's affinity rules.
    public static func portableType(_ declared: String) -> ColumnType {
        let (base, arguments) = NativeTypeText.split(declared.lowercased())
        switch base {
        case "integer", "int": return .integer
        case "bigint", "int8": return .bigInteger
        case "smallint", "tinyint", "int2": return .smallInteger
        case "boolean", "bool": return .boolean
        case "varchar", "nvarchar", "character varying", "varying character", "nvarchar2", "varchar2":
            return .string(length: arguments.first)
        case "char", "character", "nchar":
            return arguments.first == 32 ? .uuid : .string(length: arguments.first)
        case "text", "clob": return .text
        case "float", "real": return .float
        case "double", "double precision": return .double
        case "numeric", "decimal": return .numeric(precision: arguments.first, scale: arguments.dropFirst().first)
        case "date": return .date
        case "time": return .time
        case "datetime", "timestamp": return .dateTime(timezone: false)
        case "interval": return .interval
        case "blob", "bytea", "varbinary": return .largeBinary
        case "binary": return arguments.first == 16 ? .guid(binary: nil) : .largeBinary
        case "json": return .json
        case "jsonb": return .jsonb
        case "uuid": return .uuid
        case "": return .largeBinary
        default:
            // https://www.sqlite.org/datatype3.html#determination_of_column_affinity
            if base.contains("int") { return .integer }
            if base.contains("char") || base.contains("clob") || base.contains("text") { return .text }
            if base.contains("blob") { return .largeBinary }
            if base.contains("real") || base.contains("floa") || base.contains("doub") { return .double }
            return .numeric(precision: nil, scale: nil)
        }
    }
}

extension SQLiteSchemaSQL.TableDefinition {
    /// The name of the first unclaimed UNIQUE on the same columns, which is then claimed.
    mutating func claimUniqueName(columns: [String]) -> String? {
        guard let match = uniques.firstIndex(where: { SQLiteIntrospector.sameColumns($0.columns, columns) }) else { return nil }
        return uniques.remove(at: match).name
    }

    /// The name of the first unclaimed foreign key on the same columns and table, which is then claimed.
    mutating func claimForeignKeyName(_ foreignKey: ForeignKey) -> String? {
        guard let match = foreignKeys.firstIndex(where: {
            SQLiteIntrospector.sameColumns($0.columns, foreignKey.columns)
                && $0.referredTable.lowercased() == foreignKey.referredTable.lowercased()
        }) else { return nil }
        return foreignKeys.remove(at: match).name
    }
}

extension SQLiteIntrospector {
    /// SQLite keeps a CHECK's text as written (the table's SQL), so it reports a
    /// condition exactly as it was given.
    public func reportedCheckConditions(_ conditions: [CheckCondition]) throws -> [CheckCondition: String] {
        Dictionary(conditions.map { ($0, $0.sqltext) }, uniquingKeysWith: { first, _ in first })
    }
}
