import AlchemyMigrate
import ArgumentParser
import Foundation

/// `alchemy database init [DIR] [--template NAME]`: scaffold a project.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write alchemy.yaml, models/ and migrations/ from a template; never overwrites.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Folder to write into (created if missing).")
    var directory: String = "."

    @Option(name: .long, help: "Template name (see list-templates).")
    var template: String = "default"

    @Flag(name: .long, help: "Same as --template multidb (Advanced Alchemy's option).")
    var multidb = false

    func run() throws {
        let console = Console(options: global)
        let template = multidb ? "multidb" : template
        guard let chosen = ProjectTemplate.named(template) else {
            let names = ProjectTemplate.all.map(\.name).joined(separator: ", ")
            throw CommandFailure(message: "unknown template '\(template)'; available: \(names)")
        }
        let written = try ProjectScaffold(template: chosen, directory: directory).write()
        if console.format == .json {
            console.json(.object([("template", .string(chosen.name)), ("files", .array(written.map(JSONValue.string)))]))
        } else {
            for path in written { console.info("created \(path)") }
            console.info("next: edit \(directory == "." ? "" : directory + "/")models/, then run `alchemy database revision --autogenerate -m \"initial\"`")
        }
    }
}

/// Writes a template's files, all or none: if any already exists, nothing is written.
struct ProjectScaffold {
    var template: ProjectTemplate
    var directory: String

    func write() throws -> [String] {
        let fileManager = FileManager.default
        let targets = template.files.map { (path: directory == "." ? $0.path : directory + "/" + $0.path, contents: $0.contents) }
        let existing = targets.map(\.path).filter { fileManager.fileExists(atPath: $0) }
        if !existing.isEmpty {
            throw CommandFailure(message: "refusing to overwrite \(existing.joined(separator: ", ")); init into an empty folder: alchemy database init DIR")
        }
        for target in targets {
            let folder = (target.path as NSString).deletingLastPathComponent
            do {
                if !folder.isEmpty { try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                try target.contents.write(toFile: target.path, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure(message: "cannot write \(target.path): \(error.localizedDescription)")
            }
        }
        return targets.map(\.path)
    }
}

/// `alchemy database list-templates`.
struct ListTemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-templates",
        abstract: "List the templates init can write.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let console = Console(options: global)
        if console.format == .json {
            console.json(.array(ProjectTemplate.all.map { .object([("name", .string($0.name)), ("summary", .string($0.summary))]) }))
            return
        }
        let width = ProjectTemplate.all.map(\.name.count).max() ?? 0
        for template in ProjectTemplate.all {
            console.output(template.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + template.summary)
        }
    }
}
