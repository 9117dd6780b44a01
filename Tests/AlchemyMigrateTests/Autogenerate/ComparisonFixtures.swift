import AlchemySchema
import AlchemyTestSupport
import AlchemySQL
@testable import AlchemyMigrate

/// Declared tables as the model loader expands Advanced Alchemy's bases, and the
/// same tables as each database reports them after `create_all` or after AA's
/// migrations (reference/advanced-alchemy-ddl.md).
enum ComparisonFixtures {
    // The declared reference tables are the shared ones of AlchemyTestSupport.
    static func pk(_ table: String) -> PrimaryKey { ReferenceTables.pk(table) }
    static let audit = ReferenceTables.audit
    static let bigIntID = ReferenceTables.bigIntID
    static let guidID = ReferenceTables.guidID
    static let sentinel = ReferenceTables.sentinel
    static let post = ReferenceTables.post
    static let slugged = ReferenceTables.slugged
    static let ident = ReferenceTables.ident
    static let u4 = ReferenceTables.u4
    static let child = ReferenceTables.child

    /// Every portable type, with the spelling each database reports for it.
    static let typeRows: [(name: String, type: ColumnType, postgresql: String, mariadb: String, sqlite: String)] = [
        ("c_int", .integer, "integer", "int(11)", "INTEGER"),
        ("c_big", .bigInteger, "bigint", "bigint(20)", "BIGINT"),
        ("c_small", .smallInteger, "smallint", "smallint(6)", "SMALLINT"),
        ("c_bool", .boolean, "boolean", "tinyint(1)", "BOOLEAN"),
        ("c_str", .string(length: 255), "character varying(255)", "varchar(255)", "VARCHAR(255)"),
        ("c_text", .text, "text", "text", "TEXT"),
        ("c_float", .float, "double precision", "float", "FLOAT"),
        ("c_double", .double, "double precision", "double", "DOUBLE"),
        ("c_num", .numeric(precision: 10, scale: 2), "numeric(10,2)", "decimal(10,2)", "NUMERIC(10, 2)"),
        ("c_date", .date, "date", "date", "DATE"),
        ("c_time", .time, "time without time zone", "time", "TIME"),
        ("c_dt", .dateTime(timezone: false), "timestamp without time zone", "datetime", "DATETIME"),
        ("c_dttz", .dateTime(timezone: true), "timestamp with time zone", "datetime", "DATETIME"),
        ("c_interval", .interval, "interval", "datetime", "DATETIME"),
        ("c_bin", .largeBinary, "bytea", "blob", "BLOB"),
        ("c_json", .json, "json", "longtext", "JSON"),
        ("c_uuid", .uuid, "uuid", "char(32)", "CHAR(32)"),
        ("c_enum", .enumeration(values: ["a", "b"], name: "kind"), "kind", "enum('a','b')", "VARCHAR(1)"),
        ("c_guid", .guid(binary: nil), "uuid", "binary(16)", "BINARY(16)"),
        ("c_guid_bin", .guid(binary: true), "uuid", "binary(16)", "BINARY(16)"),
        ("c_guid_char", .guid(binary: false), "uuid", "char(32)", "CHAR(32)"),
        ("c_dtutc", .dateTimeUTC, "timestamp with time zone", "datetime", "DATETIME"),
        ("c_jsonb", .jsonb, "jsonb", "longtext", "JSON"),
        ("c_enc", .encryptedString(length: nil), "character varying", "text", "VARCHAR"),
        ("c_enc100", .encryptedString(length: 100), "character varying", "text", "VARCHAR"),
        ("c_enctext", .encryptedText, "character varying", "text", "TEXT"),
        ("c_file", .storedObject(backend: "s3", multiple: false), "jsonb", "longtext", "JSON"),
        ("c_files", .storedObject(backend: "s3", multiple: true), "jsonb", "longtext", "JSON"),
        ("c_hash", .passwordHash(length: 128), "character varying(128)", "varchar(128)", "VARCHAR(128)"),
    ]

    static let types = Table(
        name: "types",
        columns: [bigIntID] + typeRows.map { Column(name: $0.name, type: $0.type) }
            + [Column(name: "c_srv", type: .integer, nullable: false, serverDefault: .literal("0"))],
        primaryKey: pk("types"))

    static let declared = Schema(tables: [post, slugged, ident, u4, child, types])

    /// A live column: what introspection makes of it (a portable type guess and the reported text).
    static func reported(_ column: Column, _ native: String, type: ColumnType? = nil) -> Column {
        var live = column
        live.nativeType = native
        if let type { live.type = type }
        return live
    }

    /// How each database reports the declared column `name` of the types table.
    static func nativeType(of name: String, on dialect: DialectName) -> String? {
        guard let row = typeRows.first(where: { $0.name == name }) else { return nil }
        switch dialect {
        case .postgresql: return row.postgresql
        case .mariadb: return row.mariadb
        // MySQL has a real JSON type; MariaDB reports JSON as longtext.
        case .mysql: return row.mariadb == "longtext" ? "json" : row.mariadb
        case .sqlite: return row.sqlite
        }
    }

    /// The declared schema as `dialect` reports it after alchemy's (or AA's migration
    /// path's) DDL: BIGSERIAL / AUTO_INCREMENT / rowid ids, reported spellings.
    static func live(_ dialect: DialectName, createAll: Bool = false) -> Schema {
        Schema(tables: declared.tables.map { live($0, on: dialect, createAll: createAll) })
    }

    static func live(_ table: Table, on dialect: DialectName, createAll: Bool) -> Table {
        var table = table
        table.columns = table.columns.map { column in
            var live = column
            live.nativeType = nativeType(of: column.name, on: dialect) ?? commonType(column, on: dialect)
            if column.autoincrement {
                switch dialect {
                case .postgresql:
                    // create_all: a plain BIGINT beside its own sequence; migrations: BIGSERIAL.
                    live.autoincrement = !createAll
                    live.type = createAll ? .bigInteger : .bigIntIdentity
                case .mysql, .mariadb:
                    live.autoincrement = !createAll
                case .sqlite:
                    live.autoincrement = false
                }
            }
            if column.name == "c_srv" {
                live.serverDefault = .expression(dialect == .postgresql ? "0" : dialect == .sqlite ? "'0'" : "0")
            }
            return live
        }
        if dialect == .mariadb || dialect == .mysql { table.primaryKey?.name = nil }
        return table
    }

    static func commonType(_ column: Column, on dialect: DialectName) -> String {
        switch (column.type, dialect) {
        case (.bigIntIdentity, .postgresql): "bigint"
        case (.bigIntIdentity, .sqlite): "INTEGER"
        case (.bigIntIdentity, _): "bigint(20)"
        case (.dateTimeUTC, .postgresql): "timestamp with time zone"
        case (.dateTimeUTC, .sqlite): "DATETIME"
        case (.dateTimeUTC, _): "datetime"
        case (.guid, .postgresql): "uuid"
        case (.guid, .sqlite): "BINARY(16)"
        case (.guid, _): "binary(16)"
        case (.integer, .postgresql): "integer"
        case (.integer, .sqlite): "INTEGER"
        case (.integer, _): "int(11)"
        case (.string(let n?), .postgresql): "character varying(\(n))"
        case (.string(let n?), .sqlite): "VARCHAR(\(n))"
        case (.string(let n?), _): "varchar(\(n))"
        default: "?"
        }
    }
}

extension SchemaComparator {
    /// A comparator with default options.
    static func on(_ dialect: DialectName, _ options: ComparisonOptions = ComparisonOptions()) -> SchemaComparator {
        SchemaComparator(dialect: dialect, options: options)
    }
}

extension Schema {
    /// The schema with one table changed.
    func with(_ name: String, _ change: (inout Table) -> Void) -> Schema {
        var schema = self
        if let i = schema.tables.firstIndex(where: { $0.name == name }) { change(&schema.tables[i]) }
        return schema
    }
}

extension Table {
    /// The table with one column changed.
    func with(column name: String, _ change: (inout Column) -> Void) -> Table {
        var table = self
        if let i = table.columns.firstIndex(where: { $0.name == name }) { change(&table.columns[i]) }
        return table
    }
}
