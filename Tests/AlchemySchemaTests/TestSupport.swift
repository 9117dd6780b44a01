import Testing
@testable import AlchemySchema

/// Loads one model file given as text, as `models/test.yaml`.
func loadModel(_ text: String, convention: NamingConvention = .advancedAlchemy) throws -> Schema {
    try ModelLoader(namingConvention: convention).load(path: "models/test.yaml", contents: text)
}

/// The error a model file fails with, or nil (recorded as a test failure) when it loads.
func modelError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ModelError? {
    do {
        _ = try ModelLoader().load(path: "models/test.yaml", contents: text)
        Issue.record("expected a ModelError, but the model loaded", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

extension Schema {
    /// The table with this name; fails the test when missing.
    func require(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Table {
        try #require(table(TableReference(name: name)), "no table \(name)", sourceLocation: sourceLocation)
    }
}

extension Table {
    var columnNames: [String] { columns.map(\.name) }

    func require(column name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Column {
        try #require(column(named: name), "no column \(name)", sourceLocation: sourceLocation)
    }
}
