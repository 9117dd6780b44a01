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
    /// line is not a `key: value` line this scanner knows.
    private static func headerValues(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>?]? {
        var values = [Range<Int>?](repeating: nil, count: Key.allCases.count)
        var start = 0
        let count = bytes.count
        while start < count {
            var end = start
            while end < count, bytes[end] != ASCII.newline { end += 1 }
            defer { start = end + 1 }
            guard end > start else { continue }
            switch bytes[start] {
            case ASCII.space, ASCII.tab, ASCII.dash, ASCII.hash, ASCII.carriageReturn: continue
            default: break
            }
            var colon = start
            while colon < end, bytes[colon] != ASCII.colon { colon += 1 }
            guard colon < end else { return nil }
            let key = start..<colon
            if bodyKeys.contains(where: { equals(bytes, key, $0) }) { continue }
            guard let known = Key.allCases.first(where: { equals(bytes, key, $0.spelling) }),
                  values[known.rawValue] == nil,
                  let value = valueRange(bytes, from: colon + 1, to: end)
            else { return nil }
            values[known.rawValue] = value
        }
        return values
    }

    /// The value after `key:` without surrounding blanks or a trailing comment;
    /// `nil` when a comment follows a quote (it might be inside the quotes).
    private static func valueRange(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Range<Int>? {
        var valueStart = from
        while valueStart < end, bytes[valueStart] == ASCII.space { valueStart += 1 }
        var valueEnd = end
        var sawQuote = false
        var index = valueStart
        while index < end {
            let byte = bytes[index]
            if byte == ASCII.doubleQuote || byte == ASCII.singleQuote { sawQuote = true }
            if byte == ASCII.hash, index > valueStart, bytes[index - 1] == ASCII.space {
                guard !sawQuote else { return nil }
                valueEnd = index
                break
            }
            index += 1
        }
        while valueEnd > valueStart, bytes[valueEnd - 1] == ASCII.space || bytes[valueEnd - 1] == ASCII.carriageReturn {
            valueEnd -= 1
        }
        return valueStart..<valueEnd
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
        if let range = value(.created) { file.created = isNull(bytes, range) ? nil : scalar(bytes, range) }
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
            if inner.contains(where: { bytes[$0] == ASCII.backslash || bytes[$0] == ASCII.doubleQuote }) { return nil }
            return string(bytes, inner)
        }
        if first == ASCII.singleQuote {
            guard range.count >= 2, last == ASCII.singleQuote else { return nil }
            let inner = string(bytes, range.lowerBound + 1..<range.upperBound - 1)
            guard inner.utf8.contains(ASCII.singleQuote) else { return inner }
            return inner.split(separator: "''", omittingEmptySubsequences: false).joined(separator: "'")
        }
        // Indicators that start other YAML forms (block scalars, flow collections, tags, anchors),
        // and `: ` inside a plain scalar, which YAML rejects: Yams reports those.
        if otherFormIndicators.contains(first) { return nil }
        if bytes[range.upperBound - 1] == ASCII.colon
            || range.dropLast().contains(where: { bytes[$0] == ASCII.colon && bytes[$0 + 1] == ASCII.space }) { return nil }
        return string(bytes, range)
    }

    private static let otherFormIndicators: [UInt8] = Array("|>[{!&*%@`".utf8)

    /// `null`, `"id"`, `[]` or `["a", "b"]`.
    private static func list(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [String]? {
        if range.isEmpty || isNull(bytes, range) { return [] }
        guard bytes[range.lowerBound] == ASCII.openBracket else { return scalar(bytes, range).map { [$0] } }
        guard bytes[range.upperBound - 1] == ASCII.closeBracket else { return nil }
        let inner = range.lowerBound + 1..<range.upperBound - 1
        if inner.allSatisfy({ bytes[$0] == ASCII.space }) { return [] }
        var items: [String] = []
        var itemStart = inner.lowerBound
        while itemStart <= inner.upperBound {
            var itemEnd = itemStart
            while itemEnd < inner.upperBound, bytes[itemEnd] != ASCII.comma { itemEnd += 1 }
            var lower = itemStart, upper = itemEnd
            while lower < upper, bytes[lower] == ASCII.space { lower += 1 }
            while upper > lower, bytes[upper - 1] == ASCII.space { upper -= 1 }
            guard let item = scalar(bytes, lower..<upper), !item.isEmpty else { return nil }
            items.append(item)
            itemStart = itemEnd + 1
        }
        return items
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
