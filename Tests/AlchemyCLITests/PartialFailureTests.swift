import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// A revision that fails after some of its work committed says which operations
/// stay, from what happened, not from which database it is.
@Suite("Partial failures")
struct PartialFailureTests {
    typealias Project = RunnerTests.Project

    static let create = "  - create_table: {name: part_a, columns: [{name: id, type: Integer, primary_key: true}]}\n"
        + "  - create_table: {name: part_b, columns: [{name: id, type: Integer, primary_key: true}]}\n"
        + "  - execute: {sql: \"INSERT INTO no_such_table VALUES (1)\"}"

    @Test("MariaDB: the error lists the operations that committed; a retry does not claim nothing was ever applied")
    func mariaDB() throws {
        guard TestDatabases.dialects.contains(.mariadb) else { return }
        try TestDatabases.withScratchDatabase(.mariadb) { url in
            let project = try Project(url: url, revisions: [("aaaaaaaaaa01", Self.create, "  []")])
            defer { project.remove() }
            let first = try project.alchemy("upgrade")
            #expect(first.status == 1)
            #expect(first.stderr.contains("committed before the failure and stay applied: create_table part_a, create_table part_b;"), "\(first.stderr)")
            let retry = try project.alchemy("upgrade")
            #expect(retry.status == 1)
            #expect(!retry.stderr.contains("nothing of it was applied"), "\(retry.stderr)")
            #expect(retry.stderr.contains("an earlier failed attempt may have left part of it"), "\(retry.stderr)")
        }
    }

    @Test("PostgreSQL and SQLite: a transactional failure applies nothing; a failure after CREATE INDEX CONCURRENTLY names that index, not MariaDB",
          arguments: TestDatabases.dialects.filter { $0 != .mariadb })
    func transactional(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try Project(url: url, revisions: [
                ("aaaaaaaaaa01", "  - create_table: {name: part_a, columns: [{name: id, type: Integer, primary_key: true}, {name: n, type: Integer?}]}", "  []"),
                ("aaaaaaaaaa02", "  - create_index: {name: ix_part_a_n, table: part_a, columns: [n], concurrently: true}\n"
                    + "  - execute: {sql: \"INSERT INTO no_such_table VALUES (1)\"}", "  []"),
            ])
            defer { project.remove() }
            let result = try project.alchemy("upgrade")
            #expect(result.status == 1)
            #expect(!result.stderr.contains("MariaDB"), "\(result.stderr)")
            if dialect == .postgresql {
                #expect(result.stderr.contains("stay applied: create_index ix_part_a_n"), "\(result.stderr)")
            } else {
                #expect(result.stderr.contains("nothing of it was applied"), "\(result.stderr)")
            }
        }
    }
}
