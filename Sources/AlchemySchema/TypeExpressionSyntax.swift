/// The syntax tree of a type expression: a name with optional arguments.
///
/// `Enum(a, 'b c', name: kind)` is the name `Enum` with two positional
/// arguments and one labelled argument. Meaning is given by `ColumnTypeCatalog`;
/// this file only knows the shape, so that the grammar lives in one place.
struct TypeExpressionSyntax: Hashable, Sendable {
    var name: String
    var nameOffset: Int
    var arguments: [Argument]

    struct Argument: Hashable, Sendable {
        var label: String?
        var value: Value
    }

    struct Value: Hashable, Sendable {
        enum Kind: Hashable, Sendable { case identifier, number, quoted }
        var kind: Kind
        var text: String
        var offset: Int
    }
}

extension TypeExpressionSyntax {
    /// Reads `Name`, `Name()` or `Name(arg, label: arg, ...)`.
    ///
    /// Values are identifiers, integers (optionally negative) or strings quoted
    /// with `'` or `"` where a doubled quote stands for the quote itself.
    static func parse(_ expression: String) throws(ColumnTypeExpressionError) -> TypeExpressionSyntax {
        var scanner = Scanner(expression)
        scanner.skipSpaces()
        let nameOffset = scanner.offset
        guard let name = scanner.identifier() else {
            if scanner.isAtEnd {
                throw scanner.error("empty type expression; expected one of: \(ColumnTypeCatalog.namesList)")
            }
            throw scanner.error("expected a type name at '\(scanner.rest)'; expected one of: \(ColumnTypeCatalog.namesList)")
        }
        var syntax = TypeExpressionSyntax(name: name, nameOffset: nameOffset, arguments: [])
        scanner.skipSpaces()
        if scanner.consume("(") {
            syntax.arguments = try scanner.arguments(of: name)
            scanner.skipSpaces()
        }
        guard scanner.isAtEnd else {
            throw scanner.error("unexpected '\(scanner.rest)' after the type \(name)")
        }
        return syntax
    }
}

/// A cursor over the Unicode scalars of an expression, producing errors that quote it.
///
/// Scalars, not Characters: the grammar is ASCII, offsets then agree with
/// libyaml's columns, and a revision run reads a type expression per column,
/// where grapheme breaking was most of the cost.
private struct Scanner {
    let expression: String
    let characters: [Unicode.Scalar]
    var offset = 0

    init(_ expression: String) {
        self.expression = expression
        self.characters = Array(expression.unicodeScalars)
    }

    var isAtEnd: Bool { offset >= characters.count }
    var current: Unicode.Scalar? { isAtEnd ? nil : characters[offset] }
    var rest: String { Self.string(characters[min(offset, characters.count)...]) }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    func error(_ message: String) -> ColumnTypeExpressionError {
        ColumnTypeExpressionError(expression: expression, message: message, offset: offset)
    }

    mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" { offset += 1 }
    }

    mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard current == character else { return false }
        offset += 1
        return true
    }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || isDigit(c)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(c)
    }

    mutating func identifier() -> String? {
        guard let first = current, Self.isIdentifierStart(first) else { return nil }
        let start = offset
        while let c = current, Self.isIdentifierPart(c) { offset += 1 }
        return Self.string(characters[start..<offset])
    }

    mutating func arguments(of name: String) throws(ColumnTypeExpressionError) -> [TypeExpressionSyntax.Argument] {
        var arguments: [TypeExpressionSyntax.Argument] = []
        skipSpaces()
        if consume(")") { return arguments }
        while true {
            skipSpaces()
            arguments.append(try argument(of: name))
            skipSpaces()
            if consume(")") { return arguments }
            if consume(",") { continue }
            if isAtEnd {
                throw error("missing ')' at the end of '\(expression)'")
            }
            throw error("expected ',' or ')' in the arguments of \(name), found '\(rest)'")
        }
    }

    private mutating func argument(of name: String) throws(ColumnTypeExpressionError) -> TypeExpressionSyntax.Argument {
        let first = try value(of: name)
        skipSpaces()
        guard first.kind == .identifier, consume(":") else {
            return .init(label: nil, value: first)
        }
        skipSpaces()
        return .init(label: first.text, value: try value(of: name))
    }

    private mutating func value(of name: String) throws(ColumnTypeExpressionError) -> TypeExpressionSyntax.Value {
        let start = offset
        if let text = identifier() {
            return .init(kind: .identifier, text: text, offset: start)
        }
        if let quote = current, quote == "'" || quote == "\"" {
            return .init(kind: .quoted, text: try quoted(quote), offset: start)
        }
        if let number = self.number() {
            return .init(kind: .number, text: number, offset: start)
        }
        if isAtEnd {
            throw error("missing ')' at the end of '\(expression)'")
        }
        throw error("expected a value (a name, a number or a quoted string) in the arguments of \(name), found '\(rest)'")
    }

    private mutating func number() -> String? {
        let start = offset
        _ = consume("-")
        let digitsStart = offset
        while let c = current, Self.isDigit(c) { offset += 1 }
        guard offset > digitsStart else {
            offset = start
            return nil
        }
        return Self.string(characters[start..<offset])
    }

    private mutating func quoted(_ quote: Unicode.Scalar) throws(ColumnTypeExpressionError) -> String {
        let start = offset
        offset += 1
        var text = ""
        while true {
            guard let c = current else {
                offset = start
                throw error("unterminated string starting at '\(rest)'; close it with \(quote)")
            }
            offset += 1
            if c == quote {
                // A doubled quote is the quote character itself, as in SQL.
                if current == quote {
                    offset += 1
                    text.unicodeScalars.append(quote)
                } else {
                    return text
                }
            } else {
                text.unicodeScalars.append(c)
            }
        }
    }
}
