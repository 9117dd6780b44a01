/// A YAML node of one model file, read with accessors that fail at the node.
///
/// Every accessor names what it expected, so a misplaced list or a string where
/// a map belongs produces `file:line:column: error: expected a map ...` at the
/// exact node instead of a generic decoding failure.
struct ModelNode {
    let node: YAMLNode
    let file: String

    var line: Int { node.mark.line }
    var column: Int { node.mark.column }

    func error(_ kind: ModelError.Kind, _ message: String) -> ModelError {
        ModelError(kind: kind, file: file, line: line, column: column, message: message)
    }

    /// `key:` with nothing after it, `~`, `null` or an explicit `!!null`.
    var isNull: Bool {
        guard case .scalar(let scalar) = node else { return false }
        switch scalar.tag {
        case YAMLScalar.nullTag?: return true
        case nil: return scalar.style == .plain && Self.nullSpellings.contains(scalar.string)
        default: return false
        }
    }

    private static let nullSpellings: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let boolSpellings: [String: Bool] = [
        "true": true, "True": true, "TRUE": true, "yes": true, "Yes": true, "YES": true, "on": true, "On": true, "ON": true,
        "false": false, "False": false, "FALSE": false, "no": false, "No": false, "NO": false, "off": false, "Off": false, "OFF": false,
    ]

    var isMapping: Bool {
        if case .mapping = node { true } else { false }
    }

    /// How the node looks, for "expected X, found Y" messages.
    var shape: String {
        switch node {
        case .mapping: "a map"
        case .sequence: "a list"
        case .scalar(let scalar): isNull ? "nothing (null)" : "'\(scalar.string)'"
        }
    }

    func wrongKind(_ expected: String, for what: String) -> ModelError {
        error(.wrongNodeKind, "expected \(expected) for \(what), found \(shape)")
    }

    /// The entries of a map, each key checked to be a plain string.
    /// A null node is an empty map, so `columns:` with nothing under it is allowed.
    func entries(of what: String) throws(ModelError) -> [ModelEntry] {
        if isNull { return [] }
        guard case .mapping(let pairs, _) = node else { throw wrongKind("a map", for: what) }
        var entries: [ModelEntry] = []
        for (key, value) in pairs.lazy.map({ ($0.key, $0.value) }) {
            let keyNode = ModelNode(node: key, file: file)
            guard case .scalar(let scalar) = key, !keyNode.isNull else {
                throw keyNode.wrongKind("a name", for: "a key of \(what)")
            }
            entries.append(ModelEntry(key: scalar.string, keyNode: keyNode, value: ModelNode(node: value, file: file)))
        }
        return entries
    }

    /// The items of a list; null is an empty list.
    func items(of what: String) throws(ModelError) -> [ModelNode] {
        if isNull { return [] }
        guard case .sequence(let sequence, _) = node else { throw wrongKind("a list", for: what) }
        return sequence.map { ModelNode(node: $0, file: file) }
    }

    /// A scalar's text. Numbers and booleans are taken as written (`comment: 42`).
    func string(for what: String) throws(ModelError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw wrongKind("a string", for: what) }
        return scalar.string
    }

    /// A string, or nil for an explicit null.
    func optionalString(for what: String) throws(ModelError) -> String? {
        isNull ? nil : try string(for: what)
    }

    /// `true` or `false` (YAML 1.1 spellings such as `yes` are accepted, as Yams reads them).
    func bool(for what: String) throws(ModelError) -> Bool {
        guard case .scalar(let scalar) = node,
              scalar.tag == YAMLScalar.boolTag || (scalar.tag == nil && scalar.style == .plain),
              let value = Self.boolSpellings[scalar.string]
        else {
            throw wrongKind("true or false", for: what)
        }
        return value
    }

    /// A list of strings, or a single string standing for a one-item list.
    func strings(for what: String) throws(ModelError) -> [(String, ModelNode)] {
        if case .scalar = node, !isNull { return [(try string(for: what), self)] }
        var result: [(String, ModelNode)] = []
        for item in try items(of: what) {
            result.append((try item.string(for: "an item of \(what)"), item))
        }
        return result
    }
}

/// One `key: value` of a map, with both nodes for error positions.
struct ModelEntry {
    let key: String
    let keyNode: ModelNode
    let value: ModelNode
}

/// A map whose keys were checked against the keys that place allows.
struct ModelMap {
    let node: ModelNode
    let entries: [ModelEntry]

    /// - Parameter allowed: the valid keys, in the order the error message lists them.
    init(_ node: ModelNode, of what: String, allowed: [String]) throws(ModelError) {
        try self.init(node, entries: try node.entries(of: what), of: what, allowed: allowed)
    }

    /// For callers that looked at the entries before checking the keys.
    init(_ node: ModelNode, entries: [ModelEntry], of what: String, allowed: [String]) throws(ModelError) {
        self.node = node
        self.entries = entries
        for entry in entries where !allowed.contains(entry.key) {
            let hint = Suggestion.closest(to: entry.key, in: allowed).map { " (did you mean \($0)?)" } ?? ""
            throw entry.keyNode.error(.unknownKey,
                "unknown key '\(entry.key)' in \(what)\(hint); expected one of: \(allowed.joined(separator: ", "))")
        }
    }

    subscript(key: String) -> ModelNode? {
        entries.first { $0.key == key }?.value
    }

    func keyNode(_ key: String) -> ModelNode? {
        entries.first { $0.key == key }?.keyNode
    }

    /// A value that is present and not null.
    func value(_ key: String) -> ModelNode? {
        guard let value = self[key], !value.isNull else { return nil }
        return value
    }
}
