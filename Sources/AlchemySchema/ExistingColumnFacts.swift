/// Which facts about a column before an `alter_column` the operation states.
///
/// Autogenerate knows them all (it read the live column). A hand-written
/// revision may leave some out, as Alembic allows: PostgreSQL changes one
/// property at a time and needs none of them, while MySQL's `MODIFY COLUMN`
/// restates the whole column and needs the type. What a file leaves out is taken
/// from the schema the earlier revisions describe, when it has the column.
public struct ExistingColumnFacts: OptionSet, Hashable, Sendable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    public static let type = ExistingColumnFacts(rawValue: 1 << 0)
    public static let nullable = ExistingColumnFacts(rawValue: 1 << 1)
    public static let serverDefault = ExistingColumnFacts(rawValue: 1 << 2)
    public static let comment = ExistingColumnFacts(rawValue: 1 << 3)
    public static let autoincrement = ExistingColumnFacts(rawValue: 1 << 4)

    public static let all: ExistingColumnFacts = [.type, .nullable, .serverDefault, .comment, .autoincrement]
}
