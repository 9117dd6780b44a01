import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing

/// The example project's models (models/blog.yaml), created through alchemy's
/// dialect, read back: what introspection reports is what the models declare.
@Suite("Introspection of the example models")
struct IntrospectionModelTests {
    static func introspected(_ dialect: DialectName) throws -> (declared: Schema, live: Schema) {
        let declared = try IntrospectionSupport.blogModels()
        let live = try IntrospectionSupport.withDatabase(dialect) { connection in
            try IntrospectionSupport.create(declared.tables, on: connection)
            try IntrospectionSupport.createVersionTable(on: connection)
            return try connection.introspect()
        }
        return (declared, live)
    }

    static func isMySQLFamily(_ dialect: DialectName) -> Bool { dialect == .mariadb || dialect == .mysql }

    @Test("Tables, columns, keys, constraints and indexes as declared", arguments: TestDatabases.dialects)
    func roundTrip(dialect: DialectName) throws {
        let (declared, live) = try Self.introspected(dialect)
        #expect(live.tables.map(\.name) == declared.tables.map(\.name).sorted())
        for table in declared.tables {
            let found = try live.require(table.name)
            #expect(found.columns.map(\.name) == table.columns.map(\.name), "\(table.name)")
            #expect(found.columns.map(\.nullable) == table.columns.map(\.nullable), "\(table.name)")
            #expect(found.columns.allSatisfy { $0.nativeType?.isEmpty == false }, "\(table.name)")
            let keyName = Self.isMySQLFamily(dialect) ? nil : table.primaryKey?.name
            #expect(found.primaryKey == table.primaryKey.map { PrimaryKey(name: keyName, columns: $0.columns) })
            #expect(found.foreignKeys == table.foreignKeys.sorted { ($0.name ?? "") < ($1.name ?? "") }, "\(table.name)")
            #expect(found.checkConstraints.map(\.name) == table.checkConstraints.map(\.name), "\(table.name)")

            var uniques = table.uniqueConstraints
            var indexes = table.indexes
            if Self.isMySQLFamily(dialect) {
                // One object on MySQL/MariaDB: every unique key is reported as a unique constraint.
                uniques += indexes.filter(\.unique).map { UniqueConstraint(name: $0.name, columns: $0.columns) }
                indexes.removeAll(where: \.unique)
            }
            #expect(found.uniqueConstraints == uniques.sorted { ($0.name ?? "") < ($1.name ?? "") }, "\(table.name)")
            #expect(found.indexes == indexes.sorted { $0.name < $1.name }, "\(table.name)")
        }
        #expect(live.table(TableReference(name: "alembic_versions")) == nil)
    }

    @Test("Enum type, server defaults and checks as each database reports them", arguments: TestDatabases.dialects)
    func reportedText(dialect: DialectName) throws {
        let (_, live) = try Self.introspected(dialect)
        let user = try live.require("user_account")
        let status = try user.require("status")
        let viewCount = try live.require("post").require("view_count")
        let check = try #require(user.checkConstraints.first)
        #expect(check.name == "ck_user_account_email_has_at")
        switch dialect {
        case .sqlite:
            #expect(status.nativeType == "VARCHAR(8)")
            #expect(status.serverDefault == .literal("active"))
            #expect(viewCount.serverDefault == .literal("0"))
            #expect(check.sqltext == "email LIKE '%@%'")
        case .postgresql:
            #expect(status.nativeType == "user_status")
            #expect(status.type == .enumeration(values: ["active", "disabled"], name: "user_status"))
            #expect(status.serverDefault == .literal("active"))
            #expect(viewCount.serverDefault == .expression("0"))
            #expect(check.sqltext == "email::text ~~ '%@%'::text")
            #expect(try user.require("id").nativeType == "uuid")
            #expect(try user.require("preferences").type == .jsonb)
        case .mariadb, .mysql:
            #expect(status.nativeType == "enum('active','disabled')")
            #expect(status.type == .enumeration(values: ["active", "disabled"], name: nil))
            #expect(status.serverDefault == .literal("active"))
            #expect(viewCount.serverDefault == .expression("0"))
            #expect(check.sqltext == "`email` like '%@%'")
            // JSON is longtext + json_valid(): a JSON column, and no extra check constraint.
            let preferences = try user.require("preferences")
            #expect(preferences.type == .json)
            #expect(preferences.nativeType == "longtext")
            #expect(user.checkConstraints.count == 1)
        }
        let postTag = try live.require("post_tag")
        #expect(postTag.foreignKeys.map(\.onDelete) == [.cascade, .cascade])
        #expect(postTag.columns.allSatisfy { !$0.autoincrement })
    }

    @Test("Table and column comments", arguments: TestDatabases.dialects)
    func comments(dialect: DialectName) throws {
        let table = Table(
            name: "noted",
            columns: [
                Column(name: "id", type: .integer, nullable: false, comment: "the key"),
                Column(name: "body", type: .text, comment: "it's \"quoted\""),
                Column(name: "plain", type: .text),
            ],
            primaryKey: PrimaryKey(name: "pk_noted", columns: ["id"]),
            comment: "a table's note")
        let live = try IntrospectionSupport.withDatabase(dialect) { connection in
            try IntrospectionSupport.create([table], on: connection)
            return try connection.introspect()
        }
        let noted = try live.require("noted")
        if dialect == .sqlite {
            // SQLite stores no comments.
            #expect(noted.comment == nil)
            #expect(noted.columns.allSatisfy { $0.comment == nil })
        } else {
            #expect(noted.comment == "a table's note")
            #expect(noted.columns.map(\.comment) == ["the key", "it's \"quoted\"", nil])
        }
    }
}
