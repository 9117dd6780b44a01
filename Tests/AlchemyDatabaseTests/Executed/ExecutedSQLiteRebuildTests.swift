import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing

/// SQLite table rebuilds on a parent/child pair with rows and ON DELETE CASCADE:
/// for each operation that rebuilds, every row of both tables survives with its
/// values, every other index and constraint is still there (read back from
/// sqlite_master and the pragmas), GUID columns stay BINARY(16), and
/// `PRAGMA foreign_key_check` finds nothing.
@Suite("Executed: SQLite rebuilds keep data and schema")
struct ExecutedSQLiteRebuildTests {
    static let parentRef = TableReference(name: "parent")
    static let childRef = TableReference(name: "child")

    static let parent = Table(
        name: "parent",
        columns: [
            Column(name: "id", type: .guid(binary: nil), nullable: false),
            Column(name: "name", type: .string(length: 50), nullable: false),
            Column(name: "rank", type: .integer, nullable: false, serverDefault: .literal("0")),
            Column(name: "extra", type: .text),
        ],
        primaryKey: PrimaryKey(name: "pk_parent", columns: ["id"]),
        uniqueConstraints: [UniqueConstraint(name: "uq_parent_name", columns: ["name"])],
        checkConstraints: [CheckConstraint(name: "ck_parent_rank", sqltext: "rank >= 0")],
        indexes: [Index(name: "ix_parent_rank", columns: ["rank"])])

    /// No primary key, so that `create_primary_key` has something to do.
    static let child = Table(
        name: "child",
        columns: [
            Column(name: "id", type: .integer, nullable: false),
            Column(name: "parent_id", type: .guid(binary: nil), nullable: false),
            Column(name: "other_id", type: .guid(binary: true)),
            Column(name: "qty", type: .integer, nullable: false),
            Column(name: "label", type: .string(length: 20)),
            Column(name: "note", type: .text),
        ],
        foreignKeys: [ForeignKey(name: "fk_child_parent_id_parent", columns: ["parent_id"], referredTable: "parent",
                                 referredColumns: ["id"], onDelete: .cascade)],
        uniqueConstraints: [UniqueConstraint(name: "uq_child_label", columns: ["label"])],
        checkConstraints: [CheckConstraint(name: "ck_child_qty", sqltext: "qty >= 0")],
        indexes: [Index(name: "ix_child_parent_id", columns: ["parent_id"])])

    /// One rebuilding operation and how it changes the catalog of (parent, child).
    struct RebuildCase: Sendable, CustomTestStringConvertible {
        var name: String
        var operation: @Sendable (Schema) throws -> MigrateOperation
        /// Columns renamed by the operation, old name to new.
        var renamed: [String: String] = [:]
        var adjust: @Sendable (inout CatalogTable, inout CatalogTable) -> Void

        var testDescription: String { name }
    }

    static func existing(_ schema: Schema, _ table: TableReference, _ column: String) throws -> Column {
        guard let found = schema.table(table)?.column(named: column) else { throw ExecutedError("no \(table).\(column)") }
        return found
    }

    static func update(_ table: inout CatalogTable, column: String, _ change: (inout CatalogColumn) -> Void) {
        if let i = table.columns.firstIndex(where: { $0.name == column }) { change(&table.columns[i]) }
    }

    static let cases: [RebuildCase] = [
        RebuildCase(name: "alter_column type", operation: { schema in
            .alterColumn(AlterColumn(table: parentRef, existing: try existing(schema, parentRef, "name"), type: .string(length: 80)))
        }, adjust: { parent, _ in update(&parent, column: "name") { $0.type = "VARCHAR(80)" } }),

        RebuildCase(name: "alter_column nullable", operation: { schema in
            .alterColumn(AlterColumn(table: parentRef, existing: try existing(schema, parentRef, "name"), nullable: true))
        }, adjust: { parent, _ in update(&parent, column: "name") { $0.nullable = true } }),

        RebuildCase(name: "alter_column server_default", operation: { schema in
            .alterColumn(AlterColumn(table: parentRef, existing: try existing(schema, parentRef, "rank"), serverDefault: .some(.literal("7"))))
        }, adjust: { parent, _ in update(&parent, column: "rank") { $0.defaultSQL = "'7'" } }),

        RebuildCase(name: "alter_column drop server_default", operation: { schema in
            .alterColumn(AlterColumn(table: parentRef, existing: try existing(schema, parentRef, "rank"), serverDefault: .some(nil)))
        }, adjust: { parent, _ in update(&parent, column: "rank") { $0.defaultSQL = nil } }),

        RebuildCase(name: "alter_column new_name and nullable", operation: { schema in
            .alterColumn(AlterColumn(table: parentRef, existing: try existing(schema, parentRef, "name"), nullable: true, newName: "title"))
        }, renamed: ["name": "title"], adjust: { parent, _ in
            update(&parent, column: "name") { $0.name = "title"; $0.nullable = true }
            parent.uniques = [CatalogKey(name: "uq_parent_name", columns: ["title"])]
        }),

        // SQLite renames the key in the child's REFERENCES itself; the rebuild then keeps BINARY(16).
        RebuildCase(name: "alter_column new_name and type of the referenced key", operation: { schema in
            .alterColumn(AlterColumn(table: parentRef, existing: try existing(schema, parentRef, "id"),
                                     type: .guid(binary: true), newName: "uid"))
        }, renamed: ["id": "uid"], adjust: { parent, child in
            update(&parent, column: "id") { $0.name = "uid" }
            parent.primaryKey?.columns = ["uid"]
            child.foreignKeys[0].referredColumns = ["uid"]
        }),

        RebuildCase(name: "alter_column type of the child", operation: { schema in
            .alterColumn(AlterColumn(table: childRef, existing: try existing(schema, childRef, "qty"), type: .bigInteger))
        }, adjust: { _, child in update(&child, column: "qty") { $0.type = "BIGINT" } }),

        RebuildCase(name: "drop_column", operation: { schema in
            .dropColumn(parentRef, try existing(schema, parentRef, "extra"))
        }, adjust: { parent, _ in parent.columns.removeAll { $0.name == "extra" } }),

        RebuildCase(name: "drop_column of the child", operation: { schema in
            .dropColumn(childRef, try existing(schema, childRef, "note"))
        }, adjust: { _, child in child.columns.removeAll { $0.name == "note" } }),

        // SQLite's ADD COLUMN refuses an expression default; the rebuild fills the new column from it.
        RebuildCase(name: "add_column with an expression default", operation: { _ in
            .addColumn(parentRef, Column(name: "code", type: .integer, nullable: false, serverDefault: .expression("(1 + 1)")))
        }, adjust: { parent, _ in
            parent.columns.append(CatalogColumn(name: "code", type: "INTEGER", nullable: false, defaultSQL: "1 + 1"))
        }),

        RebuildCase(name: "create_unique_constraint", operation: { _ in
            .createUniqueConstraint(parentRef, UniqueConstraint(name: "uq_parent_rank", columns: ["rank"]))
        }, adjust: { parent, _ in parent.uniques.append(CatalogKey(name: "uq_parent_rank", columns: ["rank"])) }),

        RebuildCase(name: "drop_constraint unique", operation: { _ in
            .dropConstraint(parentRef, .unique(UniqueConstraint(name: "uq_parent_name", columns: ["name"])))
        }, adjust: { parent, _ in parent.uniques.removeAll() }),

        RebuildCase(name: "create_check_constraint", operation: { _ in
            .createCheckConstraint(parentRef, CheckConstraint(name: "ck_parent_name", sqltext: "length(name) > 0"))
        }, adjust: { parent, _ in parent.checks.append(CatalogCheck(name: "ck_parent_name", sqltext: "length(name) > 0")) }),

        RebuildCase(name: "drop_constraint check", operation: { _ in
            .dropConstraint(parentRef, .check(CheckConstraint(name: "ck_parent_rank", sqltext: "rank >= 0")))
        }, adjust: { parent, _ in parent.checks.removeAll() }),

        RebuildCase(name: "create_foreign_key", operation: { _ in
            .createForeignKey(childRef, ForeignKey(name: "fk_child_other_id_parent", columns: ["other_id"], referredTable: "parent",
                                                   referredColumns: ["id"], onDelete: .setNull))
        }, adjust: { _, child in
            child.foreignKeys.append(CatalogForeignKey(name: "fk_child_other_id_parent", columns: ["other_id"],
                                                       referredTable: "parent", referredColumns: ["id"], onDelete: "SET NULL"))
        }),

        RebuildCase(name: "drop_constraint foreign key", operation: { schema in
            let key = try #require(schema.table(childRef)?.foreignKeys.first)
            return .dropConstraint(childRef, .foreignKey(key))
        }, adjust: { _, child in child.foreignKeys.removeAll() }),

        RebuildCase(name: "create_primary_key", operation: { _ in
            .createPrimaryKey(childRef, PrimaryKey(name: "pk_child", columns: ["id"]))
        }, adjust: { _, child in
            child.primaryKey = CatalogKey(name: "pk_child", columns: ["id"])
            update(&child, column: "id") { $0.generated = "rowid" }
        }),
    ]

    static let g1 = guidBytes(1), g2 = guidBytes(2)

    @Test("a rebuild keeps rows, constraints, indexes and declared types", arguments: cases)
    func rebuild(_ rebuildCase: RebuildCase) throws {
        try TestDatabases.withScratchDatabase(.sqlite) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let session = ExecutedSession(connection)
            try session.apply(.createTable(Self.parent))
            try session.apply(.createTable(Self.child))
            let insertParent = "INSERT INTO parent (id, name, rank, extra) VALUES (?, ?, ?, ?)"
            try connection.execute(insertParent, [.blob(Self.g1), .text("alpha"), .integer(1), .text("x")])
            try connection.execute(insertParent, [.blob(Self.g2), .text("beta"), .integer(2), .null])
            let insertChild = "INSERT INTO child (id, parent_id, other_id, qty, label, note) VALUES (?, ?, ?, ?, ?, ?)"
            try connection.execute(insertChild, [.integer(1), .blob(Self.g1), .null, .integer(10), .text("a"), .text("n1")])
            try connection.execute(insertChild, [.integer(2), .blob(Self.g1), .blob(Self.g2), .integer(20), .text("b"), .null])
            try connection.execute(insertChild, [.integer(3), .blob(Self.g2), .null, .integer(30), .null, .text("n3")])
            try connection.execute(insertChild, [.integer(4), .blob(Self.g2), .blob(Self.g1), .integer(40), .text("d"), .null])

            var expectedParent = try session.catalog("parent")
            var expectedChild = try session.catalog("child")
            // The starting point is what was declared.
            #expect(expectedParent.columns.map(\.type) == ["BINARY(16)", "VARCHAR(50)", "INTEGER", "TEXT"])
            #expect(expectedChild.columns.map(\.type) == ["INTEGER", "BINARY(16)", "BINARY(16)", "INTEGER", "VARCHAR(20)", "TEXT"])
            #expect(expectedParent.uniques == [CatalogKey(name: "uq_parent_name", columns: ["name"])])
            #expect(expectedChild.foreignKeys.map(\.onDelete) == ["CASCADE"])
            let parentRows = try Self.dump(connection, "parent", orderBy: "rank")
            let childRows = try Self.dump(connection, "child", orderBy: "id")

            let operation = try rebuildCase.operation(session.schema)
            let statements = try session.apply(operation)
            #expect(statements.contains { $0.sql.hasPrefix("CREATE TABLE \"_alchemy_tmp_") }, "the operation rebuilds")

            rebuildCase.adjust(&expectedParent, &expectedChild)
            #expect(try session.catalog("parent").sortedForComparison == expectedParent.sortedForComparison)
            #expect(try session.catalog("child").sortedForComparison == expectedChild.sortedForComparison)

            // Every row, every value, under the (possibly renamed) column names.
            for (table, before, order) in [("parent", parentRows, "rank"), ("child", childRows, "id")] {
                let after = try Self.dump(connection, table, orderBy: order)
                #expect(after.count == before.count, "rows of \(table)")
                for (old, new) in zip(before, after) {
                    for (column, value) in old {
                        let name = table == "parent" ? rebuildCase.renamed[column] ?? column : column
                        guard let kept = new[name] else { continue }  // a dropped column
                        #expect(kept == value, "\(table).\(name)")
                    }
                }
            }

            #expect(try connection.query("PRAGMA foreign_key_check").isEmpty)
            #expect(try connection.query("PRAGMA integrity_check").first?[0].stringValue == "ok")
            #expect(try connection.query("PRAGMA foreign_keys").first?[0].int64Value == 1)
            #expect(try Catalog.tableNames(connection) == ["child", "parent"])

            // The foreign key still acts: deleting a parent cascades when the key is there.
            let cascades = try session.catalog("child").foreignKey("fk_child_parent_id_parent")?.onDelete == "CASCADE"
            try connection.execute("DELETE FROM parent WHERE rank = 1")  // g1
            #expect(try session.count("child") == (cascades ? 2 : 4))
            #expect(try session.count("parent") == 1)
            #expect(try connection.query("PRAGMA foreign_key_check").isEmpty)
        }
    }

    /// A parent rebuild with enforcement on would delete the children (DROP TABLE
    /// runs the cascade): the statements themselves turn it off, so even a runner
    /// that ran everything in order, pragmas included, keeps the rows.
    @Test("the rebuild's own pragmas protect the children when run verbatim")
    func verbatimRebuild() throws {
        try TestDatabases.withScratchDatabase(.sqlite) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let session = ExecutedSession(connection)
            try session.apply(.createTable(Self.parent))
            try session.apply(.createTable(Self.child))
            try connection.execute("INSERT INTO parent (id, name) VALUES (?, 'alpha')", [.blob(Self.g1)])
            try connection.execute("INSERT INTO child (id, parent_id, qty) VALUES (1, ?, 1)", [.blob(Self.g1)])
            let operation = MigrateOperation.dropColumn(Self.parentRef, try Self.existing(session.schema, Self.parentRef, "extra"))
            for statement in try session.sqlDialect.render(operation, in: session.schema) {
                if case .foreignKeyCheck = statement.kind {
                    #expect(try connection.query(statement.sql).isEmpty)
                } else {
                    try connection.execute(statement)
                }
            }
            #expect(try session.count("child") == 1)
            #expect(try connection.query("PRAGMA foreign_keys").first?[0].int64Value == 1)
        }
    }

    /// A rebuild that would leave a violation fails and rolls back: nothing changes.
    @Test("a rebuild whose foreign_key_check finds a violation is rolled back")
    func violationRollsBack() throws {
        try TestDatabases.withScratchDatabase(.sqlite) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let session = ExecutedSession(connection)
            try session.apply(.createTable(Self.parent))
            try session.apply(.createTable(Self.child))
            try connection.execute("INSERT INTO parent (id, name) VALUES (?, 'alpha')", [.blob(Self.g1)])
            try connection.execute("INSERT INTO child (id, parent_id, other_id, qty) VALUES (1, ?, ?, 1)",
                                   [.blob(Self.g1), .blob(Self.g2)])
            let before = try session.catalog("child")
            let key = ForeignKey(name: "fk_child_other_id_parent", columns: ["other_id"], referredTable: "parent",
                                 referredColumns: ["id"])
            #expect(throws: ExecutedError.self) { try session.apply(.createForeignKey(Self.childRef, key)) }
            #expect(try session.catalog("child") == before)
            #expect(try session.count("child") == 1)
            #expect(try Catalog.tableNames(connection) == ["child", "parent"])
        }
    }

    /// Column name to value for every row, blobs as bytes.
    static func dump(_ connection: any Connection, _ table: String, orderBy: String) throws -> [[String: DatabaseValue]] {
        try connection.query("SELECT * FROM \"\(table)\" ORDER BY \"\(orderBy)\"").map { row in
            Dictionary(uniqueKeysWithValues: zip(row.columns, row.values))
        }
    }
}

extension CatalogTable {
    /// Constraints and indexes in name order: a rebuild may list them differently.
    var sortedForComparison: CatalogTable {
        var table = self
        table.uniques.sort { ($0.name ?? "") < ($1.name ?? "") }
        table.foreignKeys.sort { ($0.name ?? "") < ($1.name ?? "") }
        table.checks.sort { ($0.name ?? "") < ($1.name ?? "") }
        table.indexes.sort { $0.name < $1.name }
        return table
    }
}
