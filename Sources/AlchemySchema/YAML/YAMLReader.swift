/// Typed access to a YAML document's nodes, with errors that point at the node.
///
/// Files are read as node trees (not decoded into structs) so that every error
/// can name the exact line and column, and so that unknown keys are caught.
public struct YAMLReader: Sendable {
    /// A key of a mapping with its value, in file order.
    public struct Entry {
        public var key: String
        public var keyNode: YAMLNode
        public var node: YAMLNode
    }

    public var file: String

    public init(file: String) {
        self.file = file
    }

    /// Parses text; `nil` for an empty document.
    public func parse(_ text: String) throws(LocatedError) -> YAMLNode? {
        try YAMLDocument.compose(text, file: file)
    }

    public func error(_ node: YAMLNode, _ message: String) -> LocatedError {
        LocatedError(file: file, line: node.mark.line, column: node.mark.column, message: message)
    }

    public func mapping(_ node: YAMLNode, what: String) throws(LocatedError) -> [Entry] {
        guard case .mapping(let pairs, _) = node else {
            throw error(node, "\(what) must be a mapping of `key: value` entries")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(pairs.count)
        for pair in pairs {
            guard case .scalar(let scalar) = pair.key else { throw error(pair.key, "keys in \(what) must be plain names") }
            if entries.contains(where: { $0.key == scalar.string }) {
                throw error(pair.key, "`\(scalar.string)` is given twice in \(what)")
            }
            entries.append(Entry(key: scalar.string, keyNode: pair.key, node: pair.value))
        }
        return entries
    }

    public func rejectUnknownKeys(_ entries: [Entry], allowed: [String], in what: String) throws(LocatedError) {
        for entry in entries where !allowed.contains(entry.key) {
            throw error(entry.keyNode, "unknown key `\(entry.key)` in \(what); expected one of: \(allowed.joined(separator: ", "))")
        }
    }

    public func sequence(_ node: YAMLNode, what: String) throws(LocatedError) -> [YAMLNode] {
        if case .sequence(let items, _) = node { return items }
        throw error(node, "\(what) must be a list")
    }

    public func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        if let tag = scalar.tag { return tag == YAMLScalar.nullTag }
        return ["null", "Null", "NULL", "~", ""].contains(scalar.string)
    }

    public func string(_ node: YAMLNode, what: String) throws(LocatedError) -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "\(what) must be a single value, not a list or mapping") }
        return scalar.string
    }

    public func optionalString(_ node: YAMLNode, what: String) throws(LocatedError) -> String? {
        isNull(node) ? nil : try string(node, what: what)
    }

    /// A list of strings; a single value counts as a list of one.
    public func strings(_ node: YAMLNode, what: String) throws(LocatedError) -> [String] {
        switch node {
        case .sequence(let items, _):
            var values: [String] = []
            for item in items { values.append(try string(item, what: what)) }
            return values
        case .scalar:
            return isNull(node) ? [] : [try string(node, what: what)]
        case .mapping:
            throw error(node, "\(what) must be a list, for example [a, b]")
        }
    }

    public func bool(_ node: YAMLNode, what: String) throws(LocatedError) -> Bool {
        let text = try string(node, what: what)
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, "\(what) must be true or false, not '\(text)'")
        }
    }

    public func int(_ node: YAMLNode, what: String) throws(LocatedError) -> Int {
        let text = try string(node, what: what)
        guard let value = Int(text) else { throw error(node, "\(what) must be a whole number, not '\(text)'") }
        return value
    }
}
