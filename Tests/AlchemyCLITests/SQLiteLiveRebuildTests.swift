import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// A SQLite table rebuild starts from the live table: what was made outside the
/// revision files (by `execute`) survives it, or the rebuild is refused.
@Suite("SQLite: a rebuild keeps what the revision files did not declare")
struct SQLiteLiveRebuildTests {
    static func execute(_ sql: String) -> String { "  - execute: {sql: \"\(sql)\"}" }

    /// `item` as the revisions declare it, then hand-made objects beside and on it.
    static let setup = [
        "  - create_table: {name: item, columns: [{name: id, type: Integer, primary_key: true}, {name: name, type: String(50)}, {name: note, type: Text?}, {name: qty, type: Integer?}], constraints: [{check: \"qty >= 0\", name: ck_item_qty_pos}]}",
        execute("ALTER TABLE item ADD COLUMN extra TEXT DEFAULT 'x' CHECK (extra <> '')"),
        execute("CREATE UNIQUE INDEX ux_item_name ON item (name)"),
        execute("CREATE INDEX ix_item_partial ON item (qty) WHERE qty > 0"),
        execute("CREATE INDEX ix_item_expr ON item (lower(name))"),
        execute("CREATE TABLE audit (msg TEXT)"),
        execute("CREATE TRIGGER tr_item_insert AFTER INSERT ON item BEGIN INSERT INTO audit VALUES (new.name); END"),
        execute("CREATE VIEW v_item AS SELECT id, name, extra FROM item"),
        execute("CREATE TABLE child (id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES item (id) ON DELETE CASCADE)"),
        execute("INSERT INTO item (id, name, note, qty, extra) VALUES (1, 'a', 'n', 5, 'hand')"),
        execute("INSERT INTO child (id, item_id) VALUES (10, 1)"),
    ].joined(separator: "\n")

    static let rebuilding: [String] = [
        "  - drop_column: {table: item, column: {name: note, type: Text?}}",
        "  - alter_column: {table: item, column: qty, existing_type: Integer?, type: BigInteger?}",
        "  - alter_column: {table: item, column: note, existing_type: Text?, nullable: false}",
        "  - alter_column: {table: item, column: qty, existing_type: Integer?, server_default: 7}",
        "  - create_check_constraint: {name: ck_item_qty, table: item, sqltext: \"qty > 0\"}",
        "  - create_unique_constraint: {name: uq_item_qty, table: item, columns: [qty]}",
        "  - drop_constraint: {name: ck_item_qty_pos, table: item, check: \"qty >= 0\"}",
    ]

    static func objectSQL(_ connection: any Connection) throws -> [String] {
        try connection.query("SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL ORDER BY name")
            .compactMap { $0[0].stringValue }
    }

    @Test("rows, hand-made columns, indexes, triggers, views and foreign keys pointing in survive", arguments: rebuilding)
    func survives(operation: String) throws {
        try TestDatabases.withScratchDatabase(.sqlite) { url in
            let project = try RunnerTests.Project(url: url, revisions: [
                ("bbbbbbbbbb01", Self.setup, "  - drop_table: {name: item}"),
            ])
            defer { project.remove() }
            let first = try project.alchemy("upgrade")
            #expect(first.status == 0, "\(first.stderr)")
            let before = try { () throws -> [String] in
                let connection = try openConnection(url)
                defer { connection.close() }
                return try Self.objectSQL(connection)
            }()
            try "revision: \"bbbbbbbbbb02\"\ndown_revision: \"bbbbbbbbbb01\"\nmessage: rebuild\nupgrade:\n\(operation)\ndowngrade: []\n"
                .write(toFile: project.folder + "/migrations/versions/001_bbbbbbbbbb02.yaml", atomically: true, encoding: .utf8)
            let result = try project.alchemy("upgrade")
            #expect(result.status == 0, "\(result.stderr)")

            let connection = try openConnection(url)
            defer { connection.close() }
            #expect(try Self.objectSQL(connection) == before)
            #expect(try connection.query("SELECT name, extra FROM item WHERE id = 1").first.map { [$0[0].stringValue, $0[1].stringValue] } == ["a", "hand"])
            let columnSQL = try connection.query("SELECT sql FROM sqlite_master WHERE name = 'item'").first?[0].stringValue ?? ""
            #expect(columnSQL.contains("extra TEXT DEFAULT 'x' CHECK (extra <> '')"))
            #expect(try connection.query("SELECT item_id FROM child").first?[0].int64Value == 1)
            #expect(try connection.query("SELECT \"table\" FROM pragma_foreign_key_list('child')").first?[0].stringValue == "item")
            // `note` is in every insert: one case makes it NOT NULL; another drops it.
            let note = operation.contains("drop_column") ? "" : ", note"
            let noteValue = operation.contains("drop_column") ? "" : ", 'm'"
            try connection.execute("INSERT INTO item (id, name, qty\(note)) VALUES (2, 'b', 3\(noteValue))")
            #expect(try connection.query("SELECT msg FROM audit ORDER BY msg").compactMap { $0[0].stringValue } == ["a", "b"])
            #expect(try connection.query("SELECT count(*) FROM v_item").first?[0].int64Value == 2)
            #expect(throws: DatabaseError.self) { try connection.execute("INSERT INTO item (id, name, qty\(note)) VALUES (3, 'b', 4\(noteValue))") }
            #expect(try connection.query("PRAGMA foreign_key_check").isEmpty)
        }
    }

    @Test("dropping a column a hand-made view uses is refused, naming it, and changes nothing")
    func refusal() throws {
        try TestDatabases.withScratchDatabase(.sqlite) { url in
            let project = try RunnerTests.Project(url: url, revisions: [
                ("bbbbbbbbbb01", Self.setup + "\n" + Self.execute("CREATE VIEW v_note AS SELECT note FROM item"), "  - drop_table: {name: item}"),
                ("bbbbbbbbbb02", Self.rebuilding[0], "  - add_column: {table: item, column: {name: note, type: Text?}}"),
            ])
            defer { project.remove() }
            let result = try project.alchemy("upgrade")
            #expect(result.status != 0)
            // The revisions before it are logged as they complete; the refusal is one line.
            let errors = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("upgrade ") }
            #expect(errors.count == 1, "\(result.stderr)")
            #expect(errors.first?.hasPrefix("error: ") == true)
            #expect(result.stderr.contains("view \"v_note\""), "\(result.stderr)")
            let connection = try openConnection(url)
            defer { connection.close() }
            #expect(try connection.query("SELECT version_num FROM alembic_versions").compactMap { $0[0].stringValue } == ["bbbbbbbbbb01"])
            #expect(try connection.query("SELECT note FROM v_note").first?[0].stringValue == "n")
            #expect(try connection.query("SELECT count(*) FROM sqlite_master WHERE name LIKE '_alchemy_tmp_%'").first?[0].int64Value == 0)
        }
    }
}
