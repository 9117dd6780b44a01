import AlchemyDatabase

/// MariaDB's catalog: information_schema COLUMNS (COLUMN_TYPE), TABLE_CONSTRAINTS,
/// KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS, CHECK_CONSTRAINTS, STATISTICS and
/// TABLES, restricted to the connection's database.
///
/// MariaDB names the primary key `PRIMARY` whatever the DDL said, reports JSON
/// as `longtext` with a column-level `json_valid` CHECK, reports a unique index as
/// a UNIQUE constraint, and gives each foreign key an index of the same name when
/// no other index serves it (those indexes are left out of `indexes`).
struct MariaDBCatalog {
    let connection: any Connection

    init(_ connection: any Connection) { self.connection = connection }

    func table(_ name: String) throws -> CatalogTable? {
        let parameters: [DatabaseValue] = [.text(name)]
        guard let table = try connection.query("""
            SELECT TABLE_COMMENT AS comment FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
            """, parameters).first else { return nil }

        let columns = try connection.query("""
            SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS dflt,
                   EXTRA AS extra, COLUMN_COMMENT AS comment
            FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
            ORDER BY ORDINAL_POSITION
            """, parameters).map { row in
            // MariaDB reports "no default" as the bare word NULL (a string default is quoted).
            let defaultSQL = row["dflt"].stringValue.flatMap { $0 == "NULL" ? nil : $0 }
            let extra = row["extra"].stringValue ?? ""
            let comment = row["comment"].stringValue ?? ""
            return CatalogColumn(
                name: row["name"].stringValue ?? "",
                type: row["type"].stringValue ?? "",
                nullable: row["nullable"].stringValue == "YES",
                defaultSQL: defaultSQL,
                generated: extra.lowercased().contains("auto_increment") ? "auto_increment" : nil,
                comment: comment.isEmpty ? nil : comment)
        }

        let constraints = try connection.query("""
            SELECT CONSTRAINT_NAME AS name, CONSTRAINT_TYPE AS kind FROM information_schema.TABLE_CONSTRAINTS
            WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?
            ORDER BY CONSTRAINT_NAME
            """, parameters)
        let usage = try connection.query("""
            SELECT CONSTRAINT_NAME AS name, COLUMN_NAME AS col, REFERENCED_TABLE_NAME AS reftable,
                   REFERENCED_COLUMN_NAME AS refcol
            FROM information_schema.KEY_COLUMN_USAGE
            WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?
            ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION
            """, parameters)
        let rules = try connection.query("""
            SELECT CONSTRAINT_NAME AS name, DELETE_RULE AS ondelete FROM information_schema.REFERENTIAL_CONSTRAINTS
            WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?
            """, parameters)
        let checkRows = try connection.query("""
            SELECT CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause, LEVEL AS level FROM information_schema.CHECK_CONSTRAINTS
            WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?
            ORDER BY CONSTRAINT_NAME
            """, parameters)

        func keyColumns(_ constraint: String) -> [String] {
            usage.filter { $0["name"].stringValue == constraint }.compactMap { $0["col"].stringValue }
        }
        var primaryKey: CatalogKey?
        var uniques: [CatalogKey] = []
        var foreignKeys: [CatalogForeignKey] = []
        for constraint in constraints {
            guard let constraintName = constraint["name"].stringValue else { continue }
            switch constraint["kind"].stringValue {
            case "PRIMARY KEY":
                primaryKey = CatalogKey(name: constraintName, columns: keyColumns(constraintName))
            case "UNIQUE":
                uniques.append(CatalogKey(name: constraintName, columns: keyColumns(constraintName)))
            case "FOREIGN KEY":
                let parts = usage.filter { $0["name"].stringValue == constraintName }
                foreignKeys.append(CatalogForeignKey(
                    name: constraintName,
                    columns: parts.compactMap { $0["col"].stringValue },
                    referredTable: parts.first?["reftable"].stringValue ?? "",
                    referredColumns: parts.compactMap { $0["refcol"].stringValue },
                    onDelete: rules.first { $0["name"].stringValue == constraintName }?["ondelete"].stringValue ?? ""))
            default:
                break
            }
        }
        var checks: [CatalogCheck] = []
        var columnChecks: [String: String] = [:]
        for check in checkRows {
            let checkName = check["name"].stringValue ?? ""
            let clause = check["clause"].stringValue ?? ""
            if check["level"].stringValue == "Column" {
                columnChecks[checkName] = clause
            } else {
                checks.append(CatalogCheck(name: checkName, sqltext: clause))
            }
        }

        let statistics = try connection.query("""
            SELECT INDEX_NAME AS name, NON_UNIQUE AS nonunique, COLUMN_NAME AS col FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
            ORDER BY INDEX_NAME, SEQ_IN_INDEX
            """, parameters)
        let foreignKeyNames = Set(foreignKeys.compactMap(\.name))
        var indexes: [CatalogIndex] = []
        for indexName in statistics.compactMap({ $0["name"].stringValue }).uniqued()
        where indexName != "PRIMARY" && !foreignKeyNames.contains(indexName) {
            let parts = statistics.filter { $0["name"].stringValue == indexName }
            indexes.append(CatalogIndex(
                name: indexName,
                columns: parts.compactMap { $0["col"].stringValue },
                unique: parts.first?["nonunique"].int64Value == 0))
        }

        let comment = table["comment"].stringValue ?? ""
        return CatalogTable(name: name, columns: columns, primaryKey: primaryKey, uniques: uniques,
                            foreignKeys: foreignKeys, checks: checks, columnChecks: columnChecks,
                            indexes: indexes, comment: comment.isEmpty ? nil : comment)
    }

    /// Every index of the table by name, those of keys included.
    func allIndexNames(_ table: String) throws -> [String] {
        try connection.query("""
            SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME
            """, [.text(table)]).compactMap { $0["name"].stringValue }
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
