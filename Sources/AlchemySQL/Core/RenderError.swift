import AlchemySchema

/// Why an operation could not be turned into SQL for a dialect.
///
/// Every case names what the user wrote and, where there is one, the fix.
public enum RenderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The dialect needs a length for this type (VARCHAR on MySQL/MariaDB).
    case lengthRequired(type: String, dialect: DialectName, column: String?)
    /// PostgreSQL creates an enum as a named type, so the enum needs `name:`.
    case enumNameRequired(values: [String], column: String?)
    /// PostgreSQL can add enum values but not remove or reorder them.
    case enumValuesChanged(name: String, from: [String], to: [String])
    /// A SQLite table rebuild needs the table's definition, and the context lacks it.
    case unknownTable(TableReference, operation: String)
    /// Dropping a constraint needs its name on this dialect.
    case unnamedConstraint(table: TableReference, kind: String, dialect: DialectName)
    /// NaN and infinities have no portable SQL literal.
    case nonFiniteNumber(Double)
    /// An expression (check, default, index expression) that would not stay one expression.
    case unsafeExpression(String, SQLExpression.Problem)
    /// MySQL and MariaDB have no partial indexes (`where:`).
    case partialIndexUnsupported(index: String, dialect: DialectName)
    case expressionIndexUnsupported(index: String, dialect: DialectName)
    /// MySQL's `MODIFY COLUMN` restates the column's type, and neither the
    /// revision file nor the earlier revisions say what it is.
    case existingTypeRequired(table: TableReference, column: String, dialect: DialectName)

    public var description: String {
        switch self {
        case let .lengthRequired(type, dialect, column):
            "\(type)\(Self.where(column)) has no length, which \(dialect) requires: "
                + "declare a length, e.g. \(type)(255), or use Text"
        case let .enumNameRequired(values, column):
            "Enum(\(values.joined(separator: ", ")))\(Self.where(column)) has no name, which PostgreSQL "
                + "requires for its enum type: add `name: <type_name>`"
        case let .enumValuesChanged(name, from, to):
            "enum type \(name) changes from (\(from.joined(separator: ", "))) to "
                + "(\(to.joined(separator: ", "))); PostgreSQL can only add values: "
                + "write the conversion as an execute operation"
        case let .unknownTable(table, operation):
            "\(operation) on SQLite rebuilds table \(table), but the schema before it has no such table; "
                + "earlier revisions must create it with create_table"
        case let .unnamedConstraint(table, kind, dialect):
            "cannot drop an unnamed \(kind) constraint of \(table) on \(dialect): give the constraint a name"
        case let .nonFiniteNumber(value):
            "\(value) has no SQL literal"
        case let .unsafeExpression(sql, problem):
            "the SQL expression \(sql.debugDescription) \(problem); write it as one expression, "
                + "or use an `execute` operation for statements of their own"
        case let .partialIndexUnsupported(index, dialect):
            "index \(index) has `where:`, but \(dialect) has no partial indexes: remove `where:` or index the columns in full"
        case let .expressionIndexUnsupported(index, dialect):
            "index \(index) has `expressions:`, but \(dialect) indexes columns only: index a generated column instead (add it with execute), or the columns themselves"
        case let .existingTypeRequired(table, column, dialect):
            "\(dialect) restates the whole column to change it, and the type of \(table).\(column) is unknown "
                + "(neither the revision file nor the revisions before it declare it): add `existing_type:` with the column's current type"
        }
    }

    private static func `where`(_ column: String?) -> String {
        column.map { " (column \($0))" } ?? ""
    }

    /// The same error, naming the column it occurred in.
    func inColumn(_ name: String) -> RenderError {
        switch self {
        case let .lengthRequired(type, dialect, nil): .lengthRequired(type: type, dialect: dialect, column: name)
        case let .enumNameRequired(values, nil): .enumNameRequired(values: values, column: name)
        default: self
        }
    }
}
