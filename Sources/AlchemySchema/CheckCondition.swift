/// A declared CHECK condition on a live table: what autogenerate asks the live
/// server to spell back, since servers rewrite the text they are given
/// (`email LIKE '%@%'` reads back from PostgreSQL as `(email)::text ~~ '%@%'::text`)
/// and only the server knows how. The table is part of the question because the
/// rewrite depends on its column types.
public struct CheckCondition: Hashable, Sendable {
    public var table: TableReference
    public var sqltext: String

    public init(table: TableReference, sqltext: String) {
        self.table = table
        self.sqltext = sqltext
    }
}
