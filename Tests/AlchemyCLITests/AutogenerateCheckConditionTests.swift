import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// CHECK conditions are compared as the server spells them: a changed condition
/// is found, migrated up and down; conditions every server rewrites are not
/// reported as changes on a database that alchemy created.
@Suite("Autogenerate: CHECK conditions")
struct AutogenerateCheckConditionTests {
    static func models(_ checks: [(name: String, sqltext: String)]) -> String {
        """
        tables:
          payment:
            base: BigIntBase
            columns:
              amount: Integer
              email: String(320)
              kind: String(20)
              code: String(20)?
              note: Text?
              paid: Boolean
              price: "Numeric(10, 2)"
              status: {type: "Enum(active, disabled, name: payment_status)", server_default: active}
            check_constraints:

        """ + checks.map { "      - {name: \($0.name), sqltext: \"\($0.sqltext)\"}\n" }.joined()
    }

    static let rewritten: [(name: String, sqltext: String)] = [
        ("amount_positive", "amount > 0"),
        ("email_has_at", "email LIKE '%@%'"),
        ("kind_known", "kind IN ('card', 'cash', 'wire')"),
        ("amount_not_13", "CAST(amount AS CHAR(20)) <> '13'"),
        ("code_or_note", "code IS NOT NULL OR note IS NOT NULL"),
        ("wire_is_large", "(amount > 0 AND amount < 1000) OR (kind = 'wire' AND amount >= 1000)"),
        ("kind_long", "length(kind) > 3"),
        ("note_quoted", "note <> 'it''s' AND note <> 'say \\\"hi\\\"'"),
        ("paid_or_cheap", "paid = TRUE OR price < 100.50"),
        ("email_lower", "lower(email) = email"),
        ("price_range", "price BETWEEN 0 AND 99999.99"),
        ("kind_not_void", "NOT (kind = 'void')"),
        ("status_known", "status IN ('active', 'disabled')"),
    ]

    @Test("A changed condition is found, migrated, and undone", arguments: TestDatabases.dialects)
    func changedCondition(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let old = Self.models([("amount_positive", "amount > 0")])
            let project = try AutogenerateProject(url: url, models: old)
            defer { project.remove() }
            let base = try project.autogenerate("base")
            try project.succeed("upgrade")
            let first = try project.check()
            #expect(first.status == 0 && first.operations.isEmpty, "\(dialect.rawValue): \(first.output)")
            let before = try project.introspect()

            try project.writeModels(Self.models([("amount_positive", "amount >= 0")]))
            let found = try project.check()
            #expect(found.status == 1, "\(dialect.rawValue): \(found.output)")
            #expect(found.operations == ["drop_constraint ck_payment_amount_positive on payment",
                                         "create_check_constraint ck_payment_amount_positive on payment"],
                    "\(dialect.rawValue): \(found.output)")
            let text = try project.alchemy("check")
            #expect(text.status == 1 && text.stdout.contains("ck_payment_amount_positive"), "\(dialect.rawValue): \(text.stdout)")

            let revision = try project.autogenerate("amount may be zero")
            let revisionText = try project.revisionText(revision)
            #expect(revisionText.contains("amount >= 0"), "\(revisionText)")
            try project.succeed("upgrade")
            let after = try project.check()
            #expect(after.status == 0 && after.operations.isEmpty, "\(dialect.rawValue) after upgrade: \(after.output)\n\(revisionText)")
            #expect(try Self.condition(of: project) != Self.condition(in: before))

            try project.succeed("downgrade", "-1")
            #expect(try project.alchemy("current").stdout == "\(base)\n")
            #expect(try Self.condition(of: project) == Self.condition(in: before), "\(dialect.rawValue): downgrade\n\(revisionText)")
            try project.writeModels(old)
            for name in try project.revisionFiles() where name.contains(revision) {
                try FileManager.default.removeItem(atPath: project.folder + "/migrations/versions/" + name)
            }
            let restored = try project.check()
            #expect(restored.status == 0, "\(dialect.rawValue) after downgrade, old models: \(restored.output)")
        }
    }

    @Test("Conditions the server rewrites are not changes", arguments: TestDatabases.dialects)
    func rewrittenConditions(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try AutogenerateProject(url: url, models: Self.models(Self.rewritten))
            defer { project.remove() }
            _ = try project.autogenerate("payments")
            try project.succeed("upgrade")
            let live = try project.introspect()
            #expect(live.tables.first { $0.name == "payment" }?.checkConstraints.count ?? 0 >= Self.rewritten.count)
            let check = try project.check()
            #expect(check.status == 0 && check.operations.isEmpty, "\(dialect.rawValue): \(check.output)")
            #expect(!check.output.contains("by name only"), "\(dialect.rawValue): \(check.output)")
        }
    }

    @Test("A condition the server refuses to spell is compared by name, with one warning",
          arguments: TestDatabases.dialects.filter { $0 != .sqlite })
    func unspelledCondition(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try AutogenerateProject(url: url, models: Self.models([("amount_positive", "amount > 0")]))
            defer { project.remove() }
            _ = try project.autogenerate("base")
            try project.succeed("upgrade")
            // A column the table does not have: the server cannot create the probe.
            try project.writeModels(Self.models([("amount_positive", "no_such_column > 0")]))
            let check = try project.alchemy("check")
            #expect(check.status == 0, "\(dialect.rawValue): \(check.stdout)\(check.stderr)")
            let warnings = check.stderr.split(separator: "\n").filter { $0.contains("by name only") }
            #expect(warnings.count == 1 && warnings[0].contains("ck_payment_amount_positive"), "\(dialect.rawValue): \(check.stderr)")
        }
    }

    static func condition(of project: AutogenerateProject) throws -> String? {
        condition(in: try project.introspect())
    }

    static func condition(in schema: Schema) -> String? {
        schema.tables.first { $0.name == "payment" }?.checkConstraints.first { $0.name == "ck_payment_amount_positive" }?.sqltext
    }
}
