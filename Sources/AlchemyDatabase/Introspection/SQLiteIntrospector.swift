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
        var assembly = TableAssembly()
        var definitions: [TableAssembly.TableKey: SQLiteSchemaSQL.TableDefinition] = [:]
        func schemaName(_ row: Row) -> String? {
            let name = row.catalogString("schema_name")
            return name == "main" ? nil : name
        }

        // 1. Tables and their CREATE TABLE text.
        let tables = scope.union("""
            SELECT {name} AS schema_name, m.name AS table_name, m.sql AS table_sql FROM {schema}.sqlite_master m
            """, orderBy: "schema_name, table_name")
        for row in try queries.run(tables.sql, tables.parameters) {
            let schema = schemaName(row), name = row.catalogString("table_name")
            guard filter.includes(name: name, schema: schema) else { continue }
            assembly.add(Table(name: name, schema: schema))
            definitions[.init(schema: schema, name: name)] = SQLiteSchemaSQL.createTable(row.catalogString("table_sql"))
        }
        if assembly.tables.isEmpty { return Schema() }

        // 2. Columns.
        let columns = scope.union("""
            SELECT {name} AS schema_name, m.name AS table_name, p.cid AS cid, p.name AS column_name,
                   p.type AS column_type, p."notnull" AS not_null, p.dflt_value AS default_sql, p.pk AS pk
            FROM {schema}.sqlite_master m JOIN pragma_table_info(m.name, {name}) p
            """, orderBy: "schema_name, table_name, cid")
        var keyColumns: [TableAssembly.TableKey: [(position: Int, name: String)]] = [:]
        for row in try queries.run(columns.sql, columns.parameters) {
            let key = TableAssembly.TableKey(schema: schemaName(row), name: row.catalogString("table_name"))
            let native = row.catalogString("column_type")
            var column = Column(name: row.catalogString("column_name"), type: Self.portableType(native),
                                nullable: !row.catalogFlag("not_null"), nativeType: native)
            if let defaultSQL = row.catalogText("default_sql") { column.serverDefault = SQLiteDialect().portableDefault(defaultSQL) }
            if let position = row.catalogInt("pk"), position > 0 { keyColumns[key, default: []].append((position, column.name)) }
            assembly.update(schema: key.schema, name: key.name) { $0.columns.append(column) }
        }
        for (key, parts) in keyColumns {
            let names = parts.sorted { $0.position < $1.position }.map(\.name)
            let definition = definitions[key] ?? .init()
            assembly.update(schema: key.schema, name: key.name) { table in
                table.primaryKey = PrimaryKey(name: definition.primaryKey?.name, columns: names)
                // Only a lone key column declared exactly INTEGER aliases the rowid.
                guard names.count == 1, !definition.withoutRowid,
                      let i = table.columns.firstIndex(where: { $0.name == names[0] }),
                      table.columns[i].nativeType?.uppercased() == "INTEGER" else { return }
                table.columns[i].autoincrement = true
                table.columns[i].nullable = false
            }
        }

        // 3. Indexes and unique constraints, one row per key.
        let indexes = scope.union("""
            SELECT {name} AS schema_name, m.name AS table_name, il.name AS index_name, il."unique" AS is_unique,
                   il.origin AS origin, ii.seqno AS position, ii.cid AS cid, ii.name AS column_name,
                   im.sql AS index_sql
            FROM {schema}.sqlite_master m
            JOIN pragma_index_list(m.name, {name}) il
            JOIN pragma_index_info(il.name, {name}) ii
            LEFT JOIN {schema}.sqlite_master im ON im.type = 'index' AND im.name = il.name
            """, orderBy: "schema_name, table_name, index_name, position")
        var found: [String: (key: TableAssembly.TableKey, index: Index, origin: String, sql: String?, expression: Bool)] = [:]
        var foundOrder: [String] = []
        for row in try queries.run(indexes.sql, indexes.parameters) {
            let key = TableAssembly.TableKey(schema: schemaName(row), name: row.catalogString("table_name"))
            let name = row.catalogString("index_name")
            let id = "\(key.schema ?? "")\u{0}\(key.name)\u{0}\(name)"
            if found[id] == nil {
                found[id] = (key, Index(name: name, columns: [], unique: row.catalogFlag("is_unique")),
                             row.catalogString("origin"), row.catalogText("index_sql"), false)
                foundOrder.append(id)
            }
            if let column = row.catalogText("column_name"), (row.catalogInt("cid") ?? -1) >= 0 {
                found[id]?.index.columns.append(column)
            } else {
                found[id]?.expression = true
            }
        }
        for id in foundOrder {
            guard var entry = found[id] else { continue }
            switch entry.origin {
            case "u":
                var definition = definitions[entry.key] ?? .init()
                // Name it from the CREATE TABLE text: the first unclaimed UNIQUE on the same columns.
                let match = definition.uniques.firstIndex { Self.sameColumns($0.columns, entry.index.columns) }
                let name = match.flatMap { definition.uniques[$0].name }
                if let match { definition.uniques.remove(at: match) }
                definitions[entry.key] = definition
                let columns = entry.index.columns
                assembly.update(schema: entry.key.schema, name: entry.key.name) {
                    $0.uniqueConstraints.append(UniqueConstraint(name: name, columns: columns))
                }
            case "c":
                if entry.expression {
                    entry.index.expressions = entry.sql.map(SQLiteSchemaSQL.indexKeys) ?? []
                    entry.index.columns = []
                }
                entry.index.where = entry.sql.flatMap(SQLiteSchemaSQL.indexPredicate)
                let index = entry.index
                assembly.update(schema: entry.key.schema, name: entry.key.name) { $0.indexes.append(index) }
            default:
                break  // "pk": the primary key of a WITHOUT ROWID or non-INTEGER key table.
            }
        }

        // 4. Foreign keys, one row per column.
        let foreign = scope.union("""
            SELECT {name} AS schema_name, m.name AS table_name, f.id AS id, f.seq AS position,
                   f."table" AS referred_table, f."from" AS column_name, f."to" AS referred_column,
                   f.on_update AS on_update, f.on_delete AS on_delete
            FROM {schema}.sqlite_master m JOIN pragma_foreign_key_list(m.name, {name}) f
            """, orderBy: "schema_name, table_name, id, position")
        var references: [String: (key: TableAssembly.TableKey, foreignKey: ForeignKey, missingTarget: Bool)] = [:]
        var referenceOrder: [String] = []
        for row in try queries.run(foreign.sql, foreign.parameters) {
            let key = TableAssembly.TableKey(schema: schemaName(row), name: row.catalogString("table_name"))
            let id = "\(key.schema ?? "")\u{0}\(key.name)\u{0}\(row.catalogInt("id") ?? 0)"
            if references[id] == nil {
                references[id] = (key, ForeignKey(
                    columns: [], referredSchema: key.schema, referredTable: row.catalogString("referred_table"),
                    referredColumns: [],
                    onDelete: ReferentialAction(catalogRule: row.catalogText("on_delete")),
                    onUpdate: ReferentialAction(catalogRule: row.catalogText("on_update"))), false)
                referenceOrder.append(id)
            }
            references[id]?.foreignKey.columns.append(row.catalogString("column_name"))
            if let referred = row.catalogText("referred_column") {
                references[id]?.foreignKey.referredColumns.append(referred)
            } else {
                references[id]?.missingTarget = true
            }
        }
        for id in referenceOrder {
            guard var entry = references[id] else { continue }
            // `REFERENCES t` without columns means t's primary key.
            if entry.missingTarget {
                entry.foreignKey.referredColumns = assembly[entry.key.schema, entry.foreignKey.referredTable]?
                    .primaryKey?.columns ?? []
            }
            var definition = definitions[entry.key] ?? .init()
            let match = definition.foreignKeys.firstIndex {
                Self.sameColumns($0.columns, entry.foreignKey.columns)
                    && $0.referredTable.lowercased() == entry.foreignKey.referredTable.lowercased()
            }
            if let match {
                entry.foreignKey.name = definition.foreignKeys[match].name
                definition.foreignKeys.remove(at: match)
                definitions[entry.key] = definition
            }
            let foreignKey = entry.foreignKey
            assembly.update(schema: entry.key.schema, name: entry.key.name) { $0.foreignKeys.append(foreignKey) }
        }

        // CHECK constraints exist only in the CREATE TABLE text.
        for (key, definition) in definitions {
            let checks = definition.checks.map { CheckConstraint(name: $0.name, sqltext: $0.sqltext) }
            assembly.update(schema: key.schema, name: key.name) { $0.checkConstraints = checks }
        }
        return assembly.schema()
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

extension SQLiteIntrospector {
    /// SQLite keeps a CHECK's text as written (the table's SQL), so it reports a
    /// condition exactly as it was given.
    public func reportedCheckConditions(_ conditions: [CheckCondition]) throws -> [CheckCondition: String] {
        Dictionary(conditions.map { ($0, $0.sqltext) }, uniquingKeysWith: { first, _ in first })
    }
}
