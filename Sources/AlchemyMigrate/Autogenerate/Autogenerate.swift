import AlchemyDatabase
import AlchemySchema

/// Models versus the live database: what `revision --autogenerate` writes and
/// what `check` reports.
public struct Autogenerate {
    public var declared: Schema
    public var options: ComparisonOptions

    public init(declared: Schema, options: ComparisonOptions) {
        self.declared = declared
        self.options = options
    }

    /// The database must be at head first, as Alembic requires: otherwise the
    /// difference would repeat what pending revisions already do.
    public func compare(on connection: any Connection, graph: RevisionGraph, versionTable: VersionTable) throws -> Comparison {
        let current = try versionTable.currentHeads(on: connection)
        let heads = graph.effectiveHeads.sorted()
        if current.sorted() != heads {
            throw NotAtHead(current: current, heads: heads,
                            hint: current.isEmpty ? try versionTable.alembicDefaultInUse(on: connection) : nil)
        }
        var options = IntrospectionOptions(
            versionTable: versionTable.name,
            versionTableSchema: versionTable.schema,
            excludeTables: self.options.excludeTables)
        var live = try connection.introspect(options)
        // Schemas other than the default are read when the models name them (`schema:`),
        // in one more batch of catalog queries, whatever their number.
        let others = Set(declared.tables.compactMap(\.schema)).sorted()
        if !others.isEmpty {
            options.schemas = others
            live.tables += try connection.introspect(options).tables.filter { $0.schema != nil }
        }
        var comparator = SchemaComparator(dialect: connection.dialect, options: self.options)
        comparator.reportedChecks = [:]
        let (first, conditions) = comparator.compareListingQuestions(declared: declared, live: live)
        guard !conditions.isEmpty else { return first }
        // Failing to ask never fails the comparison: the checks are then compared by name, with a warning.
        do {
            comparator.reportedChecks = try makeIntrospector(connection).reportedCheckConditions(conditions)
        } catch {
            comparator.reportedChecksFailure = "\(error)"
        }
        return comparator.compare(declared: declared, live: live)
    }
}

/// Autogenerate on a database that has revisions still to apply.
public struct NotAtHead: Error, CustomStringConvertible {
    public var current: [String]
    public var heads: [String]
    /// Why the database may only look behind (Alembic's `alembic_version` in use).
    public var hint: String?

    public init(current: [String], heads: [String], hint: String? = nil) {
        self.current = current
        self.heads = heads
        self.hint = hint
    }

    public var description: String {
        if let hint { return hint }
        let at = current.isEmpty ? "base" : current.joined(separator: ", ")
        let head = heads.isEmpty ? "no revision files define a head" : (heads.count == 1 ? "head is " : "heads are ") + heads.joined(separator: ", ")
        return "the database is not up to date (at \(at); \(head)): run `alchemy database upgrade` first, then compare again"
    }
}
