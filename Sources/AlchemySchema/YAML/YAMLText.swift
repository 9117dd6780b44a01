/// A small YAML tree for writing files byte-for-byte stable.
///
/// Yams' emitter chooses styles by itself; revision files must render the same
/// bytes for the same operations on every machine and version, and read like
/// hand-written YAML (flow mappings for columns, block style for the rest), so
/// they are rendered here with fixed rules.
public indirect enum YAMLText: Equatable, Sendable {
    case scalar(String)
    /// Always double-quoted (revision ids: YAML would read `1234e5` as a number).
    case quoted(String)
    case null
    case bool(Bool)
    case int(Int)
    /// Written as is: numbers that must stay numbers.
    case raw(String)
    case sequence([YAMLText])
    case mapping([(String, YAMLText)])

    public static func == (lhs: YAMLText, rhs: YAMLText) -> Bool {
        lhs.flow() == rhs.flow()
    }

    /// The longest flow line before block style is used instead.
    static let flowWidth = 140

    /// Block-style lines at `indent`, for a value that follows `key:`.
    public func render(indent: Int = 0) -> String {
        var lines: [String] = []
        appendBlock(to: &lines, indent: indent)
        return lines.joined(separator: "\n")
    }

    private func appendBlock(to lines: inout [String], indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .mapping(let pairs):
            for (key, value) in pairs {
                if let inline = value.inlineForm(budget: Self.flowWidth - indent - key.count - 2) {
                    lines.append("\(pad)\(Self.key(key)): \(inline)")
                } else {
                    lines.append("\(pad)\(Self.key(key)):")
                    value.appendBlock(to: &lines, indent: indent + 2)
                }
            }
        case .sequence(let items):
            for item in items {
                // An item inlines only when it is flat (`{name: id, type: GUID}`); an
                // operation keeps its name on the line: `- add_column: {...}`.
                if item.isFlat, let inline = item.inlineForm(budget: Self.flowWidth - indent - 2) {
                    lines.append("\(pad)- \(inline)")
                } else if case .mapping(let pairs) = item, let first = pairs.first {
                    // `- key: value` then the remaining keys aligned under the first.
                    var nested: [String] = []
                    YAMLText.mapping([first]).appendBlock(to: &nested, indent: indent + 2)
                    lines.append(pad + "- " + nested[0].dropFirst(indent + 2))
                    lines.append(contentsOf: nested.dropFirst())
                    YAMLText.mapping(Array(pairs.dropFirst())).appendBlock(to: &lines, indent: indent + 2)
                } else {
                    lines.append("\(pad)-")
                    item.appendBlock(to: &lines, indent: indent + 2)
                }
            }
        default:
            lines.append(pad + flow())
        }
    }

    /// A one-line form when it fits and reads well: scalars always; collections of
    /// scalars or of small flow mappings when short enough.
    private func inlineForm(budget: Int) -> String? {
        switch self {
        case .mapping(let pairs):
            if pairs.isEmpty { return "{}" }
            guard pairs.allSatisfy({ $0.1.isFlowLeaf }) else { return nil }
        case .sequence(let items):
            if items.isEmpty { return "[]" }
            guard items.allSatisfy({ $0.isFlowLeaf }) else { return nil }
        default:
            return flow()
        }
        let text = flow()
        return text.count <= budget ? text : nil
    }

    /// Scalars, and collections of scalars (a column's `{name: id, type: GUID}`).
    private var isFlowLeaf: Bool {
        switch self {
        case .mapping(let pairs): pairs.allSatisfy { $0.1.isScalarOrScalarList }
        case .sequence(let items): items.allSatisfy(\.isScalar)
        default: true
        }
    }

    private var isFlat: Bool {
        switch self {
        case .mapping(let pairs): pairs.allSatisfy { $0.1.isScalar || $0.1.isScalarList }
        case .sequence(let items): items.allSatisfy(\.isScalar)
        default: true
        }
    }

    private var isScalarList: Bool {
        if case .sequence(let items) = self { return items.allSatisfy(\.isScalar) }
        return false
    }

    private var isScalarOrScalarList: Bool {
        if case .sequence(let items) = self { return items.allSatisfy(\.isScalar) }
        if case .mapping(let pairs) = self { return pairs.allSatisfy { $0.1.isScalar } }
        return true
    }

    private var isScalar: Bool {
        switch self {
        case .sequence, .mapping: false
        default: true
        }
    }

    public func flow() -> String {
        switch self {
        case .scalar(let text): Self.scalarText(text)
        case .quoted(let text): Self.doubleQuoted(text)
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .raw(let text): text
        case .sequence(let items): "[" + items.map { $0.flow() }.joined(separator: ", ") + "]"
        case .mapping(let pairs): "{" + pairs.map { "\(Self.key($0.0)): \($0.1.flow())" }.joined(separator: ", ") + "}"
        }
    }

    static func key(_ text: String) -> String { scalarText(text) }

    /// Plain when YAML reads it back as the same string in any context (including
    /// inside `{...}`), double-quoted otherwise.
    static func scalarText(_ text: String) -> String {
        isPlainSafe(text) ? text : doubleQuoted(text)
    }

    static let reservedWords: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ]

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        guard !reservedWords.contains(text.lowercased()) else { return false }
        guard !text.hasSuffix(":"), text.last != " " else { return false }
        // Inner spaces are plain in YAML; `: ` and ` #` cannot occur since `:` and
        // `#` are not in the set, nor are the flow indicators `,[]{}`.
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "_.-()/?@%! '".unicodeScalars.contains(scalar)
        }
    }

    static func doubleQuoted(_ text: String) -> String { text.doubleQuoted }
}
