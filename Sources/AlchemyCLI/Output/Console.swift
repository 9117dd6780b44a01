import AlchemyDatabase
#if canImport(Glibc)
import Glibc
#endif

/// Where the commands write: data to stdout, messages and errors to stderr.
struct Console {
    var format: OutputFormat
    var verbose: Bool
    var quiet: Bool

    init(options: GlobalOptions) {
        format = options.format ?? .text
        verbose = options.verbose
        quiet = options.quiet
    }

    /// Data the user asked for: always printed.
    func output(_ text: String) {
        print(text)
    }

    func json(_ value: JSONValue) {
        print(value.rendered())
    }

    /// Progress and confirmations: silenced by -q, and never mixed into JSON output.
    func info(_ text: String) {
        guard !quiet else { return }
        Self.writeError(text)
    }

    func detail(_ text: String) {
        guard verbose, !quiet else { return }
        Self.writeError(text)
    }

    static func printError(_ message: String, color: Bool = true) {
        // Every error line passes here: the last place a quoted URL or configuration value can leak a password.
        let message = Redaction.maskingCredentials(in: message)
        let useColor = color && Environment.value("NO_COLOR") == nil && isatty(STDERR_FILENO) == 1
        writeError((useColor ? "\u{1B}[31merror:\u{1B}[0m " : "error: ") + message)
    }

    static func writeError(_ text: String) {
        writeRaw(text + "\n")
    }

    /// Writes to stderr as is (progress lines rewrite themselves with `\r`).
    static func writeRaw(_ text: String) {
        // write(2) rather than the C `stderr` global, which Swift 6 rejects as shared mutable state.
        let line = Array(text.utf8)
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}

enum Environment {
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static var all: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
