import AlchemyTestSupport
import Testing
@testable import AlchemySchema

/// The loader must never crash: every input loads or fails with a `ModelError`
/// that has a position. The corpus is generated from a fixed seed, so a failure
/// reproduces exactly; its size is well over 10,000 inputs.
@Suite("Model loader fuzzing")
struct ModelFuzzTests {
    static let seeds: [String] = [
        BaseExpansionTests.reference,
        """
        naming_convention: {ix: "ix_%(column_0_N_label)s", ck: null}
        tables:
          post:
            base: BigIntAuditBase
            comment: posts
            columns:
              title: {type: String(255), index: true, unique: true, comment: "the title"}
              body: Text?
              score: {type: "Numeric(10, 2)", server_default: {sql: "0"}}
            indexes: [{name: ix_custom, columns: [title, body], unique: true}]
          tag:
            base: BigIntAuditBase
            mixins: [SlugKey]
            columns:
              name: {type: String(100), unique: true, index: true}
          post_tag:
            columns:
              post_id: {primary_key: true, foreign_key: post.id, ondelete: CASCADE}
              tag_id: {primary_key: true, foreign_key: tag.id, ondelete: "set null", onupdate: restrict}
          user_account:
            base: UUIDv7AuditBase
            schema: auth
            columns:
              email: {type: String(320), unique: true}
              secret: EncryptedString(255)
              status: {type: "Enum(active, disabled, name: user_status)", server_default: active}
            unique_constraints:
              - {name: uq_email_status, columns: [email, status]}
            check_constraints:
              - {name: email_has_at, sqltext: "email LIKE '%@%'"}
        """,
    ]

    typealias Generator = SeededGenerator

    static let fragments: [String] = [
        ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "'", "\"", "?", "#", "&a ", "*a", "!", "!!str ", "|", ">", "%",
        "@", "`", "\n", "\n  ", "    ", "\t", "~", "null", "true", "no", "0x1F", "1e5", "<<: ", "---\n", "...\n",
        "tables:", "columns:", "base: ", "mixins: ", "type: ", "foreign_key: ", "post.id", "a.b.c", "Enum(", "String(",
        ")", "?", "default: 1", "server_default: ", "{sql: x}", "naming_convention:", "%(table_name)s", "%(x)s",
        "primary_key: true", "index: true", "unique: true", "nullable: false", "autoincrement: true", "ondelete: x",
        "UUIDBase", "SlugKey", "BigIntIdentity", "\u{0}", "\u{FEFF}", "é", "😀", "\r\n", "\u{85}", "\u{2028}",
    ]

    /// Built once and shared by the shards.
    static let corpus: [String] = makeCorpus()

    /// Truncations at every offset, random mutations and random garbage.
    static func makeCorpus() -> [String] {
        var inputs: [String] = []
        for seed in seeds {
            let characters = Array(seed)
            for end in 0...characters.count {
                inputs.append(String(characters[..<end]))
            }
        }
        var random = Generator(state: 0xA1C4E_3157)
        for index in 0..<5000 {
            var characters = Array(seeds[index % seeds.count])
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                mutate(&characters, using: &random)
            }
            inputs.append(String(characters))
        }
        for _ in 0..<3500 {
            let length = Int.random(in: 0...120, using: &random)
            var text = ""
            for _ in 0..<length {
                switch Int.random(in: 0..<4, using: &random) {
                case 0: text += fragments.randomElement(using: &random) ?? ""
                case 1: text.unicodeScalars.append(Unicode.Scalar(UInt8.random(in: 0...127, using: &random)))
                default:
                    let value = UInt32.random(in: 0...0x2FFFF, using: &random)
                    text.unicodeScalars.append(Unicode.Scalar(value) ?? "?")
                }
            }
            inputs.append(text)
        }
        return inputs
    }

    static func mutate(_ characters: inout [Character], using random: inout Generator) {
        let position = characters.isEmpty ? 0 : Int.random(in: 0..<characters.count, using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            characters.insert(contentsOf: fragments.randomElement(using: &random) ?? "", at: position)
        case 1:
            if !characters.isEmpty {
                let end = min(characters.count, position + Int.random(in: 1...12, using: &random))
                characters.removeSubrange(position..<end)
            }
        case 2:
            if !characters.isEmpty {
                characters[position] = Character(Unicode.Scalar(UInt8.random(in: 32...126, using: &random)))
            }
        case 3:
            // Duplicate a line: duplicate keys, repeated tables and columns.
            var lines = characters.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
            if !lines.isEmpty {
                let line = Int.random(in: 0..<lines.count, using: &random)
                lines.insert(lines[line], at: Int.random(in: 0...lines.count, using: &random))
                characters = Array(lines.map { String($0) }.joined(separator: "\n"))
            }
        case 4:
            // Re-indent a line.
            var lines = characters.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
            if !lines.isEmpty {
                let line = Int.random(in: 0..<lines.count, using: &random)
                if Bool.random(using: &random) {
                    lines[line].insert(contentsOf: "  ", at: 0)
                } else if lines[line].first == " " {
                    lines[line].removeFirst()
                }
                characters = Array(lines.map { String($0) }.joined(separator: "\n"))
            }
        default:
            // Swap two lines.
            var lines = characters.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
            if lines.count > 1 {
                lines.swapAt(Int.random(in: 0..<lines.count, using: &random), Int.random(in: 0..<lines.count, using: &random))
                characters = Array(lines.map { String($0) }.joined(separator: "\n"))
            }
        }
    }

    static let shardCount = 8

    @Test func corpusIsLargeEnough() {
        #expect(Self.corpus.count >= 10_000)
    }

    @Test("never crashes; loads or throws a located ModelError", arguments: 0..<shardCount)
    func neverCrashes(shard: Int) {
        let corpus = Self.corpus
        var loaded = 0
        for index in stride(from: shard, to: corpus.count, by: Self.shardCount) {
            do {
                let schema = try ModelLoader().load([(path: "models/fuzz.yaml", contents: corpus[index])])
                loaded += 1
                Self.checkConsistency(schema, input: index)
            } catch {
                // `load` throws only ModelError (typed throws); check it is usable.
                #expect(error.line >= 1 && error.column >= 1 && !error.message.isEmpty, "input \(index): \(error)")
                #expect(error.file == "models/fuzz.yaml")
            }
        }
        #expect(loaded > 0, "some inputs should still load")
    }

    /// What a loaded schema promises its consumers.
    static func checkConsistency(_ schema: Schema, input: Int) {
        for table in schema.tables {
            let names = Set(table.columns.map(\.name))
            #expect(names.count == table.columns.count, "input \(input): duplicate column in \(table.name)")
            for name in table.primaryKey?.columns ?? [] {
                #expect(table.column(named: name)?.nullable == false, "input \(input): nullable key \(table.name).\(name)")
            }
            for key in table.foreignKeys {
                let target = ColumnReference(
                    table: TableReference(name: key.referredTable, schema: key.referredSchema), column: key.referredColumns[0])
                #expect(schema.column(target) != nil, "input \(input): dangling \(target)")
                #expect(table.column(named: key.columns[0])?.autoincrement == false)
            }
            let constrained = table.indexes.flatMap(\.columns) + table.uniqueConstraints.flatMap(\.columns)
            #expect(constrained.allSatisfy(names.contains), "input \(input): unknown column in \(table.name)")
        }
    }
}
