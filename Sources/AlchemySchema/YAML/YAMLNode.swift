/// A node of a YAML document as alchemy's readers see it: scalars keep their
/// text, style and explicit tag; collections keep their order; every node knows
/// where it starts, so that errors point at it.
///
/// Values are interpreted by the readers (a model file's `nullable: true`, a
/// revision's `type: Integer?`), never by the parser: no tag resolution, so the
/// text of `1234e5` or `yes` is exactly what the author wrote.
public enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], at: YAMLMark)
    case mapping([YAMLPair], at: YAMLMark)

    /// Where the node starts.
    public var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(_, let mark), .mapping(_, let mark): mark
        }
    }

    /// The scalar's text; nil for a list or a map.
    public var string: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }
}

/// A scalar: its text as written (quotes and escapes resolved by YAML's rules).
public struct YAMLScalar: Sendable {
    public enum Style: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var string: String
    public var style: Style
    /// An explicit tag (`!!null`, `!!str`), expanded; nil when the author gave none.
    public var tag: String?
    public var mark: YAMLMark

    public init(_ string: String, style: Style = .plain, tag: String? = nil, mark: YAMLMark = YAMLMark(line: 1, column: 1)) {
        self.string = string
        self.style = style
        self.tag = tag
        self.mark = mark
    }

    /// YAML's core tags, as libyaml expands `!!null` and friends.
    public static let nullTag = "tag:yaml.org,2002:null"
    public static let boolTag = "tag:yaml.org,2002:bool"
}

/// One `key: value` entry of a map, in file order.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A 1-based line and column; columns count Unicode scalars, as libyaml does.
public struct YAMLMark: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
