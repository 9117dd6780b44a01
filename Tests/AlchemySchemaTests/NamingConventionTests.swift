import Testing
@testable import AlchemySchema

@Suite("Naming convention")
struct NamingConventionTests {
    let aa = NamingConvention.advancedAlchemy

    @Test func advancedAlchemyDefaults() throws {
        #expect(try aa.name(for: .index, subject: .init(table: "post", columns: ["title"])) == "ix_post_title")
        #expect(try aa.name(for: .unique, subject: .init(table: "tag", columns: ["name", "x"])) == "uq_tag_name")
        #expect(try aa.name(for: .check, subject: .init(table: "user_account", constraintName: "email_has_at"))
            == "ck_user_account_email_has_at")
        #expect(try aa.name(for: .foreignKey, subject: .init(
            table: "child", columns: ["post_id"], referredTable: "post", referredColumns: ["id"])) == "fk_child_post_id_post")
        #expect(try aa.name(for: .primaryKey, subject: .init(table: "post", columns: ["id"])) == "pk_post")
    }

    @Test func explicitNamesAreKeptUnlessTheTemplateUsesThem() throws {
        #expect(try aa.name(for: .unique, subject: .init(table: "t", columns: ["a"], constraintName: "mine")) == "mine")
        #expect(try aa.name(for: .index, subject: .init(table: "t", columns: ["a"], constraintName: "ix_mine")) == "ix_mine")
        #expect(try aa.name(for: .check, subject: .init(table: "t", constraintName: "positive")) == "ck_t_positive")
    }

    @Test func uncoveredKindsStayUnnamedExceptIndexes() throws {
        let none = NamingConvention(templates: [:])
        #expect(try none.name(for: .primaryKey, subject: .init(table: "t", columns: ["id"])) == nil)
        #expect(try none.name(for: .unique, subject: .init(table: "t", columns: ["a"], constraintName: "u")) == "u")
        #expect(try none.name(for: .index, subject: .init(table: "t", columns: ["a"])) == "ix_t_a")
    }

    @Test func schemaQualifiedLabel() throws {
        #expect(try aa.name(for: .index, subject: .init(table: "post", schema: "blog", columns: ["title"])) == "ix_blog_post_title")
        #expect(try aa.name(for: .unique, subject: .init(table: "post", schema: "blog", columns: ["title"])) == "uq_post_title")
    }

    @Test(arguments: [
        ("%(column_0N_name)s", "ab"),
        ("%(column_0_N_name)s", "a_b"),
        ("%(column_1_name)s", "b"),
        ("%(column_0_key)s", "a"),
        ("%(column_0N_label)s", "t_at_b"),
        ("%(column_0_N_label)s", "t_a_t_b"),
        ("%(referred_column_0_name)s", "x"),
        ("%(referred_column_0N_name)s", "xy"),
        ("%(referred_column_0_N_name)s", "x_y"),
        ("fk_%(table_name)s_%(referred_table_name)s", "fk_t_r"),
        ("100%%_%(table_name)s", "100%_t"),
        ("plain", "plain"),
    ])
    func sqlAlchemyTokens(_ template: String, _ expected: String) throws {
        let convention = NamingConvention(templates: [.foreignKey: template])
        let subject = NamingSubject(table: "t", columns: ["a", "b"], referredTable: "r", referredColumns: ["x", "y"])
        #expect(try convention.name(for: .foreignKey, subject: subject) == expected)
    }

    @Test(arguments: [
        ("%(colum_0_name)s", "unknown token '%(colum_0_name)s'"),
        ("%(column_x_name)s", "unknown token"),
        ("%(referred_column_0_label)s", "unknown token"),
        ("%(table_name)d", "must end with 's'"),
        ("50%", "malformed template"),
        ("%(table_name", "malformed template"),
    ])
    func malformedTemplates(_ template: String, _ expected: String) {
        #expect {
            try NamingConvention.validate(template)
        } throws: { error in
            (error as? NamingConventionError)?.message.contains(expected) == true
        }
    }

    @Test func fillingErrors() {
        #expect(throws: NamingConventionError.self) {
            try aa.name(for: .check, subject: .init(table: "t"))
        }
        #expect(throws: NamingConventionError.self) {
            try NamingConvention(templates: [.unique: "%(column_2_name)s"]).name(for: .unique, subject: .init(table: "t", columns: ["a"]))
        }
        #expect(throws: NamingConventionError.self) {
            try NamingConvention(templates: [.unique: "%(referred_table_name)s"]).name(for: .unique, subject: .init(table: "t", columns: ["a"]))
        }
    }

    @Test func fileOverridesAreLaidOverTheDefaults() throws {
        let schema = try loadModel("""
            naming_convention:
              pk: "%(table_name)s_pkey"
              uq: null
            tables:
              a:
                base: BigIntBase
                columns:
                  code: {type: String(10), unique: true}
                  b_id: {foreign_key: b.id}
              b:
                columns:
                  id: {type: Integer, primary_key: true}
            """)
        let a = try schema.require("a")
        #expect(a.primaryKey?.name == "a_pkey")
        #expect(a.uniqueConstraints == [UniqueConstraint(name: nil, columns: ["code"])])
        #expect(a.foreignKeys.first?.name == "fk_a_b_id_b")
    }
}
