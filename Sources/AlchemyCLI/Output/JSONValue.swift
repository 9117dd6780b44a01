import AlchemySchema

/// A JSON document for `--format json`, rendered with keys in the order given,
/// so that output is stable and diffable.
enum JSONValue {
    case null
    case bool(Bool)
    case number(Int)
    /// Seconds and other measurements, to the microsecond.
    case seconds(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    func rendered() -> String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value): String(value)
        case .seconds(let value): String((value * 1_000_000).rounded() / 1_000_000)
        case .string(let value): Self.quoted(value)
        case .array(let values): "[" + values.map { $0.rendered() }.joined(separator: ", ") + "]"
        case .object(let pairs): "{" + pairs.map { Self.quoted($0.0) + ": " + $0.1.rendered() }.joined(separator: ", ") + "}"
        }
    }

    static func quoted(_ text: String) -> String { text.doubleQuoted }
}

