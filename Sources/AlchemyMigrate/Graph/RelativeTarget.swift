/// A target of the form `[label@][symbol](+|-)N`: `+2`, `-1`, `ae10+2`,
/// `mybranch@-1`, `mybranch@head+1`.
///
/// Parsed by hand with exactly the reach of Alembic's pattern
/// `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)`, matched at the start of the string only:
/// a label is everything before the first `@` that leaves a valid rest, and
/// text after the digits is ignored, as in Alembic.
struct RelativeTarget: Equatable {
    var branch: String?
    var symbol: String?
    /// The signed step count as written, e.g. `"+2"` (quoted in messages).
    var relative: String

    var steps: Int { Int(relative) ?? 0 }

    init?(_ text: String) {
        let characters = Array(text)
        // The optional `label@` group is tried first, ending at each `@` in turn.
        for (position, character) in characters.enumerated() where character == "@" && position > 0 {
            if let (symbol, relative) = Self.rest(characters, from: position + 1) {
                self.branch = String(characters[..<position])
                self.symbol = symbol
                self.relative = relative
                return
            }
        }
        guard let (symbol, relative) = Self.rest(characters, from: 0) else { return nil }
        self.branch = nil
        self.symbol = symbol
        self.relative = relative
    }

    init(branch: String?, symbol: String?, relative: String) {
        self.branch = branch
        self.symbol = symbol
        self.relative = relative
    }

    /// `(\w+)?((?:\+|-)\d+)` at `start`.
    private static func rest(_ characters: [Character], from start: Int) -> (String?, String)? {
        var position = start
        while position < characters.count, isWord(characters[position]) { position += 1 }
        let symbol = position > start ? String(characters[start..<position]) : nil
        guard position < characters.count, characters[position] == "+" || characters[position] == "-" else { return nil }
        var end = position + 1
        while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
        guard end > position + 1 else { return nil }
        return (symbol, String(characters[position..<end]))
    }

    private static func isWord(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }
}
