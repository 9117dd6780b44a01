import Yams

/// Typed access to a YAML document's nodes, with errors that point at the node.
///
/// Files are read as node trees (not decoded into structs) so that every error
/// can name the exact line and column, and so that unknown keys are caught.
public struct YAMLReader: Sendable {
    /// A key of a mapping with its value, in file order.
    public struct Entry {
        public var key: String
        public var keyNode: Node
        public var node: Node
    }

    public var file: String

    public init(file: String) {
        self.file = file
    }

    /// Parses text; `nil` for an empty document.
    public func parse(_ text: String) throws(LocatedError) -> Node? {
        try YAMLDocument.compose(text, file: file)
    }

    public func error(_ node: Node, _ message: String) -> LocatedError {
        LocatedError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    public func mapping(_ node: Node, what: String) throws(LocatedError) -> [Entry] {
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(what) must be a mapping of `key: value` entries")
        }
        var entries: [Entry] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw error(key, "keys in \(what) must be plain names") }
            if entries.contains(where: { $0.key == scalar.string }) {
                throw error(key, "`\(scalar.string)` is given twice in \(what)")
            }
            entries.append(Entry(key: scalar.string, keyNode: key, node: value))
        }
        return entries
    }

    public func rejectUnknownKeys(_ entries: [Entry], allowed: [String], in what: String) throws(LocatedError) {
        for entry in entries where !allowed.contains(entry.key) {
            throw error(entry.keyNode, "unknown key `\(entry.key)` in \(what); expected one of: \(allowed.joined(separator: ", "))")
        }
    }

    public func sequence(_ node: Node, what: String) throws(LocatedError) -> [Node] {
        if case .sequence(let items) = node { return Array(items) }
        throw error(node, "\(what) must be a list")
    }

    public func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["null", "Null", "NULL", "~", ""].contains(scalar.string)
    }

    public func string(_ node: Node, what: String) throws(LocatedError) -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "\(what) must be a single value, not a list or mapping") }
        return scalar.string
    }

    public func optionalString(_ node: Node, what: String) throws(LocatedError) -> String? {
        isNull(node) ? nil : try string(node, what: what)
    }

    /// A list of strings; a single value counts as a list of one.
    public func strings(_ node: Node, what: String) throws(LocatedError) -> [String] {
        switch node {
        case .sequence(let items):
            var values: [String] = []
            for item in items { values.append(try string(item, what: what)) }
            return values
        case .scalar:
            return isNull(node) ? [] : [try string(node, what: what)]
        default:
            throw error(node, "\(what) must be a list, for example [a, b]")
        }
    }

    public func bool(_ node: Node, what: String) throws(LocatedError) -> Bool {
        let text = try string(node, what: what)
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, "\(what) must be true or false, not '\(text)'")
        }
    }

    public func int(_ node: Node, what: String) throws(LocatedError) -> Int {
        let text = try string(node, what: what)
        guard let value = Int(text) else { throw error(node, "\(what) must be a whole number, not '\(text)'") }
        return value
    }
}
