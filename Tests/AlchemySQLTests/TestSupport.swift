import AlchemySchema
@testable import AlchemySQL

/// The SQL texts of rendered statements as a script prints them (bound values
/// written as literals).
func sql(_ statements: [Statement]) -> [String] {
    statements.map(\.scriptSQL)
}

/// Renders operations in order, evolving the context as a runner would.
func replay(_ operations: [MigrateOperation], on dialect: any Dialect, from start: Schema = Schema()) throws -> [Statement] {
    var context = start
    var statements: [Statement] = []
    for operation in operations {
        statements += try dialect.render(operation, in: context)
        try context.apply(operation)
    }
    return statements
}

/// A script as the reference prints it: statements ended by `;`, one per line.
func script(_ statements: [Statement]) -> String {
    statements.map { $0.sql + ";" }.joined(separator: "\n")
}

/// The text without identifier quotes: alchemy always quotes, the reference does
/// not, and that is the only accepted difference.
func unquoted(_ text: String) -> String {
    String(text.filter { $0 != "\"" && $0 != "`" })
}
