import AlchemySchema
import AlchemySQL

/// Server defaults, as each server reports them.
///
/// Both sides are reduced to the dialect's canonical form (`Dialect.canonicalDefault`):
/// PostgreSQL's casts go (`'0'::integer` is `0`, `'active'::user_status` is
/// `'active'`), a quoted number is the number, `NULL` is no default, and
/// `now()`, `current_timestamp()` and `CURRENT_TIMESTAMP` are one function where
/// the database says so. Then the policy here:
///
/// - a generated key (autoincrement or identity) has no default of its own: a
///   sequence default (`nextval(...)`, BIGSERIAL's) on it is no difference;
/// - a boolean default is read as true or false (`0`, `'f'`, `false`);
/// - a declared literal equals the same text reported unquoted (MySQL 8 reports
///   string defaults without quotes);
/// - when in doubt, equal: two expressions made of the same words and literals in
///   a different arrangement (the server re-parenthesized or reordered them)
///   are taken as the same default rather than reported as a change.
extension SchemaComparator {
    func compareServerDefault(_ declared: Column, _ live: Column, into change: inout AlterColumn) {
        if !sameDefault(declared, live) { change.serverDefault = .some(declared.serverDefault) }
    }

    func sameDefault(_ declared: Column, _ live: Column) -> Bool {
        let wanted = declared.serverDefault.flatMap { dialect.canonicalDefault(sql($0)) }
        var found = live.serverDefault.flatMap { dialect.canonicalDefault(sql($0)) }
        if declared.autoincrement || declared.identity != nil, found?.hasPrefix("nextval(") == true {
            found = nil
        }
        guard let wanted, let found else { return wanted == nil && found == nil }
        if wanted == found { return true }
        if declared.type == .boolean, let a = Self.truthValue(wanted), a == Self.truthValue(found) { return true }
        if case .literal(let value) = declared.serverDefault,
           case let reported? = live.serverDefault, sql(reported).trimmingWhitespace() == value {
            return true
        }
        // When in doubt: the same words and literals, arranged differently.
        let words = { (text: String) in SQLWords.of(text) }
        return !Self.isLiteral(wanted) && !Self.isLiteral(found) && words(wanted) == words(found)
    }

    /// The SQL text of a default, as the dialect renders it after `DEFAULT`.
    func sql(_ serverDefault: ServerDefault) -> String {
        switch serverDefault {
        case .literal(let text): dialect.stringLiteral(text)
        case .expression(let text): text
        }
    }

    /// A canonical default that is one constant: a string or a number.
    static func isLiteral(_ canonical: String) -> Bool {
        let tokens = SQLText.tokens(canonical)
        guard tokens.count == 1 else { return false }
        switch tokens[0] {
        case .string: return true
        case .word(let word): return SQLText.canonicalNumber(word) != nil
        default: return false
        }
    }

    /// The boolean a canonical default spells, if it spells one.
    static func truthValue(_ canonical: String) -> Bool? {
        switch canonical {
        case "true", "1", "'t'", "'true'", "'y'", "'yes'", "'on'", "b'1'": true
        case "false", "0", "'f'", "'false'", "'n'", "'no'", "'off'", "b'0'": false
        default: nil
        }
    }
}

/// The words and literals of SQL text, counted, punctuation ignored.
enum SQLWords {
    static func of(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for token in SQLText.tokens(text) {
            switch token {
            case .word(let word), .identifier(let word): counts[word, default: 0] += 1
            case .string(let content): counts["'" + content, default: 0] += 1
            case .symbol: break
            }
        }
        return counts
    }
}

