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

            // The same as fields, for machines.
            let json = try project.alchemy("check", "--format", "json")
            #expect(json.status == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
            let details = try #require(object["details"] as? [[String: Any]])
            #expect(details.count == 1)
            let detail = try #require(details.first)
            #expect(detail["operation"] as? String == "alter_column")
            #expect(detail["table"] as? String == "note")
            #expect(detail["column"] as? String == "title")
            let changes = try #require(detail["changes"] as? [String: [String: Any]])
            #expect(changes["type"]?["from"] as? String == "String(100)")
            #expect(changes["type"]?["to"] as? String == "String(255)")
            #expect(changes["nullable"]?["from"] as? Bool == true)
            #expect(changes["nullable"]?["to"] as? Bool == false)
            #expect(Set(changes.keys) == ["type", "nullable"])
        }
    }
}
