import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing

/// Operations whose effect differs most between databases, executed: what the
/// schema context says afterwards must be what each database really has.
@Suite("Executed: portability of operations")
struct ExecutedPortabilityTests {
    /// drop_column takes the column's foreign key, indexes, unique and check
    /// constraints with it, as PostgreSQL does and as the schema context records;
    /// MariaDB refuses the bare DROP COLUMN for a foreign key, a multi-column index
    /// or a multi-column CHECK.
    @Test("drop_column drops what depends on the column, on every database", arguments: TestDatabases.dialects)
    func dropColumnWithDependents(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let s = ExecutedSession(connection)
            let parent = Table(name: "parent", columns: [Column(name: "id", type: .integer, nullable: false)],
                               primaryKey: PrimaryKey(name: "pk_parent", columns: ["id"]))
            let child = Table(
                name: "child",
                columns: [
                    Column(name: "id", type: .integer, nullable: false),
                    Column(name: "parent_id", type: .integer),
                    Column(name: "a", type: .integer),
                    Column(name: "b", type: .integer),
                    Column(name: "c", type: .integer),
                ],
                primaryKey: PrimaryKey(name: "pk_child", columns: ["id"]),
                foreignKeys: [ForeignKey(name: "fk_child_parent_id_parent", columns: ["parent_id"], referredTable: "parent",
                                         referredColumns: ["id"], onDelete: .cascade)],
                uniqueConstraints: [UniqueConstraint(name: "uq_child_a_b", columns: ["a", "b"])],
                checkConstraints: [CheckConstraint(name: "ck_child_a_c", sqltext: "a < c"),
                                   CheckConstraint(name: "ck_child_b", sqltext: "b > 0")],
                indexes: [Index(name: "ix_child_b_c", columns: ["b", "c"]), Index(name: "ix_child_c", columns: ["c"])])
            try s.apply(.createTable(parent))
            try s.apply(.createTable(child))
            try connection.execute("INSERT INTO parent (id) VALUES (1)")
            try connection.execute("INSERT INTO child (id, parent_id, a, b, c) VALUES (1, 1, 1, 2, 3)")

            try s.apply(.dropColumn(child.reference, try s.column("child", "parent_id")))
            var catalog = try s.catalog("child")
            #expect(catalog.foreignKeys.isEmpty)
            #expect(s.schema.table(child.reference)?.foreignKeys.isEmpty == true)

            try s.apply(.dropColumn(child.reference, try s.column("child", "a")))
            catalog = try s.catalog("child")
            #expect(catalog.columnNames == ["id", "b", "c"])
            #expect(catalog.uniques.isEmpty, "\(dialect): the unique constraint on (a, b) goes with a")
            #expect(catalog.checks.map(\.name) == ["ck_child_b"], "\(dialect): the check on a goes with a")
            #expect(catalog.indexes.map(\.name) == ["ix_child_b_c", "ix_child_c"])

            try s.apply(.dropColumn(child.reference, try s.column("child", "c")))
            catalog = try s.catalog("child")
            #expect(catalog.indexes.isEmpty, "\(dialect): both indexes on c go with it")
            #expect(catalog.checks.map(\.name) == ["ck_child_b"])
            #expect(try s.values("child", ["id", "b"], orderBy: "id") == [[.integer(1), .integer(2)]])

            // The context agrees with the database.
            let context = try s.table("child")
            #expect(context.indexes.isEmpty && context.uniqueConstraints.isEmpty)
            #expect(context.checkConstraints.map(\.name) == ["ck_child_b"])

            // A single-column check goes with its column too.
            try s.apply(.dropColumn(child.reference, try s.column("child", "b")))
            catalog = try s.catalog("child")
            #expect(catalog.columnNames == ["id"] && catalog.checks.isEmpty)
            #expect(try s.table("child").checkConstraints.isEmpty)
        }
    }

    /// A named enum type follows its columns on PostgreSQL (created before the first
    /// use, values added in place, dropped after the last); elsewhere the values are
    /// inline. Values stay readable throughout.
    @Test("enum columns: add, extend, drop", arguments: TestDatabases.dialects)
    func enumLifecycle(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let s = ExecutedSession(connection)
            let ref = TableReference(name: "account")
            try s.apply(.createTable(Table(name: "account", columns: [Column(name: "id", type: .integer, nullable: false)],
                                           primaryKey: PrimaryKey(name: "pk_account", columns: ["id"]))))
            try connection.execute("INSERT INTO account (id) VALUES (1)")
            try s.apply(.addColumn(ref, Column(name: "status", type: .enumeration(values: ["active", "disabled"], name: "status"),
                                                nullable: false, serverDefault: .literal("active"))))
            let pg = PostgreSQLCatalog(connection)
            if dialect == .postgresql { #expect(try pg.enumLabels("status") == ["active", "disabled"]) }
            #expect(try s.values("account", ["status"], orderBy: "id") == [[.text("active")]])

            // The new value is the new default in the same operation: on PostgreSQL a value
            // added by ALTER TYPE cannot be used before it is committed.
            try s.apply(.alterColumn(AlterColumn(table: ref, existing: try s.column("account", "status"),
                                                 type: .enumeration(values: ["active", "disabled", "archived"], name: "status"),
                                                 serverDefault: .some(.literal("archived")))))
            try s.apply(.bulkInsert(ref, rows: [["id": .int(2)]]))
            let status = try #require(try s.catalog("account").column("status"))
            switch dialect {
            case .postgresql:
                #expect(try pg.enumLabels("status") == ["active", "disabled", "archived"])
                #expect(status.type == "status")
            case .mysql, .mariadb:
                #expect(status.type == "enum('active','disabled','archived')")
            case .sqlite:
                #expect(status.type == "VARCHAR(8)")
            }
            #expect(!status.nullable)
            #expect(try s.values("account", ["status"], orderBy: "id") == [[.text("active")], [.text("archived")]])

            try s.apply(.dropColumn(ref, try s.column("account", "status")))
            if dialect == .postgresql { #expect(try pg.enumLabels("status").isEmpty, "the type goes with its last column") }
            #expect(try s.catalog("account").columnNames == ["id"])
        }
    }

    /// Table and column comments from create_table, with quotes and backslashes that
    /// each dialect must escape; SQLite stores none.
    @Test("comments in create_table, escaped", arguments: TestDatabases.dialects)
    func comments(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let s = ExecutedSession(connection)
            let tableComment = #"Bob's table \ with a "backslash""#
            let columnComment = #"it's 100% \n not a newline"#
            try s.apply(.createTable(Table(
                name: "noted",
                columns: [Column(name: "id", type: .integer, nullable: false, comment: columnComment),
                          Column(name: "body", type: .text)],
                primaryKey: PrimaryKey(name: "pk_noted", columns: ["id"]),
                comment: tableComment)))
            let catalog = try s.catalog("noted")
            if dialect == .sqlite {
                #expect(catalog.comment == nil)
            } else {
                #expect(catalog.comment == tableComment)
                #expect(catalog.column("id")?.comment == columnComment)
                #expect(catalog.column("body")?.comment == nil)
            }
            // Changing the column keeps its comment where the database restates it (MariaDB's MODIFY).
            try s.apply(.alterColumn(AlterColumn(table: TableReference(name: "noted"), existing: try s.column("noted", "id"),
                                                 type: .bigInteger)))
            if dialect != .sqlite { #expect(try s.catalog("noted").column("id")?.comment == columnComment) }
        }
    }

    /// bulk_insert literals: quotes, backslashes, booleans, doubles, NULL, a row with no values.
    @Test("bulk_insert values arrive intact", arguments: TestDatabases.dialects)
    func bulkInsertValues(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let s = ExecutedSession(connection)
            let ref = TableReference(name: "vals")
            try s.apply(.createTable(Table(name: "vals", columns: [
                Column(name: "id", type: .integer, nullable: false, autoincrement: true),
                Column(name: "txt", type: .string(length: 100)),
                Column(name: "flag", type: .boolean),
                Column(name: "ratio", type: .double),
                Column(name: "n", type: .bigInteger, nullable: false, serverDefault: .literal("42")),
            ], primaryKey: PrimaryKey(name: "pk_vals", columns: ["id"]))))
            let text = #"O'Brien \ "quoted" \n 🧪"#
            try s.apply(.bulkInsert(ref, rows: [
                ["txt": .string(text), "flag": .bool(true), "ratio": .double(0.1), "n": .int(Int64.max)],
                ["txt": .null, "flag": .bool(false), "ratio": .double(-1e20)],
                [:],
            ]))
            let rows = try s.values("vals", ["id", "txt", "flag", "ratio", "n"], orderBy: "id")
            #expect(rows.count == 3)
            #expect(rows.map { $0[0].int64Value } == [1, 2, 3])
            #expect(rows[0][1] == .text(text))
            #expect(rows[0][2].boolValue == true && rows[1][2].boolValue == false && rows[2][2] == .null)
            #expect(rows[0][3] == .real(0.1) && rows[1][3] == .real(-1e20))
            #expect(rows.map { $0[4].int64Value } == [Int64.max, 42, 42])
        }
    }

    /// Reserved words and mixed case as table, column and constraint names, through
    /// every kind of change (and SQLite rebuilds).
    @Test("reserved words and mixed case identifiers", arguments: TestDatabases.dialects)
    func quotedIdentifiers(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let s = ExecutedSession(connection)
            let order = TableReference(name: "Order")
            let line = TableReference(name: "select")
            try s.apply(.createTable(Table(
                name: "Order",
                columns: [Column(name: "Id", type: .bigIntIdentity, nullable: false, autoincrement: true),
                          Column(name: "group", type: .string(length: 20), nullable: false)],
                primaryKey: PrimaryKey(name: "PK Order", columns: ["Id"]),
                uniqueConstraints: [UniqueConstraint(name: "uq_Order_group", columns: ["group"])])))
            try s.apply(.createTable(Table(
                name: "select",
                columns: [Column(name: "from", type: .integer, nullable: false),
                          Column(name: "Order Id", type: .bigIntIdentity, nullable: false),
                          Column(name: "where", type: .integer)],
                primaryKey: PrimaryKey(name: "pk_select", columns: ["from"]),
                foreignKeys: [ForeignKey(name: "fk select Order", columns: ["Order Id"], referredTable: "Order",
                                         referredColumns: ["Id"], onDelete: .cascade)],
                indexes: [Index(name: "ix_select_where", columns: ["where"])])))
            try s.apply(.bulkInsert(order, rows: [["group": .string("a")], ["group": .string("b")]]))
            try s.apply(.bulkInsert(line, rows: [
                ["from": .int(1), "Order Id": .int(1), "where": .int(5)],
                ["from": .int(2), "Order Id": .int(2), "where": .int(6)],
            ]))
            try s.apply(.addColumn(line, Column(name: "Limit", type: .integer, nullable: false, serverDefault: .literal("3"))))
            try s.apply(.alterColumn(AlterColumn(table: line, existing: try s.column("select", "where"), type: .bigInteger,
                                                 nullable: true, newName: "Where")))
            try s.apply(.createCheckConstraint(line, CheckConstraint(name: "ck select limit", sqltext: s.quote("Limit") + " > 0")))
            try s.apply(.createUniqueConstraint(line, UniqueConstraint(name: "uq select Where", columns: ["Where"])))
            try s.apply(.createIndex(order, Index(name: "ix Order group", columns: ["group"])))
            try s.apply(.renameTable(order, newName: "Orders"))
            try s.apply(.createTableComment(line, comment: "lines", existing: nil))
            try s.apply(.dropConstraint(line, .unique(UniqueConstraint(name: "uq select Where", columns: ["Where"]))))

            let catalog = try s.catalog("select")
            #expect(catalog.columnNames == ["from", "Order Id", "Where", "Limit"])
            #expect(catalog.foreignKey("fk select Order")?.referredTable == "Orders")
            #expect(catalog.foreignKey("fk select Order")?.columns == ["Order Id"])
            #expect(catalog.check("ck select limit") != nil)
            #expect(catalog.index("ix_select_where")?.columns == ["Where"])
            #expect(catalog.uniques.isEmpty)
            let orders = try s.catalog("Orders")
            #expect(orders.index("ix Order group")?.columns == ["group"])
            #expect(orders.unique("uq_Order_group")?.columns == ["group"])
            #expect(orders.primaryKey?.name == (dialect == .mariadb ? "PRIMARY" : "PK Order"))
            #expect(try s.values("select", ["from", "Where", "Limit"], orderBy: "from") == [
                [.integer(1), .integer(5), .integer(3)], [.integer(2), .integer(6), .integer(3)],
            ])
            try connection.execute("DELETE FROM \(s.quote("Orders")) WHERE \(s.quote("Id")) = 1")
            #expect(try s.count("select") == 1)

            try s.apply(.dropColumn(line, try s.column("select", "Limit")))
            try s.apply(.dropTable(try s.table("select")))
            try s.apply(.dropTable(try s.table("Orders")))
            #expect(try Catalog.tableNames(connection).isEmpty)
        }
    }

    /// CREATE INDEX CONCURRENTLY runs outside the transaction on PostgreSQL; the
    /// other dialects build the index as usual.
    @Test("create_index concurrently", arguments: TestDatabases.dialects)
    func concurrentIndex(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let s = ExecutedSession(connection)
            let ref = TableReference(name: "big")
            try s.apply(.createTable(Table(name: "big", columns: [Column(name: "id", type: .integer, nullable: false),
                                                                 Column(name: "v", type: .integer)])))
            let statements = try s.apply(.createIndex(ref, Index(name: "ix_big_v", columns: ["v"]), concurrently: true))
            #expect(statements.map(\.transactional) == [dialect != .postgresql])
            #expect(try s.catalog("big").index("ix_big_v")?.columns == ["v"])
            try s.apply(.dropIndex(ref, Index(name: "ix_big_v", columns: ["v"])))
            #expect(try s.catalog("big").indexes.isEmpty)
        }
    }

    /// A SQLite rebuild of a table that a view reads: the view still works after it.
    @Test("SQLite rebuild of a table a view depends on")
    func rebuildUnderView() throws {
        try TestDatabases.withScratchDatabase(.sqlite) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let s = ExecutedSession(connection)
            let ref = TableReference(name: "item")
            try s.apply(.createTable(Table(name: "item", columns: [Column(name: "id", type: .integer, nullable: false),
                                                                  Column(name: "qty", type: .integer)],
                                           primaryKey: PrimaryKey(name: "pk_item", columns: ["id"]))))
            try s.apply(.execute(Execute(sql: "CREATE VIEW item_view AS SELECT id, qty FROM item")))
            try connection.execute("INSERT INTO item (id, qty) VALUES (1, 2)")
            try s.apply(.alterColumn(AlterColumn(table: ref, existing: try s.column("item", "qty"), type: .bigInteger)))
            try s.apply(.createCheckConstraint(ref, CheckConstraint(name: "ck_item_qty", sqltext: "qty > 0")))
            #expect(try connection.query("SELECT qty FROM item_view").first?["qty"] == .integer(2))
            #expect(try connection.query("PRAGMA integrity_check").first?[0].stringValue == "ok")
        }
    }
}
