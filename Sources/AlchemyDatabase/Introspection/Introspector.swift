import AlchemySQL
import AlchemySchema

/// Reads a live database into the same `Schema` that the model files produce
/// (DESIGN.md §1: the "live" side of the comparison).
///
/// Every implementation sends a fixed number of catalog queries per call,
/// whatever the number of tables: one query per kind of object (tables, columns,
/// constraints, indexes, ...) for the whole schema, never one per table.
/// ``lastQueryCount`` says how many the last call sent.
///
/// Each column carries two types: `type`, the best portable guess, and
/// `nativeType`, the type exactly as the database reports it (PostgreSQL's
/// `format_type`, MySQL/MariaDB's `COLUMN_TYPE`, SQLite's declared type text).
/// Comparison should rely on `nativeType`, since several portable types share
/// one database type. Server defaults are `.expression` with the text the
/// database reports (`0`, `'active'::user_status`, `current_timestamp()`).
///
/// ```swift
/// let live = try makeIntrospector(connection).schema(
///     IntrospectionOptions(versionTable: "alembic_versions", excludeTables: ["tmp_*"]))
/// ```
public protocol Introspector: AnyObject {
    var connection: any Connection { get }
    /// The number of catalog queries the last ``schema(_:)`` call sent.
    var lastQueryCount: Int { get }
    /// Every table of the target schema(s), ordered by name, without the version
    /// table and the excluded tables.
    func schema(_ options: IntrospectionOptions) throws -> Schema
    /// Each condition as the server would report it back had it been created as a
    /// CHECK on its table (what ``schema(_:)`` would then read), asked without
    /// changing anything: the conditions autogenerate must compare with live checks
    /// whose text differs. Conditions the server refused are missing from the
    /// result; a failure of the whole round trip (no privilege) throws.
    func reportedCheckConditions(_ conditions: [CheckCondition]) throws -> [CheckCondition: String]
}

extension Introspector {
    /// The connection's default schema, without the `alembic_versions` table.
    public func schema() throws -> Schema {
        try schema(IntrospectionOptions())
    }
}

/// What to read.
public struct IntrospectionOptions: Hashable, Sendable {
    /// The schemas to read; empty reads the connection's default schema
    /// (`current_schema()` on PostgreSQL, `DATABASE()` on MySQL/MariaDB, `main` on
    /// SQLite). Tables of the default schema have `schema == nil` in the result,
    /// as the models declare them; tables of any other schema carry its name.
    public var schemas: [String]
    /// The version table, never part of the result (`nil`: leave nothing out).
    public var versionTable: String?
    /// The version table's schema; `nil` is the default schema.
    public var versionTableSchema: String?
    /// Glob patterns (`*`, `?`, `[abc]`) of table names to leave out, such as `tmp_*`.
    public var excludeTables: [String]

    public init(
        schemas: [String] = [],
        versionTable: String? = "alembic_versions",
        versionTableSchema: String? = nil,
        excludeTables: [String] = []
    ) {
        self.schemas = schemas
        self.versionTable = versionTable
        self.versionTableSchema = versionTableSchema
        self.excludeTables = excludeTables
    }
}

/// The introspector for a connection's database.
public func makeIntrospector(_ connection: any Connection) -> any Introspector {
    connection.makeIntrospector(for: connection)
}

extension Connection {
    /// The live schema, read by the dialect's ``Introspector``.
    public func introspect(_ options: IntrospectionOptions = IntrospectionOptions()) throws -> Schema {
        try makeIntrospector(for: self).schema(options)
    }
}

/// Sends catalog queries and counts them.
struct CatalogQueries {
    let connection: any Connection
    private(set) var count = 0

    init(_ connection: any Connection) {
        self.connection = connection
    }

    mutating func run(_ sql: String, _ parameters: [DatabaseValue] = []) throws(DatabaseError) -> [Row] {
        count += 1
        return try connection.query(sql, parameters)
    }
}

/// Tables being assembled from several catalog queries, by schema and name.
struct TableAssembly {
    private(set) var tables: [TableKey: Table] = [:]

    struct TableKey: Hashable {
        var schema: String?
        var name: String
    }

    init(_ tables: [Table]) {
        for table in tables { self.tables[TableKey(schema: table.schema, name: table.name)] = table }
    }

    subscript(key: TableKey) -> Table? { tables[key] }

    /// Changes a table that was added; rows of tables that were not (excluded ones) are ignored.
    mutating func update(_ key: TableKey, _ body: (inout Table) -> Void) {
        // In place: a copy of the table would copy its column list at every append.
        guard tables[key] != nil else { return }
        body(&tables[key]!)
    }

    /// The tables ordered by name (then schema, the default schema first), their
    /// constraints and indexes ordered by name.
    func schema() -> Schema {
        let ordered = tables.values.sorted { a, b in
            if a.name != b.name { return a.name < b.name }
            return (a.schema ?? "") < (b.schema ?? "")
        }
        return Schema(tables: ordered.map { table in
            var table = table
            table.foreignKeys.sort { precedes(($0.name, $0.columns), ($1.name, $1.columns)) }
            table.uniqueConstraints.sort { precedes(($0.name, $0.columns), ($1.name, $1.columns)) }
            table.checkConstraints.sort { precedes(($0.name, [$0.sqltext]), ($1.name, [$1.sqltext])) }
            table.indexes.sort { $0.name < $1.name }
            return table
        })
    }
}

/// Parts of rows that span several result rows (one row per key column).
struct KeyParts {
    var name: String?
    var columns: [(position: Int, name: String)] = []
    var referredColumns: [(position: Int, name: String)] = []

    var orderedColumns: [String] { columns.sorted { $0.position < $1.position }.map(\.name) }
    var orderedReferredColumns: [String] { referredColumns.sorted { $0.position < $1.position }.map(\.name) }
}

/// Named constraints by name, unnamed ones after them by their columns.
private func precedes(_ a: (name: String?, columns: [String]), _ b: (name: String?, columns: [String])) -> Bool {
    switch (a.name, b.name) {
    case let (x?, y?) where x != y: return x < y
    case (nil, _?): return false
    case (_?, nil): return true
    default: return a.columns.lexicographicallyPrecedes(b.columns)
    }
}

extension ReferentialAction {
    /// An action as the catalogs spell it (`CASCADE`, `SET NULL`, ...), with the
    /// default (`NO ACTION`) as `nil`, as models leave it unset.
    init?(catalogRule: String?) {
        guard let rule = catalogRule?.uppercased().trimmingWhitespace(), !rule.isEmpty, rule != "NO ACTION" else { return nil }
        self.init(rawValue: rule)
    }
}

/// Reading catalog rows by column name: text (`nil` for NULL), text with NULL as
/// empty, integers, and booleans (`t`/`1`).
extension Row {
    func catalogText(_ name: String) -> String? { self[name].stringValue }
    func catalogString(_ name: String) -> String { self[name].stringValue ?? "" }
    /// Text with NULL and empty alike as `nil` (MariaDB's comments are empty, never NULL).
    func catalogNonEmpty(_ name: String) -> String? { catalogText(name).flatMap { $0.isEmpty ? nil : $0 } }
    func catalogInt(_ name: String) -> Int? { self[name].int64Value.map { Int($0) } }
    func catalogFlag(_ name: String) -> Bool { self[name].boolValue ?? false }
}
