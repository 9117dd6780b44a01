/// alchemy's exit codes, the same for every command (README "Exit codes"):
/// scripts and CI tell a difference found from a broken set-up.
enum AlchemyExit {
    /// `check` found differences, `current --check-heads` found unapplied heads,
    /// or a migration failed.
    static let failed: Int32 = 1
    /// Configuration, connection or input error: nothing was changed.
    static let input: Int32 = 2
    /// The command line itself is wrong.
    static let usage: Int32 = 64
}
