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

    /// Runs the command line; every failure ends as one `error: ...` line and a non-zero exit.
    public static func main(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Glibc.exit(0)
        } catch let failure as CommandFailure {
            Console.printError(failure.message)
            Glibc.exit(failure.exitCode)
        } catch let error as UserFacingError {
            Console.printError(error.userMessage)
            Glibc.exit(error.exitCode)
        } catch {
            exit(withError: error)
        }
    }

    /// The one-line message for any error a command meets.
    static func message(for error: Error) -> String {
        switch error {
        case let failure as CommandFailure: failure.message
        case let known as UserFacingError: known.userMessage
        default: "\(error)"
        }
    }
}

public enum AlchemyVersion {
    public static let current = "0.1.0"
}
