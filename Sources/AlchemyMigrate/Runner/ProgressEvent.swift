/// What a run reports as it goes, for progress lines and logs.
public enum ProgressEvent: Sendable {
    case waitingForLock(String)
    case started(index: Int, total: Int, step: MigrationStep)
    case finished(index: Int, total: Int, step: MigrationStep, seconds: Double)
}
