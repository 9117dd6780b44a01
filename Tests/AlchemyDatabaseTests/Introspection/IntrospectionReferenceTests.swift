import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing

/// The tables of reference/advanced-alchemy-ddl.md, created through alchemy's
/// dialect on a real database, read back by introspection.
@Suite("Introspection of the reference tables")
struct IntrospectionReferenceTests {
    typealias Tables = ReferenceTables

    /// Creates the reference tables (plus the version table and an excluded table) and introspects.
    static func introspected(_ dialect: DialectName) throws -> (Schema, Int) {
        try IntrospectionSupport.withDatabase(dialect) { connection in
            try IntrospectionSupport.create(Tables.all, on: connection)
            try IntrospectionSupport.createVersionTable(on: connection)
            try connection.execute("CREATE TABLE tmp_scratch (x INTEGER)")
            let introspector = makeIntrospector(connection)
            let schema = try introspector.schema(IntrospectionOptions(excludeTables: ["tmp_*"]))
            return (schema, introspector.lastQueryCount)
        }
    }

    static let nativeTypes: [DialectName: [String: String]] = [
        .sqlite: [
            "id": "INTEGER", "c_int": "INTEGER", "c_big": "BIGINT", "c_small": "SMALLINT", "c_bool": "BOOLEAN",
            "c_str": "VARCHAR(255)", "c_text": "TEXT", "c_float": "FLOAT", "c_double": "DOUBLE",
            "c_num": "NUMERIC(10, 2)", "c_date": "DATE", "c_time": "TIME", "c_dt": "DATETIME", "c_dttz": "DATETIME",
            "c_interval": "DATETIME", "c_bin": "BLOB", "c_json": "JSON", "c_uuid": "CHAR(32)", "c_enum": "VARCHAR(1)",
            "c_guid": "BINARY(16)", "c_guid_bin": "BINARY(16)", "c_guid_char": "CHAR(32)", "c_dtutc": "DATETIME",
            "c_jsonb": "JSON", "c_enc": "VARCHAR", "c_enc100": "VARCHAR", "c_enctext": "TEXT", "c_file": "JSON",
            "c_files": "JSON", "c_srv": "INTEGER",
        ],
        .postgresql: [
            "id": "bigint", "c_int": "integer", "c_big": "bigint", "c_small": "smallint", "c_bool": "boolean",
            "c_str": "character varying(255)", "c_text": "text", "c_float": "double precision",
            "c_double": "double precision", "c_num": "numeric(10,2)", "c_date": "date",
            "c_time": "time without time zone", "c_dt": "timestamp without time zone",
            "c_dttz": "timestamp with time zone", "c_interval": "interval", "c_bin": "bytea", "c_json": "json",
            "c_uuid": "uuid", "c_enum": "kind", "c_guid": "uuid", "c_guid_bin": "uuid", "c_guid_char": "uuid",
            "c_dtutc": "timestamp with time zone", "c_jsonb": "jsonb", "c_enc": "character varying",
            "c_enc100": "character varying", "c_enctext": "character varying", "c_file": "jsonb",
            "c_files": "jsonb", "c_srv": "integer",
        ],
        .mariadb: [
            "id": "bigint(20)", "c_int": "int(11)", "c_big": "bigint(20)", "c_small": "smallint(6)",
            "c_bool": "tinyint(1)", "c_str": "varchar(255)", "c_text": "text", "c_float": "float",
            "c_double": "double", "c_num": "decimal(10,2)", "c_date": "date", "c_time": "time", "c_dt": "datetime",
            "c_dttz": "datetime", "c_interval": "datetime", "c_bin": "blob", "c_json": "longtext",
            "c_uuid": "char(32)", "c_enum": "enum('a','b')", "c_guid": "binary(16)", "c_guid_bin": "binary(16)",
            "c_guid_char": "char(32)", "c_dtutc": "datetime", "c_jsonb": "longtext", "c_enc": "text",
            "c_enc100": "text", "c_enctext": "text", "c_file": "longtext", "c_files": "longtext",
            "c_srv": "int(11)",
        ],
    ]

    static let portableTypes: [DialectName: [String: ColumnType]] = [
        .sqlite: [
            "id": .integer, "c_int": .integer, "c_big": .bigInteger, "c_small": .smallInteger, "c_bool": .boolean,
            "c_str": .string(length: 255), "c_text": .text, "c_float": .float, "c_double": .double,
            "c_num": .numeric(precision: 10, scale: 2), "c_date": .date, "c_time": .time,
            "c_dt": .dateTime(timezone: false), "c_dttz": .dateTime(timezone: false),
            "c_interval": .dateTime(timezone: false), "c_bin": .largeBinary, "c_json": .json, "c_uuid": .uuid,
            "c_enum": .string(length: 1), "c_guid": .guid(binary: nil), "c_guid_bin": .guid(binary: nil),
            "c_guid_char": .uuid, "c_dtutc": .dateTime(timezone: false), "c_jsonb": .json,
            "c_enc": .string(length: nil), "c_enc100": .string(length: nil), "c_enctext": .text, "c_file": .json,
            "c_files": .json, "c_srv": .integer,
        ],
        .postgresql: [
            "id": .bigIntIdentity, "c_int": .integer, "c_big": .bigInteger, "c_small": .smallInteger,
            "c_bool": .boolean, "c_str": .string(length: 255), "c_text": .text, "c_float": .double,
            "c_double": .double, "c_num": .numeric(precision: 10, scale: 2), "c_date": .date, "c_time": .time,
            "c_dt": .dateTime(timezone: false), "c_dttz": .dateTimeUTC, "c_interval": .interval,
            "c_bin": .largeBinary, "c_json": .json, "c_uuid": .guid(binary: nil),
            "c_enum": .enumeration(values: ["a", "b"], name: "kind"), "c_guid": .guid(binary: nil),
            "c_guid_bin": .guid(binary: nil), "c_guid_char": .guid(binary: nil), "c_dtutc": .dateTimeUTC,
            "c_jsonb": .jsonb, "c_enc": .string(length: nil), "c_enc100": .string(length: nil),
            "c_enctext": .string(length: nil), "c_file": .jsonb, "c_files": .jsonb, "c_srv": .integer,
        ],
        .mariadb: [
            "id": .bigIntIdentity, "c_int": .integer, "c_big": .bigInteger, "c_small": .smallInteger,
            "c_bool": .boolean, "c_str": .string(length: 255), "c_text": .text, "c_float": .float,
            "c_double": .double, "c_num": .numeric(precision: 10, scale: 2), "c_date": .date, "c_time": .time,
            "c_dt": .dateTime(timezone: false), "c_dttz": .dateTime(timezone: false),
            "c_interval": .dateTime(timezone: false), "c_bin": .largeBinary, "c_json": .json, "c_uuid": .uuid,
            "c_enum": .enumeration(values: ["a", "b"], name: nil), "c_guid": .guid(binary: nil),
            "c_guid_bin": .guid(binary: nil), "c_guid_char": .uuid, "c_dtutc": .dateTime(timezone: false),
            "c_jsonb": .json, "c_enc": .text, "c_enc100": .text, "c_enctext": .text, "c_file": .json,
            "c_files": .json, "c_srv": .integer,
        ],
    ]

    @Test("Every table but the version table and the excluded ones, ordered by name", arguments: TestDatabases.dialects)
    func tables(dialect: DialectName) throws {
        let (schema, _) = try Self.introspected(dialect)
        #expect(schema.tables.map(\.name) == Tables.all.map(\.name).sorted())
        #expect(schema.tables.allSatisfy { $0.schema == nil })
        #expect(schema.table(TableReference(name: "alembic_versions")) == nil)
        #expect(schema.table(TableReference(name: "tmp_scratch")) == nil)
    }

    @Test("Columns: names in order, nullability, native and portable types, defaults", arguments: TestDatabases.dialects)
    func columns(dialect: DialectName) throws {
        let (schema, _) = try Self.introspected(dialect)
        for declared in Tables.all {
            let live = try schema.require(declared.name)
            #expect(live.columns.map(\.name) == declared.columns.map(\.name), "\(declared.name)")
            #expect(live.columns.map(\.nullable) == declared.columns.map(\.nullable), "\(declared.name)")
            #expect(live.columns.allSatisfy { $0.comment == nil })
        }
        let types = try schema.require("types")
        let key = dialect == .mysql ? .mariadb : dialect
        #expect(types.nativeTypes == Self.nativeTypes[key])
        #expect(types.portableTypes == Self.portableTypes[key])
        let defaults = types.columns.filter { $0.serverDefault != nil }
        #expect(defaults.map(\.name) == ["c_srv"])
        // In the portable form: SQLite keeps the quotes it was given, the servers report a number.
        let zero: ServerDefault = dialect == .sqlite ? .literal("0") : .expression("0")
        #expect(try types.require("c_srv").serverDefault == zero)
    }

    @Test("Generated keys: serial / AUTO_INCREMENT / rowid, and identity", arguments: TestDatabases.dialects)
    func generatedKeys(dialect: DialectName) throws {
        let (schema, _) = try Self.introspected(dialect)
        for name in ["post", "slugged", "types"] {
            let id = try schema.require(name).require("id")
            #expect(id.autoincrement, "\(name).id")
            #expect(id.serverDefault == nil, "\(name).id: \(String(describing: id.serverDefault))")
            #expect(id.identity == nil)
            #expect(!id.nullable)
        }
        let ident = try schema.require("ident").require("id")
        switch dialect {
        case .postgresql:
            #expect(ident.identity == Identity(always: false, start: 1, increment: 1))
            #expect(!ident.autoincrement)
            #expect(ident.type == .bigIntIdentity)
        case .sqlite, .mariadb, .mysql:
            // No identity columns: the rowid alias / AUTO_INCREMENT.
            #expect(ident.identity == nil)
            #expect(ident.autoincrement)
        }
        #expect(ident.serverDefault == nil)
        // Non-generated keys.
        for name in ["nano", "u4", "u6", "u7", "child"] {
            let id = try schema.require(name).require("id")
            #expect(!id.autoincrement && id.identity == nil, "\(name).id")
        }
        let postID = try schema.require("child").require("post_id")
        #expect(!postID.autoincrement, "a BigIntIdentity foreign-key column is not generated")
    }

    @Test("Primary keys, foreign keys with ON DELETE, unique constraints, indexes", arguments: TestDatabases.dialects)
    func constraints(dialect: DialectName) throws {
        let (schema, _) = try Self.introspected(dialect)
        for declared in Tables.all {
            let live = try schema.require(declared.name)
            // MySQL/MariaDB name every primary key PRIMARY: reported without a name.
            let expectedName = dialect == .mariadb || dialect == .mysql ? nil : declared.primaryKey?.name
            #expect(live.primaryKey == PrimaryKey(name: expectedName, columns: ["id"]), "\(declared.name)")
            #expect(live.checkConstraints.isEmpty, "\(declared.name): \(live.checkConstraints)")
        }
        let child = try schema.require("child")
        #expect(child.foreignKeys == [
            ForeignKey(name: "fk_child_post_id_post", columns: ["post_id"], referredTable: "post",
                       referredColumns: ["id"], onDelete: .cascade),
            ForeignKey(name: "fk_child_u4_id_u4", columns: ["u4_id"], referredTable: "u4", referredColumns: ["id"]),
        ])
        // The indexes MariaDB makes for foreign keys are not reported.
        #expect(child.indexes.isEmpty, "\(child.indexes)")
        #expect(try schema.require("slugged").uniqueConstraints
            == [UniqueConstraint(name: "uq_slugged_slug", columns: ["slug"])])
        #expect(try schema.require("slugged").indexes.isEmpty)
        #expect(try schema.require("post").indexes == [Index(name: "ix_post_title", columns: ["title"])])
        #expect(try schema.require("post").uniqueConstraints.isEmpty)
        #expect(schema.tables.allSatisfy { $0.comment == nil })
    }

    @Test("A fixed number of queries", arguments: TestDatabases.dialects)
    func queryCount(dialect: DialectName) throws {
        let (_, count) = try Self.introspected(dialect)
        let expected: [DialectName: Int] = [.sqlite: 4, .postgresql: 5, .mariadb: 5, .mysql: 5]
        #expect(count == expected[dialect])
    }
}
