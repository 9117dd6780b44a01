import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// `alchemy`: the root command.
public struct AlchemyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "alchemy",
        abstract: "Database migrations from declared models: autogenerate, upgrade, downgrade, history.",
        discussion: "Works on SQLite, PostgreSQL and MariaDB/MySQL with Alembic's version table.",
        version: AlchemyVersion.current,
        subcommands: [DatabaseCommand.self]
    )

    @OptionGroup public var global: GlobalOptions

    public init() {}

    /// Runs the command line; every failure ends as one `error: ...` line (a JSON
    /// object with `--format json`) and an exit code of ``ExitCode``'s table.
    public static func main(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            ProcessEnd.now(0)
        } catch let failure as CommandFailure {
            ErrorReport(message: failure.message, exitCode: failure.exitCode).print()
        } catch let error as UserFacingError {
            ErrorReport(message: error.userMessage, exitCode: error.exitCode).print()
        } catch let code as ExitCode {
            // A command that printed its own result and chose its status (`check`).
            ProcessEnd.now(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version: what the user asked for, on stdout.
                Swift.print(fullMessage(for: error))
                ProcessEnd.now(0)
            }
            if code.rawValue == ExitCode.validationFailure.rawValue {
                // Argument-parser's usage errors: one line in alchemy's form, exit 64.
                let first = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
                ErrorReport(message: first + "; " + usageHint(arguments ?? Array(CommandLine.arguments.dropFirst())), exitCode: AlchemyExit.usage).print()
            }
            ErrorReport(message: message(for: error), exitCode: AlchemyExit.input).print()
        }
    }

    /// The one-line message for any error a command meets.
    static func message(for error: Error) -> String {
        switch error {
        case let failure as CommandFailure: failure.message
        case let known as UserFacingError: known.userMessage
        default: Self.parserMessage(for: error)
        }
    }
}

extension AlchemyCommand {
    /// `alchemy upgrade` is a command Alembic users type: name the one they mean.
    static func usageHint(_ arguments: [String]) -> String {
        let names = DatabaseCommand.configuration.subcommands.compactMap { $0.configuration.commandName }
        if let first = arguments.first, names.contains(first) {
            return "alchemy's commands are under `database`: run `alchemy database \(first)`"
        }
        return "see `alchemy database --help`"
    }

    /// Argument-parser's text without its `Error: ` prefix.
    static func parserMessage(for error: Error) -> String {
        let text = GlobalOptions.message(for: error)
        return text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text
    }
}

public enum AlchemyVersion {
    public static let current = "0.1.0"
}
