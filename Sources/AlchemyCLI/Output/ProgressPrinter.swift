import AlchemyMigrate
#if canImport(Glibc)
import Glibc
#endif

/// Progress of a run: a live line on a terminal (which revision, how many left,
/// elapsed), one plain line per revision with -v elsewhere, so CI logs stay short.
struct ProgressPrinter {
    var console: Console
    var interactive: Bool

    init(console: Console) {
        self.console = console
        interactive = isatty(STDERR_FILENO) == 1 && !console.quiet && console.format == .text
    }

    func handle(_ event: ProgressEvent) {
        switch event {
        case .waitingForLock(let name):
            console.detail("taking the migration lock \(name)")
        case .started(let index, let total, let step):
            if interactive {
                Console.writeRaw("\r\u{1B}[2K[\(index + 1)/\(total)] \(Self.describe(step)) ...")
            }
        case .finished(let index, let total, let step, let seconds):
            // Quiet runs (CI logs, --format json) build no line at all.
            guard interactive || console.verbose else { return }
            let line = "[\(index + 1)/\(total)] \(Self.describe(step)) (\(Self.format(seconds)))"
            if interactive {
                Console.writeRaw("\r\u{1B}[2K" + line + (index + 1 == total ? "\n" : ""))
            } else {
                console.detail(line)
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
