import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// A scratch project for the autogenerate tests: `alchemy database init`'s layout,
/// one model file, and the database URL given through `DATABASE_URL`.
struct AutogenerateProject {
    let folder: String
    let url: DatabaseURL
    let urlText: String

    init(url: DatabaseURL, models: String) throws {
        folder = try CommandRunner.temporaryDirectory()
        self.url = url
        urlText = try VersionTableCommandTests.urlText(url)
        let initialised = try CommandRunner.run(["database", "init"], in: folder)
        guard initialised.status == 0 else {
            throw TestSetupError(message: "alchemy database init failed: \(initialised.stderr)")
        }
        let modelFolder = folder + "/models"
        for name in try FileManager.default.contentsOfDirectory(atPath: modelFolder) {
            try FileManager.default.removeItem(atPath: modelFolder + "/" + name)
        }
        try writeModels(models)
    }

    func writeModels(_ text: String) throws {
        try text.write(toFile: folder + "/models/models.yaml", atomically: true, encoding: .utf8)
    }

    @discardableResult
    func alchemy(_ arguments: String...) throws -> CommandRunner.Result {
        try CommandRunner.run(["database"] + arguments, in: folder, environment: ["DATABASE_URL": urlText])
    }

    /// Runs a command that must succeed, recording its output when it does not.
    @discardableResult
    func succeed(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandRunner.Result {
        let result = try CommandRunner.run(["database"] + arguments, in: folder, environment: ["DATABASE_URL": urlText])
        #expect(result.status == 0, "alchemy \(arguments.joined(separator: " ")) on \(url.dialect.rawValue) exited \(result.status): \(result.stderr)\(result.stdout)",
                sourceLocation: sourceLocation)
        return result
    }

    /// `check --format json`: the exit status and the operation summaries it lists.
    func check() throws -> (status: Int32, operations: [String], output: String) {
        let result = try alchemy("check", "--format", "json")
        let data = Data(result.stdout.utf8)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let operations = object?["operations"] as? [String] ?? []
        return (result.status, operations, result.stdout + result.stderr)
    }

    /// The revision files, sorted by name.
    func revisionFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder + "/migrations/versions")
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }

    func revisionText(_ revision: String) throws -> String {
        guard let name = try revisionFiles().first(where: { $0.contains(revision) }) else { return "" }
        return try String(contentsOfFile: folder + "/migrations/versions/" + name, encoding: .utf8)
    }

    /// `revision --autogenerate` that must write a file; returns its revision id.
    func autogenerate(_ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try alchemy("revision", "--autogenerate", "-m", message)
        #expect(result.status == 0, "revision --autogenerate on \(url.dialect.rawValue): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("created"), "no revision written: \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func introspect() throws -> Schema {
        let connection = try openConnection(url)
        defer { connection.close() }
        return try connection.introspect()
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

/// Live schemas compared as the issue asks: tables, columns (reported type,
/// nullability, default, identity, comment), keys, constraints and indexes, each
/// set without regard to order (columns in order too, when asked).
enum SchemaShape {
    /// Defaults are compared in the dialect's canonical form: PostgreSQL reports the
    /// default of a column altered to `bigint` as `0` and that of one created as
    /// `bigint` as `'0'::bigint`, which are the same default.
    static func describe(_ schema: Schema, dialect: DialectName, columnOrder: Bool = false) -> [String: [String]] {
        var tables: [String: [String]] = [:]
        for table in schema.tables {
            var lines: [String] = []
            if columnOrder { lines.append("column order " + table.columns.map(\.name).joined(separator: ", ")) }
            if let comment = table.comment, !comment.isEmpty { lines.append("comment \(comment)") }
            for column in table.columns {
                let serverDefault = column.serverDefault.map { serverDefault in
                    switch serverDefault {
                    case .expression(let text), .literal(let text): dialect.dialect.canonicalDefault(text) ?? "NULL"
                    }
                } ?? "-"
                lines.append("column \(column.name) \(column.nativeType ?? "-") \(column.type) "
                    + "\(column.nullable ? "NULL" : "NOT NULL") default=\(serverDefault) "
                    + "auto=\(column.autoincrement) identity=\(column.identity.map { "\($0)" } ?? "-") comment=\(column.comment ?? "-")")
            }
            if let key = table.primaryKey { lines.append("primary key \(key.name ?? "-") \(key.columns)") }
            for key in table.foreignKeys {
                lines.append("foreign key \(key.name ?? "-") \(key.columns) -> \(key.referredTable)\(key.referredColumns) "
                    + "delete=\(key.onDelete?.rawValue ?? "-") update=\(key.onUpdate?.rawValue ?? "-")")
            }
            for unique in table.uniqueConstraints { lines.append("unique \(unique.name ?? "-") \(unique.columns)") }
            for check in table.checkConstraints { lines.append("check \(check.name ?? "-") \(check.sqltext)") }
            for index in table.indexes {
                lines.append("index \(index.name) \(index.columns) unique=\(index.unique) \(index.expressions)")
            }
            tables[table.reference.description] = lines.sorted()
        }
        return tables
    }

    /// The lines that differ, `-` only in `expected`, `+` only in `actual`; empty when equal.
    static func differences(_ expected: Schema, _ actual: Schema, dialect: DialectName, columnOrder: Bool = false) -> [String] {
        let a = describe(expected, dialect: dialect, columnOrder: columnOrder)
        let b = describe(actual, dialect: dialect, columnOrder: columnOrder)
        var output: [String] = []
        for name in Set(a.keys).union(b.keys).sorted() {
            let left = a[name] ?? [], right = b[name] ?? []
            if a[name] == nil { output.append("+ table \(name)") }
            if b[name] == nil { output.append("- table \(name)") }
            output += left.filter { !right.contains($0) }.map { "- \(name): \($0)" }
            output += right.filter { !left.contains($0) }.map { "+ \(name): \($0)" }
        }
        return output
    }
}

/// Whether the Python side (Alembic / Advanced Alchemy) can run here.
enum PythonFixtures {
    static let python = "/usr/bin/env"

    static func run(_ script: String, _ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.execute(python, ["python3", CommandRunner.repositoryRoot + "/Tests/Fixtures/" + script] + arguments, in: "/tmp")
    }

    /// A missing package skips locally and fails in CI.
    static func isMissingPackage(_ result: CommandRunner.Result) -> Bool {
        result.status != 0 && (result.stderr.contains("No module named") || result.stderr.contains("ModuleNotFoundError"))
    }
}
