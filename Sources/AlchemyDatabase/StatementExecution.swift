import AlchemySQL
import AlchemySchema

extension DatabaseValue {
    /// A revision file's constant as the driver binds it.
    public init(_ literal: LiteralValue) {
        switch literal {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        }
    }
}

extension Connection {
    /// Runs a dialect's statement with its values bound.
    public func execute(_ statement: Statement) throws(DatabaseError) {
        if statement.parameters.isEmpty {
            try execute(statement.sql)
        } else {
            try execute(statement.sql, statement.parameters.map(DatabaseValue.init))
        }
    }
}
