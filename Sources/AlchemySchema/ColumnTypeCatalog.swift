/// Every type name a model or revision file may write, with its parameters.
///
/// This is the one table that maps text to `ColumnType`; adding a type means
/// adding a row here and a line to `ColumnType.expression`.
enum ColumnTypeCatalog {
    typealias Build = @Sendable (TypeArguments) throws(ColumnTypeExpressionError) -> ColumnType

    struct Entry: Sendable {
        var name: String
        /// Parameter names, in positional order for the first `positionalCount`.
        var parameters: [String] = []
        var positionalCount = 0
        /// Takes any number of positional values before the labelled arguments (`Enum`).
        var variadic = false
        var build: Build
    }

    /// Advanced Alchemy's default `PasswordHash` length.
    static let defaultPasswordHashLength = 128

    static let entries: [Entry] = [
        Entry(name: "Integer") { _ in .integer },
        Entry(name: "BigInteger") { _ in .bigInteger },
        Entry(name: "SmallInteger") { _ in .smallInteger },
        Entry(name: "Boolean") { _ in .boolean },
        Entry(name: "String", parameters: ["length"], positionalCount: 1) { arguments throws(ColumnTypeExpressionError) in
            .string(length: try arguments.integer("length"))
        },
        Entry(name: "Text") { _ in .text },
        Entry(name: "Float") { _ in .float },
        Entry(name: "Double") { _ in .double },
        Entry(name: "Numeric", parameters: ["precision", "scale"], positionalCount: 2) { arguments throws(ColumnTypeExpressionError) in
            .numeric(precision: try arguments.integer("precision"), scale: try arguments.integer("scale"))
        },
        Entry(name: "Date") { _ in .date },
        Entry(name: "Time") { _ in .time },
        Entry(name: "DateTime", parameters: ["timezone"]) { arguments throws(ColumnTypeExpressionError) in
            .dateTime(timezone: try arguments.boolean("timezone") ?? false)
        },
        Entry(name: "Interval") { _ in .interval },
        Entry(name: "LargeBinary") { _ in .largeBinary },
        Entry(name: "JSON") { _ in .json },
        Entry(name: "Uuid") { _ in .uuid },
        Entry(name: "Enum", parameters: ["name"], variadic: true) { arguments in
            .enumeration(values: arguments.extraPositional.map(\.text), name: arguments.string("name"))
        },
        Entry(name: "GUID", parameters: ["binary"]) { arguments throws(ColumnTypeExpressionError) in
            .guid(binary: try arguments.boolean("binary"))
        },
        Entry(name: "DateTimeUTC") { _ in .dateTimeUTC },
        Entry(name: "JsonB") { _ in .jsonb },
        Entry(name: "EncryptedString", parameters: ["length"], positionalCount: 1) { arguments throws(ColumnTypeExpressionError) in
            .encryptedString(length: try arguments.integer("length"))
        },
        Entry(name: "EncryptedText") { _ in .encryptedText },
        Entry(name: "StoredObject", parameters: ["backend", "multiple"]) { arguments throws(ColumnTypeExpressionError) in
            .storedObject(backend: try arguments.required("backend", arguments.string("backend")),
                          multiple: try arguments.boolean("multiple") ?? false)
        },
        Entry(name: "PasswordHash", parameters: ["length"], positionalCount: 1) { arguments throws(ColumnTypeExpressionError) in
            .passwordHash(length: try arguments.integer("length") ?? defaultPasswordHashLength)
        },
        Entry(name: "BigIntIdentity") { _ in .bigIntIdentity },
        Entry(name: "NanoID") { _ in .nanoID },
    ]

    static let byName: [String: Entry] = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    static let names: [String] = entries.map(\.name)

    static let namesList: String = names.joined(separator: ", ")

    /// Reads a whole expression into a type, or says what was expected.
    static func columnType(from expression: String) throws(ColumnTypeExpressionError) -> ColumnType {
        let syntax = try TypeExpressionSyntax.parse(expression)
        guard let entry = byName[syntax.name] else {
            let hint = Suggestion.closest(to: syntax.name, in: names).map { " (did you mean \($0)?)" } ?? ""
            throw ColumnTypeExpressionError(
                expression: expression,
                message: "unknown type '\(syntax.name)'\(hint); expected one of: \(namesList)",
                offset: syntax.nameOffset)
        }
        let arguments = try TypeArguments(
            syntax, expression: expression, parameters: entry.parameters,
            positionalCount: entry.positionalCount, variadic: entry.variadic)
        return try entry.build(arguments)
    }
}
