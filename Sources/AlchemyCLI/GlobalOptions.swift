import ArgumentParser

/// Options every command accepts, before or after the command name.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file (default: ./alchemy.yaml).", valueName: "FILE"))
    public var config: String?

    @Option(name: [.long, .customLong("bind-key")], help: ArgumentHelp("Which database of a `databases:` configuration (also --bind-key, Advanced Alchemy's name).", valueName: "NAME"))
    public var bind: String?

    @Option(name: .long, help: ArgumentHelp("Database URL, overriding the configuration's.", valueName: "URL"))
    public var url: String?

    @Option(name: .customLong("statement-timeout"),
            help: ArgumentHelp("Longest a statement may run, overriding statement_timeout (e.g. 30s, 5m; off for no limit).", valueName: "DURATION"))
    public var statementTimeout: String?

    @Option(name: .long, help: "Output format: text or json.")
    public var format: OutputFormat?

    @Flag(name: .customLong("no-color"), help: "No ANSI colours (also when NO_COLOR is set).")
    public var noColor = false

    @Flag(name: .shortAndLong, help: "More detail.")
    public var verbose = false

    @Flag(name: .short, help: "Only errors.")
    public var quiet = false

    public init() {}
}

public enum OutputFormat: String, ExpressibleByArgument, Sendable {
    case text
    case json
}
