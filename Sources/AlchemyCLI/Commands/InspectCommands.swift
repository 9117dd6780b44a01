import AlchemyMigrate
import ArgumentParser

/// How revisions are shown in history, heads and show: Alembic's one-line form,
/// `9b0c4d2e7f10 -> 3f2a1b9c0d1e (head), add user accounts`.
struct RevisionLine {
    var graph: RevisionGraph
    var current: Set<String> = []
    /// Computed once: every printed revision asks whether it is a head.
    private let heads: Set<String>

    init(graph: RevisionGraph, current: Set<String> = []) {
        self.graph = graph
        self.current = current
        heads = Set(graph.effectiveHeads)
    }

    func markers(_ revision: Revision) -> [String] {
        var marks: [String] = []
        let labels = graph.branchLabels(of: revision.id).sorted()
        if !labels.isEmpty { marks.append("(\(labels.joined(separator: ", ")))") }
        if heads.contains(revision.id) { marks.append("(head)") }
        if revision.isMergePoint { marks.append("(mergepoint)") }
        if graph.children(of: revision.id).count > 1 { marks.append("(branchpoint)") }
        if current.contains(revision.id) { marks.append("(current)") }
        return marks
    }

    func short(_ revision: Revision) -> String {
        ([revision.id] + markers(revision)).joined(separator: " ")
    }

    func history(_ revision: Revision) -> String {
        let parents = revision.downRevisions.isEmpty ? "<base>" : revision.downRevisions.joined(separator: ", ")
        let marks = markers(revision)
        return "\(parents) -> \(revision.id)\(marks.isEmpty ? "" : " " + marks.joined(separator: " ")), \(revision.message)"
    }

    func verbose(_ revision: Revision) -> String {
        var lines = ["Rev: " + short(revision)]
        if revision.isMergePoint {
            lines.append("Merges: " + revision.downRevisions.joined(separator: ", "))
        } else {
            lines.append("Parent: " + (revision.downRevisions.first ?? "<base>"))
        }
        let children = graph.children(of: revision.id)
        if children.count > 1 { lines.append("Branches into: " + children.joined(separator: ", ")) }
        if !revision.dependsOn.isEmpty { lines.append("Also depends on: " + revision.dependsOn.joined(separator: ", ")) }
        let labels = graph.branchLabels(of: revision.id).sorted()
        if !labels.isEmpty { lines.append("Branch names: " + labels.joined(separator: ", ")) }
        if let path = revision.path { lines.append("Path: " + path) }
        lines.append("")
        lines.append("    " + revision.message)
        lines.append("")
        return lines.joined(separator: "\n")
    }

    func json(_ revision: Revision) -> JSONValue {
        .object([
            ("revision", .string(revision.id)),
            ("down_revision", .array(revision.downRevisions.map(JSONValue.string))),
            ("depends_on", .array(revision.dependsOn.map(JSONValue.string))),
            ("branch_labels", .array(graph.branchLabels(of: revision.id).sorted().map(JSONValue.string))),
            ("message", .string(revision.message)),
            ("is_head", .bool(heads.contains(revision.id))),
            ("is_current", .bool(current.contains(revision.id))),
            ("path", revision.path.map(JSONValue.string) ?? .null),
        ])
    }
}

/// `alchemy database history [-r RANGE] [--verbose] [--indicate-current]`: newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List revisions, newest first.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    // `.unconditional`: a range such as `-3:` starts with a dash and would
    // otherwise be read as an unknown option.
    @Option(name: [.short, .customLong("rev-range")], parsing: .unconditional,
            help: "Range LOWER:UPPER, e.g. base:head, -3:, :+2, base:-1, abc:, current:.")
    var range: String?

    @Flag(name: [.short, .customLong("indicate-current")], help: "Mark the database's current revision(s) (connects).")
    var indicateCurrent = false

    func run() throws {
        let console = Console(options: global)
        let context = try ProjectContext.load(global)
        let script = try context.loadScript()
        var current: [String] = []
        if indicateCurrent || (range?.contains("current") ?? false) {
            let connection = try context.connect()
            defer { connection.close() }
            current = try context.versionTable.currentHeads(on: connection)
        }
        var lower: String?
        var upper: String?
        if let range {
            guard let colon = range.firstIndex(of: ":") else {
                throw CommandFailure(message: "history -r takes LOWER:UPPER (either side may be empty), for example base:head or -3:")
            }
            let left = String(range[..<colon])
            let right = String(range[range.index(after: colon)...])
            lower = left.isEmpty ? nil : left
            upper = right.isEmpty ? nil : right
        }
        let revisions = try script.graph.history(from: lower ?? "base", to: upper ?? "heads", current: current)
        let line = RevisionLine(graph: script.graph, current: Set(indicateCurrent ? current : []))
        if console.format == .json {
            console.json(.array(revisions.map(line.json)))
            return
        }
        var text = ""
        text.reserveCapacity(revisions.count * 64)
        for revision in revisions {
            text += (console.verbose ? line.verbose(revision) : line.history(revision)) + "\n"
        }
        print(text, terminator: "")
    }
}

/// `alchemy database heads [--resolve-dependencies]`: as Alembic, the heads by
/// `down_revision`; resolving dependencies leaves out a head that another
/// revision `depends_on` (what `upgrade heads` leaves in the version table).
struct HeadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heads",
        abstract: "Show the head revision(s).",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Treat depends_on as down revisions: a revision another one depends on is no head.")
    var resolveDependencies = false

    func run() throws {
        let console = Console(options: global)
        let script = try ProjectContext.load(global).loadScript()
        let line = RevisionLine(graph: script.graph)
        let heads = (resolveDependencies ? script.graph.effectiveHeads : script.graph.heads).compactMap(script.graph.revision)
        if console.format == .json {
            console.json(.array(heads.map(line.json)))
        } else {
            for head in heads { console.output(console.verbose ? line.verbose(head) : line.short(head)) }
        }
    }
}

/// `alchemy database branches`: the revisions where the history forks.
struct BranchesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "branches",
        abstract: "Show branch points.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let console = Console(options: global)
        let script = try ProjectContext.load(global).loadScript()
        let graph = script.graph
        let line = RevisionLine(graph: graph)
        let points = graph.revisions.filter { graph.children(of: $0.id).count > 1 }
        if console.format == .json {
            console.json(.array(points.map { point in
                .object([("revision", .string(point.id)), ("children", .array(graph.children(of: point.id).map(JSONValue.string)))])
            }))
            return
        }
        for point in points {
            console.output(line.history(point))
            for child in graph.children(of: point.id).compactMap(graph.revision) {
                console.output("  -> " + line.history(child))
            }
        }
    }
}

/// `alchemy database show REV`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one revision.",
        discussion: ExitCodeHelp.discussion()
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Revision id, prefix, head or label@head.")
    var revision: String

    func run() throws {
        let console = Console(options: global)
        let script = try ProjectContext.load(global).loadScript()
        let line = RevisionLine(graph: script.graph)
        let found = try script.graph.resolveAll(revision)
        guard !found.isEmpty else { throw CommandFailure(message: "no revision '\(revision)'") }
        if console.format == .json {
            console.json(found.count == 1 ? line.json(found[0]) : .array(found.map(line.json)))
        } else {
            for item in found { console.output(line.verbose(item)) }
        }
    }
}
