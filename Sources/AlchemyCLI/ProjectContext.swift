import AlchemyDatabase
import AlchemyMigrate
import Foundation

/// What a command works on: the configuration file, the chosen database, its URL.
struct ProjectContext {
    var configuration: ProjectConfiguration
    var database: DatabaseConfiguration
    var url: DatabaseURL
    /// The folder relative paths of the configuration are resolved against.
    var root: String

    /// Finds and reads the configuration. Without a file, `--url` alone is enough
    /// for commands that only need a database (ensure-version, current).
    static func load(_ options: GlobalOptions, requireFile: Bool = false) throws -> ProjectContext {
        let fileManager = FileManager.default
        let explicit = options.config
        let path = explicit ?? "alchemy.yaml"
        var configuration: ProjectConfiguration
        if ConfigurationLoader.fileIsPresent(path) {
            configuration = try ConfigurationLoader(environment: Environment.all).load(file: path)
        } else if explicit != nil {
            throw CommandFailure(message: "configuration file \(path) does not exist; check --config")
        } else if options.url != nil && !requireFile {
            configuration = ProjectConfiguration(databases: [DatabaseConfiguration()])
        } else {
            throw CommandFailure(message: "no alchemy.yaml in \(fileManager.currentDirectoryPath); run `alchemy database init` or pass --config FILE")
        }
        var database = try configuration.database(bind: options.bind)
        if let text = options.statementTimeout {
            database.statementTimeout = try ConfigurationLoader.statementTimeout(option: text)
        }
        let url = try DatabaseURL(options.url ?? database.url)
        let root = (path as NSString).deletingLastPathComponent
        return ProjectContext(configuration: configuration, database: database, url: url, root: root.isEmpty ? "." : root)
    }

    func resolve(_ relative: String) -> String {
        relative.hasPrefix("/") || root == "." ? relative : root + "/" + relative
    }

    var versionTable: VersionTable {
        VersionTable(name: database.versionTable, schema: database.versionTableSchema)
    }

    func connect() throws -> any Connection {
        try openConnection(url, statementTimeout: database.statementTimeout)
    }
}

extension ProjectContext {
    var scriptLocation: String { resolve(database.scriptLocation) }

    /// The revision files and their graph; errors name the files to fix.
    func loadScript() throws -> ScriptDirectory {
        try ScriptDirectory.load(location: scriptLocation)
    }
}
