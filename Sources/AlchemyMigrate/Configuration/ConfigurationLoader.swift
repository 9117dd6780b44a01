import AlchemyDatabase
import AlchemySchema

/// Reads `alchemy.yaml` text into a `ProjectConfiguration`.
///
/// Pure: the caller reads the file and passes the environment. Every error names
/// the file, line and column of the offending value.
public struct ConfigurationLoader {
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    static let perDatabaseKeys = [
        "url", "script_location", "models", "version_table", "version_table_schema", "file_template",
        "compare_type", "compare_server_default", "transaction_per_migration", "lock_timeout", "statement_timeout", "exclude_tables",
    ]
    static let topLevelKeys = ["database", "databases"] + perDatabaseKeys.filter { $0 != "url" }

    /// Reads and loads `alchemy.yaml` at `path`: a regular UTF-8 file, or one error line that says what to fix.
    public func load(file path: String) throws(ConfigurationError) -> ProjectConfiguration {
        try load(try LocalFiles.yamlSource(of: path, kind: "configuration file").text, file: path)
    }

    /// True when something is at `path`, a broken symbolic link included (it then
    /// gets its own message from ``load(file:)`` rather than "no alchemy.yaml").
    public static func fileIsPresent(_ path: String) -> Bool {
        LocalFiles.entryExists(path)
    }

    /// `--statement-timeout DURATION` (or `off`): the same range as `statement_timeout`.
    public static func statementTimeout(option text: String) throws(ConfigurationError) -> Double? {
        if text.trimmingWhitespace() == "off" { return nil }
        guard let seconds = DurationText.seconds(text), seconds > 0 else {
            throw ConfigurationError(file: nil, message: "--statement-timeout '\(Redaction.maskingCredentials(in: text))' is not a duration above 0 and up to 24h in steps of 1ms (for example 30s or 5m); write off for no limit")
        }
        return seconds
    }

    public func load(_ text: String, file: String) throws(ConfigurationError) -> ProjectConfiguration {
        if let line = AlembicIniFile.sectionLine(in: text, file: file) {
            throw ConfigurationError(file: file, line: line, column: 1, message: AlembicIniFile.message)
        }
        let reader = YAMLReader(file: file)
        guard let root = try reader.parse(text) else {
            throw ConfigurationError(file: file, line: 1, column: 1, message: "the file is empty; expected at least `database: {url: ...}` (alchemy database init writes one)")
        }
        let top = try reader.mapping(root, what: "the configuration")
        try reader.rejectUnknownKeys(top, allowed: Self.topLevelKeys, in: "the configuration")

        var shared = DatabaseConfiguration()
        try apply(top, to: &shared, reader: reader)

        if let databases = top.first(where: { $0.key == "databases" }) {
            if top.contains(where: { $0.key == "database" }) {
                throw reader.error(databases.node, "use either `database:` or `databases:`, not both")
            }
            let entries = try reader.mapping(databases.node, what: "`databases`")
            guard !entries.isEmpty else { throw reader.error(databases.node, "`databases` is empty; add a `default:` entry with a url") }
            var list: [DatabaseConfiguration] = []
            for entry in entries {
                var database = shared
                database.name = entry.key
                let settings = try reader.mapping(entry.node, what: "database '\(entry.key)'")
                try reader.rejectUnknownKeys(settings, allowed: Self.perDatabaseKeys, in: "database '\(entry.key)'")
                try apply(settings, to: &database, reader: reader)
                list.append(database)
            }
            // `default` first, so that it is what runs without --bind.
            list.sort { ($0.name == "default" ? 0 : 1) < ($1.name == "default" ? 0 : 1) }
            return ProjectConfiguration(file: file, databases: list)
        }
        if let database = top.first(where: { $0.key == "database" }) {
            let settings = try reader.mapping(database.node, what: "`database`")
            try reader.rejectUnknownKeys(settings, allowed: ["url"], in: "`database`")
            try apply(settings, to: &shared, reader: reader)
        }
        return ProjectConfiguration(file: file, databases: [shared])
    }

    private func apply(_ entries: [YAMLReader.Entry], to database: inout DatabaseConfiguration, reader: YAMLReader) throws(ConfigurationError) {
        for entry in entries {
            let node = entry.node
            let what = "`\(entry.key)`"
            switch entry.key {
            case "url": database.url = try value(node, what: what, reader)
            case "script_location": database.scriptLocation = try value(node, what: what, reader)
            case "models": database.models = try reader.strings(node, what: what).map { text throws(ConfigurationError) in try expand(text, node, reader) }
            case "version_table": database.versionTable = try value(node, what: what, reader)
            case "version_table_schema":
                database.versionTableSchema = reader.isNull(node) ? nil : try value(node, what: what, reader)
            case "file_template": database.fileTemplate = try value(node, what: what, reader)
            case "compare_type": database.compareType = try reader.bool(node, what: what)
            case "compare_server_default": database.compareServerDefault = try reader.bool(node, what: what)
            case "transaction_per_migration": database.transactionPerMigration = try reader.bool(node, what: what)
            case "exclude_tables": database.excludeTables = try reader.strings(node, what: what)
            case "lock_timeout":
                database.lockTimeout = try duration(node, key: entry.key, reader)
            case "statement_timeout":
                let isOff = reader.isNull(node) ? true : try value(node, what: what, reader).trimmingWhitespace() == "off"
                if isOff {
                    database.statementTimeout = nil
                } else {
                    let seconds = try duration(node, key: entry.key, reader)
                    guard seconds > 0 else { throw reader.error(node, "statement_timeout 0 would stop every statement; write off (the default) for no limit") }
                    database.statementTimeout = seconds
                }
            default: break
            }
        }
    }

    /// The message quotes the value as written, not as expanded: `${DATABASE_URL}`
    /// by mistake must not print the URL.
    private func duration(_ node: YAMLNode, key: String, _ reader: YAMLReader) throws(ConfigurationError) -> Double {
        let written = try reader.string(node, what: "`\(key)`")
        guard let seconds = DurationText.seconds(try expand(written, node, reader)) else {
            throw reader.error(node, "\(key) '\(Redaction.maskingCredentials(in: written))' is not a duration \(DurationText.rangeDescription)")
        }
        return seconds
    }

    private func value(_ node: YAMLNode, what: String, _ reader: YAMLReader) throws(ConfigurationError) -> String {
        try expand(try reader.string(node, what: what), node, reader)
    }

    private func expand(_ text: String, _ node: YAMLNode, _ reader: YAMLReader) throws(ConfigurationError) -> String {
        do {
            return try EnvironmentInterpolation.expand(text, environment: environment)
        } catch .unset(let name) {
            throw reader.error(node, "environment variable \(name) is not set; set it or give a default: ${\(name):-value}")
        } catch {
            throw reader.error(node, "`${` without a closing `}`")
        }
    }
}
