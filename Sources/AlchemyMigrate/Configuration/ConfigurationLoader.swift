import AlchemySchema
import Yams

/// Reads `alchemy.yaml` text into a `ProjectConfiguration`.
///
/// Pure: the caller reads the file and passes the environment. Every error names
/// the file, line and column of the offending value.
public struct ConfigurationLoader {
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    static let perDatabaseKeys: Set<String> = [
        "url", "script_location", "models", "version_table", "version_table_schema", "file_template",
        "compare_type", "compare_server_default", "transaction_per_migration", "lock_timeout", "exclude_tables",
    ]
    static let topLevelKeys: Set<String> = perDatabaseKeys.union(["database", "databases"]).subtracting(["url"])

    public func load(_ text: String, file: String) throws(ConfigurationError) -> ProjectConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(file: file, line: error.line, column: error.column, message: "invalid YAML: \(error.summary)")
        } catch {
            throw ConfigurationError(file: file, line: nil, column: nil, message: "invalid YAML: \(error)")
        }
        guard let root else {
            throw ConfigurationError(file: file, line: 1, column: 1, message: "the file is empty; expected at least `database: {url: ...}` (alchemy database init writes one)")
        }
        let reader = NodeReader(file: file, environment: environment)
        let top = try reader.mapping(root, what: "the configuration")
        try reader.rejectUnknownKeys(top, allowed: Self.topLevelKeys)

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
                try reader.rejectUnknownKeys(settings, allowed: Self.perDatabaseKeys)
                try apply(settings, to: &database, reader: reader)
                list.append(database)
            }
            // `default` first, so that it is what runs without --bind.
            list.sort { ($0.name == "default" ? 0 : 1) < ($1.name == "default" ? 0 : 1) }
            return ProjectConfiguration(file: file, databases: list)
        }
        if let database = top.first(where: { $0.key == "database" }) {
            let settings = try reader.mapping(database.node, what: "`database`")
            try reader.rejectUnknownKeys(settings, allowed: ["url"])
            try apply(settings, to: &shared, reader: reader)
        }
        return ProjectConfiguration(file: file, databases: [shared])
    }

    private func apply(_ entries: [NodeReader.Entry], to database: inout DatabaseConfiguration, reader: NodeReader) throws(ConfigurationError) {
        for entry in entries {
            let node = entry.node
            switch entry.key {
            case "url": database.url = try reader.string(node, key: entry.key)
            case "script_location": database.scriptLocation = try reader.string(node, key: entry.key)
            case "models": database.models = try reader.strings(node, key: entry.key)
            case "version_table": database.versionTable = try reader.string(node, key: entry.key)
            case "version_table_schema": database.versionTableSchema = try reader.optionalString(node, key: entry.key)
            case "file_template": database.fileTemplate = try reader.string(node, key: entry.key)
            case "compare_type": database.compareType = try reader.bool(node, key: entry.key)
            case "compare_server_default": database.compareServerDefault = try reader.bool(node, key: entry.key)
            case "transaction_per_migration": database.transactionPerMigration = try reader.bool(node, key: entry.key)
            case "exclude_tables": database.excludeTables = try reader.strings(node, key: entry.key)
            case "lock_timeout":
                let text = try reader.string(node, key: entry.key)
                guard let seconds = DurationText.seconds(text) else {
                    throw reader.error(node, "lock_timeout '\(text)' is not a duration; write for example 60s, 2m or 500ms")
                }
                database.lockTimeout = seconds
            default: break
            }
        }
    }
}

/// Typed access to YAML nodes, with errors that point at the node.
struct NodeReader {
    struct Entry {
        var key: String
        var keyNode: Node
        var node: Node
    }

    var file: String
    var environment: [String: String]

    func error(_ node: Node, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    func mapping(_ node: Node, what: String) throws(ConfigurationError) -> [Entry] {
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(what) must be a mapping of `key: value` lines")
        }
        var entries: [Entry] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw error(key, "keys must be plain names") }
            if entries.contains(where: { $0.key == scalar.string }) {
                throw error(key, "`\(scalar.string)` is given twice")
            }
            entries.append(Entry(key: scalar.string, keyNode: key, node: value))
        }
        return entries
    }

    func rejectUnknownKeys(_ entries: [Entry], allowed: Set<String>) throws(ConfigurationError) {
        for entry in entries where !allowed.contains(entry.key) {
            throw error(entry.keyNode, "unknown key `\(entry.key)`; expected one of: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func string(_ node: Node, key: String) throws(ConfigurationError) -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "`\(key)` must be a single value") }
        do {
            return try EnvironmentInterpolation.expand(scalar.string, environment: environment)
        } catch .unset(let name) {
            throw error(node, "environment variable \(name) is not set; set it or give a default: ${\(name):-value}")
        } catch {
            throw self.error(node, "`${` without a closing `}` in `\(key)`")
        }
    }

    func optionalString(_ node: Node, key: String) throws(ConfigurationError) -> String? {
        if case .scalar(let scalar) = node, scalar.tag.description == Tag.Name.null.rawValue || ["null", "~", ""].contains(scalar.string), scalar.style == .plain {
            return nil
        }
        return try string(node, key: key)
    }

    func strings(_ node: Node, key: String) throws(ConfigurationError) -> [String] {
        switch node {
        case .sequence(let sequence):
            var values: [String] = []
            for item in sequence { values.append(try string(item, key: key)) }
            return values
        case .scalar:
            return [try string(node, key: key)]
        default:
            throw error(node, "`\(key)` must be a list, for example [models]")
        }
    }

    func bool(_ node: Node, key: String) throws(ConfigurationError) -> Bool {
        let text = try string(node, key: key).lowercased()
        switch text {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, "`\(key)` must be true or false, not '\(text)'")
        }
    }
}

extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    var column: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.column
        default: nil
        }
    }

    var summary: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(self)"
        }
    }
}
