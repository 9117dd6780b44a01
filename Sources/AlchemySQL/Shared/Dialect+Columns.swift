import AlchemySchema

/// Column operations in standard SQL, which PostgreSQL follows.
extension Dialect {
    public func addColumn(_ column: Column, to table: TableReference, in context: Schema) throws -> [Statement] {
        [Statement("ALTER TABLE \(qualified(table)) ADD COLUMN \(try columnDefinition(column))")]
            + (column.comment.map { columnComment($0, on: column.name, of: table) } ?? [])
    }

    public func dropColumn(_ column: Column, from table: TableReference, in context: Schema) throws -> [Statement] {
        [Statement("ALTER TABLE \(qualified(table)) DROP COLUMN \(quote(column.name))")]
    }

    /// One statement per change, the rename last so that the others can use the old name.
    ///
    /// A type change is `TYPE`, with the change's `using` conversion where the
    /// dialect takes one (``Dialect/takesUsingExpression``).
    public func alterColumn(_ change: AlterColumn, in context: Schema) throws -> [Statement] {
        let changes = change.changes
        let after = change.altered
        let table = qualified(change.table)
        let column = quote(change.existing.name)
        let alter = "ALTER TABLE \(table) ALTER COLUMN \(column) "
        var statements: [Statement] = []
        // A type change that renders the same DDL here (new enum values, an
        // EncryptedString length) is no change to this column.
        let newType = try columnTypeDDL(after)
        var defaultDropped = false
        // An unknown earlier type (a hand-written file, a table the revisions do
        // not describe) cannot be compared: the TYPE clause is written.
        if changes.contains(.type), try !change.existingKnown.contains(.type) || columnTypeDDL(change.existing) != newType {
            let conversion = takesUsingExpression ? change.using : nil
            // The default is cast by assignment, not by `using`: one typed by the old
            // type ('0'::varchar to integer) would stop the conversion. It goes for
            // the conversion and comes back as the column after the change has it.
            if conversion != nil, change.existing.serverDefault != nil {
                statements.append(Statement(alter + "DROP DEFAULT"))
                defaultDropped = true
            }
            statements.append(Statement(alter + "TYPE " + newType + (conversion.map { " USING " + $0 } ?? "")))
        }
        if changes.contains(.nullable) {
            statements.append(Statement(alter + (after.nullable ? "DROP NOT NULL" : "SET NOT NULL")))
        }
        // Once dropped for the conversion, the default is there only if set again.
        if defaultDropped ? after.serverDefault != nil : changes.contains(.serverDefault) {
            statements.append(Statement(alter + (after.serverDefault.map { "SET DEFAULT " + defaultSQL($0) } ?? "DROP DEFAULT")))
        }
        if changes.contains(.comment) {
            statements += columnComment(after.comment, on: change.existing.name, of: change.table)
        }
        if changes.contains(.name) {
            statements.append(Statement("ALTER TABLE \(table) RENAME COLUMN \(column) TO \(quote(after.name))"))
        }
        return statements
    }
}
