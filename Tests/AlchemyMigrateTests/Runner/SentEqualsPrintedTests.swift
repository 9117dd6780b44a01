import AlchemyDatabase
import AlchemySQL
import AlchemySchema
import AlchemyTestSupport
import Foundation
import Testing
@testable import AlchemyMigrate

/// A real connection that keeps the text of every statement it executes (bound
/// values written in as the dialect's literals), to compare a run with `--sql`.
final class RecordingConnection: Connection {
    let base: any Connection
    private(set) var executed: [String] = []

    init(_ base: any Connection) { self.base = base }

    var dialect: DialectName { base.dialect }
    var sqlDialect: any Dialect { base.sqlDialect }
    var url: DatabaseURL { base.url }
    var migrationLockMechanism: any MigrationLockMechanism { base.migrationLockMechanism }
    func makeIntrospector(for connection: any Connection) -> any Introspector { base.makeIntrospector(for: connection) }

    func execute(_ sql: String) throws(DatabaseError) {
        executed.append(sql)
        try base.execute(sql)
    }

    func execute(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) {
        executed.append(Self.inlined(sql, parameters, dialect: sqlDialect))
        try base.execute(sql, parameters)
    }

    /// Each statement of the batch, in order, as far as the batch ran (the failing
    /// one included, as one by one would record it); the batch itself goes to the
    /// real connection whole, so the run is the one users get.
    func execute(batch: [Statement]) throws(BatchFailure) {
        let texts = batch.map { Self.inlined($0.sql, $0.parameters.map(DatabaseValue.init), dialect: sqlDialect) }
        do {
            try base.execute(batch: batch)
            executed += texts
        } catch {
            executed += texts.prefix(error.index + 1)
            throw error
        }
    }

    func query(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) -> [Row] { try base.query(sql, parameters) }
    func serverVersion() throws(DatabaseError) -> String { try base.serverVersion() }
    func setBusyTimeout(milliseconds: Int32) { base.setBusyTimeout(milliseconds: milliseconds) }
    func close() { base.close() }

    /// `$2`/`?` replaced by the values, last position first (so `$1` does not eat `$12`).
    static func inlined(_ sql: String, _ parameters: [DatabaseValue], dialect: any Dialect) -> String {
        var text = sql
        let literals = parameters.map { value -> String in
            switch value {
            case .text(let string): dialect.stringLiteral(string)
            case .integer(let number): String(number)
            case .null: "NULL"
            default: "\(value)"
            }
        }
        if dialect.placeholder(1) == "?" {
            for literal in literals {
                guard let mark = text.firstIndex(of: "?") else { break }
                text.replaceSubrange(mark...mark, with: literal)
            }
        } else {
            for (index, literal) in literals.enumerated().reversed() {
                text = text.replacingOccurrences(of: dialect.placeholder(index + 1), with: literal)
            }
        }
        return text
    }
}

/// The statements a run sends are the statements `--sql` prints, in order, for the
/// example project and a generated 200-revision history, on each dialect: one plan,
/// executed or printed. (The printed script's comments and the session settings a
/// connection makes when it opens are not statements of the run.)
@Suite("A run sends what --sql prints")
struct SentEqualsPrintedTests {
    /// 200 revisions: tables, columns, indexes (some built concurrently), data, and
    /// statements that cannot run in a transaction (`VACUUM` on PostgreSQL and SQLite).
    static func generatedHistory(in folder: String) throws -> String {
        let versions = folder + "/migrations/versions"
        try FileManager.default.createDirectory(atPath: versions, withIntermediateDirectories: true)
        var parent = "null"
        for index in 0..<200 {
            let id = String(format: "g%011d", index)
            let table = "t\(index / 4)"
            let upgrade: String
            let downgrade: String
            switch index % 4 {
            case 0:
                upgrade = "  - create_table: {name: \(table), columns: [{name: id, type: Integer, primary_key: true}, {name: label, type: String(40)?}]}"
                downgrade = "  - drop_table: {name: \(table)}"
            case 1:
                upgrade = "  - add_column: {table: \(table), column: {name: n, type: Integer?}}"
                downgrade = "  - drop_column: {table: \(table), column: {name: n, type: Integer?}}"
            case 2:
                upgrade = "  - create_index: {name: ix_\(table)_label, table: \(table), columns: [label], concurrently: \(index % 8 == 2)}"
                downgrade = "  - drop_index: {name: ix_\(table)_label, table: \(table)}"
            default:
                upgrade = "  - bulk_insert: {table: \(table), rows: [{id: 1, label: \"it's\"}]}\n  - execute: {sql: \"SELECT 1\", sqlite: VACUUM, postgresql: VACUUM, transactional: false}"
                downgrade = "  - execute: {sql: \"DELETE FROM \(table)\"}"
            }
            let text = "revision: \"\(id)\"\ndown_revision: \(parent)\nmessage: step \(index)\nupgrade:\n\(upgrade)\ndowngrade:\n\(downgrade)\n"
            try text.write(toFile: "\(versions)/\(String(format: "%03d", index))_\(id).yaml", atomically: true, encoding: .utf8)
            parent = "\"\(id)\""
        }
        return folder + "/migrations"
    }

    /// The printed script's statements: without comments, blank lines, and the
    /// settings a connection makes when it opens.
    static func printedStatements(_ script: String, dialect: any Dialect) -> [String] {
        let settings = Set(dialect.literalSettings)
        var statements: [String] = []
        var current = ""
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            if current.isEmpty && (line.hasPrefix("--") || line.isEmpty) { continue }
            current += current.isEmpty ? String(line) : "\n" + line
            if line.hasSuffix(";") {
                let statement = String(current.dropLast())
                if !settings.contains(statement) { statements.append(statement) }
                current = ""
            }
        }
        return statements
    }

    static func check(location: String, dialect: DialectName) throws {
        let script = try ScriptDirectory.load(location: location)
        let table = VersionTable()
        let printed = try OfflineScript(dialect: dialect, script: script, versionTable: table).upgrade(from: [], to: "heads")
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = RecordingConnection(try openConnection(url))
            defer { connection.close() }
            _ = try MigrationRunner(connection: connection, script: script, versionTable: table, lockTimeout: 10).upgrade(to: "heads")
            let sent = connection.executed
            let expected = printedStatements(printed, dialect: dialect.dialect)
            #expect(sent.count == expected.count, "\(dialect.rawValue): \(sent.count) sent, \(expected.count) printed")
            if let first = zip(sent, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("\(dialect.rawValue): statement \(first) sent \(sent[first].debugDescription), printed \(expected[first].debugDescription)")
            }
        }
    }

    @Test("the example project", arguments: TestDatabases.dialects)
    func exampleProject(dialect: DialectName) throws {
        try Self.check(location: ExampleProjectTests.root + "/migrations", dialect: dialect)
    }

    @Test("a generated 200-revision history", arguments: TestDatabases.dialects)
    func generatedHistory(dialect: DialectName) throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.check(location: try Self.generatedHistory(in: folder), dialect: dialect)
    }
}
