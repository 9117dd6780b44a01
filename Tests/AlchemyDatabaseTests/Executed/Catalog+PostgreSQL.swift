import AlchemyDatabase

/// PostgreSQL's catalog: `pg_attribute` with `format_type` and `pg_get_expr` for
/// columns and defaults, `pg_constraint` for keys and checks, `pg_index` for indexes,
/// `obj_description`/`col_description` for comments. Tables of the current schema.
struct PostgreSQLCatalog {
    let connection: any Connection

    init(_ connection: any Connection) { self.connection = connection }

    func table(_ name: String) throws -> CatalogTable? {
        let table = try connection.query("""
            SELECT c.oid::bigint AS oid, obj_description(c.oid, 'pg_class') AS comment
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')
            """, [.text(name)])
        guard let row = table.first, let oid = row["oid"].int64Value else { return nil }
        let id = DatabaseValue.integer(oid)

        let columns = try connection.query("""
            SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
                   pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity::text AS ident,
                   col_description(a.attrelid, a.attnum) AS comment
            FROM pg_attribute a
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = $1::bigint::oid AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, [id]).map { row in
            let defaultSQL = row["dflt"].stringValue
            let identity = row["ident"].stringValue ?? ""
            let generated: String? = if !identity.isEmpty { "identity" }
                else if defaultSQL?.hasPrefix("nextval(") == true { "serial" }
                else { nil }
            return CatalogColumn(
                name: row["name"].stringValue ?? "",
                type: row["type"].stringValue ?? "",
                nullable: row["notnull"].boolValue == false,
                defaultSQL: defaultSQL,
                generated: generated,
                comment: row["comment"].stringValue)
        }

        let constraints = try connection.query("""
            SELECT con.conname AS name, con.contype::text AS kind,
                   array_to_string(ARRAY(
                       SELECT att.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
                       JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k.num
                       ORDER BY k.ord), ',') AS cols,
                   ref.relname AS reftable,
                   array_to_string(ARRAY(
                       SELECT att.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
                       JOIN pg_attribute att ON att.attrelid = con.confrelid AND att.attnum = k.num
                       ORDER BY k.ord), ',') AS refcols,
                   con.confdeltype::text AS ondelete,
                   CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END AS checksql
            FROM pg_constraint con
            LEFT JOIN pg_class ref ON ref.oid = con.confrelid
            WHERE con.conrelid = $1::bigint::oid
            ORDER BY con.conname
            """, [id])
        var primaryKey: CatalogKey?
        var uniques: [CatalogKey] = []
        var foreignKeys: [CatalogForeignKey] = []
        var checks: [CatalogCheck] = []
        for constraint in constraints {
            let constraintName = constraint["name"].stringValue
            let keyColumns = Catalog.split(constraint["cols"].stringValue)
            switch constraint["kind"].stringValue {
            case "p": primaryKey = CatalogKey(name: constraintName, columns: keyColumns)
            case "u": uniques.append(CatalogKey(name: constraintName, columns: keyColumns))
            case "c": checks.append(CatalogCheck(name: constraintName, sqltext: constraint["checksql"].stringValue ?? ""))
            case "f":
                let action = switch constraint["ondelete"].stringValue {
                case "c": "CASCADE"
                case "n": "SET NULL"
                case "d": "SET DEFAULT"
                case "r": "RESTRICT"
                default: "NO ACTION"
                }
                foreignKeys.append(CatalogForeignKey(
                    name: constraintName, columns: keyColumns,
                    referredTable: constraint["reftable"].stringValue ?? "",
                    referredColumns: Catalog.split(constraint["refcols"].stringValue),
                    onDelete: action))
            default: break
            }
        }

        let indexes = try connection.query("""
            SELECT i.relname AS name, ix.indisunique AS uniq,
                   array_to_string(ARRAY(
                       SELECT att.attname FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(num, ord)
                       JOIN pg_attribute att ON att.attrelid = ix.indrelid AND att.attnum = k.num
                       ORDER BY k.ord), ',') AS cols
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid
            WHERE ix.indrelid = $1::bigint::oid
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                              WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid
                                AND con.contype IN ('p', 'u', 'x'))
            ORDER BY i.relname
            """, [id]).map { row in
            CatalogIndex(name: row["name"].stringValue ?? "",
                         columns: Catalog.split(row["cols"].stringValue),
                         unique: row["uniq"].boolValue == true)
        }

        return CatalogTable(name: name, columns: columns, primaryKey: primaryKey, uniques: uniques,
                            foreignKeys: foreignKeys, checks: checks, indexes: indexes,
                            comment: row["comment"].stringValue)
    }

    /// The labels of a PostgreSQL enum type, in order; empty when there is no such type.
    func enumLabels(_ type: String) throws -> [String] {
        try connection.query("""
            SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
            WHERE t.typname = $1 ORDER BY e.enumsortorder
            """, [.text(type)]).compactMap { $0["label"].stringValue }
    }
}
