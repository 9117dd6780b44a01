import AlchemySchema

/// Reads only the header of a revision file (`revision`, `down_revision`,
/// `branch_labels`, `depends_on`, `message`, ...) without parsing its operations.
///
/// The graph needs the headers of every file, but a run needs the operations of
/// only the revisions it applies: `history` or a no-op `upgrade` over 1,000 files
/// should cost little more than reading them. The scanner understands the
/// one-line forms alchemy writes; for anything else it returns `nil` and the
/// caller parses the whole file, so it is never wrong, only sometimes not faster.
///
/// It works on the file's UTF-8 bytes and makes a `String` only of the values it
/// keeps: Character-level work (grapheme breaking) over whole files was most of
/// the cost of `history` on a long chain.
enum RevisionHeaderScanner {
    private enum Key: Int, CaseIterable {
        case revision, downRevision, branchLabels, dependsOn, message, created, transactional

        var spelling: StaticString {
            switch self {
            case .revision: "revision"
            case .downRevision: "down_revision"
            case .branchLabels: "branch_labels"
            case .dependsOn: "depends_on"
            case .message: "message"
            case .created: "created"
            case .transactional: "transactional"
            }
        }
    }

    /// Top-level keys whose (indented) values are the operations, skipped here.
    private static let bodyKeys: [StaticString] = ["upgrade", "downgrade"]

    static func scan(_ text: String, path: String) -> RevisionFile? {
        var text = text
        return text.withUTF8 { scan($0, path: path) }
    }

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> RevisionFile? {
        guard let values = headerValues(bytes) else { return nil }
        return header(values, bytes, path: path)
    }

    /// The value of each header key, as a byte range; `nil` when a top-level
    /// line is not a one-line `key: value` this scanner knows.
    ///
    /// Indented and `-` lines belong to the key above them: they are skipped
    /// under `upgrade:`/`downgrade:`, and under a header key they are a block or
    /// continued value, which only the full reader reads right. Header keys
    /// must come before the bodies: a header-like line after them may sit inside
    /// a body's multi-line string.
    private static func headerValues(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>?]? {
        var values = [Range<Int>?](repeating: nil, count: Key.allCases.count)
        var inBody = false
        var bodiesSeen = [Bool](repeating: false, count: bodyKeys.count)
        var start = 0
        let count = bytes.count
        while start < count {
            var end = start
            while end < count, bytes[end] != ASCII.newline { end += 1 }
            defer { start = end + 1 }
            guard end > start, bytes[start] != ASCII.hash, !(end - start == 1 && bytes[start] == ASCII.carriageReturn) else { continue }
            switch bytes[start] {
            case ASCII.tab:
                // YAML does not indent with tabs; the reader says where.
                return nil
            case ASCII.space, ASCII.dash:
                if inBody { continue }
                // Blank or comment-only lines may sit anywhere.
                var first = start
                while first < end, bytes[first] == ASCII.space || bytes[first] == ASCII.carriageReturn { first += 1 }
                if first < end, bytes[first] == ASCII.tab { return nil }
                if first == end || bytes[first] == ASCII.hash { continue }
                return nil
            default: break
            }
            var colon = start
            while colon < end, bytes[colon] != ASCII.colon { colon += 1 }
            // `key:value` is one plain scalar to YAML, not a key.
            guard colon < end, colon + 1 == end || isBlank(bytes[colon + 1])
                || (colon + 2 == end && bytes[colon + 1] == ASCII.carriageReturn) else { return nil }
            let key = start..<colon
            if let body = bodyKeys.firstIndex(where: { equals(bytes, key, $0) }) {
                guard !bodiesSeen[body] else { return nil }
                bodiesSeen[body] = true
                inBody = true
                continue
            }
            guard !inBody, let known = Key.allCases.first(where: { equals(bytes, key, $0.spelling) }),
                  values[known.rawValue] == nil,
                  let value = valueRange(bytes, from: colon + 1, to: end)
            else { return nil }
            values[known.rawValue] = value
        }
        return values
    }

    /// The value after `key:` without surrounding blanks or a trailing comment;
    /// `nil` for what only the full reader reads right: a comment after a
    /// quote (it might be inside the quotes), tabs, control characters and
    /// Unicode line breaks.
    private static func valueRange(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Range<Int>? {
        var valueStart = from
        while valueStart < end, isBlank(bytes[valueStart]) { valueStart += 1 }
        var valueEnd = end
        if valueEnd > valueStart, bytes[valueEnd - 1] == ASCII.carriageReturn { valueEnd -= 1 }
        var sawQuote = false
        var index = valueStart
        while index < valueEnd {
            let byte = bytes[index]
            if (byte < 0x20 && byte != ASCII.tab) || byte == 0x7F { return nil }
            // NEL (C2 85), LINE and PARAGRAPH SEPARATOR (E2 80 A8/A9) break lines in YAML.
            if byte == 0xC2, index + 1 < valueEnd, bytes[index + 1] == 0x85 { return nil }
            if byte == 0xE2, index + 2 < valueEnd, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { return nil }
            if byte == ASCII.doubleQuote || byte == ASCII.singleQuote { sawQuote = true }
            if byte == ASCII.hash, index == valueStart || isBlank(bytes[index - 1]) {
                guard !sawQuote, index > valueStart else { return nil }
                valueEnd = index
                break
            }
            index += 1
        }
        while valueEnd > valueStart, isBlank(bytes[valueEnd - 1]) { valueEnd -= 1 }
        return valueStart..<valueEnd
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab
    }

    private static func header(_ values: [Range<Int>?], _ bytes: UnsafeBufferPointer<UInt8>, path: String) -> RevisionFile? {
        func value(_ key: Key) -> Range<Int>? { values[key.rawValue] }
        guard let revisionRange = value(.revision), let revision = scalar(bytes, revisionRange),
              RevisionFile.isValidIdentifier(revision) else { return nil }
        var file = RevisionFile(revision: revision, path: path)
        if let range = value(.downRevision) { guard let ids = list(bytes, range) else { return nil }; file.downRevisions = ids }
        if let range = value(.dependsOn) { guard let ids = list(bytes, range) else { return nil }; file.dependsOn = ids }
        if let range = value(.branchLabels) { guard let labels = list(bytes, range) else { return nil }; file.branchLabels = labels }
        if let range = value(.message) {
            guard !range.isEmpty, let message = scalar(bytes, range) else { return nil }
            file.message = isNull(bytes, range) ? "" : message
        }
        if let range = value(.created) {
            if isNull(bytes, range) || range.isEmpty {
                file.created = nil
            } else {
                guard let created = scalar(bytes, range) else { return nil }
                file.created = created
            }
        }
        if let range = value(.transactional) {
            if equals(bytes, range, "true") {
                file.transactional = true
            } else if equals(bytes, range, "false") {
                file.transactional = false
            } else {
                return nil
            }
        }
        guard file.downRevisions.allSatisfy(RevisionFile.isValidIdentifier),
              file.dependsOn.allSatisfy(RevisionFile.isValidIdentifier) else { return nil }
        return file
    }

    private static func isNull(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        equals(bytes, range, "null") || equals(bytes, range, "~") || equals(bytes, range, "Null") || equals(bytes, range, "NULL")
    }

    /// A plain or simply quoted scalar; `nil` for escapes and other YAML forms.
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard let first = range.first.map({ bytes[$0] }) else { return nil }
        let last = bytes[range.upperBound - 1]
        if first == ASCII.doubleQuote {
            guard range.count >= 2, last == ASCII.doubleQuote else { return nil }
            let inner = range.lowerBound + 1..<range.upperBound - 1
            guard inner.contains(where: { bytes[$0] == ASCII.backslash || bytes[$0] == ASCII.doubleQuote }) else {
                return string(bytes, inner)
            }
            return unescaped(bytes, inner)
        }
        if first == ASCII.singleQuote {
            guard range.count >= 2, last == ASCII.singleQuote else { return nil }
            let inner = range.lowerBound + 1..<range.upperBound - 1
            // Inside, a quote is only ever doubled ('it''s').
            var index = inner.lowerBound
            var quotes = 0
            while index < inner.upperBound {
                if bytes[index] == ASCII.singleQuote {
                    guard index + 1 < inner.upperBound, bytes[index + 1] == ASCII.singleQuote else { return nil }
                    quotes += 1
                    index += 2
                } else {
                    index += 1
                }
            }
            let text = string(bytes, inner)
            return quotes == 0 ? text : text.split(separator: "''", omittingEmptySubsequences: false).joined(separator: "'")
        }
        // Indicators that start other YAML forms (block scalars, flow collections, tags, anchors,
        // list items, ...), and `: ` inside a plain scalar, which YAML rejects: the reader reports those.
        if otherFormIndicators.contains(first) { return nil }
        // `-`, `?` and `:` start a plain scalar only when a non-blank follows.
        if first == ASCII.dash || first == UInt8(ascii: "?") || first == ASCII.colon,
           range.count == 1 || isBlank(bytes[range.lowerBound + 1]) { return nil }
        if bytes[range.upperBound - 1] == ASCII.colon
            || range.dropLast().contains(where: { bytes[$0] == ASCII.colon && isBlank(bytes[$0 + 1]) }) { return nil }
        return string(bytes, range)
    }

    /// A double-quoted scalar's inside with the escapes alchemy writes
    /// (`\"`, `\\`, `\/`, `\t`, `\n`, `\r`) resolved; nil for any other escape
    /// or an unescaped quote, which the full reader handles.
    private static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>, _ inner: Range<Int>) -> String? {
        var result: [UInt8] = []
        result.reserveCapacity(inner.count)
        var index = inner.lowerBound
        while index < inner.upperBound {
            let byte = bytes[index]
            if byte == ASCII.doubleQuote { return nil }
            guard byte == ASCII.backslash else {
                result.append(byte)
                index += 1
                continue
            }
            guard index + 1 < inner.upperBound else { return nil }
            switch bytes[index + 1] {
            case ASCII.doubleQuote: result.append(ASCII.doubleQuote)
            case ASCII.backslash: result.append(ASCII.backslash)
            case UInt8(ascii: "/"): result.append(UInt8(ascii: "/"))
            case UInt8(ascii: "t"): result.append(ASCII.tab)
            case UInt8(ascii: "n"): result.append(ASCII.newline)
            case UInt8(ascii: "r"): result.append(ASCII.carriageReturn)
            default: return nil
            }
            index += 2
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static let otherFormIndicators: [UInt8] = Array("|>[]{}!&*%@`,#".utf8)

    /// `null`, `"id"`, `[]` or `["a", "b"]`.
    private static func list(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [String]? {
        if range.isEmpty || isNull(bytes, range) { return [] }
        guard bytes[range.lowerBound] == ASCII.openBracket else { return scalar(bytes, range).map { [$0] } }
        guard bytes[range.upperBound - 1] == ASCII.closeBracket else { return nil }
        let inner = range.lowerBound + 1..<range.upperBound - 1
        if inner.allSatisfy({ isBlank(bytes[$0]) }) { return [] }
        var items: [String] = []
        var itemStart = inner.lowerBound
        while itemStart <= inner.upperBound {
            var itemEnd = itemStart
            while itemEnd < inner.upperBound, bytes[itemEnd] != ASCII.comma { itemEnd += 1 }
            var lower = itemStart, upper = itemEnd
            while lower < upper, isBlank(bytes[lower]) { lower += 1 }
            while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
            let quoted = lower < upper && (bytes[lower] == ASCII.doubleQuote || bytes[lower] == ASCII.singleQuote)
            // In a flow list a plain item may not hold brackets or braces, nor
            // start with `?` or `:` (indicators there).
            guard quoted || !(lower..<upper).contains(where: { isBracket(bytes[$0]) }),
                  quoted || lower == upper || (bytes[lower] != UInt8(ascii: "?") && bytes[lower] != ASCII.colon),
                  let item = scalar(bytes, lower..<upper), !item.isEmpty else { return nil }
            items.append(item)
            itemStart = itemEnd + 1
        }
        return items
    }

    private static func isBracket(_ byte: UInt8) -> Bool {
        byte == ASCII.openBracket || byte == ASCII.closeBracket || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let start = word.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != start[offset] { return false }
        return true
    }
}

/// The bytes the scanner looks for.
private enum ASCII {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let dash = UInt8(ascii: "-")
    static let hash = UInt8(ascii: "#")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let doubleQuote = UInt8(ascii: "\"")
    static let singleQuote = UInt8(ascii: "'")
    static let backslash = UInt8(ascii: "\\")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
}
