import AlchemyDatabase
import AlchemySQL
import AlchemySchema

/// Alembic's version table: one row per applied head.
///
/// The layout is Alembic's exactly (`version_num VARCHAR(32) NOT NULL` with the
/// primary key `<table>_pkc`), and so is the CREATE statement's text, which SQLite
/// keeps in `sqlite_master`: a project can move between Alembic and alchemy in
/// either direction without touching the table.
public struct VersionTable: Sendable {
    public var name: String
    public var schema: String?

    public init(name: String = "alembic_versions", schema: String? = nil) {
        self.name = name
        self.schema = schema
    }

    /// SQLAlchemy quotes a name only when it must; doing the same keeps the stored
    /// DDL byte-identical to Alembic's for the usual lower-case names.
    static func identifier(_ name: String, _ dialect: DialectName) -> String {
        let plain = name.utf8.first.map { $0 == UInt8(ascii: "_") || ASCIIByte.isLowercase($0) } == true
            && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ASCIIByte.isLowercase($0) || ASCIIByte.isDigit($0) }
        return plain ? name : dialect.dialect.quote(name)
    }

    func qualifiedName(_ dialect: DialectName) -> String {
        let table = Self.identifier(name, dialect)
        guard let schema, dialect.dialect.versionTableTakesSchema else { return table }
        return Self.identifier(schema, dialect) + "." + table
    }

    public func createStatement(_ dialect: DialectName) -> String {
        "CREATE TABLE \(qualifiedName(dialect)) (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT \(Self.identifier(name + "_pkc", dialect)) PRIMARY KEY (version_num)\n)"
    }

    public func selectStatement(_ dialect: DialectName) -> String {
        "SELECT version_num FROM \(qualifiedName(dialect))"
    }

    /// The version changes, with the ids bound (escaped literals in a script):
    /// ids come from files anyone can write.
    public func insertStatement(_ dialect: DialectName, revision: String) throws(RenderError) -> Statement {
        try bound("INSERT INTO \(sql: qualifiedName(dialect)) (version_num) VALUES (\(revision))", dialect)
    }

    public func updateStatement(_ dialect: DialectName, from old: String, to new: String) throws(RenderError) -> Statement {
        let table = qualifiedName(dialect)
        return try bound("UPDATE \(sql: table) SET version_num=\(new) WHERE \(sql: table).version_num = \(old)", dialect)
    }

    public func deleteStatement(_ dialect: DialectName, revision: String) throws(RenderError) -> Statement {
        let table = qualifiedName(dialect)
        return try bound("DELETE FROM \(sql: table) WHERE \(sql: table).version_num = \(revision)", dialect)
    }

    private func bound(_ text: BoundSQL, _ dialect: DialectName) throws(RenderError) -> Statement {
        try Statement(text, in: dialect.dialect)
    }

    /// Whether the table exists, asked of the catalog (not by trying a SELECT, which
    /// would abort a PostgreSQL transaction).
    public func exists(on connection: any Connection) throws(DatabaseError) -> Bool {
        let query = connection.sqlDialect.tableExistsQuery(name: name, schema: schema)
        return try !connection.query(query.sql, query.parameters.map(DatabaseValue.init)).isEmpty
    }

    /// Creates the table if it is missing. Returns whether it created it.
    @discardableResult
    public func ensure(on connection: any Connection) throws(DatabaseError) -> Bool {
        guard try !exists(on: connection) else { return false }
        try connection.execute(createStatement(connection.dialect))
        return true
    }

    /// The revisions recorded as applied, sorted; empty when the table is missing.
    public func currentHeads(on connection: any Connection) throws(DatabaseError) -> [String] {
        guard try exists(on: connection) else { return [] }
        return try rows(on: connection)
    }

    /// The rows of a table known to exist, sorted.
    public func rows(on connection: any Connection) throws(DatabaseError) -> [String] {
        try connection.query(selectStatement(connection.dialect)).compactMap { $0[0].stringValue }.sorted()
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
