import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// `check` says what differs, not only which column.
@Suite("check details")
struct CheckDetailTests {
    @Test("An altered column is listed with its type and nullability changes", arguments: TestDatabases.dialects)
    func alterColumnDetail(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try RunnerTests.Project(url: url, revisions: [
                ("aaaaaaaaaa01", "  - create_table: {name: note, columns: [{name: code, type: String(20), primary_key: true}, {name: title, type: String(100)?}]}", "  - drop_table: {name: note}"),
            ])
            defer { project.remove() }
            try FileManager.default.createDirectory(atPath: project.folder + "/models", withIntermediateDirectories: true)
            try "tables:\n  note:\n    columns:\n      code: {type: String(20), primary_key: true}\n      title: String(255)\n"
                .write(toFile: project.folder + "/models/note.yaml", atomically: true, encoding: .utf8)
            #expect(try project.alchemy("upgrade").status == 0)
            let check = try project.alchemy("check")
            #expect(check.status == 1, "\(check.stderr)")
            #expect(check.stdout.contains("alter_column note.title: type String(100) -> String(255); nullable -> NOT NULL"), "\(check.stdout)")
        }
    }
}
