import AlchemyMigrate
import AlchemySchema
import ArgumentParser
import Foundation

/// `alchemy database revision -m MSG [...]`: a new revision file.
struct RevisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revision",
        abstract: "Create a new revision file.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .shortAndLong, help: "What the revision does.")
    var message: String

    @Flag(name: .long, help: "Fill it from the difference between the models and the database.")
    var autogenerate = false

    @Option(name: .long, help: "The revision to build on (default: head).")
    var head: String = "head"

    @Flag(name: .long, help: "Allow --head to name a revision that is not a head (starts a branch).")
    var splice = false

    @Option(name: .customLong("branch-label"), help: "A label for the new branch.")
    var branchLabels: [String] = []

    @Option(name: .customLong("depends-on"), help: "A revision this one depends on.")
    var dependsOn: [String] = []

    @Option(name: .customLong("rev-id"), help: "Use this id instead of a random one.")
    var revisionID: String?

    @Flag(name: .customLong("allow-empty"), help: "With --autogenerate, write the file even when nothing changed.")
    var allowEmpty = false

    func run() throws {
        var upgrade: [MigrateOperation] = []
        var downgrade: [MigrateOperation] = []
        if autogenerate {
            let comparison = try ModelComparison.load(global).run()
            if comparison.isEmpty && !allowEmpty {
                Console(options: global).info("no changes detected: the database matches the models; nothing written (pass --allow-empty to write an empty revision)")
                return
            }
            upgrade = comparison.upgrade
            downgrade = comparison.downgrade
        }
        try RevisionWriting.write(global: global) { factory in
            var request = RevisionFactory.Request(message: message)
            request.head = head
            request.splice = splice
            request.branchLabels = branchLabels
            request.dependsOn = dependsOn
            request.revisionID = revisionID
            request.upgrade = upgrade
            request.downgrade = downgrade
            return try factory.revision(request)
        }
    }
}

/// `alchemy database merge REVS... -m MSG`.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Create a revision that merges two or more heads.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The revisions to merge (ids, prefixes, or `heads`).")
    var revisions: [String] = ["heads"]

    @Option(name: .shortAndLong, help: "What the merge is for.")
    var message: String = "merge"

    @Option(name: .customLong("branch-label"), help: "A label for the merged branch.")
    var branchLabels: [String] = []

    @Option(name: .customLong("rev-id"), help: "Use this id instead of a random one.")
    var revisionID: String?

    func run() throws {
        try RevisionWriting.write(global: global) { factory in
            try factory.merge(revisions, message: message, revisionID: revisionID, branchLabels: branchLabels)
        }
    }
}

/// Writes a new revision file through the project's template, never over an existing file.
enum RevisionWriting {
    static func write(global: GlobalOptions, make: (RevisionFactory) throws -> RevisionFile) throws {
        let console = Console(options: global)
        let context = try ProjectContext.load(global, requireFile: true)
        let script = try context.loadScript()
        let factory = RevisionFactory(graph: script.graph, fileTemplate: context.database.fileTemplate)
        let file = try make(factory)
        // The new graph must still be valid (labels unique, dependencies known).
        _ = try RevisionGraph(script.graph.revisions + [file.graphRevision])
        let text = try RevisionFileWriter(template: try script.template()).render(file)
        let path = script.versionsPath + "/" + (try factory.fileName(for: file))
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(message: "\(path) already exists; choose another message or --rev-id")
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure(message: "cannot write \(path): \(error.localizedDescription)")
        }
        if console.format == .json {
            console.json(.object([("revision", .string(file.revision)), ("path", .string(path))]))
        } else {
            console.info("created \(path)")
            console.output(file.revision)
        }
    }
}

/// `alchemy database edit REV`: open a revision file in $EDITOR.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Open a revision file in $EDITOR.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The revision (id, prefix, head).")
    var revision: String = "head"

    func run() throws {
        let context = try ProjectContext.load(global, requireFile: true)
        let script = try context.loadScript()
        guard let found = try script.graph.resolve(revision), let path = found.path else {
            throw CommandFailure(message: "no revision '\(revision)'")
        }
        let editor = [Environment.value("VISUAL"), Environment.value("EDITOR")].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec $0 \"$1\"", editor, path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(message: "\(editor) exited with status \(process.terminationStatus)")
        }
        // Check the edited file still reads, so a typo is found now rather than at upgrade.
        _ = try ScriptDirectory.load(location: context.scriptLocation).file(found.id)
    }
}

/// Advanced Alchemy's `make-migrations`: `revision --autogenerate`.
struct MakeMigrationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-migrations",
        abstract: "Same as revision --autogenerate.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .shortAndLong, help: "What the revision does.")
    var message: String = "autogenerated"

    @Flag(name: .customLong("allow-empty"), help: "Write the file even when nothing changed.")
    var allowEmpty = false

    @Flag(name: .customLong("no-prompt"), help: "Accepted for Advanced Alchemy's CLI; alchemy never prompts.")
    var noPrompt = false

    func run() throws {
        var command = try RevisionCommand.parse(["-m", message, "--autogenerate"] + (allowEmpty ? ["--allow-empty"] : []))
        command.global = global
        try command.run()
    }
}
