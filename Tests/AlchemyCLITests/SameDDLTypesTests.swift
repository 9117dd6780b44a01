import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// Two declared types that render the same DDL on a dialect never differ there:
/// JSON, JsonB and StoredObject are all `JSON` on MariaDB (reported as `longtext`
/// with a `json_valid` check) and on SQLite, while PostgreSQL tells JSON from JSONB.
@Suite("Types that render the same DDL are the same type")
struct SameDDLTypesTests {
    static func models(data: String, doc: String, file: String) -> String {
        """
        tables:
          record:
            columns:
              id: {type: Integer, primary_key: true}
              data: \(data)?
              doc: \(doc)?
              file: "\(file)?"

        """
    }

    @Test("JSON, JsonB and StoredObject converge where they are one type", arguments: TestDatabases.dialects)
    func converge(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try AutogenerateProject(url: url, models: Self.models(data: "JSON", doc: "JsonB", file: "StoredObject(backend: files)"))
            defer { project.remove() }
            _ = try project.autogenerate("records")
            try project.succeed("upgrade", "head")
            try AutogenerateZeroDiffTests.expectNoChanges(project)

            try project.writeModels(Self.models(data: "JsonB", doc: "JSON", file: "JSON"))
            let check = try project.check()
            let expected = dialect == .postgresql
                ? ["alter_column record.data: type JSON -> JsonB", "alter_column record.doc: type JsonB -> JSON",
                   "alter_column record.file: type JsonB -> JSON"]
                : []
            #expect(check.operations.sorted() == expected, "\(dialect.rawValue): \(check.output)")
            if dialect == .postgresql {
                _ = try project.autogenerate("json kinds")
                try project.succeed("upgrade", "head")
                try AutogenerateZeroDiffTests.expectNoChanges(project)
            }
        }
    }
}
