import AlchemySQL
import AlchemySchema

/// PostgreSQL's catalog, read in five queries whatever the number of tables:
/// tables (with comments), columns (`pg_attribute` with `format_type`,
/// `pg_attrdef`, `col_description`, and the owned sequence of serial and
/// identity columns), constraints (`pg_constraint`, one row per key column),
/// indexes (`pg_index`, one row per key) and enum labels (`pg_enum`).
///
/// - A serial column (a `nextval(...)` default on a sequence the column owns) is
///   `autoincrement: true` without a server default; an identity column
///   (`attidentity` `d`/`a`) carries its sequence's start and increment.
/// - Indexes that implement a primary key, unique or exclusion constraint are
///   left out; expression indexes have every key in `expressions` (as
///   `pg_get_indexdef` prints it) and no `columns`.
/// - CHECK constraints carry the condition as `pg_get_constraintdef` prints it,
///   without the `CHECK (...)` around it (`(email)::text ~~ '%@%'::text` style).
public final class PostgreSQLIntrospector: Introspector {
    public let connection: any Connection
    public private(set) var lastQueryCount = 0

    public init(_ connection: any Connection) {
        self.connection = connection
    }

    /// The `WHERE` conditions that select the tables to read, and their parameters.
    struct Scope {
        var sql: String
        var parameters: [DatabaseValue]

        init(_ options: IntrospectionOptions, filter: TableFilter) {
            var conditions: [String] = []
            var parameters: [DatabaseValue] = []
            if options.schemas.isEmpty {
                conditions.append("n.nspname = current_schema()")
            } else {
                let marks = options.schemas.map { schema -> String in
                    parameters.append(.text(schema))
                    return "$\(parameters.count)"
                }
                conditions.append("n.nspname IN (\(marks.joined(separator: ", ")))")
            }
            for pattern in filter.likePatterns() {
                parameters.append(.text(pattern))
                conditions.append("c.relname NOT LIKE $\(parameters.count)")
            }
            sql = conditions.joined(separator: " AND ")
            self.parameters = parameters
        }
    }

    public func schema(_ options: IntrospectionOptions) throws -> Schema {
        var queries = CatalogQueries(connection)
        defer { lastQueryCount = queries.count }
        var filter = TableFilter(options)
        let scope = Scope(options, filter: filter)
        guard let (naming, tables) = try tables(&queries, scope) else { return Schema() }
        filter.defaultSchema = naming.defaultSchema
        var assembly = TableAssembly(tables.filter { filter.includes(name: $0.name, schema: $0.schema) })
        if assembly.tables.isEmpty { return Schema() }
        let labels = try enumLabels(&queries)
        for (table, column) in try columns(&queries, scope, naming, enumLabels: labels) {
            assembly.update(table) { $0.columns.append(column) }
        }
        for (table, constraint) in try constraints(&queries, scope, naming) {
            assembly.update(table) { constraint.add(to: &$0) }
        }
        for (table, index) in try indexes(&queries, scope, naming) {
            assembly.update(table) { $0.indexes.append(index) }
        }
        return assembly.schema()
    }

    /// Tables and their comments; the current schema names the default one.
    /// `nil` when the scope holds no table.
    func tables(_ queries: inout CatalogQueries, _ scope: Scope) throws -> (CatalogNaming, [Table])? {
        let rows = try queries.run("""
            SELECT n.nspname AS schema_name, c.relname AS table_name,
                   pg_catalog.obj_description(c.oid, 'pg_class') AS table_comment,
                   current_schema() AS current_schema
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND \(scope.sql)
            """, scope.parameters)
        guard let current = rows.first?.catalogText("current_schema") else { return nil }
        let naming = CatalogNaming(defaultSchema: current)
        return (naming, rows.map { row in
            let key = naming.table(row)
            return Table(name: key.name, schema: key.schema, comment: row.catalogText("table_comment"))
        })
    }

    /// Enum labels in their order, by type oid.
    func enumLabels(_ queries: inout CatalogQueries) throws -> [Int64: [String]] {
        var labels: [Int64: [String]] = [:]
        for row in try queries.run("""
            SELECT e.enumtypid AS type_oid, e.enumlabel AS label
            FROM pg_catalog.pg_enum e
            ORDER BY e.enumtypid, e.enumsortorder
            """) {
            guard let oid = row["type_oid"].int64Value else { continue }
            labels[oid, default: []].append(row.catalogString("label"))
        }
        return labels
    }

    /// Every column, in table order.
    func columns(_ queries: inout CatalogQueries, _ scope: Scope, _ naming: CatalogNaming,
                 enumLabels: [Int64: [String]]) throws -> [(TableAssembly.TableKey, Column)] {
        try queries.run("""
            SELECT n.nspname AS schema_name, c.relname AS table_name, a.attnum, a.attname AS column_name,
                   pg_catalog.format_type(a.atttypid, a.atttypmod) AS native_type,
                   a.attnotnull AS not_null, a.attidentity AS identity, a.attgenerated AS generated,
                   pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_sql,
                   pg_catalog.col_description(c.oid, a.attnum) AS column_comment,
                   a.atttypid AS type_oid, t.typtype AS type_kind, t.typname AS type_name,
                   CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END AS domain_base,
                   dep.deptype AS sequence_dependency, seq.relname AS sequence_name,
                   ps.seqstart AS sequence_start, ps.seqincrement AS sequence_increment
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN (pg_catalog.pg_depend dep
                       JOIN pg_catalog.pg_class seq ON seq.oid = dep.objid AND seq.relkind = 'S'
                       JOIN pg_catalog.pg_sequence ps ON ps.seqrelid = seq.oid)
                   ON dep.classid = 'pg_catalog.pg_class'::regclass
                  AND dep.refclassid = 'pg_catalog.pg_class'::regclass
                  AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum AND dep.deptype IN ('a', 'i')
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
              AND \(scope.sql)
            ORDER BY n.nspname, c.relname, a.attnum
            """, scope.parameters).map { row in (naming.table(row), Self.column(row, enumValues: enumLabels)) }
    }

    /// The rows of one constraint: its kind (`contype`), its columns, and its first row.
    struct ConstraintRows {
        var type: String
        var parts: KeyParts
        var first: Row
    }

    /// Primary keys, unique, foreign-key and CHECK constraints, from one row per key
    /// column (a CHECK without columns has one row).
    func constraints(_ queries: inout CatalogQueries, _ scope: Scope,
                     _ naming: CatalogNaming) throws -> [(TableAssembly.TableKey, CatalogConstraint)] {
        var groups = RowGroups<ConstraintRows>()
        for row in try queries.run("""
            SELECT n.nspname AS schema_name, c.relname AS table_name, con.conname AS constraint_name,
                   con.contype AS constraint_type, k.ord AS position, a.attname AS column_name,
                   fn.nspname AS referred_schema, fc.relname AS referred_table, fa.attname AS referred_column,
                   con.confupdtype AS update_rule, con.confdeltype AS delete_rule,
                   CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid, true) END AS definition
            FROM pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) ON true
            LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
            LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
            LEFT JOIN pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[k.ord]
            WHERE con.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p') AND \(scope.sql)
            ORDER BY n.nspname, c.relname, con.conname, k.ord
            """, scope.parameters) {
            let name = row.catalogString("constraint_name")
            groups.add(.init(table: naming.table(row), name: name),
                       start: { ConstraintRows(type: row.catalogString("constraint_type"), parts: KeyParts(name: name), first: row) },
                       row: { $0.parts.add(row) })
        }
        return groups.groups.compactMap { table, rows in
            Self.constraint(rows, naming: naming).map { (table, $0) }
        }
    }

    static func constraint(_ rows: ConstraintRows, naming: CatalogNaming) -> CatalogConstraint? {
        let name = rows.parts.name
        switch rows.type {
        case "p": return .primaryKey(PrimaryKey(name: name, columns: rows.parts.orderedColumns))
        case "u": return .unique(UniqueConstraint(name: name, columns: rows.parts.orderedColumns))
        case "f": return .foreignKey(ForeignKey(rows.parts, row: rows.first, naming: naming, action: action))
        case "c": return .check(CheckConstraint(name: name, sqltext: checkCondition(rows.first.catalogString("definition"))))
        default: return nil
        }
    }

    /// An index being read, and whether any of its keys is an expression.
    struct IndexRows {
        var index: Index
        var hasExpression = false

        /// Plain column indexes list columns; any expression makes every key an expression.
        var finished: Index {
            var index = index
            if hasExpression { index.columns = [] } else { index.expressions = [] }
            return index
        }
    }

    /// Indexes that are not a constraint's, from one row per key.
    func indexes(_ queries: inout CatalogQueries, _ scope: Scope,
                 _ naming: CatalogNaming) throws -> [(TableAssembly.TableKey, Index)] {
        var groups = RowGroups<IndexRows>()
        for row in try queries.run("""
            SELECT n.nspname AS schema_name, c.relname AS table_name, i.relname AS index_name,
                   ix.indisunique AS is_unique, k.ord AS position, a.attname AS column_name,
                   pg_catalog.pg_get_indexdef(ix.indexrelid, k.ord::int, true) AS key_text,
                   pg_catalog.pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate
            FROM pg_catalog.pg_index ix
            JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
            JOIN pg_catalog.pg_class c ON c.oid = ix.indrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum AND k.attnum > 0
            WHERE c.relkind IN ('r', 'p') AND k.ord <= ix.indnkeyatts
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                              WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid
                                AND con.contype IN ('p', 'u', 'x'))
              AND \(scope.sql)
            ORDER BY n.nspname, c.relname, i.relname, k.ord
            """, scope.parameters) {
            let name = row.catalogString("index_name")
            groups.add(.init(table: naming.table(row), name: name), start: {
                IndexRows(index: Index(name: name, columns: [], unique: row.catalogFlag("is_unique"),
                                       where: row.catalogText("predicate")))
            }, row: { rows in
                if let column = row.catalogText("column_name") {
                    rows.index.columns.append(column)
                } else {
                    rows.hasExpression = true
                }
                rows.index.expressions.append(row.catalogString("key_text"))
            })
        }
        return groups.groups.map { ($0.table, $0.value.finished) }
    }

    /// One column from a row of the columns query.
    static func column(_ row: Row, enumValues: [Int64: [String]]) -> Column {
        let native = row.catalogString("native_type")
        let identityKind = row.catalogString("identity")
        let defaultSQL = row.catalogText("default_sql")
        var column = Column(name: row.catalogString("column_name"), type: .text, nullable: !row.catalogFlag("not_null"),
                            comment: row.catalogText("column_comment"), nativeType: native)
        if identityKind == "a" || identityKind == "d" {
            column.identity = Identity(always: identityKind == "a",
                                       start: row.catalogInt("sequence_start") ?? 1,
                                       increment: row.catalogInt("sequence_increment") ?? 1)
        } else if let defaultSQL, row.catalogString("generated").isEmpty {
            // A generated column's expression is not a default (computed columns are not modelled).
            if row.catalogText("sequence_dependency") == "a", let sequence = row.catalogText("sequence_name"),
               defaultSQL.hasPrefix("nextval("), defaultSQL.contains(sequence) {
                column.autoincrement = true
            } else {
                column.serverDefault = PostgreSQLDialect().portableDefault(defaultSQL)
            }
        }
        if row.catalogString("type_kind") == "e", let oid = row["type_oid"].int64Value {
            column.type = .enumeration(values: enumValues[oid] ?? [], name: row.catalogString("type_name"))
        } else {
            let base = row.catalogText("domain_base") ?? native
            column.type = portableType(base)
            if column.type == .bigInteger, column.identity != nil || column.autoincrement {
                column.type = .bigIntIdentity
            }
        }
        return column
    }

    /// The portable type closest to a `format_type` spelling (`character varying(255)`,
    /// `numeric(10,2)`, `timestamp(3) with time zone`). Types without a portable
    /// counterpart (arrays, `inet`, geometric types, ...) guess `.text`; their
    /// `nativeType` says what they are.
    public static func portableType(_ native: String) -> ColumnType {
        let (base, arguments) = NativeTypeText.split(native.lowercased())
        if base.hasSuffix("[]") { return .text }
        switch base {
        case "smallint": return .smallInteger
        case "integer": return .integer
        case "bigint": return .bigInteger
        case "boolean": return .boolean
        case "character varying", "character", "varchar", "char", "bpchar": return .string(length: arguments.first)
        case "text", "name", "citext": return .text
        case "real": return .float
        case "double precision": return .double
        case "numeric", "decimal": return .numeric(precision: arguments.first, scale: arguments.dropFirst().first)
        case "date": return .date
        case "time without time zone", "time with time zone", "time": return .time
        case "timestamp without time zone", "timestamp": return .dateTime(timezone: false)
        case "timestamp with time zone": return .dateTimeUTC
        case "bytea": return .largeBinary
        case "json": return .json
        case "jsonb": return .jsonb
        case "uuid": return .guid(binary: nil)
        default: return base.hasPrefix("interval") ? .interval : .text
        }
    }

    /// `confdeltype`/`confupdtype` codes; `a` (NO ACTION, the default) is `nil`.
    static func action(_ code: String?) -> ReferentialAction? {
        switch code {
        case "c": .cascade
        case "n": .setNull
        case "d": .setDefault
        case "r": .restrict
        default: nil
        }
    }

    /// `CHECK (cond)` (possibly followed by `NOT VALID` / `NO INHERIT`) -> `cond`.
    static func checkCondition(_ definition: String) -> String {
        let text = SQLTokens(definition)
        guard text.count >= 3, text.isKeyword(text[0], "CHECK"), text[1].isSymbol(UInt8(ascii: "(")),
              let close = text.closingParenthesis(of: 1),
              text.tokens[(close + 1)...].allSatisfy({ text.keyword($0).map(checkOptions.contains) == true }) else {
            return definition.trimmingWhitespace()
        }
        return text.text(between: text[1], and: text[close])
    }

    static let checkOptions: Set<String> = ["NOT", "VALID", "NO", "INHERIT"]
}

/// Splitting a type's text into its name and integer arguments.
enum NativeTypeText {
    /// `timestamp(3) with time zone` -> (`timestamp with time zone`, [3]);
    /// `numeric(10,2)` -> (`numeric`, [10, 2]); arguments that are not integers are dropped.
    static func split(_ text: String) -> (base: String, arguments: [Int]) {
        guard let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") else {
            return (text.trimmingWhitespace(), [])
        }
        let inside = text[text.index(after: open)..<close]
        let arguments = inside.split(separator: ",").compactMap { Int($0.trimmingWhitespace()) }
        let before = text[..<open].trimmingWhitespace()
        let after = text[text.index(after: close)...].trimmingWhitespace()
        return (after.isEmpty ? before : before + " " + after, arguments)
    }
}
