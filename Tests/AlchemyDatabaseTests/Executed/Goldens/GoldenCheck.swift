import AlchemySchema

/// What one golden operation needs before it runs, and what the catalog must show
/// after it ran.
struct GoldenCheck: Sendable {
    /// Operations applied (rendered by alchemy) after the fixture context, so that
    /// the golden finds what it acts on: the comment it drops, the rows it updates.
    var setup: [MigrateOperation]
    /// Reads the database's own catalog (never alchemy's introspection) and
    /// records an issue for each difference from the operation's effect.
    var verify: @Sendable (ExecutedSession) throws -> Void

    init(setup: [MigrateOperation] = [], _ verify: @escaping @Sendable (ExecutedSession) throws -> Void) {
        self.setup = setup
        self.verify = verify
    }
}
