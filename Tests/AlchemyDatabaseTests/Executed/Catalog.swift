import AlchemyDatabase
import AlchemySQL

/// A table as the database's own catalog describes it, read with plain SQL per
/// dialect (independent of alchemy's introspection, which these tests must not trust).
struct CatalogTable: Hashable, Sendable {
    var name: String
    var columns: [CatalogColumn]
    var primaryKey: CatalogKey?
    /// UNIQUE constraints. On MariaDB a unique index is a unique constraint too.
    var uniques: [CatalogKey]
    var foreignKeys: [CatalogForeignKey]
    /// Table-level CHECK constraints.
    var checks: [CatalogCheck]
    /// Column-level CHECK constraints by column (MariaDB's `json_valid` on JSON columns).
    var columnChecks: [String: String] = [:]
    /// Indexes that do not back the primary key, a unique constraint or (on MariaDB)
    /// a foreign key of the same name.
    var indexes: [CatalogIndex]
    var comment: String?

    var columnNames: [String] { columns.map(\.name) }

    func column(_ name: String) -> CatalogColumn? { columns.first { $0.name == name } }
    func index(_ name: String) -> CatalogIndex? { indexes.first { $0.name == name } }
    func unique(_ name: String) -> CatalogKey? { uniques.first { $0.name == name } }
    func foreignKey(_ name: String) -> CatalogForeignKey? { foreignKeys.first { $0.name == name } }
    func check(_ name: String) -> CatalogCheck? { checks.first { $0.name == name } }
}

struct CatalogColumn: Hashable, Sendable {
    var name: String
    /// The type as the database reports it: SQLite's declared type, PostgreSQL's
    /// `format_type`, MariaDB's `COLUMN_TYPE`.
    var type: String
    var nullable: Bool
    /// The default's SQL as the database reports it, `nil` for none.
    var defaultSQL: String?
    /// How the database generates the value: `identity` (PostgreSQL), `serial`
    /// (a `nextval` default), `auto_increment` (MariaDB), `rowid` (SQLite INTEGER
    /// PRIMARY KEY), or `nil`.
    var generated: String?
    var comment: String?
}

struct CatalogKey: Hashable, Sendable {
    var name: String?
    var columns: [String]
}

struct CatalogForeignKey: Hashable, Sendable {
    var name: String?
    var columns: [String]
    var referredTable: String
    var referredColumns: [String]
    /// `CASCADE`, `SET NULL`, `SET DEFAULT`, `RESTRICT` or `NO ACTION`.
    var onDelete: String

    /// No action was declared: NO ACTION, which MariaDB reports as RESTRICT.
    var hasDefaultOnDelete: Bool { onDelete == "NO ACTION" || onDelete == "RESTRICT" }
}

struct CatalogCheck: Hashable, Sendable {
    var name: String?
    var sqltext: String

    /// The condition without quotes, parentheses, casts and spacing, for comparing
    /// what each database echoes back (`(qty >= 0)`, `` `qty` >= 0 ``).
    var normalized: String { Catalog.normalizedSQL(sqltext) }
}

struct CatalogIndex: Hashable, Sendable {
    var name: String
    var columns: [String]
    var unique: Bool
}

enum Catalog {
    static func table(_ name: String, _ connection: any Connection) throws -> CatalogTable? {
        switch connection.dialect {
        case .sqlite: try SQLiteCatalog(connection).table(name)
        case .postgresql: try PostgreSQLCatalog(connection).table(name)
        case .mysql, .mariadb: try MariaDBCatalog(connection).table(name)
        }
    }

    /// The names of the database's tables, sorted.
    static func tableNames(_ connection: any Connection) throws -> [String] {
        let sql = switch connection.dialect {
        case .sqlite: "SELECT name AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        case .postgresql: "SELECT tablename AS n FROM pg_tables WHERE schemaname = current_schema()"
        case .mysql, .mariadb:
            "SELECT TABLE_NAME AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'"
        }
        return try connection.query(sql).compactMap { $0["n"].stringValue }.sorted()
    }

    /// SQL text reduced to what matters for comparison.
    static func normalizedSQL(_ sql: String) -> String {
        var text = sql.lowercased()
        for cast in ["::text", "::character varying", "::integer", "::bigint"] {
            text = text.replacing(cast, with: "")
        }
        return String(text.filter { !"\"`() \n\t".contains($0) })
    }

    /// A default's constant without quotes, casts and parentheses: `'5'`, `5`,
    /// `'5'::bigint` and `(5)` are all `5`.
    static func literalValue(_ sql: String) -> String {
        var text = Substring(sql)
        if let cast = sql.firstRange(of: "::") { text = text[..<cast.lowerBound] }
        return String(text.filter { !"'() ".contains($0) })
    }

    static func split(_ list: String?) -> [String] {
        guard let list, !list.isEmpty else { return [] }
        return list.split(separator: ",").map(String.init)
    }
}
