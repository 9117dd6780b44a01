import AlchemySchema

/// What a live catalog holds besides what the models declare: the defaults, for
/// a database that adds nothing of its own. SQLite and the MySQL family override
/// them in their `*ReportedTypes.swift` files.
extension Dialect {
    public func isInternalTable(_ name: String) -> Bool { false }
    public func isInternalIndex(_ name: String) -> Bool { false }
    public func isServerMadeCheck(_ check: CheckConstraint) -> Bool { false }
    public var indexesForeignKeys: Bool { false }
    public var restrictIsNoAction: Bool { false }
    public var reportsUniqueIndexesAsConstraints: Bool { false }
}
