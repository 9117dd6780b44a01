import Testing
@testable import AlchemySchema

@Suite("Column type expressions")
struct ColumnTypeExpressionTests {
    /// Every form the brief lists, with the value it reads as and its canonical spelling.
    static let cases: [(text: String, type: ColumnType, canonical: String)] = [
        ("Integer", .integer, "Integer"),
        ("BigInteger", .bigInteger, "BigInteger"),
        ("SmallInteger", .smallInteger, "SmallInteger"),
        ("Boolean", .boolean, "Boolean"),
        ("String", .string(length: nil), "String"),
        ("String(255)", .string(length: 255), "String(255)"),
        ("String(length: 20)", .string(length: 20), "String(20)"),
        ("String()", .string(length: nil), "String"),
        ("Text", .text, "Text"),
        ("Float", .float, "Float"),
        ("Double", .double, "Double"),
        ("Numeric", .numeric(precision: nil, scale: nil), "Numeric"),
        ("Numeric(10, 2)", .numeric(precision: 10, scale: 2), "Numeric(10, 2)"),
        ("Numeric(10)", .numeric(precision: 10, scale: nil), "Numeric(10)"),
        ("Numeric(scale: 3)", .numeric(precision: nil, scale: 3), "Numeric(scale: 3)"),
        ("Numeric(precision: 8, scale: 0)", .numeric(precision: 8, scale: 0), "Numeric(8, 0)"),
        ("Date", .date, "Date"),
        ("Time", .time, "Time"),
        ("DateTime", .dateTime(timezone: false), "DateTime"),
        ("DateTime(timezone: true)", .dateTime(timezone: true), "DateTime(timezone: true)"),
        ("DateTime(timezone: false)", .dateTime(timezone: false), "DateTime"),
        ("Interval", .interval, "Interval"),
        ("LargeBinary", .largeBinary, "LargeBinary"),
        ("JSON", .json, "JSON"),
        ("Uuid", .uuid, "Uuid"),
        ("Enum(a, b, name: kind)", .enumeration(values: ["a", "b"], name: "kind"), "Enum(a, b, name: kind)"),
        ("Enum('a', \"b\", name: 'kind')", .enumeration(values: ["a", "b"], name: "kind"), "Enum(a, b, name: kind)"),
        ("Enum('in progress', 'it''s', \"x\"\"y\")", .enumeration(values: ["in progress", "it's", "x\"y"], name: nil),
         "Enum('in progress', 'it''s', 'x\"y')"),
        ("Enum(a)", .enumeration(values: ["a"], name: nil), "Enum(a)"),
        ("Enum()", .enumeration(values: [], name: nil), "Enum()"),
        ("GUID", .guid(binary: nil), "GUID"),
        ("GUID(binary: true)", .guid(binary: true), "GUID(binary: true)"),
        ("GUID(binary: false)", .guid(binary: false), "GUID(binary: false)"),
        ("DateTimeUTC", .dateTimeUTC, "DateTimeUTC"),
        ("JsonB", .jsonb, "JsonB"),
        ("EncryptedString", .encryptedString(length: nil), "EncryptedString"),
        ("EncryptedString(255)", .encryptedString(length: 255), "EncryptedString(255)"),
        ("EncryptedText", .encryptedText, "EncryptedText"),
        ("StoredObject(backend: s3)", .storedObject(backend: "s3", multiple: false), "StoredObject(backend: s3)"),
        ("StoredObject(backend: s3, multiple: true)", .storedObject(backend: "s3", multiple: true),
         "StoredObject(backend: s3, multiple: true)"),
        ("StoredObject(backend: 'local store')", .storedObject(backend: "local store", multiple: false),
         "StoredObject(backend: 'local store')"),
        ("PasswordHash", .passwordHash(length: 128), "PasswordHash(128)"),
        ("PasswordHash(128)", .passwordHash(length: 128), "PasswordHash(128)"),
        ("PasswordHash(64)", .passwordHash(length: 64), "PasswordHash(64)"),
        ("BigIntIdentity", .bigIntIdentity, "BigIntIdentity"),
        ("NanoID", .nanoID, "NanoID"),
        ("  Numeric( 10 ,2 )  ", .numeric(precision: 10, scale: 2), "Numeric(10, 2)"),
    ]

    @Test("parses and prints canonically", arguments: cases.indices)
    func parses(_ index: Int) throws {
        let (text, type, canonical) = Self.cases[index]
        #expect(try ColumnType(expression: text) == type)
        #expect(type.expression == canonical)
        #expect(try ColumnType(expression: type.expression) == type)
    }

    /// Values that stress quoting, so every enum and backend string survives a round trip.
    @Test func roundTripsAwkwardStrings() throws {
        let strings = ["", "'", "''", "\"", "a b", "name:", "x,y", "(", ")", "1", "-1", "true", "_x9", "é", "a\nb", "a'b\"c"]
        for value in strings {
            let types: [ColumnType] = [
                .enumeration(values: [value, "v"], name: value),
                .enumeration(values: [value], name: nil),
                .storedObject(backend: value, multiple: true),
            ]
            for type in types {
                #expect(try ColumnType(expression: type.expression) == type, "\(type.expression)")
            }
        }
    }

    @Test func roundTripsNumbers() throws {
        for n in [0, 1, 9, 10, 255, 4000, Int.max] {
            for type: ColumnType in [.string(length: n), .encryptedString(length: n), .passwordHash(length: n),
                                     .numeric(precision: n, scale: nil), .numeric(precision: n, scale: -2),
                                     .numeric(precision: nil, scale: n)] {
                #expect(try ColumnType(expression: type.expression) == type, "\(type.expression)")
            }
        }
    }

    @Test(arguments: [
        ("Strnig", "unknown type 'Strnig' (did you mean String?); expected one of: Integer, BigInteger"),
        ("string(10)", "unknown type 'string' (did you mean String?)"),
        ("Varchar(10)", "unknown type 'Varchar'; expected one of:"),
        ("", "empty type expression; expected one of: Integer"),
        ("   ", "empty type expression"),
        ("(10)", "expected a type name at '(10)'"),
        ("String(", "missing ')' at the end of 'String('"),
        ("Numeric(10", "missing ')' at the end of 'Numeric(10'"),
        ("Numeric(10 2)", "expected ',' or ')' in the arguments of Numeric, found '2)'"),
        ("String(255) x", "unexpected 'x' after the type String"),
        ("String(abc)", "String length must be an integer, found 'abc'"),
        ("String(-1)", "String length must not be negative, found -1"),
        ("String(1, 2)", "too many arguments for String; expected at most 1"),
        ("String(len: 3)", "unknown argument 'len' for String (did you mean length?); expected length"),
        ("Integer(4)", "Integer takes no positional arguments"),
        ("Integer(x: 4)", "unknown argument 'x' for Integer; Integer takes no arguments"),
        ("DateTime(true)", "DateTime takes no positional arguments; use timezone:"),
        ("DateTime(timezone: yes)", "DateTime timezone must be true or false, found 'yes'"),
        ("GUID(binary: 1)", "GUID binary must be true or false, found '1'"),
        ("StoredObject", "StoredObject needs backend:, as in StoredObject(backend: ...)"),
        ("StoredObject(backend: s3, backend: s4)", "argument 'backend' of StoredObject is given twice"),
        ("Enum(name: k, a)", "positional values of Enum must come before labelled arguments"),
        ("Enum('a)", "unterminated string starting at ''a)'; close it with '"),
        ("Enum(a, @)", "expected a value (a name, a number or a quoted string) in the arguments of Enum, found '@)'"),
        ("Numeric(10, 2, 3)", "too many arguments for Numeric; expected at most 2"),
        ("String(99999999999999999999)", "String length must be an integer"),
    ])
    func rejects(_ text: String, _ expected: String) {
        #expect {
            _ = try ColumnType(expression: text)
        } throws: { error in
            guard let error = error as? ColumnTypeExpressionError else { return false }
            return error.message.contains(expected) && error.expression == text
        }
    }

    @Test func unknownTypeListsEveryName() {
        do {
            _ = try ColumnType(expression: "Strng")
            Issue.record("parsed")
        } catch {
            for name in ["Integer", "JsonB", "GUID", "StoredObject", "PasswordHash", "BigIntIdentity"] {
                #expect(error.message.contains(name))
            }
            #expect(error.offset == 0)
        }
    }
}
