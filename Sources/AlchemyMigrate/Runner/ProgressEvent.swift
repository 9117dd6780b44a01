/// What a run reports as it goes, for progress lines and logs.
public enum ProgressEvent: Sendable {
    /// The lock's name, as the run asks for it.
    case takingLock(String)
    /// Another run holds the lock and this one waits: said once, holder included.
    case lockBusy(String)
    case started(index: Int, total: Int, step: MigrationStep)
    case finished(index: Int, total: Int, step: MigrationStep, seconds: Double)
}
