/// A parsed `%(token)s` template and the SQLAlchemy tokens it can use.
///
/// Tokens: `table_name`, `constraint_name`, `referred_table_name`, and for the
/// constrained and referred columns `column_<i>_name`, `column_<i>_label`
/// (`<table>_<column>`, schema-qualified as SQLAlchemy labels columns),
/// `column_<i>_key`, `referred_column_<i>_name`, plus the `0N` forms (all columns
/// run together) and `0_N` forms (all columns joined with `_`).
struct NamingTemplate {
    enum Part: Hashable {
        case literal(String)
        case token(Token)
    }

    struct Token: Hashable {
        enum Source: Hashable { case table, constraint, referredTable, columns(Field), referredColumns(Field) }
        enum Field: String, Hashable { case name, label, key }
        enum Selection: Hashable { case index(Int), concatenated, underscored }
        var text: String
        var source: Source
        var selection: Selection?
    }

    let template: String
    let parts: [Part]

    var usesConstraintName: Bool {
        parts.contains { if case .token(let token) = $0 { token.source == .constraint } else { false } }
    }

    init(_ template: String) throws(NamingConventionError) {
        self.template = template
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(template)
        while let percent = rest.firstIndex(of: "%") {
            literal += rest[..<percent]
            rest = rest[rest.index(after: percent)...]
            if rest.first == "%" {
                literal += "%"
                rest = rest.dropFirst()
                continue
            }
            guard rest.first == "(", let close = rest.firstIndex(of: ")") else {
                throw NamingConventionError(message: "malformed template '\(template)': write tokens as %(name)s and a literal % as %%")
            }
            let name = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            guard rest.first == "s" else {
                throw NamingConventionError(message: "malformed template '\(template)': token %(\(name)) must end with 's', as in %(\(name))s")
            }
            rest = rest.dropFirst()
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
            parts.append(.token(try Self.token(name, in: template)))
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    static let tokenHelp = "table_name, constraint_name, referred_table_name, column_0_name, column_0_label, "
        + "column_0_key, column_0N_name, column_0_N_name, referred_column_0_name, referred_column_0N_name, referred_column_0_N_name"

    private static func token(_ name: String, in template: String) throws(NamingConventionError) -> Token {
        switch name {
        case "table_name": return Token(text: name, source: .table)
        case "constraint_name": return Token(text: name, source: .constraint)
        case "referred_table_name": return Token(text: name, source: .referredTable)
        default: break
        }
        var body = Substring(name)
        let referred = body.hasPrefix("referred_")
        if referred { body = body.dropFirst("referred_".count) }
        guard body.hasPrefix("column_"),
              let underscore = body.lastIndex(of: "_"),
              let field = Token.Field(rawValue: String(body[body.index(after: underscore)...])),
              !(referred && field != .name)
        else {
            throw NamingConventionError(message: "unknown token '%(\(name))s' in naming convention '\(template)'; expected one of: \(tokenHelp)")
        }
        let selector = body.dropFirst("column_".count)[..<underscore]
        let selection: Token.Selection
        switch selector {
        case "0N": selection = .concatenated
        case "0_N": selection = .underscored
        default:
            guard let index = Int(selector), index >= 0, selector.allSatisfy(\.isNumber) else {
                throw NamingConventionError(message: "unknown token '%(\(name))s' in naming convention '\(template)'; expected one of: \(tokenHelp)")
            }
            selection = .index(index)
        }
        return Token(text: name, source: referred ? .referredColumns(field) : .columns(field), selection: selection)
    }

    func render(kind: NamingConvention.Kind, subject: NamingSubject) throws(NamingConventionError) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .literal(let text): result += text
            case .token(let token): result += try value(of: token, kind: kind, subject: subject)
            }
        }
        return result
    }

    private func value(of token: Token, kind: NamingConvention.Kind, subject: NamingSubject) throws(NamingConventionError) -> String {
        switch token.source {
        case .table:
            return subject.table
        case .constraint:
            guard let name = subject.constraintName else {
                throw NamingConventionError(message: "the \(kind.rawValue) naming convention '\(template)' uses %(constraint_name)s, "
                    + "so this constraint needs a name")
            }
            return name
        case .referredTable:
            guard let table = subject.referredTable else {
                throw NamingConventionError(message: "the \(kind.rawValue) naming convention '\(template)' uses %(referred_table_name)s, "
                    + "which only a foreign key has")
            }
            return table
        case .columns(let field):
            let values = subject.columns.map { column in
                switch field {
                case .name, .key: column
                case .label: Self.label(table: subject.table, schema: subject.schema, column: column)
                }
            }
            return try select(values, token)
        case .referredColumns:
            return try select(subject.referredColumns, token)
        }
    }

    /// SQLAlchemy's column label: `<schema>_<table>_<column>` with dots in the schema as `_`.
    static func label(table: String, schema: String?, column: String) -> String {
        let prefix = schema.map { $0.split(separator: ".", omittingEmptySubsequences: false).joined(separator: "_") + "_" } ?? ""
        return prefix + table + "_" + column
    }

    private func select(_ values: [String], _ token: Token) throws(NamingConventionError) -> String {
        switch token.selection {
        case .index(let index)?:
            guard index < values.count else {
                throw NamingConventionError(message: "naming convention '\(template)' uses %(\(token.text))s, "
                    + "but the constraint has \(values.count) column\(values.count == 1 ? "" : "s")")
            }
            return values[index]
        case .concatenated?: return values.joined()
        case .underscored?: return values.joined(separator: "_")
        case nil: return ""
        }
    }
}
