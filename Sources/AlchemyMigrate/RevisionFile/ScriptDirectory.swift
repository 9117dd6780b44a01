import AlchemySchema

/// A script location (`migrations/`): the revision template and `versions/`.
///
/// Loading reads every revision file in file-name order (a stable order, which
/// the graph uses to break ties the way Alembic's does) and validates the graph.
public struct ScriptDirectory: Sendable {
    public var location: String
    /// Every revision's header (its operations are read on demand by ``file(_:)``).
    public var headers: [String: RevisionFile]
    public var graph: RevisionGraph
    /// File contents by revision id, kept so that a run parses only what it applies.
    var texts: [String: String]

    public var versionsPath: String { location + "/versions" }
    public var templatePath: String { location + "/script.yaml.mustache" }

    public static func versionsPath(of location: String) -> String { location + "/versions" }

    public static func load(location: String) throws -> ScriptDirectory {
        let versions = versionsPath(of: location)
        guard let names = LocalFiles.yamlFiles(in: versions) else {
            throw LocatedError(file: versions, message: "no revisions folder; run `alchemy database init` or set script_location in alchemy.yaml")
        }
        var files: [String: RevisionFile] = [:]
        var texts: [String: String] = [:]
        var revisions: [Revision] = []
        files.reserveCapacity(names.count)
        texts.reserveCapacity(names.count)
        revisions.reserveCapacity(names.count)
        for name in names {
            let path = versions + "/" + name
            let (bytes, text) = try LocalFiles.yamlSource(of: path, kind: "revision file")
            let scanned = bytes.withUnsafeBufferPointer { RevisionHeaderScanner.scan($0, path: path) }
            let file = try scanned ?? RevisionFileReader.read(text, path: path)
            if let earlier = files[file.revision] {
                throw GraphError.duplicateRevision(id: file.revision, paths: [earlier.path ?? "?", path])
            }
            files[file.revision] = file
            texts[file.revision] = text
            revisions.append(file.graphRevision)
        }
        return ScriptDirectory(location: location, headers: files, graph: try RevisionGraph(revisions), texts: texts)
    }

    /// The whole revision file, operations included.
    public func file(_ id: String) throws -> RevisionFile {
        guard let text = texts[id], let header = headers[id] else {
            throw LocatedError(file: versionsPath, message: "no revision file defines \(id)")
        }
        return try RevisionFileReader.read(text, path: header.path ?? versionsPath)
    }

    /// The project's revision template; the built-in one only when there is no
    /// file at all: a template that cannot be read is an error, not a fallback.
    public func template() throws(LocatedError) -> String {
        guard LocalFiles.entryExists(templatePath) else { return ProjectTemplate.defaultRevisionTemplate }
        return try LocalFiles.yamlSource(of: templatePath, kind: "revision template").text
    }
}

extension RevisionFile {
    /// The revision's place in the graph.
    public var graphRevision: Revision {
        Revision(id: revision, downRevisions: downRevisions, dependsOn: dependsOn, branchLabels: branchLabels, message: message, path: path)
    }
}

extension ProjectTemplate {
    /// The default template's `script.yaml.mustache`, for projects that deleted theirs.
    public static var defaultRevisionTemplate: String {
        named("default")?.files.first { $0.path.hasSuffix("script.yaml.mustache") }?.contents ?? ""
    }
}
