extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    ///
    /// The pure modules avoid Foundation (startup time matters for a CLI), so the
    /// few text helpers they need live here, once.
    public func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }

    /// Line breaks folded into single spaces, for quoting SQL in one-line messages.
    public var singleLine: String {
        split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.joined(separator: " ")
    }
}
