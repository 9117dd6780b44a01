/// Keeps secrets out of messages: what a server or client library said, and any
/// text that quotes a URL or a configuration value, parsed or not.
public enum Redaction {
    /// Replaces every occurrence of `secret` with `***`. Very short secrets are left,
    /// since hiding every "a" would destroy the message and reveal the secret's length anyway.
    static func hide(_ secret: String?, in message: String) -> String {
        guard let secret, secret.count >= 3 else { return message }
        return message.split(separator: secret, omittingEmptySubsequences: false).joined(separator: "***")
    }

    /// `message` with the password of everything that looks like userinfo replaced by
    /// `***`: `scheme://user:pass@host`, `scheme:/user:pass@host`, `user:pass@host`.
    ///
    /// It does not parse URLs, so it also covers the malformed ones a parser rejects
    /// (which are exactly the ones quoted in errors). A word is a run of text between
    /// whitespace or quotes; its password runs from the user's colon to the word's
    /// last `@`, since an unencoded password may itself hold `@`, `/`, `?` or `:`.
    public static func maskingCredentials(in message: String) -> String {
        guard message.utf8.contains(UInt8(ascii: "@")) else { return message }
        var output: [UInt8] = []
        let bytes = Array(message.utf8)
        output.reserveCapacity(bytes.count)
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, !isWordBoundary(bytes[end]) { end += 1 }
            output.append(contentsOf: maskedWord(bytes[start..<end]))
            if end < bytes.count { output.append(bytes[end]) }
            start = end + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isWordBoundary(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
             UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            true
        default:
            false
        }
    }

    private static func maskedWord(_ word: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let at = word.lastIndex(of: UInt8(ascii: "@")) else { return word }
        let userStart = afterScheme(word)
        guard let colon = word[userStart..<at].firstIndex(of: UInt8(ascii: ":")), colon + 1 < at else { return word }
        return word[..<(colon + 1)] + Array("***".utf8) + word[at...]
    }

    /// Where the user begins: after `scheme:` and any slashes, or at the word's start.
    private static func afterScheme(_ word: ArraySlice<UInt8>) -> Int {
        var index = word.startIndex
        while index < word.endIndex, isSchemeByte(word[index]) { index += 1 }
        guard index > word.startIndex, index + 1 < word.endIndex, word[index] == UInt8(ascii: ":"),
              word[index + 1] == UInt8(ascii: "/") else { return word.startIndex }
        index += 1
        while index < word.endIndex, word[index] == UInt8(ascii: "/") { index += 1 }
        return index
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }
}
