import AlchemySchema

/// A live column's default, as introspection hands it to autogenerate, in the
/// form every dialect can render.
///
/// Servers report defaults in their own dialect: PostgreSQL's
/// `'member'::membership_role`, MariaDB's `current_timestamp()`. Autogenerate
/// writes them into revision files (`existing_server_default`, the columns a
/// downgrade re-creates), and a revision made on one database must run on the
/// others, so a constant becomes a literal or a number and the current-timestamp
/// functions `CURRENT_TIMESTAMP`. Anything else (a function call, an
/// expression) stays as the server wrote it: there is no portable spelling to
/// choose, and the text is still right on the database it came from.
extension Dialect {
    public func portableDefault(_ reported: String) -> ServerDefault {
        let tokens = SQLText.withoutOuterParentheses(defaultTokens(reported))
        switch tokens.count {
        case 1:
            switch tokens[0] {
            case .string(let content): return .literal(content)
            case .word("true"): return .expression("TRUE")
            case .word("false"): return .expression("FALSE")
            case .word(let word) where SQLText.canonicalNumber(word) != nil: return .expression(word)
            default: break
            }
        case 2:
            if tokens[0] == .symbol("-"), case .word(let word) = tokens[1], SQLText.canonicalNumber(word) != nil {
                return .expression("-" + word)
            }
        default:
            break
        }
        return canonicalDefault(reported) == "current_timestamp" ? .expression("CURRENT_TIMESTAMP") : .expression(reported)
    }
}
