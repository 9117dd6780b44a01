import Foundation
import Testing
@testable import AlchemySchema

/// `schema/models.schema.json` is what editors validate model files with; it
/// must list exactly the bases, mixins and types the loader accepts.
@Suite("JSON Schema for model files")
struct ModelsJSONSchemaTests {
    let definitions: [String: Any]

    init() throws {
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schema/models.schema.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        #expect(json?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        definitions = try #require(json?["$defs"] as? [String: Any])
    }

    @Test func basesAndMixinsMatchTheLoader() {
        #expect((definitions["base"] as? [String: Any])?["enum"] as? [String] == ModelPart.baseNames)
        #expect((definitions["mixin"] as? [String: Any])?["enum"] as? [String] == ModelPart.mixinNames)
    }

    @Test func typePatternNamesEveryType() throws {
        let typeExpression = try #require(definitions["typeExpression"] as? [String: Any])
        let anyOf = try #require(typeExpression["anyOf"] as? [[String: Any]])
        let pattern = try #require(anyOf.compactMap { $0["pattern"] as? String }.first)
        let names = try #require(pattern.split(separator: "(").dropFirst().first?.split(separator: ")").first)
        #expect(names.split(separator: "|").map(String.init) == ColumnTypeCatalog.names)
    }

    @Test func columnKeysMatchTheLoader() throws {
        let column = try #require(definitions["column"] as? [String: Any])
        let object = try #require((column["anyOf"] as? [[String: Any]])?.last)
        let keys = try #require((object["properties"] as? [String: Any])?.keys)
        #expect(Set(keys) == Set(ColumnDeclaration.keys + ["default"]))
        let table = try #require((definitions["table"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(table.keys) == Set(TableDeclaration.keys))
    }
}
