import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// Creating tables through alchemy's own dialect, and reading them back.
enum IntrospectionSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The example project's models (models/blog.yaml).
    static func blogModels() throws -> Schema {
        let path = repositoryRoot.appendingPathComponent("models/blog.yaml").path
        return try ModelLoader().load(path: "models/blog.yaml", contents: String(contentsOfFile: path, encoding: .utf8))
    }

    /// Renders `create_table` for each table in order, as a migration would, and runs it.
    static func create(_ tables: [Table], on connection: any Connection) throws {
        let dialect = connection.dialect.dialect
        var context = Schema()
        for table in tables {
            for statement in try dialect.render(.createTable(table), in: context) {
                if case .foreignKeyEnforcement = statement.kind { continue }
                try connection.execute(statement)
            }
            context = try context.applying(.createTable(table))
        }
    }

    /// Alembic's version table, which introspection must never report.
    static func createVersionTable(on connection: any Connection) throws {
        let q = connection.dialect.dialect.quote
        try connection.execute("CREATE TABLE \(q("alembic_versions")) (\(q("version_num")) VARCHAR(32) NOT NULL, "
            + "CONSTRAINT \(q("alembic_versions_pkc")) PRIMARY KEY (\(q("version_num"))))")
    }

    /// Runs `body` with a connection to a fresh database of `dialect`.
    static func withDatabase<T>(_ dialect: DialectName, _ body: (any Connection) throws -> T) throws -> T {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            return try body(connection)
        }
    }
}

extension Schema {
    func require(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Table {
        try #require(table(TableReference(name: name)), "no table \(name) in \(tables.map(\.name))",
                     sourceLocation: sourceLocation)
    }
}

extension Table {
    func require(_ column: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Column {
        try #require(self.column(named: column), "no column \(column) in \(name)", sourceLocation: sourceLocation)
    }

    var nativeTypes: [String: String] {
        Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.nativeType ?? "<nil>") })
    }

    var portableTypes: [String: ColumnType] {
        Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.type) })
    }
}
