/// `server_default:` written as a plain YAML value.
///
/// An unquoted boolean or number is a constant of the column's type, not text:
/// `server_default: true` on a Boolean column is `DEFAULT TRUE` (MariaDB and SQLite
/// store it as 1, PostgreSQL as true) and `server_default: 0.5` on a Float column is
/// `DEFAULT 0.5`. Quoted, or on a column that holds text, the value is a string
/// literal, as SQLAlchemy renders a plain-string `server_default` (`DEFAULT 'true'`).
/// Booleans are `true`/`false` in any case; YAML 1.1's `yes`/`no`/`on`/`off` count
/// only on a Boolean column, since elsewhere such a default is far more often the word.
extension ServerDefault {
    public static func written(_ scalar: YAMLScalar, columnType: ColumnType?) -> ServerDefault {
        guard scalar.style == .plain, scalar.tag == nil else { return .literal(scalar.string) }
        let holdsConstants = columnType.map { $0 == .boolean || $0.isNumber } ?? true
        guard holdsConstants else { return .literal(scalar.string) }
        let word = scalar.string.lowercased()
        if word == "true" || (columnType == .boolean && ["yes", "on"].contains(word)) { return .expression("TRUE") }
        if word == "false" || (columnType == .boolean && ["no", "off"].contains(word)) { return .expression("FALSE") }
        return isDecimalNumber(scalar.string) ? .expression(scalar.string) : .literal(scalar.string)
    }

    /// `12`, `-0.5`, `+3`, `1.5e3`: what YAML reads as a number and SQL as a numeric literal.
    static func isDecimalNumber(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let mantissa = rest.prefix { $0 != "e" && $0 != "E" }
        let exponent = rest.dropFirst(mantissa.count)
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        if parts.count == 2, parts[1].isEmpty { return false }
        guard !exponent.isEmpty else { return true }
        var digits = exponent.dropFirst()
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

extension ColumnType {
    /// Integer, floating-point and decimal types.
    var isNumber: Bool {
        switch self {
        case .float, .double, .numeric: true
        default: isInteger
        }
    }
}
