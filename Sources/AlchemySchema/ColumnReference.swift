/// A column of a table, as a foreign key names it: `post.id` or `blog.post.id`.
public struct ColumnReference: Hashable, Sendable, CustomStringConvertible {
    public var table: TableReference
    public var column: String

    public init(table: TableReference, column: String) {
        self.table = table
        self.column = column
    }

    /// Reads `table.column` or `schema.table.column`, SQLAlchemy's `ForeignKey` spelling.
    ///
    /// Returns nil when a part is missing or empty.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        column = parts[parts.count - 1]
        table = TableReference(name: parts[parts.count - 2], schema: parts.count == 3 ? parts[0] : nil)
    }

    public var description: String { "\(table).\(column)" }
}
