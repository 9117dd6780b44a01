import AlchemySQL
import AlchemySchema

/// MariaDB's and MySQL's `information_schema`, read in five queries whatever the
/// number of tables, each filtered by schema: `TABLES` (comments), `COLUMNS`,
/// `KEY_COLUMN_USAGE` joined with `REFERENTIAL_CONSTRAINTS` (foreign keys),
/// `STATISTICS` (primary key, unique keys, indexes) and `CHECK_CONSTRAINTS`.
///
/// What these servers store differs from the portable model, and the result says so:
/// - The primary key is always named `PRIMARY`; it is reported without a name.
/// - A unique constraint and a unique index are one object (a `UNIQUE KEY`): every
///   unique key is reported as a unique constraint, none as a unique index. A
///   comparison must treat a declared unique index like a unique constraint of the
///   same name and columns.
/// - The index a foreign key creates for itself (named as the constraint, on its
///   columns) is left out; ``isImplicitForeignKeyIndex(_:of:)`` recognises one.
/// - MariaDB stores `JSON` as `longtext` with a column CHECK `json_valid(col)`:
///   the column is reported as `.json` (`nativeType` stays `longtext`) and that
///   check is not reported as a check constraint.
/// - `NULL` as MariaDB's `COLUMN_DEFAULT` means no default. MySQL reports literal
///   defaults unquoted; they are quoted as MariaDB reports them (`'active'`),
///   numbers stay bare (`0`).
/// - ON DELETE / ON UPDATE `RESTRICT` is what these servers report for an unset
///   rule (they treat RESTRICT and NO ACTION alike), so both are `nil`.
public final class MariaDBIntrospector: Introspector {
    public let connection: any Connection
    public private(set) var lastQueryCount = 0

    public init(_ connection: any Connection) {
        self.connection = connection
    }

    /// The conditions that select the tables to read, for a query whose schema and
    /// table columns are named `schemaColumn` and `tableColumn`.
    struct Scope {
        var options: IntrospectionOptions
        var patterns: [String]

        func sql(schema schemaColumn: String, table tableColumn: String) -> (sql: String, parameters: [DatabaseValue]) {
            var conditions: [String] = []
            var parameters: [DatabaseValue] = []
            if options.schemas.isEmpty {
                conditions.append("\(schemaColumn) = DATABASE()")
            } else {
                conditions.append("\(schemaColumn) IN (\(options.schemas.map { _ in "?" }.joined(separator: ", ")))")
                parameters += options.schemas.map(DatabaseValue.text)
            }
            for pattern in patterns {
                // Binary comparison: table names are case-sensitive, information_schema's collation is not.
                conditions.append("CAST(\(tableColumn) AS BINARY) NOT LIKE CAST(? AS BINARY)")
                parameters.append(.text(pattern))
            }
            return (conditions.joined(separator: " AND "), parameters)
        }
    }

    public func schema(_ options: IntrospectionOptions) throws -> Schema {
        var queries = CatalogQueries(connection)
        defer { lastQueryCount = queries.count }
        // The server decides, not the URL's scheme (`mysql://` often points at MariaDB).
        let version = (try? connection.serverVersion()) ?? ""
        let isMySQL = version.isEmpty ? connection.dialect == .mysql : !version.contains("MariaDB")
        var filter = TableFilter(options)
        let scope = Scope(options: options, patterns: filter.likePatterns(singleCharacterWildcard: false))
        guard let (naming, tables) = try tables(&queries, scope) else { return Schema() }
        filter.defaultSchema = naming.defaultSchema
        var assembly = TableAssembly(tables.filter { filter.includes(name: $0.name, schema: $0.schema) })
        if assembly.tables.isEmpty { return Schema() }
        // Checks before the columns: a json_valid check makes a column JSON, and is no check of the model's.
        var checks = try checkConstraints(&queries, scope, naming, isMySQL: isMySQL)
        for (table, var column) in try columns(&queries, scope, naming, isMySQL: isMySQL) where assembly[table] != nil {
            if let json = checks[table]?.firstIndex(where: { Self.isJSONCheck($0, column: column.name) }) {
                checks[table]?.remove(at: json)
                column.type = .json
            }
            assembly.update(table) { $0.columns.append(column) }
        }
        for (table, list) in checks {
            assembly.update(table) { $0.checkConstraints += list }
        }
        for (table, foreignKey) in try foreignKeys(&queries, scope, naming) {
            assembly.update(table) { $0.foreignKeys.append(foreignKey) }
        }
        for (table, index) in try keysAndIndexes(&queries, scope, naming, isMySQL: isMySQL) {
            assembly.update(table) { Self.constraint(index)?.add(to: &$0) ?? $0.indexes.append(index) }
        }
        // Foreign keys and indexes are all known now: drop the indexes foreign keys made.
        for table in assembly.tables.keys {
            assembly.update(table) { table in
                let snapshot = table
                table.indexes.removeAll { Self.isImplicitForeignKeyIndex($0, of: snapshot) }
            }
        }
        return assembly.schema()
    }

    /// Tables and their comments; DATABASE() names the default schema. `nil` when
    /// the scope holds no table.
    func tables(_ queries: inout CatalogQueries, _ scope: Scope) throws -> (CatalogNaming, [Table])? {
        let tableScope = scope.sql(schema: "TABLE_SCHEMA", table: "TABLE_NAME")
        let rows = try queries.run("""
            SELECT TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name, TABLE_COMMENT AS table_comment,
                   DATABASE() AS current_schema
            FROM information_schema.TABLES
            WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') AND \(tableScope.sql)
            """, tableScope.parameters)
        guard let first = rows.first else { return nil }
        let naming = CatalogNaming(defaultSchema: first.catalogText("current_schema"))
        return (naming, rows.map { row in
            let key = naming.table(row)
            return Table(name: key.name, schema: key.schema, comment: row.catalogNonEmpty("table_comment"))
        })
    }

    /// CHECK constraints by table (MySQL keeps their table in `TABLE_CONSTRAINTS`).
    func checkConstraints(_ queries: inout CatalogQueries, _ scope: Scope, _ naming: CatalogNaming,
                          isMySQL: Bool) throws -> [TableAssembly.TableKey: [CheckConstraint]] {
        let checkScope = scope.sql(schema: isMySQL ? "tc.TABLE_SCHEMA" : "cc.CONSTRAINT_SCHEMA",
                                   table: isMySQL ? "tc.TABLE_NAME" : "cc.TABLE_NAME")
        let checkSQL = isMySQL
            ? """
            SELECT tc.TABLE_SCHEMA AS schema_name, tc.TABLE_NAME AS table_name,
                   cc.CONSTRAINT_NAME AS constraint_name, cc.CHECK_CLAUSE AS check_clause
            FROM information_schema.TABLE_CONSTRAINTS tc
            JOIN information_schema.CHECK_CONSTRAINTS cc
              ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
            WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND \(checkScope.sql)
            """
            : """
            SELECT cc.CONSTRAINT_SCHEMA AS schema_name, cc.TABLE_NAME AS table_name,
                   cc.CONSTRAINT_NAME AS constraint_name, cc.CHECK_CLAUSE AS check_clause
            FROM information_schema.CHECK_CONSTRAINTS cc
            WHERE \(checkScope.sql)
            """
        var checks: [TableAssembly.TableKey: [CheckConstraint]] = [:]
        for row in try queries.run(checkSQL, checkScope.parameters) {
            checks[naming.table(row), default: []].append(CheckConstraint(name: row.catalogText("constraint_name"),
                                                                        sqltext: row.catalogString("check_clause")))
        }
        return checks
    }

    /// Every column, in table order.
    func columns(_ queries: inout CatalogQueries, _ scope: Scope, _ naming: CatalogNaming,
                 isMySQL: Bool) throws -> [(TableAssembly.TableKey, Column)] {
        let columnScope = scope.sql(schema: "TABLE_SCHEMA", table: "TABLE_NAME")
        return try queries.run("""
            SELECT TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name, COLUMN_NAME AS column_name,
                   COLUMN_TYPE AS column_type, DATA_TYPE AS data_type, IS_NULLABLE AS is_nullable,
                   COLUMN_DEFAULT AS column_default, EXTRA AS extra, COLUMN_COMMENT AS column_comment
            FROM information_schema.COLUMNS
            WHERE \(columnScope.sql)
            ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION
            """, columnScope.parameters).map { row in (naming.table(row), Self.column(row, isMySQL: isMySQL)) }
    }

    /// Foreign keys, from one row per column.
    func foreignKeys(_ queries: inout CatalogQueries, _ scope: Scope,
                     _ naming: CatalogNaming) throws -> [(TableAssembly.TableKey, ForeignKey)] {
        let foreignScope = scope.sql(schema: "k.TABLE_SCHEMA", table: "k.TABLE_NAME")
        var groups = RowGroups<(parts: KeyParts, first: Row)>()
        for row in try queries.run("""
            SELECT k.TABLE_SCHEMA AS schema_name, k.TABLE_NAME AS table_name, k.CONSTRAINT_NAME AS constraint_name,
                   k.COLUMN_NAME AS column_name, k.ORDINAL_POSITION AS position,
                   k.REFERENCED_TABLE_SCHEMA AS referred_schema, k.REFERENCED_TABLE_NAME AS referred_table,
                   k.REFERENCED_COLUMN_NAME AS referred_column,
                   r.UPDATE_RULE AS update_rule, r.DELETE_RULE AS delete_rule
            FROM information_schema.KEY_COLUMN_USAGE k
            JOIN information_schema.REFERENTIAL_CONSTRAINTS r
              ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME
             AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
            WHERE k.REFERENCED_TABLE_NAME IS NOT NULL AND \(foreignScope.sql)
            ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION
            """, foreignScope.parameters) {
            let name = row.catalogString("constraint_name")
            groups.add(.init(table: naming.table(row), name: name), start: { (KeyParts(name: name), row) },
                       row: { $0.parts.add(row) })
        }
        return groups.groups.map { table, rows in
            (table, ForeignKey(rows.parts, row: rows.first, naming: naming, action: Self.action))
        }
    }

    /// Keys and indexes (`STATISTICS`, the primary key and unique keys included),
    /// from one row per key part.
    func keysAndIndexes(_ queries: inout CatalogQueries, _ scope: Scope, _ naming: CatalogNaming,
                        isMySQL: Bool) throws -> [(TableAssembly.TableKey, Index)] {
        let indexScope = scope.sql(schema: "TABLE_SCHEMA", table: "TABLE_NAME")
        var groups = RowGroups<Index>()
        for row in try queries.run("""
            SELECT TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name, INDEX_NAME AS index_name,
                   NON_UNIQUE AS non_unique, SEQ_IN_INDEX AS position, COLUMN_NAME AS column_name\
            \(isMySQL ? ", EXPRESSION AS expression" : "")
            FROM information_schema.STATISTICS
            WHERE \(indexScope.sql)
            ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
            """, indexScope.parameters) {
            let name = row.catalogString("index_name")
            groups.add(.init(table: naming.table(row), name: name), start: {
                Index(name: name, columns: [], unique: (row.catalogInt("non_unique") ?? 1) == 0)
            }, row: { index in
                if let column = row.catalogText("column_name") {
                    index.columns.append(column)
                } else if let expression = row.catalogText("expression") {
                    index.expressions.append(expression)
                }
            })
        }
        return groups.groups.map { table, index in
            var index = index
            if !index.expressions.isEmpty {
                // MySQL lists functional key parts apart from column ones; keep every key as written.
                index.expressions = index.columns.map { "`\($0)`" } + index.expressions
                index.columns = []
            }
            return (table, index)
        }
    }

    /// The constraint a `STATISTICS` index stands for: `PRIMARY` is the primary key,
    /// a unique index on columns is a unique constraint; `nil` for a plain index.
    static func constraint(_ index: Index) -> CatalogConstraint? {
        if index.name == "PRIMARY" { return .primaryKey(PrimaryKey(name: nil, columns: index.columns)) }
        if index.unique, index.expressions.isEmpty { return .unique(UniqueConstraint(name: index.name, columns: index.columns)) }
        return nil
    }

    /// Whether `index` is the one MySQL/MariaDB created for a foreign key of `table`:
    /// not unique, named as the constraint and on exactly its columns. (An explicit
    /// index that looks the same cannot be told apart; the server uses it for the
    /// key either way.)
    public static func isImplicitForeignKeyIndex(_ index: Index, of table: Table) -> Bool {
        !index.unique && index.expressions.isEmpty
            && table.foreignKeys.contains { $0.name == index.name && $0.columns == index.columns }
    }

    /// MariaDB's column check of its `JSON` alias: named as the column, `json_valid(`col`)`.
    static func isJSONCheck(_ check: CheckConstraint, column: String) -> Bool {
        check.name == column
            && SQLText.canonical(check.sqltext, backslashEscapes: true).lowercased() == "json_valid(\(column.lowercased()))"
    }

    /// One column from a row of the columns query.
    /// (A `longtext` that a `json_valid` check makes JSON is `.text` here: the checks tell.)
    static func column(_ row: Row, isMySQL: Bool) -> Column {
        let native = row.catalogString("column_type")
        let extra = row.catalogString("extra").lowercased()
        var column = Column(name: row.catalogString("column_name"), type: .text,
                            nullable: row.catalogString("is_nullable").uppercased() == "YES",
                            nativeType: native)
        column.comment = row.catalogNonEmpty("column_comment")
        column.autoincrement = extra.contains("auto_increment")
        let generated = extra.contains("generated") && !extra.contains("default_generated")
        if !generated, !column.autoincrement, let text = row.catalogText("column_default"), text != "NULL" {
            let reported = isMySQL
                ? mysqlDefault(text, dataType: row.catalogString("data_type"), isExpression: extra.contains("default_generated"))
                : text
            column.serverDefault = MariaDBDialect().portableDefault(reported)
        }
        column.type = portableType(native)
        if column.type == .bigInteger, column.autoincrement { column.type = .bigIntIdentity }
        return column
    }

    /// MySQL reports `DEFAULT 'x'` as `x` and `DEFAULT (expr)` / `CURRENT_TIMESTAMP`
    /// with `DEFAULT_GENERATED`; literals are quoted as MariaDB reports them.
    static func mysqlDefault(_ text: String, dataType: String, isExpression: Bool) -> String {
        if isExpression { return text }
        let numeric = ["tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal",
                       "numeric", "float", "double", "real", "bit", "year"].contains(dataType.lowercased())
        if numeric, Double(text) != nil { return text }
        return "'" + text.replacingEvery("'", with: "''") + "'"
    }

    /// `RESTRICT` and `NO ACTION` (what the server reports for an unset rule) are `nil`.
    static func action(_ rule: String?) -> ReferentialAction? {
        guard let action = ReferentialAction(catalogRule: rule), action != .restrict else { return nil }
        return action
    }

    /// The portable type closest to a `COLUMN_TYPE` (`int(11)`, `tinyint(1)`,
    /// `decimal(10,2)`, `enum('a','b')`, `binary(16)`, `bigint(20) unsigned`).
    /// `longtext` is `.text` here; a `json_valid` check makes it `.json`.
    public static func portableType(_ native: String) -> ColumnType {
        let lowered = native.lowercased().trimmingWhitespace()
        if lowered.hasPrefix("enum(") {
            return .enumeration(values: enumValues(native), name: nil)
        }
        var text = lowered
        for attribute in [" unsigned", " zerofill", " signed"] { text = text.replacingEvery(attribute, with: "") }
        let (base, arguments) = NativeTypeText.split(text)
        switch base {
        case "tinyint", "bool", "boolean":
            return arguments.first == 1 || base != "tinyint" ? .boolean : .smallInteger
        case "bit": return arguments.first.map { $0 == 1 } ?? true ? .boolean : .largeBinary
        case "smallint": return .smallInteger
        case "mediumint", "int", "integer", "year": return .integer
        case "bigint": return .bigInteger
        case "varchar", "nvarchar": return .string(length: arguments.first)
        case "char", "nchar": return arguments.first == 32 ? .uuid : .string(length: arguments.first)
        case "tinytext", "text", "mediumtext", "longtext": return .text
        case "json": return .json
        case "float": return .float
        case "double", "double precision", "real": return .double
        case "decimal", "numeric", "dec", "fixed":
            return .numeric(precision: arguments.first, scale: arguments.dropFirst().first)
        case "date": return .date
        case "time": return .time
        case "datetime", "timestamp": return .dateTime(timezone: false)
        case "binary": return arguments.first == 16 ? .guid(binary: nil) : .largeBinary
        case "varbinary", "tinyblob", "blob", "mediumblob", "longblob": return .largeBinary
        case "uuid": return .uuid
        default: return .text
        }
    }

    /// The values of `enum('a','b''c')`. The server writes them as it writes
    /// string literals under its default `sql_mode`: a quote doubled and a
    /// backslash escaped (`'a\\b'` is `a\b`), whatever the session's `sql_mode`.
    static func enumValues(_ native: String) -> [String] {
        SQLText.tokens(native, backslashEscapes: true).compactMap { token in
            if case .string(let value) = token { value } else { nil }
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced (the pure modules do without Foundation).
    func replacingEvery(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
