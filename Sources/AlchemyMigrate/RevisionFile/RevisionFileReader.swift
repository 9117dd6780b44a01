import AlchemySQL
import AlchemySchema

/// Reads revision files. Errors carry file, line and column.
public enum RevisionFileReader {
    static let keys = [
        "revision", "down_revision", "branch_labels", "depends_on", "message", "created",
        "transactional", "upgrade", "downgrade",
    ]

    public static func read(_ text: String, path: String) throws(LocatedError) -> RevisionFile {
        let decoder = OperationDecoder(file: path, executeKeys: DialectName.executeKeys)
        let reader = decoder.reader
        guard let root = try reader.parse(text) else {
            throw LocatedError(file: path, line: 1, column: 1, message: "the revision file is empty; expected `revision:`, `down_revision:`, `upgrade:` and `downgrade:`")
        }
        let entries = try reader.mapping(root, what: "a revision file")
        try reader.rejectUnknownKeys(entries, allowed: keys, in: "a revision file")
        let value = { (key: String) in entries.first { $0.key == key }?.node }

        guard let revisionNode = value("revision") else {
            throw reader.error(root, "the revision file has no `revision:` id")
        }
        let revision = try identifier(revisionNode, reader: reader, what: "`revision`")
        var file = RevisionFile(revision: revision, path: path)
        if let node = value("down_revision") { file.downRevisions = try identifiers(node, reader: reader, what: "`down_revision`") }
        if let node = value("branch_labels") { file.branchLabels = try reader.strings(node, what: "`branch_labels`") }
        if let node = value("depends_on") { file.dependsOn = try identifiers(node, reader: reader, what: "`depends_on`") }
        if let node = value("message") { file.message = try reader.optionalString(node, what: "`message`") ?? "" }
        if let node = value("created") { file.created = try reader.optionalString(node, what: "`created`") }
        if let node = value("transactional") { file.transactional = try reader.bool(node, what: "`transactional`") }
        if let node = value("upgrade") { file.upgrade = try decoder.operations(node, what: "`upgrade`") }
        if let node = value("downgrade") { file.downgrade = try decoder.operations(node, what: "`downgrade`") }
        return file
    }

    /// Ids are strings even when YAML would read them as numbers (`1234e5`), so
    /// the scalar's text is taken as written.
    static func identifier(_ node: YAMLNode, reader: YAMLReader, what: String) throws(LocatedError) -> String {
        let text = try reader.string(node, what: what).trimmingWhitespace()
        guard RevisionFile.isValidIdentifier(text) else {
            throw reader.error(node, "\(what) '\(text.debugDescription.dropFirst().dropLast())' is not a revision id; \(RevisionFile.identifierRule) (quote them)")
        }
        return text
    }

    static func identifiers(_ node: YAMLNode, reader: YAMLReader, what: String) throws(LocatedError) -> [String] {
        if reader.isNull(node) { return [] }
        if case .sequence(let items, _) = node {
            var result: [String] = []
            for item in items { result.append(try identifier(item, reader: reader, what: what)) }
            return result
        }
        return [try identifier(node, reader: reader, what: what)]
    }
}
