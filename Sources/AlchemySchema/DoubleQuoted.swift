extension String {
    /// The text as a double-quoted literal with backslash escapes (`\"`, `\\`, `\n`,
    /// `\t`, `\r`, `\u001B`), readable back by both JSON and YAML parsers, so output
    /// in either format escapes exactly one way.
    public var doubleQuoted: String {
        var result = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension String {
    /// Every occurrence of `character` written twice: SQL's escape for a delimiter.
    public func doubling(_ character: Character) -> String {
        var result = ""
        result.reserveCapacity(count)
        for c in self {
            if c == character { result.append(c) }
            result.append(c)
        }
        return result
    }
}
