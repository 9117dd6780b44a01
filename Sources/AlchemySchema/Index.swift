/// An index on columns of one table.
public struct Index: Hashable, Sendable {
    public var name: String
    public var columns: [String]
    public var unique: Bool
    /// Expression indexes are introspected and shown, never compared.
    public var expressions: [String]

    public init(name: String, columns: [String], unique: Bool = false, expressions: [String] = []) {
        self.name = name
        self.columns = columns
        self.unique = unique
        self.expressions = expressions
    }
}
