extension ColumnType {
    /// Reads the textual form that model and revision files use.
    ///
    /// Accepts `String`, `String(255)`, `String(length: 255)`, `Numeric(10, 2)`,
    /// `DateTime(timezone: true)`, `Enum(a, 'b c', name: kind)`,
    /// `StoredObject(backend: s3, multiple: true)`, `PasswordHash` (length 128)
    /// and the other names of `ColumnTypeCatalog`. Values may be bare names or
    /// quoted with `'` or `"`; a doubled quote inside a string is the quote itself.
    ///
    /// ```swift
    /// let type = try ColumnType(expression: "Numeric(10, 2)")
    /// // type == .numeric(precision: 10, scale: 2)
    /// ```
    ///
    /// - Throws: `ColumnTypeExpressionError` saying what was expected, with
    ///   "did you mean ...?" for near misses such as `Strnig`.
    public init(expression: String) throws(ColumnTypeExpressionError) {
        self = try ColumnTypeCatalog.columnType(from: expression)
    }

    /// The canonical textual form: `ColumnType(expression: t.expression) == t`.
    ///
    /// Defaults are left out (`String`, `DateTime`, `GUID`), except the length of
    /// `PasswordHash`, which is always written so revision files state it.
    public var expression: String {
        switch self {
        case .integer: "Integer"
        case .bigInteger: "BigInteger"
        case .smallInteger: "SmallInteger"
        case .boolean: "Boolean"
        case .string(let length): Self.call("String", length.map { ["\($0)"] } ?? [])
        case .text: "Text"
        case .float: "Float"
        case .double: "Double"
        case .numeric(let precision, let scale):
            switch (precision, scale) {
            case (nil, nil): "Numeric"
            case (let p?, nil): "Numeric(\(p))"
            case (let p?, let s?): "Numeric(\(p), \(s))"
            case (nil, let s?): "Numeric(scale: \(s))"
            }
        case .date: "Date"
        case .time: "Time"
        case .dateTime(let timezone): timezone ? "DateTime(timezone: true)" : "DateTime"
        case .interval: "Interval"
        case .largeBinary: "LargeBinary"
        case .json: "JSON"
        case .uuid: "Uuid"
        case .enumeration(let values, let name):
            Self.call("Enum", values.map(Self.quotedIfNeeded) + (name.map { ["name: " + Self.quotedIfNeeded($0)] } ?? []))
        case .guid(let binary): Self.call("GUID", binary.map { ["binary: \($0)"] } ?? [])
        case .dateTimeUTC: "DateTimeUTC"
        case .jsonb: "JsonB"
        case .encryptedString(let length): Self.call("EncryptedString", length.map { ["\($0)"] } ?? [])
        case .encryptedText: "EncryptedText"
        case .storedObject(let backend, let multiple):
            Self.call("StoredObject", ["backend: " + Self.quotedIfNeeded(backend)] + (multiple ? ["multiple: true"] : []))
        case .passwordHash(let length): "PasswordHash(\(length))"
        case .bigIntIdentity: "BigIntIdentity"
        case .nanoID: "NanoID"
        }
    }

    private static func call(_ name: String, _ arguments: [String]) -> String {
        // `Enum()` keeps its parentheses so that it cannot be mistaken for a type without values.
        if arguments.isEmpty { return name == "Enum" ? "Enum()" : name }
        return "\(name)(\(arguments.joined(separator: ", ")))"
    }

    /// Bare when the value reads back as the same identifier, single-quoted otherwise.
    static func quotedIfNeeded(_ value: String) -> String {
        let isIdentifier = value.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } ?? false
            && value.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        if isIdentifier { return value }
        return "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }
}
