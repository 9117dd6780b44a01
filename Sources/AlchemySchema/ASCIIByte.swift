/// Classes of ASCII bytes, for the readers that step through UTF-8 bytes
/// instead of Characters on their hot paths (revision headers, SQL tokens,
/// identifiers). Each agrees with the Character property of the same name on
/// ASCII input.
public enum ASCIIByte {
    public static func isLowercase(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    public static func isUppercase(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    public static func isLetter(_ byte: UInt8) -> Bool { isLowercase(byte) || isUppercase(byte) }
    public static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    /// `Character.isWhitespace`: tab, line feed, vertical tab, form feed, carriage return, space.
    public static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    public static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }
}
