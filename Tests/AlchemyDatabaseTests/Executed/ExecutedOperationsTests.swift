import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing

/// Every operation of the vocabulary, rendered by the dialect and run on each real
/// database in one sequence that starts from tables with rows; after each one the
/// catalog shows its effect and every row is still there.
@Suite("Executed: every operation")
struct ExecutedOperationsTests {
    static let owner = Table(
        name: "owner",
        columns: [
            Column(name: "id", type: .integer, nullable: false),
            Column(name: "name", type: .string(length: 50), nullable: false),
        ],
        primaryKey: PrimaryKey(name: "pk_owner", columns: ["id"]))

    static let item = Table(
        name: "item",
        columns: [
            Column(name: "id", type: .bigIntIdentity, nullable: false, autoincrement: true),
            Column(name: "name", type: .string(length: 50), nullable: false),
            Column(name: "qty", type: .integer),
        ],
        primaryKey: PrimaryKey(name: "pk_item", columns: ["id"]))

    /// No primary key: `create_primary_key` gives it one.
    static let tag = Table(
        name: "tag",
        columns: [
            Column(name: "id", type: .integer, nullable: false),
            Column(name: "label", type: .string(length: 20)),
        ])

    @Test("every operation runs and shows in the catalog, rows kept", arguments: TestDatabases.dialects)
    func everyOperation(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            var sequence = OperationSequence(ExecutedSession(connection))
            try sequence.run()
        }
    }
}

/// The sequence, with the row counts it expects kept alongside.
struct OperationSequence {
    let s: ExecutedSession
    var dialect: DialectName { s.dialect }
    var counts: [String: Int] = [:]
    var isMariaDB: Bool { dialect == .mariadb || dialect == .mysql }

    init(_ session: ExecutedSession) { s = session }

    /// Applies the operation, then checks that every table still has its rows.
    @discardableResult
    mutating func apply(_ operation: MigrateOperation, _ what: String) throws -> [Statement] {
        let statements: [Statement]
        do {
            statements = try s.apply(operation)
        } catch {
            Issue.record("\(dialect) \(what): \(error)")
            throw error
        }
        for (table, count) in counts {
            #expect(try s.count(table) == count, "\(dialect) after \(what): rows of \(table)")
        }
        return statements
    }

    func catalog(_ table: String) throws -> CatalogTable { try s.catalog(table) }

    func column(_ table: String, _ name: String) throws -> CatalogColumn {
        try #require(try catalog(table).column(name), "\(dialect) \(table).\(name)")
    }

    func type(_ sqlite: String, _ postgresql: String, _ mariadb: String) -> String {
        switch dialect {
        case .sqlite: sqlite
        case .postgresql: postgresql
        case .mysql, .mariadb: mariadb
        }
    }

    var item: TableReference { TableReference(name: "item") }

    mutating func run() throws {
        // Tables with rows: create_table and bulk_insert.
        try apply(.createTable(ExecutedOperationsTests.owner), "create_table owner")
        try apply(.createTable(ExecutedOperationsTests.item), "create_table item")
        try apply(.createTable(ExecutedOperationsTests.tag), "create_table tag")
        #expect(try Catalog.tableNames(s.connection) == ["item", "owner", "tag"])
        try apply(.bulkInsert(TableReference(name: "owner"), rows: [
            ["id": .int(1), "name": .string("ann")],
            ["id": .int(2), "name": .string("bob")],
        ]), "bulk_insert owner")
        try apply(.bulkInsert(item, rows: [
            ["name": .string("apple"), "qty": .int(3)],
            ["name": .string("pear"), "qty": .int(5)],
            ["name": .string("plum's"), "qty": .int(7)],
        ]), "bulk_insert item")
        try apply(.bulkInsert(TableReference(name: "tag"), rows: [
            ["id": .int(1), "label": .string("x")],
            ["id": .int(2), "label": .null],
        ]), "bulk_insert tag")
        counts = ["owner": 2, "item": 3, "tag": 2]
        #expect(try s.values("item", ["id", "name", "qty"], orderBy: "id") == [
            [.integer(1), .text("apple"), .integer(3)],
            [.integer(2), .text("pear"), .integer(5)],
            [.integer(3), .text("plum's"), .integer(7)],
        ])

        try addColumns()
        try alterColumns()
        try indexesAndUniques()
        try foreignKeyAndCheck()
        try primaryKey()
        try renameAndComments()
        try execute()
        try dropping()
    }

    mutating func addColumns() throws {
        try apply(.addColumn(item, Column(name: "owner_id", type: .integer)), "add_column owner_id")
        let ownerID = try column("item", "owner_id")
        #expect(ownerID.nullable && ownerID.type == type("INTEGER", "integer", "int(11)"))
        #expect(try s.values("item", ["owner_id"], orderBy: "id").allSatisfy { $0 == [.null] })

        // NOT NULL with a server default: existing rows get the default.
        try apply(.addColumn(item, Column(name: "note", type: .string(length: 20), nullable: false,
                                          serverDefault: .literal("n/a"))), "add_column note")
        let note = try column("item", "note")
        #expect(!note.nullable && note.type == type("VARCHAR(20)", "character varying(20)", "varchar(20)"))
        #expect(note.defaultSQL == type("'n/a'", "'n/a'::character varying", "'n/a'"))
        #expect(try s.values("item", ["note"], orderBy: "id") == Array(repeating: [.text("n/a")], count: 3))
        #expect(try catalog("item").columnNames == ["id", "name", "qty", "owner_id", "note"])
    }

    mutating func alterColumns() throws {
        // Type.
        try apply(.alterColumn(AlterColumn(table: item, existing: try s.column("item", "qty"), type: .bigInteger)),
                  "alter_column qty type")
        #expect(try column("item", "qty").type == type("BIGINT", "bigint", "bigint(20)"))
        #expect(try s.values("item", ["qty"], orderBy: "id") == [[.integer(3)], [.integer(5)], [.integer(7)]])

        // Nullable.
        try apply(.alterColumn(AlterColumn(table: item, existing: try s.column("item", "qty"), nullable: false)),
                  "alter_column qty nullable")
        #expect(try !column("item", "qty").nullable)
        #expect(throws: DatabaseError.self) {
            // An UPDATE, not an INSERT: a failed insert would use up a generated key.
            try s.connection.execute("UPDATE item SET qty = NULL WHERE id = 1")
        }

        // Server default, set then dropped.
        try apply(.alterColumn(AlterColumn(table: item, existing: try s.column("item", "qty"), serverDefault: .some(.literal("5")))),
                  "alter_column qty server_default")
        #expect(try column("item", "qty").defaultSQL.map(Catalog.literalValue) == "5")
        try apply(.alterColumn(AlterColumn(table: item, existing: try s.column("item", "qty"), serverDefault: .some(nil))),
                  "alter_column qty drop server_default")
        #expect(try column("item", "qty").defaultSQL == nil)
        // Everything else about the column survived.
        let qty = try column("item", "qty")
        #expect(!qty.nullable && qty.type == type("BIGINT", "bigint", "bigint(20)"))

        // Comment: stored on PostgreSQL and MariaDB; SQLite has no comments and runs nothing.
        let commented = try apply(.alterColumn(AlterColumn(table: item, existing: try s.column("item", "note"),
                                                           comment: .some("a note"))), "alter_column note comment")
        if dialect == .sqlite {
            #expect(commented.isEmpty)
        } else {
            #expect(try column("item", "note").comment == "a note")
        }
        let note = try column("item", "note")
        #expect(!note.nullable && note.defaultSQL != nil, "\(dialect): the comment change keeps NOT NULL and the default")

        // New name: values, default and comment move with it.
        try apply(.alterColumn(AlterColumn(table: item, existing: try s.column("item", "note"), newName: "memo")),
                  "alter_column note new_name")
        let names = try catalog("item").columnNames
        #expect(names == ["id", "name", "qty", "owner_id", "memo"])
        let memo = try column("item", "memo")
        #expect(!memo.nullable && memo.defaultSQL == type("'n/a'", "'n/a'::character varying", "'n/a'"))
        if dialect != .sqlite { #expect(memo.comment == "a note") }
        #expect(try s.values("item", ["memo"], orderBy: "id") == Array(repeating: [.text("n/a")], count: 3))

        // Several changes in one alter_column, on the same column.
        try apply(.alterColumn(AlterColumn(table: item, existing: try s.column("item", "memo"),
                                           type: .string(length: 40), nullable: true, serverDefault: .some(nil),
                                           newName: "remark")), "alter_column memo type+nullable+default+name")
        let remark = try column("item", "remark")
        #expect(remark.nullable && remark.defaultSQL == nil)
        #expect(remark.type == type("VARCHAR(40)", "character varying(40)", "varchar(40)"))
        #expect(try s.values("item", ["remark"], orderBy: "id") == Array(repeating: [.text("n/a")], count: 3))
        try apply(.alterColumn(AlterColumn(table: item, existing: try s.column("item", "remark"), newName: "memo")),
                  "alter_column remark new_name")
    }

    mutating func indexesAndUniques() throws {
        let index = Index(name: "ix_item_name", columns: ["name"])
        try apply(.createIndex(item, index), "create_index")
        #expect(try catalog("item").index("ix_item_name") == CatalogIndex(name: "ix_item_name", columns: ["name"], unique: false))
        try apply(.dropIndex(item, index), "drop_index")
        #expect(try catalog("item").index("ix_item_name") == nil)

        let uniqueIndex = Index(name: "ix_item_name_qty", columns: ["name", "qty"], unique: true)
        try apply(.createIndex(item, uniqueIndex), "create_index unique")
        #expect(try catalog("item").index("ix_item_name_qty") == CatalogIndex(name: "ix_item_name_qty", columns: ["name", "qty"], unique: true))
        try apply(.dropIndex(item, uniqueIndex), "drop_index unique")
        #expect(try catalog("item").index("ix_item_name_qty") == nil)

        let unique = UniqueConstraint(name: "uq_item_name", columns: ["name"])
        try apply(.createUniqueConstraint(item, unique), "create_unique_constraint")
        #expect(try catalog("item").unique("uq_item_name") == CatalogKey(name: "uq_item_name", columns: ["name"]))
        #expect(throws: DatabaseError.self) {
            try s.connection.execute("UPDATE item SET name = 'apple' WHERE id = 2")
        }
        try apply(.dropConstraint(item, .unique(unique)), "drop_constraint unique")
        #expect(try catalog("item").unique("uq_item_name") == nil)
        #expect(try catalog("item").uniques.isEmpty)
    }

    mutating func foreignKeyAndCheck() throws {
        try s.connection.execute("UPDATE item SET owner_id = 1 WHERE id <= 2")
        try s.connection.execute("UPDATE item SET owner_id = 2 WHERE id = 3")
        let key = ForeignKey(name: "fk_item_owner_id_owner", columns: ["owner_id"], referredTable: "owner",
                             referredColumns: ["id"], onDelete: .cascade)
        try apply(.createForeignKey(item, key), "create_foreign_key")
        #expect(try catalog("item").foreignKey("fk_item_owner_id_owner") == CatalogForeignKey(
            name: "fk_item_owner_id_owner", columns: ["owner_id"], referredTable: "owner", referredColumns: ["id"],
            onDelete: "CASCADE"))
        #expect(throws: DatabaseError.self) {
            try s.connection.execute("UPDATE item SET owner_id = 99 WHERE id = 1")
        }

        let check = CheckConstraint(name: "ck_item_qty_positive", sqltext: "qty >= 0")
        try apply(.createCheckConstraint(item, check), "create_check_constraint")
        let found = try #require(try catalog("item").check("ck_item_qty_positive"), "\(dialect) check")
        #expect(found.normalized == "qty>=0")
        #expect(throws: DatabaseError.self) {
            try s.connection.execute("UPDATE item SET qty = -1 WHERE id = 1")
        }
        // A rebuild on SQLite keeps the foreign key.
        #expect(try catalog("item").foreignKey("fk_item_owner_id_owner")?.onDelete == "CASCADE")
    }

    mutating func primaryKey() throws {
        #expect(try catalog("tag").primaryKey == nil)
        let key = PrimaryKey(name: "pk_tag", columns: ["id"])
        try apply(.createPrimaryKey(TableReference(name: "tag"), key), "create_primary_key")
        #expect(try catalog("tag").primaryKey == CatalogKey(name: isMariaDB ? "PRIMARY" : "pk_tag", columns: ["id"]))
        #expect(throws: DatabaseError.self) {
            try s.connection.execute("INSERT INTO tag (id, label) VALUES (1, 'dup')")
        }
        #expect(try s.values("tag", ["id", "label"], orderBy: "id") == [[.integer(1), .text("x")], [.integer(2), .null]])
        try apply(.dropConstraint(TableReference(name: "tag"), .primaryKey(key)), "drop_constraint primary key")
        #expect(try catalog("tag").primaryKey == nil)
        #expect(try !column("tag", "id").nullable)
    }

    mutating func renameAndComments() throws {
        let owners = counts.removeValue(forKey: "owner")
        try apply(.renameTable(TableReference(name: "owner"), newName: "person"), "rename_table")
        counts["person"] = owners
        #expect(try s.count("person") == owners)
        #expect(try Catalog.tableNames(s.connection) == ["item", "person", "tag"])
        // The foreign key follows the renamed table.
        #expect(try catalog("item").foreignKey("fk_item_owner_id_owner")?.referredTable == "person")
        // A SQLite rebuild after the rename re-creates the key against the new name.
        try apply(.dropConstraint(item, .check(CheckConstraint(name: "ck_item_qty_positive", sqltext: "qty >= 0"))),
                  "drop_constraint check")
        #expect(try catalog("item").check("ck_item_qty_positive") == nil)
        #expect(try catalog("item").foreignKey("fk_item_owner_id_owner")?.referredTable == "person")
        try s.connection.execute("UPDATE item SET qty = -1 WHERE id = 1")
        try s.connection.execute("UPDATE item SET qty = 3 WHERE id = 1")

        // Table comments: stored on PostgreSQL and MariaDB; no statement on SQLite.
        let created = try apply(.createTableComment(item, comment: "things we sell", existing: nil), "create_table_comment")
        #expect(try catalog("item").comment == (dialect == .sqlite ? nil : "things we sell"))
        #expect(created.isEmpty == (dialect == .sqlite))
        try apply(.dropTableComment(item, existing: "things we sell"), "drop_table_comment")
        #expect(try catalog("item").comment == nil)
    }

    mutating func execute() throws {
        try apply(.execute(Execute(sql: "UPDATE item SET qty = qty + 1")), "execute")
        #expect(try s.values("item", ["qty"], orderBy: "id") == [[.integer(4)], [.integer(6)], [.integer(8)]])

        // Per dialect: MariaDB takes the mysql entry; the default serves the others.
        let perDialect = Execute(sql: "UPDATE item SET memo = 'default'", perDialect: [
            "postgresql": "UPDATE item SET memo = 'pg'",
            "mysql": "UPDATE item SET memo = 'my'",
        ])
        try apply(.execute(perDialect), "execute per dialect")
        let expected = type("default", "pg", "my")
        #expect(try s.values("item", ["memo"], orderBy: "id") == Array(repeating: [.text(expected)], count: 3))

        // A dialect mapped to null runs nothing there.
        let skipped = try apply(.execute(Execute(sql: "UPDATE item SET memo = 'nope'",
                                                 perDialect: [dialect.rawValue: nil])), "execute skipped")
        #expect(skipped.isEmpty)
        #expect(try s.values("item", ["memo"], orderBy: "id").allSatisfy { $0 == [.text(expected)] })

        counts["item"] = 5
        try apply(.bulkInsert(item, rows: [
            ["name": .string("kiwi"), "qty": .int(9), "owner_id": .int(2), "memo": .string("m")],
            ["name": .string("fig"), "qty": .int(1), "owner_id": .null],
        ]), "bulk_insert more")
        #expect(try s.values("item", ["id", "memo"], orderBy: "id").suffix(2) == [
            [.integer(4), .text("m")], [.integer(5), .null],
        ])

        // ON DELETE CASCADE through the renamed parent.
        try s.connection.execute("DELETE FROM person WHERE id = 2")
        counts["person"] = 1
        counts["item"] = 3
        #expect(try s.values("item", ["name"], orderBy: "id") == [[.text("apple")], [.text("pear")], [.text("fig")]])
    }

    mutating func dropping() throws {
        let key = try #require(try s.table("item").foreignKeys.first)
        try apply(.dropConstraint(item, .foreignKey(key)), "drop_constraint foreign key")
        #expect(try catalog("item").foreignKeys.isEmpty)
        if isMariaDB {
            // MariaDB keeps the index it made for the key after DROP FOREIGN KEY; the
            // dialect drops it too (no declared index served the key), so a downgrade
            // leaves the table as it was before the key.
            #expect(try !MariaDBCatalog(s.connection).allIndexNames("item").contains("fk_item_owner_id_owner"))
        }

        try apply(.dropColumn(item, try s.column("item", "memo")), "drop_column")
        #expect(try catalog("item").columnNames == ["id", "name", "qty", "owner_id"])
        #expect(try s.values("item", ["id", "name", "qty"], orderBy: "id") == [
            [.integer(1), .text("apple"), .integer(4)],
            [.integer(2), .text("pear"), .integer(6)],
            [.integer(5), .text("fig"), .integer(1)],
        ])

        // The generated key still generates after rebuilds and type changes.
        try s.connection.execute("INSERT INTO item (name, qty) VALUES ('lime', 2)")
        #expect(try s.values("item", ["id"], orderBy: "id").last == [.integer(6)])
        counts["item"] = 4

        for name in ["tag", "item", "person"] {
            counts[name] = nil
            try apply(.dropTable(try s.table(name)), "drop_table \(name)")
        }
        #expect(try Catalog.tableNames(s.connection).isEmpty)
        #expect(s.schema.tables.isEmpty)
    }
}
