import AlchemyMigrate
import AlchemyTestSupport
import Foundation
import Testing

@Suite("init and list-templates")
struct InitCommandTests {
    @Test("init writes the files of DESIGN §3 from the embedded template")
    func writesProject() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CommandRunner.run(["database", "init"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        for path in ["alchemy.yaml", "models/models.yaml", "migrations/script.yaml.mustache", "migrations/README.md"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + path), "missing \(path)")
        }
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder + "/migrations/versions", isDirectory: &isFolder) && isFolder.boolValue)
        let config = try String(contentsOfFile: folder + "/alchemy.yaml", encoding: .utf8)
        #expect(config.contains("url: ${DATABASE_URL:-sqlite:///app.db}"))
        #expect(config.contains("version_table: alembic_versions"))
        // The written configuration loads and points at SQLite by default.
        let loaded = try ConfigurationLoader(environment: [:]).load(config, file: "alchemy.yaml")
        #expect(loaded.databases.first?.url == "sqlite:///app.db")
    }

    @Test("init into a folder that has the files refuses and changes nothing")
    func refusesToOverwrite() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "database: {url: 'sqlite:///mine.db'}\n".write(toFile: folder + "/alchemy.yaml", atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["database", "init"], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: refusing to overwrite alchemy.yaml"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try String(contentsOfFile: folder + "/alchemy.yaml", encoding: .utf8) == "database: {url: 'sqlite:///mine.db'}\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/models"))
    }

    @Test("init DIR --template multidb writes a two-database project")
    func multidb() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CommandRunner.run(["database", "init", "proj", "--template", "multidb"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let config = try String(contentsOfFile: folder + "/proj/alchemy.yaml", encoding: .utf8)
        let loaded = try ConfigurationLoader(environment: [:]).load(config, file: "alchemy.yaml")
        #expect(loaded.databases.map(\.name) == ["default", "analytics"])
        #expect(FileManager.default.fileExists(atPath: folder + "/proj/migrations/analytics/script.yaml.mustache"))
    }

    @Test("An unknown template is an error that lists the available ones")
    func unknownTemplate() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CommandRunner.run(["database", "init", "--template", "nope"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr == "error: unknown template 'nope'; available: default, multidb\n")
    }

    @Test("list-templates names each template with one line")
    func listTemplates() throws {
        let result = try CommandRunner.run(["database", "list-templates"], in: "/tmp")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == ProjectTemplate.all.count)
        #expect(lines.first?.hasPrefix("default ") == true)
    }

    @Test("The embedded templates are exactly the files of templates/")
    func embeddedMatchesFolder() throws {
        let root = CommandRunner.repositoryRoot + "/templates"
        for template in ProjectTemplate.all {
            for file in template.files {
                let onDisk = try String(contentsOfFile: "\(root)/\(template.name)/\(file.path)", encoding: .utf8)
                #expect(onDisk == file.contents, "templates/\(template.name)/\(file.path) differs: run scripts/embed-templates")
            }
        }
    }
}
