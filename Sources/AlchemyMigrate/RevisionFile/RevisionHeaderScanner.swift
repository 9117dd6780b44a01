import AlchemySchema

/// Reads only the header of a revision file (`revision`, `down_revision`,
/// `branch_labels`, `depends_on`, `message`, ...) without parsing its operations.
///
/// The graph needs the headers of every file, but a run needs the operations of
/// only the revisions it applies: `history` or a no-op `upgrade` over 1,000 files
/// should cost little more than reading them. The scanner understands the
/// one-line forms alchemy writes; for anything else it returns `nil` and the
/// caller parses the whole file, so it is never wrong, only sometimes not faster.
enum RevisionHeaderScanner {
    static let headerKeys: Set<String> = ["revision", "down_revision", "branch_labels", "depends_on", "message", "created", "transactional"]
    static let bodyKeys: Set<String> = ["upgrade", "downgrade"]

    static func scan(_ text: String, path: String) -> RevisionFile? {
        var text = text
        // Scanning bytes, not Characters: the operations below the header can be
        // most of a file, and grapheme breaking over them was most of the cost.
        guard let values = text.withUTF8({ headerValues($0) }) else { return nil }
        return header(values, path: path)
    }

    /// The top-level `key: value` lines, by key; `nil` when a line is not of that form.
    private static func headerValues(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: Substring]? {
        var values: [String: Substring] = [:]
        var start = 0
        let count = bytes.count
        while start < count {
            var end = start
            while end < count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            defer { start = end + 1 }
            guard end > start else { continue }
            let first = bytes[start]
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "#") || first == UInt8(ascii: "\r") { continue }
            var colon = start
            while colon < end, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
            guard colon < end else { return nil }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<colon]), as: UTF8.self)
            if bodyKeys.contains(key) { continue }
            guard headerKeys.contains(key), values[key] == nil else { return nil }
            var valueStart = colon + 1
            while valueStart < end, bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
            var valueEnd = end
            var sawQuote = false
            for index in valueStart..<end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { sawQuote = true }
                if byte == UInt8(ascii: "#"), index > valueStart, bytes[index - 1] == UInt8(ascii: " ") {
                    // A comment after the value; only safe to cut when no quote precedes it.
                    guard !sawQuote else { return nil }
                    valueEnd = index
                    break
                }
            }
            while valueEnd > valueStart, bytes[valueEnd - 1] == UInt8(ascii: " ") || bytes[valueEnd - 1] == UInt8(ascii: "\r") {
                valueEnd -= 1
            }
            values[key] = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self))
        }
        return values
    }

    private static func header(_ values: [String: Substring], path: String) -> RevisionFile? {
        guard let revisionText = values["revision"], let revision = scalar(revisionText), RevisionFile.isValidIdentifier(revision) else { return nil }
        var file = RevisionFile(revision: revision, path: path)
        if let text = values["down_revision"] { guard let ids = list(text) else { return nil }; file.downRevisions = ids }
        if let text = values["depends_on"] { guard let ids = list(text) else { return nil }; file.dependsOn = ids }
        if let text = values["branch_labels"] { guard let labels = list(text) else { return nil }; file.branchLabels = labels }
        if let text = values["message"] {
            guard !text.isEmpty, let message = scalar(text) else { return nil }
            file.message = isNull(text) ? "" : message
        }
        if let text = values["created"] { file.created = isNull(text) ? nil : scalar(text) }
        if let text = values["transactional"] {
            switch text {
            case "true": file.transactional = true
            case "false": file.transactional = false
            default: return nil
            }
        }
        guard file.downRevisions.allSatisfy(RevisionFile.isValidIdentifier),
              file.dependsOn.allSatisfy(RevisionFile.isValidIdentifier) else { return nil }
        return file
    }

    static func isNull(_ text: Substring) -> Bool {
        text == "null" || text == "~" || text == "Null" || text == "NULL"
    }

    /// A plain or simply quoted scalar; `nil` for escapes and other YAML forms.
    static func scalar(_ text: Substring) -> String? {
        guard let first = text.first else { return nil }
        if first == "\"" {
            guard text.count >= 2, text.last == "\"" else { return nil }
            let inner = text.dropFirst().dropLast()
            // Characters, not strings: `contains(String)` would go through Foundation's search.
            return inner.contains(where: { $0 == "\\" || $0 == "\"" }) ? nil : String(inner)
        }
        if first == "'" {
            guard text.count >= 2, text.last == "'" else { return nil }
            let inner = text.dropFirst().dropLast()
            guard inner.contains("'" as Character) else { return String(inner) }
            return String(inner).split(separator: "''", omittingEmptySubsequences: false).joined(separator: "'")
        }
        // Indicators that start other YAML forms (block scalars, flow collections, tags, anchors).
        if "|>[{!&*%@`".contains(first) { return nil }
        return String(text)
    }

    /// `null`, `"id"`, `[]` or `["a", "b"]`.
    static func list(_ text: Substring) -> [String]? {
        if text.isEmpty || isNull(text) { return [] }
        guard text.first == "[" else { return scalar(text).map { [$0] } }
        guard text.last == "]" else { return nil }
        let inner = text.dropFirst().dropLast()
        if inner.allSatisfy({ $0 == " " }) { return [] }
        var items: [String] = []
        for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = part.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
            guard let item = scalar(Substring(String(trimmed))), !item.isEmpty else { return nil }
            items.append(item)
        }
        return items
    }
}
