/// A database schema: what the models declare or what introspection found.
public struct Schema: Hashable, Sendable {
    public var tables: [Table]

    public init(tables: [Table] = []) {
        self.tables = tables
    }

    public func table(_ reference: TableReference) -> Table? {
        tables.first { $0.name == reference.name && $0.schema == reference.schema }
    }
}
