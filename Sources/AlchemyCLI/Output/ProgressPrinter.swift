import AlchemyMigrate
#if canImport(Glibc)
import Glibc
#endif

/// Progress of a run: a live line on a terminal (which revision, how many left,
/// elapsed); elsewhere (CI logs) one line per revision as it finishes, in the
/// form Alembic users grep for: `upgrade a1b2 -> c3d4: add users (35 ms)`.
/// `-q` and `--format json` print none.
struct ProgressPrinter {
    var console: Console
    var interactive: Bool

    init(console: Console) {
        self.console = console
        interactive = isatty(STDERR_FILENO) == 1 && !console.quiet && console.format == .text
    }

    func handle(_ event: ProgressEvent) {
        switch event {
        case .takingLock(let name):
            console.detail("taking the migration lock \(name)")
        case .lockBusy(let message):
            guard !console.quiet, console.format == .text else { return }
            Console.writeError(message)
        case .started(let index, let total, let step):
            if interactive {
                Console.writeRaw("\r\u{1B}[2K[\(index + 1)/\(total)] \(Self.describe(step)) ...")
            }
        case .finished(let index, let total, let step, let seconds):
            // Quiet runs (-q, --format json) build no line at all.
            guard !console.quiet, console.format == .text else { return }
            if interactive {
                let line = "[\(index + 1)/\(total)] \(Self.describe(step)) (\(Self.format(seconds)))"
                Console.writeRaw("\r\u{1B}[2K" + line + (index + 1 == total ? "\n" : ""))
            } else {
                let message = step.revision.message.isEmpty ? "" : ": " + step.revision.message
                Console.writeError("\(step.direction.rawValue) \(step.move)\(message) (\(Self.format(seconds)))")
            }
        }
    }

    static func describe(_ step: MigrationStep) -> String {
        let verb = step.direction == .up ? "upgrade" : "downgrade"
        let message = step.revision.message.isEmpty ? "" : " " + step.revision.message
        return "\(verb) \(step.revision.id)\(message)"
    }

    static func format(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : "\((seconds * 100).rounded() / 100) s"
    }
}
