import AlchemySchema

/// PostgreSQL's named enum types, created and dropped with the tables that use them.
///
/// A type's life follows the schema rather than single operations: it is created
/// before the first operation whose result uses it and that the schema before did
/// not have, and dropped after the operation that removes its last use. So a type
/// shared by two tables is created once, and survives until the second is dropped.
/// Enum types are unqualified, as SQLAlchemy's `Enum` creates them (in the first
/// schema of the search path), so one name is one type in the whole database.
extension PostgreSQLDialect {
    /// Statements to run before and after the operation itself.
    func enumTypeStatements(for operation: Operation, in context: Schema) throws -> (before: [Statement], after: [Statement]) {
        let existing = Self.enumTypes(in: context.tables.flatMap(\.columns))
        let needed = Self.enumTypes(in: try context.applying(operation).tables.flatMap(\.columns) + operation.columns)
        var before: [Statement] = [], after: [Statement] = []
        for (name, values) in needed {
            if let old = existing.first(where: { $0.name == name })?.values {
                before += try addedValues(name, from: old, to: values)
            } else {
                before.append(Statement("CREATE TYPE \(quote(name)) AS ENUM "
                    + "(\(values.map(stringLiteral).joined(separator: ", ")))"))
            }
        }
        for (name, _) in existing where !needed.contains(where: { $0.name == name }) {
            after.append(Statement("DROP TYPE \(quote(name))"))
        }
        return (before, after)
    }

    /// `ALTER TYPE ... ADD VALUE` for values appended or inserted; removing or
    /// reordering values has no safe SQL, so it is an error that asks for `execute`.
    ///
    /// The statements are `transactional: false`: PostgreSQL refuses to use a value
    /// added in the still-open transaction ("unsafe use of new value"), so a
    /// default, an update or an insert of the new value later in the same revision
    /// would fail. The runner commits before them and runs them on their own, as
    /// Alembic's `autocommit_block` does.
    func addedValues(_ name: String, from old: [String], to new: [String]) throws -> [Statement] {
        guard old != new else { return [] }
        guard new.filter(old.contains) == old else {
            throw RenderError.enumValuesChanged(name: name, from: old, to: new)
        }
        return new.indices.filter { !old.contains(new[$0]) }.map { i in
            let position = i > 0 ? "AFTER \(stringLiteral(new[i - 1]))" : "BEFORE \(stringLiteral(new[1]))"
            return Statement("ALTER TYPE \(quote(name)) ADD VALUE \(stringLiteral(new[i])) \(position)", transactional: false)
        }
    }

    /// The named enum types of these columns, in order of first use.
    static func enumTypes(in columns: [Column]) -> [(name: String, values: [String])] {
        var types: [(name: String, values: [String])] = []
        for column in columns {
            if case let .enumeration(values, name?) = column.type, !types.contains(where: { $0.name == name }) {
                types.append((name, values))
            }
        }
        return types
    }
}

extension Operation {
    /// Columns the operation itself declares, so that a type is created even for a
    /// table the context does not know (one created by raw SQL).
    var columns: [Column] {
        switch self {
        case .createTable(let table): table.columns
        case .addColumn(_, let column): [column]
        case .alterColumn(let change): [change.altered]
        default: []
        }
    }
}
