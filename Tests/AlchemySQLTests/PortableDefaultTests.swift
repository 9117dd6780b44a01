import AlchemySchema
import AlchemySQL
import Testing

/// Reported defaults in the form every dialect renders (`Dialect.portableDefault`).
@Suite("Portable defaults")
struct PortableDefaultTests {
    static let cases: [(DialectName, String, ServerDefault)] = [
        (.postgresql, "'member'::membership_role", .literal("member")),
        (.postgresql, "'ok'::other.mood", .literal("ok")),
        (.postgresql, "'it''s'::character varying", .literal("it's")),
        (.postgresql, "'{}'::jsonb", .literal("{}")),
        (.postgresql, "0", .expression("0")),
        (.postgresql, "'-1'::integer", .literal("-1")),
        (.postgresql, "(-5)", .expression("-5")),
        (.postgresql, "0.5", .expression("0.5")),
        (.postgresql, "true", .expression("TRUE")),
        (.postgresql, "now()", .expression("CURRENT_TIMESTAMP")),
        (.postgresql, "CURRENT_TIMESTAMP", .expression("CURRENT_TIMESTAMP")),
        (.postgresql, "nextval('post_id_seq'::regclass)", .expression("nextval('post_id_seq'::regclass)")),
        (.postgresql, "gen_random_uuid()", .expression("gen_random_uuid()")),
        (.mariadb, "current_timestamp()", .expression("CURRENT_TIMESTAMP")),
        (.mariadb, "'active'", .literal("active")),
        (.mariadb, #"'it\'s'"#, .literal("it's")),
        (.mariadb, "1", .expression("1")),
        (.mariadb, "'007'", .literal("007")),
        (.sqlite, "'x,y'", .literal("x,y")),
        (.sqlite, "(datetime('now'))", .expression("(datetime('now'))")),
        (.sqlite, "1.5", .expression("1.5")),
        (.sqlite, "FALSE", .expression("FALSE")),
    ]

    @Test("constants become literals or numbers, functions stay", arguments: cases.indices)
    func portable(_ index: Int) {
        let (dialect, reported, expected) = Self.cases[index]
        #expect(dialect.dialect.portableDefault(reported) == expected, "\(dialect.rawValue): \(reported)")
    }
}
