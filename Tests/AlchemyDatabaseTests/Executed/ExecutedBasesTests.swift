import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing

/// One table per base class and mixin of DESIGN §3, loaded from a model file by
/// `ModelLoader`, created through the dialect on each database and compared with
/// the reference: column order, reported types, NOT NULL, key names, ON DELETE
/// CASCADE, and database-generated keys.
@Suite("Executed: every base and mixin")
struct ExecutedBasesTests {
    static let model = """
        tables:
          t_default:
            base: DefaultBase
            columns:
              id: {type: Integer, primary_key: true}
              label: String(50)?
          t_bigint: {base: BigIntBase}
          t_bigint_audit:
            base: BigIntAuditBase
            columns:
              title: {type: String(255), index: true}
          t_identity: {base: IdentityBase}
          t_identity_audit: {base: IdentityAuditBase}
          t_uuid: {base: UUIDBase}
          t_uuid_audit: {base: UUIDAuditBase}
          t_uuid6: {base: UUIDv6Base}
          t_uuid6_audit: {base: UUIDv6AuditBase}
          t_uuid7: {base: UUIDv7Base}
          t_uuid7_audit: {base: UUIDv7AuditBase}
          t_nano: {base: NanoIDBase}
          t_nano_audit: {base: NanoIDAuditBase}
          m_audit: {mixins: [BigIntPrimaryKey, AuditColumns]}
          m_slug: {base: BigIntBase, mixins: [SlugKey]}
          m_sentinel: {mixins: [IdentityPrimaryKey, SentinelMixin]}
          m_bigint_pk: {mixins: [BigIntPrimaryKey]}
          m_identity_pk: {mixins: [IdentityPrimaryKey]}
          m_uuid_pk: {mixins: [UUIDPrimaryKey]}
          m_uuid6_pk: {mixins: [UUIDv6PrimaryKey]}
          m_uuid7_pk: {mixins: [UUIDv7PrimaryKey]}
          m_nano_pk: {mixins: [NanoIDPrimaryKey]}
          child:
            base: UUIDAuditBase
            columns:
              post_id: {foreign_key: t_bigint_audit.id, ondelete: CASCADE, index: true}
              uuid_id: {foreign_key: t_uuid.id, ondelete: CASCADE, nullable: true}
              nano_id: {foreign_key: t_nano.id, nullable: true}
              note: String(20)?
            indexes:
              - {columns: [created_at]}
        """

    /// Column kinds, spelled per dialect as the catalog reports them.
    enum Kind {
        case bigID, int, guid, dtutc, nano, varchar(Int)

        func type(_ dialect: DialectName) -> String {
            switch (self, dialect) {
            case (.bigID, .sqlite): "INTEGER"
            case (.bigID, .postgresql): "bigint"
            case (.bigID, _): "bigint(20)"
            case (.int, .sqlite): "INTEGER"
            case (.int, .postgresql): "integer"
            case (.int, _): "int(11)"
            case (.guid, .sqlite): "BINARY(16)"
            case (.guid, .postgresql): "uuid"
            case (.guid, _): "binary(16)"
            case (.dtutc, .sqlite): "DATETIME"
            case (.dtutc, .postgresql): "timestamp with time zone"
            case (.dtutc, _): "datetime"
            // Advanced Alchemy's bare VARCHAR; MySQL/MariaDB need a length.
            case (.nano, .sqlite): "VARCHAR"
            case (.nano, .postgresql): "character varying"
            case (.nano, _): Kind.varchar(21).type(dialect)
            case (.varchar(let n), .sqlite): "VARCHAR(\(n))"
            case (.varchar(let n), .postgresql): "character varying(\(n))"
            case (.varchar(let n), _): "varchar(\(n))"
            }
        }
    }

    /// How the key is generated: by the database (and how), or given by the client.
    enum Key { case serial, identity, client }

    struct Expected {
        var table: String
        var columns: [(name: String, kind: Kind, nullable: Bool)]
        var key: Key
    }

    static let audit: [(name: String, kind: Kind, nullable: Bool)] = [
        ("created_at", .dtutc, false), ("updated_at", .dtutc, false),
    ]
    static let sentinel: (name: String, kind: Kind, nullable: Bool) = ("sa_orm_sentinel", .int, true)

    /// The reference's column layouts (u4/u6/u7/nano/ident/post/slugged of
    /// advanced-alchemy-ddl.md), one per base and mixin.
    static let expected: [Expected] = [
        Expected(table: "t_default", columns: [("id", .int, false), ("label", .varchar(50), true)], key: .serial),
        Expected(table: "t_bigint", columns: [("id", .bigID, false)], key: .serial),
        Expected(table: "t_bigint_audit", columns: [("id", .bigID, false), ("title", .varchar(255), false)] + audit, key: .serial),
        Expected(table: "t_identity", columns: [("id", .bigID, false)], key: .identity),
        Expected(table: "t_identity_audit", columns: [("id", .bigID, false)] + audit, key: .identity),
        Expected(table: "t_uuid", columns: [("id", .guid, false), sentinel], key: .client),
        Expected(table: "t_uuid_audit", columns: [("id", .guid, false), sentinel] + audit, key: .client),
        Expected(table: "t_uuid6", columns: [("id", .guid, false), sentinel], key: .client),
        Expected(table: "t_uuid6_audit", columns: [("id", .guid, false), sentinel] + audit, key: .client),
        Expected(table: "t_uuid7", columns: [("id", .guid, false), sentinel], key: .client),
        Expected(table: "t_uuid7_audit", columns: [("id", .guid, false), sentinel] + audit, key: .client),
        Expected(table: "t_nano", columns: [("id", .nano, false), sentinel], key: .client),
        Expected(table: "t_nano_audit", columns: [("id", .nano, false), sentinel] + audit, key: .client),
        Expected(table: "m_audit", columns: [("id", .bigID, false)] + audit, key: .serial),
        Expected(table: "m_slug", columns: [("id", .bigID, false), ("slug", .varchar(100), false)], key: .serial),
        Expected(table: "m_sentinel", columns: [("id", .bigID, false), sentinel], key: .identity),
        Expected(table: "m_bigint_pk", columns: [("id", .bigID, false)], key: .serial),
        Expected(table: "m_identity_pk", columns: [("id", .bigID, false)], key: .identity),
        Expected(table: "m_uuid_pk", columns: [("id", .guid, false), sentinel], key: .client),
        Expected(table: "m_uuid6_pk", columns: [("id", .guid, false), sentinel], key: .client),
        Expected(table: "m_uuid7_pk", columns: [("id", .guid, false), sentinel], key: .client),
        Expected(table: "m_nano_pk", columns: [("id", .nano, false), sentinel], key: .client),
        Expected(table: "child", columns: [
            ("id", .guid, false), ("post_id", .bigID, false), ("uuid_id", .guid, true), ("nano_id", .nano, true),
            ("note", .varchar(20), true), sentinel,
        ] + audit, key: .client),
    ]

    @Test("bases and mixins: tables, columns, types, keys and names as the reference", arguments: TestDatabases.dialects)
    func basesAndMixins(dialect: DialectName) throws {
        let schema = try ModelLoader().load(path: "models/executed.yaml", contents: Self.model)
        #expect(schema.tables.map(\.name) == Self.expected.map(\.table))
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let session = ExecutedSession(connection)
            for table in schema.tables { try session.apply(.createTable(table)) }
            #expect(try Catalog.tableNames(connection) == schema.tables.map(\.name).sorted())

            for expected in Self.expected {
                let table = try session.catalog(expected.table)
                let what = "\(dialect) \(expected.table)"
                #expect(table.columnNames == expected.columns.map(\.name), "\(what)")
                for column in expected.columns {
                    let found = try #require(table.column(column.name), "\(what).\(column.name)")
                    #expect(found.type == column.kind.type(dialect), "\(what).\(column.name)")
                    #expect(found.nullable == column.nullable, "\(what).\(column.name) nullability")
                }
                // pk_<table>; MariaDB names every primary key PRIMARY.
                let pkName = dialect == .sqlite || dialect == .postgresql ? "pk_\(expected.table)" : "PRIMARY"
                #expect(table.primaryKey == CatalogKey(name: pkName, columns: ["id"]), "\(what)")

                let id = try #require(table.column("id"))
                switch (expected.key, dialect) {
                case (.client, _):
                    #expect(id.generated == nil, "\(what): the client supplies the key")
                case (_, .sqlite):
                    #expect(id.generated == "rowid", "\(what)")
                case (.serial, .postgresql):
                    #expect(id.generated == "serial", "\(what)")
                    #expect(id.defaultSQL == "nextval('\(expected.table)_id_seq'::regclass)", "\(what)")
                case (.identity, .postgresql):
                    #expect(id.generated == "identity", "\(what)")
                    #expect(id.defaultSQL == nil, "\(what)")
                case (_, _):
                    #expect(id.generated == "auto_increment", "\(what)")
                }
                // No stray keys, checks or indexes beyond the ones named below.
                if !["m_slug", "child", "t_bigint_audit"].contains(expected.table) {
                    #expect(table.uniques.isEmpty && table.foreignKeys.isEmpty && table.checks.isEmpty
                        && table.indexes.isEmpty, "\(what)")
                }
            }

            // SlugKey: only the uq_<t>_slug constraint, no redundant slug index.
            let slug = try session.catalog("m_slug")
            #expect(slug.uniques == [CatalogKey(name: "uq_m_slug_slug", columns: ["slug"])])
            let slugIndexes = dialect == .mariadb ? slug.indexes.filter { $0.name != "uq_m_slug_slug" } : slug.indexes
            #expect(slugIndexes.isEmpty)

            // index: true on a column: ix_<table>_<column>.
            let post = try session.catalog("t_bigint_audit")
            #expect(post.indexes == [CatalogIndex(name: "ix_t_bigint_audit_title", columns: ["title"], unique: false)])

            // Foreign keys: fk_<table>_<column>_<referred table>, ON DELETE as declared.
            let child = try session.catalog("child")
            let keys = child.foreignKeys.sorted { ($0.name ?? "") < ($1.name ?? "") }
            #expect(keys.map(\.name) == ["fk_child_nano_id_t_nano", "fk_child_post_id_t_bigint_audit", "fk_child_uuid_id_t_uuid"])
            #expect(keys.map(\.columns) == [["nano_id"], ["post_id"], ["uuid_id"]])
            #expect(keys.map(\.referredTable) == ["t_nano", "t_bigint_audit", "t_uuid"])
            #expect(keys.allSatisfy { $0.referredColumns == ["id"] })
            #expect(keys[0].hasDefaultOnDelete)
            #expect(keys[1].onDelete == "CASCADE" && keys[2].onDelete == "CASCADE")
            #expect(child.indexes.map(\.name) == ["ix_child_created_at", "ix_child_post_id"])
            #expect(child.indexes.map(\.columns) == [["created_at"], ["post_id"]])

            try checkGeneratedKeys(session, schema: schema)
            try checkCascade(session)
        }
    }

    /// Inserting rows without a key: the database generates 1, 2 (BIGSERIAL/SERIAL
    /// or IDENTITY on PostgreSQL, AUTO_INCREMENT on MariaDB, the rowid on SQLite).
    func checkGeneratedKeys(_ session: ExecutedSession, schema: Schema) throws {
        for expected in Self.expected where expected.key != .client {
            let table = try #require(schema.table(TableReference(name: expected.table)))
            for row in 1...2 {
                try insert(session, into: table, values: [:], row: row)
            }
            let ids = try session.values(expected.table, ["id"], orderBy: "id").map { $0[0].int64Value }
            #expect(ids == [1, 2], "\(session.dialect) \(expected.table): generated keys")
        }
    }

    /// ON DELETE CASCADE in effect: deleting a parent deletes its children.
    func checkCascade(_ session: ExecutedSession) throws {
        let schema = session.schema
        let child = try #require(schema.table(TableReference(name: "child")))
        let uuid = try #require(schema.table(TableReference(name: "t_uuid")))
        let nano = try #require(schema.table(TableReference(name: "t_nano")))
        try insert(session, into: uuid, values: ["id": guidLiteral(1, session.dialect)], row: 1)
        try insert(session, into: nano, values: ["id": "'nano-1'"], row: 1)
        for row in 1...3 {
            try insert(session, into: child, values: [
                "id": guidLiteral(row, session.dialect),
                "post_id": row == 3 ? "2" : "1",
                "uuid_id": row == 2 ? guidLiteral(1, session.dialect) : "NULL",
                "nano_id": "'nano-1'",
            ], row: row)
        }
        #expect(try session.count("child") == 3)
        // A child row referring to no parent is refused.
        #expect(throws: DatabaseError.self) {
            try insert(session, into: child, values: ["id": guidLiteral(9, session.dialect), "post_id": "99"], row: 9)
        }
        try session.connection.execute("DELETE FROM \(session.quote("t_bigint_audit")) WHERE \(session.quote("id")) = 1")
        #expect(try session.count("child") == 1, "\(session.dialect): deleting post 1 cascades to its two children")
        try session.connection.execute("DELETE FROM \(session.quote("t_uuid"))")
        #expect(try session.count("child") == 1, "the remaining child did not refer to t_uuid")
        // NO ACTION: a referenced nano row cannot be deleted.
        #expect(throws: DatabaseError.self) {
            try session.connection.execute("DELETE FROM \(session.quote("t_nano"))")
        }
    }

    /// Inserts one row: the given SQL values, and a made-up value for every other
    /// NOT NULL column without a default, except a database-generated key.
    func insert(_ session: ExecutedSession, into table: Table, values: [String: String], row: Int) throws {
        var names: [String] = []
        var sql: [String] = []
        for column in table.columns {
            if let value = values[column.name] {
                names.append(column.name); sql.append(value)
                continue
            }
            guard !column.nullable, column.serverDefault == nil, !column.autoincrement, column.identity == nil else { continue }
            names.append(column.name)
            switch column.type {
            case .dateTimeUTC: sql.append("'2026-01-0\(row) 10:00:00'")
            case .string: sql.append("'\(column.name)-\(row)'")
            default: sql.append(String(row))
            }
        }
        guard !names.isEmpty else {
            return try session.connection.execute(session.sqlDialect.insertDefaultRow(into: table.reference))
        }
        let list = names.map(session.quote).joined(separator: ", ")
        try session.connection.execute("INSERT INTO \(session.quote(table.name)) (\(list)) VALUES (\(sql.joined(separator: ", ")))")
    }
}

/// A GUID as a SQL literal for its column: UUID text on PostgreSQL, 16 bytes elsewhere.
func guidLiteral(_ n: Int, _ dialect: DialectName) -> String {
    let hex = "0000000000000000000000000000" + String(String(n, radix: 16).suffix(4)).leftPadded(to: 4)
    if dialect == .postgresql {
        let h = Array(hex)
        return "'\(String(h[0..<8]))-\(String(h[8..<12]))-\(String(h[12..<16]))-\(String(h[16..<20]))-\(String(h[20..<32]))'"
    }
    return "X'\(hex)'"
}

/// The 16 bytes of `guidLiteral(n, _)` on SQLite and MariaDB.
func guidBytes(_ n: Int) -> [UInt8] {
    Array(repeating: 0, count: 14) + [UInt8((n >> 8) & 0xff), UInt8(n & 0xff)]
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
