import AlchemySchema
import AlchemySQL

/// The result of comparing the declared schema with a live one: the operations
/// that make the database match the models, and their exact reverse.
public struct Comparison: Hashable, Sendable {
    /// Operations in the order they must run.
    public var upgrade: [MigrateOperation]
    /// The reverse of each upgrade operation, in reverse order. Drops carry full
    /// definitions (the live table, column, index or constraint), so nothing is lost.
    public var downgrade: [MigrateOperation]

    /// What the comparison left alone on purpose, one line each (printed as
    /// `warning: ...`): a table shaped like another tool's version table, an
    /// index whose definition could not be read. Warnings are not differences.
    public var warnings: [String]

    /// `dialect` supplies the type conversions the downgrade needs (see
    /// ``Dialect/typeConversion(of:to:)``); without one the downgrade has none.
    public init(upgrade: [MigrateOperation], warnings: [String] = [], dialect: (any Dialect)? = nil) {
        self.upgrade = upgrade
        self.downgrade = upgrade.reversed().map { $0.reversed { column, type in dialect?.typeConversion(of: column, to: type) } }
        self.warnings = warnings
    }

    /// No difference: what `check` reports as success.
    public var isEmpty: Bool { upgrade.isEmpty }

    /// One line per upgrade operation, as `check` lists them
    /// (`add_column post.published`, `alter_column post.title`).
    public var summary: [String] { upgrade.map(\.summary) }
}
