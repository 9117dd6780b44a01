import AlchemySchema

/// Statement text with its values kept apart from its SQL.
///
/// Written as a string literal: `"DELETE FROM \(sql: table) WHERE version_num = \(id)"`.
/// A plain interpolation is a value and becomes a bound parameter online and an
/// escaped literal in a script; only `\(sql:)` adds text to the SQL itself, and
/// only what a dialect rendered (quoted identifiers, keywords) belongs there.
public struct BoundSQL: ExpressibleByStringInterpolation, Sendable {
    public enum Part: Sendable {
        case sql(String)
        case value(LiteralValue)
    }

    public private(set) var parts: [Part] = []

    public init(stringLiteral value: String) {
        parts = [.sql(value)]
    }

    public init(stringInterpolation: Interpolation) {
        parts = stringInterpolation.parts
    }

    public struct Interpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            parts.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { parts.append(.sql(literal)) }
        }

        public mutating func appendInterpolation(sql fragment: String) {
            parts.append(.sql(fragment))
        }

        public mutating func appendInterpolation(_ value: LiteralValue) {
            parts.append(.value(value))
        }

        public mutating func appendInterpolation(_ text: String) {
            parts.append(.value(.string(text)))
        }
    }

    /// Fragments and values joined by `separator` (SQL), e.g. a `VALUES` list.
    public static func joined(_ items: [BoundSQL], separator: String) -> BoundSQL {
        var result = BoundSQL(stringLiteral: "")
        result.parts = []
        for (index, item) in items.enumerated() {
            if index > 0 { result.parts.append(.sql(separator)) }
            result.parts += item.parts
        }
        return result
    }

    public static func + (lhs: BoundSQL, rhs: BoundSQL) -> BoundSQL {
        var result = lhs
        result.parts += rhs.parts
        return result
    }
}
