/// An index on columns (or expressions) of one table, partial when it has `where`.
public struct Index: Hashable, Sendable {
    public var name: String
    public var columns: [String]
    public var unique: Bool
    /// SQL expressions indexed after the columns (`lower(email)`), as written.
    public var expressions: [String]
    /// The predicate of a partial index (`status = 'paid'`), as written; nil for a
    /// full index. PostgreSQL and SQLite have partial indexes, MySQL/MariaDB do not.
    public var `where`: String?

    public init(name: String, columns: [String], unique: Bool = false, expressions: [String] = [], where predicate: String? = nil) {
        self.name = name
        self.columns = columns
        self.unique = unique
        self.expressions = expressions
        self.where = predicate
    }
}
