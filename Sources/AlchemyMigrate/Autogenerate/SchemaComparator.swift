import AlchemySchema
import AlchemySQL

/// The comparison half of autogenerate: what must change for a live database to
/// match the declared models. Pure: it reads two `Schema` values and does no I/O.
///
/// Each concern has its own file, as in Alembic's `autogenerate/compare/`:
/// tables, columns, types, enums, nullability, server defaults, comments,
/// primary keys, indexes, unique constraints, foreign keys and check constraints.
/// `OperationOrder.swift` puts the results in an order that runs.
///
/// A live column's `nativeType` (the type as the server reports it) is checked
/// against the dialect's rendering of the declared type with the dialect's
/// canonical spellings (`Dialect.sameType`), so a database that already matches
/// the models gives no operation on any dialect.
///
/// ```swift
/// let comparator = SchemaComparator(dialect: .postgresql, options: ComparisonOptions())
/// let comparison = comparator.compare(declared: models, live: introspected)
/// if !comparison.isEmpty { print(comparison.summary.joined(separator: "\n")) }
/// ```
public struct SchemaComparator: Sendable {
    public var dialectName: DialectName
    public var options: ComparisonOptions
    /// The live server's spelling of declared CHECK conditions, for those
    /// ``checkConditionsToAsk(declared:live:)`` lists; `nil` when it was not asked
    /// (checks of the same name are then the same check).
    public var reportedChecks: [CheckCondition: String]?
    /// Why the server could not be asked at all, for the warning that says so.
    public var reportedChecksFailure: String?

    public init(dialect: DialectName, options: ComparisonOptions = ComparisonOptions(),
                reportedChecks: [CheckCondition: String]? = nil) {
        self.dialectName = dialect
        self.options = options
        self.reportedChecks = reportedChecks
    }

    var dialect: any Dialect { dialectName.dialect }

    /// The operations that turn `live` into `declared`, and their reverse.
    public func compare(declared: Schema, live: Schema) -> Comparison {
        comparison(of: changeSet(declared: declared, live: live))
    }

    /// The comparison, and the declared CHECK conditions whose live check of the
    /// same name reads otherwise: only the server can say whether they are the same
    /// condition. With none to ask, the comparison is final (one pass over the schema).
    public func compareListingQuestions(declared: Schema, live: Schema) -> (comparison: Comparison, questions: [CheckCondition]) {
        let changes = changeSet(declared: declared, live: live)
        return (comparison(of: changes), changes.checkConditionsToAsk)
    }

    public func checkConditionsToAsk(declared: Schema, live: Schema) -> [CheckCondition] {
        changeSet(declared: declared, live: live).checkConditionsToAsk
    }

    private func comparison(of changes: ChangeSet) -> Comparison {
        let warnings = changes.warnings + [unansweredChecksWarning(changes.unansweredChecks)].compactMap { $0 }
        return Comparison(upgrade: changes.operations, warnings: warnings, dialect: dialect)
    }

    private func changeSet(declared: Schema, live: Schema) -> ChangeSet {
        let declaredTables = declared.tables.filter { !options.isExcluded($0.reference) }
        let liveTables = live.tables.filter { !options.isExcluded($0.reference) && !isInternal($0) }
        var changes = ChangeSet()
        compareTables(declared: declaredTables, live: liveTables, into: &changes)
        return changes
    }

    /// Tables the database keeps for itself (`sqlite_sequence`, `sqlite_stat1`).
    private func isInternal(_ table: Table) -> Bool {
        dialect.isInternalTable(table.name)
    }

    /// Whether the database stores table and column comments (SQLite does not, so
    /// a declared comment is never "missing" there).
    var storesComments: Bool {
        !dialect.tableComment("", on: TableReference(name: "t")).isEmpty
    }
}

/// The operations found, by the phase they run in (see `OperationOrder.swift`).
struct ChangeSet {
    /// Foreign keys removed or changed, and those of a cycle among dropped tables.
    var dropForeignKeys: [MigrateOperation] = []
    /// Indexes and unique, check and primary-key constraints removed or changed.
    var dropIndexesAndConstraints: [MigrateOperation] = []
    /// Column additions, alterations, drops, and table comments of kept tables.
    var columnChanges: [MigrateOperation] = []
    /// Indexes and constraints added to kept tables.
    var createIndexesAndConstraints: [MigrateOperation] = []
    /// New tables, each with its indexes and its foreign keys.
    var createTables: [Table] = []
    /// Foreign keys added to kept tables.
    var createForeignKeys: [MigrateOperation] = []
    /// Tables the models no longer have, with their live definition.
    var dropTables: [Table] = []
    /// What was left alone on purpose, for `Comparison.warnings`.
    var warnings: [String] = []
    /// Declared check conditions that need the server's spelling to compare.
    var checkConditionsToAsk: [CheckCondition] = []
    /// Checks that needed it and did not get it (`name on table`).
    var unansweredChecks: [String] = []
}
