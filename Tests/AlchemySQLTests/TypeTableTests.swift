import AlchemySchema
import Testing
@testable import AlchemySQL

/// One cell of the type table: a column type on a dialect, and its DDL
/// (`nil`: the dialect refuses the type with a `RenderError`).
struct TypeCell: Sendable, CustomTestStringConvertible {
    let dialect: DialectName
    let label: String
    let type: ColumnType
    let expected: String?

    var testDescription: String { "\(dialect): \(label)" }
}

/// The reference's type DDL, by row: SQLite, PostgreSQL, MySQL/MariaDB.
private let rows: [(String, ColumnType, String, String, String?)] = [
    ("Integer", .integer, "INTEGER", "INTEGER", "INTEGER"),
    ("BigInteger", .bigInteger, "BIGINT", "BIGINT", "BIGINT"),
    ("SmallInteger", .smallInteger, "SMALLINT", "SMALLINT", "SMALLINT"),
    ("Boolean", .boolean, "BOOLEAN", "BOOLEAN", "BOOL"),
    ("String(255)", .string(length: 255), "VARCHAR(255)", "VARCHAR(255)", "VARCHAR(255)"),
    ("String", .string(length: nil), "VARCHAR", "VARCHAR", nil),
    ("Text", .text, "TEXT", "TEXT", "TEXT"),
    ("Float", .float, "FLOAT", "FLOAT", "FLOAT"),
    ("Double", .double, "DOUBLE", "DOUBLE PRECISION", "DOUBLE"),
    ("Numeric(10, 2)", .numeric(precision: 10, scale: 2), "NUMERIC(10, 2)", "NUMERIC(10, 2)", "NUMERIC(10, 2)"),
    ("Numeric(10)", .numeric(precision: 10, scale: nil), "NUMERIC(10)", "NUMERIC(10)", "NUMERIC(10)"),
    ("Numeric", .numeric(precision: nil, scale: nil), "NUMERIC", "NUMERIC", "NUMERIC"),
    ("Date", .date, "DATE", "DATE", "DATE"),
    ("Time", .time, "TIME", "TIME WITHOUT TIME ZONE", "TIME"),
    ("DateTime", .dateTime(timezone: false), "DATETIME", "TIMESTAMP WITHOUT TIME ZONE", "DATETIME"),
    ("DateTime(timezone: true)", .dateTime(timezone: true), "DATETIME", "TIMESTAMP WITH TIME ZONE", "DATETIME"),
    ("Interval", .interval, "DATETIME", "INTERVAL", "DATETIME"),
    ("LargeBinary", .largeBinary, "BLOB", "BYTEA", "BLOB"),
    ("JSON", .json, "JSON", "JSON", "JSON"),
    ("Uuid", .uuid, "CHAR(32)", "UUID", "CHAR(32)"),
    ("Enum(a, b, name: kind)", .enumeration(values: ["a", "b"], name: "kind"), "VARCHAR(1)", "\"kind\"", "ENUM('a','b')"),
    ("Enum(draft, published, name: post_state)", .enumeration(values: ["draft", "published"], name: "post_state"),
     "VARCHAR(9)", "\"post_state\"", "ENUM('draft','published')"),
    ("GUID", .guid(binary: nil), "BINARY(16)", "UUID", "BINARY(16)"),
    ("GUID(binary: true)", .guid(binary: true), "BINARY(16)", "UUID", "BINARY(16)"),
    ("GUID(binary: false)", .guid(binary: false), "CHAR(32)", "UUID", "CHAR(32)"),
    ("DateTimeUTC", .dateTimeUTC, "DATETIME", "TIMESTAMP WITH TIME ZONE", "DATETIME"),
    ("JsonB", .jsonb, "JSON", "JSONB", "JSON"),
    ("EncryptedString", .encryptedString(length: nil), "VARCHAR", "VARCHAR", "TEXT"),
    ("EncryptedString(100)", .encryptedString(length: 100), "VARCHAR", "VARCHAR", "TEXT"),
    ("EncryptedText", .encryptedText, "TEXT", "VARCHAR", "TEXT"),
    ("StoredObject(backend: s3)", .storedObject(backend: "s3", multiple: false), "JSON", "JSONB", "JSON"),
    ("StoredObject(backend: s3, multiple: true)", .storedObject(backend: "s3", multiple: true), "JSON", "JSONB", "JSON"),
    ("PasswordHash(128)", .passwordHash(length: 128), "VARCHAR(128)", "VARCHAR(128)", "VARCHAR(128)"),
    ("BigIntIdentity", .bigIntIdentity, "INTEGER", "BIGINT", "BIGINT"),
    ("NanoID", .nanoID, "VARCHAR", "VARCHAR", "VARCHAR(21)"),
]

let typeCells: [TypeCell] = rows.flatMap { label, type, sqlite, postgresql, mysql in
    [
        TypeCell(dialect: .sqlite, label: label, type: type, expected: sqlite),
        TypeCell(dialect: .postgresql, label: label, type: type, expected: postgresql),
        TypeCell(dialect: .mysql, label: label, type: type, expected: mysql),
        TypeCell(dialect: .mariadb, label: label, type: type, expected: mysql),
    ]
}

@Suite("Type table")
struct TypeTableTests {
    @Test("type DDL per dialect", arguments: typeCells)
    func typeDDL(_ cell: TypeCell) throws {
        let dialect = cell.dialect.dialect
        if let expected = cell.expected {
            #expect(try dialect.typeDDL(cell.type) == expected)
        } else {
            #expect(throws: RenderError.lengthRequired(type: "String", dialect: cell.dialect, column: nil)) {
                try dialect.typeDDL(cell.type)
            }
        }
    }

    @Test("every ColumnType case has a row")
    func everyCaseCovered() {
        // A new case added to ColumnType fails to compile in each dialect's table;
        // this keeps the test's rows in step with the tables.
        #expect(Set(rows.map(\.0)).count == rows.count)
        #expect(typeCells.count == rows.count * DialectName.allCases.count)
    }

    @Test("String without a length on MySQL names the column", arguments: [DialectName.mysql, .mariadb])
    func stringLengthError(_ name: DialectName) {
        let column = Column(name: "title", type: .string(length: nil))
        #expect(throws: RenderError.lengthRequired(type: "String", dialect: name, column: "title")) {
            try name.dialect.columnDefinition(column)
        }
        let message = RenderError.lengthRequired(type: "String", dialect: name, column: "title").description
        #expect(message.contains("column title") && message.contains("String(255)"))
    }

    @Test("an unnamed enum is an error on PostgreSQL only")
    func unnamedEnum() throws {
        let type = ColumnType.enumeration(values: ["on", "off"], name: nil)
        #expect(throws: RenderError.enumNameRequired(values: ["on", "off"], column: "state")) {
            try PostgreSQLDialect().columnDefinition(Column(name: "state", type: type))
        }
        #expect(try SQLiteDialect().typeDDL(type) == "VARCHAR(3)")
        #expect(try MariaDBDialect().typeDDL(type) == "ENUM('on','off')")
    }

    @Test("enum values are escaped per dialect")
    func enumEscaping() throws {
        let type = ColumnType.enumeration(values: ["it's", "a\\b"], name: "odd")
        #expect(try MySQLDialect().typeDDL(type) == "ENUM('it''s','a\\\\b')")
        #expect(try SQLiteDialect().typeDDL(type) == "VARCHAR(4)")
    }
}
