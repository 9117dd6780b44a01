import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing

/// The reference `types` table of reference/advanced-alchemy-ddl.md, created through
/// alchemy's dialect on each real database and read back from the catalog.
@Suite("Executed: every column type")
struct ExecutedTypesTests {
    /// reference/advanced-alchemy-ddl.md's `types` table, plus `c_pwd` (PasswordHash,
    /// the one ColumnType case the reference table lacks).
    static let types: Table = {
        var table = ReferenceTables.types
        table.columns.append(Column(name: "c_pwd", type: .passwordHash(length: 128)))
        return table
    }()

    /// Each column's type as the database reports it: SQLite keeps the declared
    /// text (the reference DDL verbatim), PostgreSQL's `format_type`, MariaDB's COLUMN_TYPE.
    static let expectedTypes: [(column: String, sqlite: String, postgresql: String, mariadb: String)] = [
        ("id", "INTEGER", "bigint", "bigint(20)"),
        ("c_int", "INTEGER", "integer", "int(11)"),
        ("c_big", "BIGINT", "bigint", "bigint(20)"),
        ("c_small", "SMALLINT", "smallint", "smallint(6)"),
        ("c_bool", "BOOLEAN", "boolean", "tinyint(1)"),
        ("c_str", "VARCHAR(255)", "character varying(255)", "varchar(255)"),
        ("c_text", "TEXT", "text", "text"),
        // PostgreSQL's FLOAT without precision is float8.
        ("c_float", "FLOAT", "double precision", "float"),
        ("c_double", "DOUBLE", "double precision", "double"),
        ("c_num", "NUMERIC(10, 2)", "numeric(10,2)", "decimal(10,2)"),
        ("c_date", "DATE", "date", "date"),
        ("c_time", "TIME", "time without time zone", "time"),
        ("c_dt", "DATETIME", "timestamp without time zone", "datetime"),
        ("c_dttz", "DATETIME", "timestamp with time zone", "datetime"),
        ("c_interval", "DATETIME", "interval", "datetime"),
        ("c_bin", "BLOB", "bytea", "blob"),
        // MariaDB's JSON is an alias of LONGTEXT with a json_valid CHECK.
        ("c_json", "JSON", "json", "longtext"),
        ("c_uuid", "CHAR(32)", "uuid", "char(32)"),
        ("c_enum", "VARCHAR(1)", "kind", "enum('a','b')"),
        ("c_guid", "BINARY(16)", "uuid", "binary(16)"),
        ("c_guid_bin", "BINARY(16)", "uuid", "binary(16)"),
        ("c_guid_char", "CHAR(32)", "uuid", "char(32)"),
        ("c_dtutc", "DATETIME", "timestamp with time zone", "datetime"),
        ("c_jsonb", "JSON", "jsonb", "longtext"),
        ("c_enc", "VARCHAR", "character varying", "text"),
        ("c_enc100", "VARCHAR", "character varying", "text"),
        ("c_enctext", "TEXT", "character varying", "text"),
        ("c_file", "JSON", "jsonb", "longtext"),
        ("c_files", "JSON", "jsonb", "longtext"),
        ("c_srv", "INTEGER", "integer", "int(11)"),
        ("c_pwd", "VARCHAR(128)", "character varying(128)", "varchar(128)"),
    ]

    static func expectedType(_ entry: (column: String, sqlite: String, postgresql: String, mariadb: String),
                             _ dialect: DialectName) -> String {
        switch dialect {
        case .sqlite: entry.sqlite
        case .postgresql: entry.postgresql
        case .mysql, .mariadb: entry.mariadb
        }
    }

    @Test("types: every ColumnType case is created with the type, nullability, default and key the reference shows",
          arguments: TestDatabases.dialects)
    func everyType(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let session = ExecutedSession(connection)
            try session.apply(.createTable(Self.types))

            let table = try session.catalog("types")
            #expect(table.columnNames == Self.types.columns.map(\.name))
            for entry in Self.expectedTypes {
                let column = try #require(table.column(entry.column), "\(entry.column)")
                #expect(column.type == Self.expectedType(entry, dialect), "\(dialect) \(entry.column)")
                let notNull = ["id", "c_srv"].contains(entry.column)
                #expect(column.nullable == !notNull, "\(dialect) \(entry.column) nullability")
                if !["id", "c_srv"].contains(entry.column) {
                    #expect(column.defaultSQL == nil, "\(dialect) \(entry.column) has no default")
                }
            }

            // server_default '0': SQLite keeps the literal as written; the servers fold it to the integer.
            let srv = try #require(table.column("c_srv"))
            #expect(srv.defaultSQL == (dialect == .sqlite ? "'0'" : "0"))

            // The key: database-generated (BIGSERIAL, AUTO_INCREMENT, the rowid), named by
            // the naming convention where the database keeps the name.
            let id = try #require(table.column("id"))
            switch dialect {
            case .sqlite:
                #expect(id.generated == "rowid")
                #expect(table.primaryKey == CatalogKey(name: "pk_types", columns: ["id"]))
            case .postgresql:
                #expect(id.generated == "serial")
                #expect(id.defaultSQL == "nextval('types_id_seq'::regclass)")
                #expect(table.primaryKey == CatalogKey(name: "pk_types", columns: ["id"]))
                // The named enum type exists with its values in order.
                #expect(try PostgreSQLCatalog(connection).enumLabels("kind") == ["a", "b"])
            case .mysql, .mariadb:
                #expect(id.generated == "auto_increment")
                // MariaDB always names the primary key PRIMARY; the DDL's name is accepted and dropped.
                #expect(table.primaryKey == CatalogKey(name: "PRIMARY", columns: ["id"]))
                // JSON columns are LONGTEXT with a column-level CHECK named after the column.
                for column in ["c_json", "c_jsonb", "c_file", "c_files"] {
                    #expect(table.columnChecks[column].map(Catalog.normalizedSQL) == "json_valid\(column)", "\(column)")
                }
            }
            #expect(table.uniques.isEmpty && table.foreignKeys.isEmpty && table.checks.isEmpty && table.indexes.isEmpty)

            // A row that gives no values gets the generated key and the server default.
            try connection.execute(session.sqlDialect.insertDefaultRow(into: TableReference(name: "types")))
            try connection.execute(session.sqlDialect.insertDefaultRow(into: TableReference(name: "types")))
            let rows = try session.values("types", ["id", "c_srv", "c_int"], orderBy: "id")
            #expect(rows.map { $0[0].int64Value } == [1, 2])
            #expect(rows.map { $0[1].int64Value } == [0, 0])
            #expect(rows.allSatisfy { $0[2] == .null })

            // drop_table takes PostgreSQL's enum type with it (its last user).
            try session.apply(.dropTable(Self.types))
            #expect(try Catalog.tableNames(connection).isEmpty)
            if dialect == .postgresql {
                #expect(try PostgreSQLCatalog(connection).enumLabels("kind").isEmpty)
            }
        }
    }

    /// Variants of the cases above: a String without length (VARCHAR where the
    /// database allows it, an error before any SQL on MariaDB), Numeric without
    /// precision, an Enum without a name, a nullable column with a string default.
    @Test("variants: String without length, bare Numeric, unnamed Enum, string server_default",
          arguments: TestDatabases.dialects)
    func variants(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let session = ExecutedSession(connection)
            let unbounded = Table(name: "v_str", columns: [Column(name: "s", type: .string(length: nil))])
            if dialect == .mariadb || dialect == .mysql {
                #expect(throws: RenderError.self) { try session.apply(.createTable(unbounded)) }
                #expect(try Catalog.tableNames(connection).isEmpty)
            } else {
                try session.apply(.createTable(unbounded))
                let s = try #require(try session.catalog("v_str").column("s"))
                #expect(s.type == (dialect == .sqlite ? "VARCHAR" : "character varying"))
            }

            let enumName: String? = dialect == .postgresql ? "v_kind" : nil
            let table = Table(name: "v_misc", columns: [
                Column(name: "n", type: .numeric(precision: nil, scale: nil)),
                Column(name: "n8", type: .numeric(precision: 8, scale: nil)),
                Column(name: "e", type: .enumeration(values: ["small", "large"], name: enumName)),
                Column(name: "label", type: .string(length: 20), serverDefault: .literal("it's")),
            ])
            try session.apply(.createTable(table))
            let catalog = try session.catalog("v_misc")
            let expected: [String] = switch dialect {
            case .sqlite: ["NUMERIC", "NUMERIC(8)", "VARCHAR(5)", "VARCHAR(20)"]
            case .postgresql: ["numeric", "numeric(8,0)", "v_kind", "character varying(20)"]
            case .mysql, .mariadb: ["decimal(10,0)", "decimal(8,0)", "enum('small','large')", "varchar(20)"]
            }
            #expect(catalog.columns.map(\.type) == expected)
            let label = try #require(catalog.column("label"))
            #expect(label.nullable)
            // The quote inside the literal survives each dialect's escaping.
            let expectedDefault = switch dialect {
            case .postgresql: "'it''s'::character varying"
            case .sqlite: "'it''s'"
            case .mysql, .mariadb: "'it''s'"
            }
            #expect(label.defaultSQL == expectedDefault)
            try connection.execute(session.sqlDialect.insertDefaultRow(into: TableReference(name: "v_misc")))
            #expect(try session.values("v_misc", ["label"], orderBy: "label") == [[.text("it's")]])
        }
    }
}
