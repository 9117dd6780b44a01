import AlchemyMigrate
import AlchemySchema
import Foundation
import Testing

/// The example project at the repository root stays consistent: its first
/// revision creates exactly the tables its models declare (as they were then),
/// and every revision file reads and forms one linear history.
@Suite("Example project")
struct ExampleProjectTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func initialTables() throws -> [Table] {
        let path = root + "/models/blog.yaml"
        let schema = try ModelLoader().load(path: "models/blog.yaml", contents: try String(contentsOfFile: path, encoding: .utf8))
        return schema.tables
    }

    /// The final schema the revisions describe, replayed without a database.
    static func replayed(_ script: ScriptDirectory) throws -> Schema {
        var schema = Schema()
        for step in try script.graph.upgradePlan(from: [], to: "heads") {
            for operation in try script.file(step.revision.id).upgrade {
                try schema.apply(operation)
            }
        }
        return schema
    }

    /// Tables compared as sets: add_column appends where the model may declare
    /// the column earlier, and order carries no meaning for the database.
    static func normalized(_ table: Table) -> Table {
        var table = table
        table.columns.sort { $0.name < $1.name }
        table.indexes.sort { $0.name < $1.name }
        table.uniqueConstraints.sort { ($0.name ?? "") < ($1.name ?? "") }
        table.foreignKeys.sort { ($0.name ?? "") < ($1.name ?? "") }
        table.checkConstraints.sort { ($0.name ?? "") < ($1.name ?? "") }
        return table
    }

    @Test("Replaying the revisions gives exactly the schema of models/blog.yaml")
    func revisionsMatchModels() throws {
        let script = try ScriptDirectory.load(location: Self.root + "/migrations")
        if ProcessInfo.processInfo.environment["ALCHEMY_PRINT_EXAMPLE"] == "1" {
            let ops = try Self.initialTables().map { MigrateOperation.createTable($0) }
            print(YAMLText.sequence(ops.map(OperationEncoder.encode)).render(indent: 2))
        }
        #expect(script.graph.heads.count == 1)
        #expect(script.headers.count >= 4)
        let replayed = try Self.replayed(script).tables.map(Self.normalized).sorted { $0.name < $1.name }
        let declared = try Self.initialTables().map(Self.normalized).sorted { $0.name < $1.name }
        #expect(replayed.map(\.name) == declared.map(\.name))
        for (made, model) in zip(replayed, declared) where made != model {
            Issue.record("table \(made.name) differs from models/blog.yaml:\n\(made)\n\(model)")
        }
    }
}
