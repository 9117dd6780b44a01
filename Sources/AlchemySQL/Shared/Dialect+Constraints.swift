import AlchemySchema

/// Constraint clauses, shared by `CREATE TABLE` and `ALTER TABLE ... ADD`.
extension Dialect {
    /// The table's constraints in `CREATE TABLE` order: primary key, unique, check, foreign keys.
    func constraintClauses(of table: Table) -> [String] {
        var constraints: [Constraint] = []
        if let primaryKey = table.primaryKey { constraints.append(.primaryKey(primaryKey)) }
        constraints += table.uniqueConstraints.map(Constraint.unique)
        constraints += table.checkConstraints.map(Constraint.check)
        constraints += table.foreignKeys.map(Constraint.foreignKey)
        return constraints.map(constraintClause)
    }

    /// `CONSTRAINT "name" ...`, spelled as SQLAlchemy spells it
    /// (`FOREIGN KEY(a) REFERENCES t (id) ON DELETE CASCADE`).
    func constraintClause(_ constraint: Constraint) -> String {
        let prefix = constraint.name.map { "CONSTRAINT \(quote($0)) " } ?? ""
        switch constraint {
        case .primaryKey(let key):
            return prefix + "PRIMARY KEY (\(columnList(key.columns)))"
        case .unique(let unique):
            return prefix + "UNIQUE (\(columnList(unique.columns)))"
        case .check(let check):
            return prefix + "CHECK (\(check.sqltext))"
        case .foreignKey(let key):
            var clause = prefix + "FOREIGN KEY(\(columnList(key.columns))) "
                + "REFERENCES \(referencedTable(of: key)) (\(columnList(key.referredColumns)))"
            if let action = key.onDelete { clause += " ON DELETE \(action.rawValue)" }
            if let action = key.onUpdate { clause += " ON UPDATE \(action.rawValue)" }
            return clause
        }
    }

    public func referencedTable(of foreignKey: ForeignKey) -> String {
        qualified(TableReference(name: foreignKey.referredTable, schema: foreignKey.referredSchema))
    }

    public func addConstraint(_ constraint: Constraint, to table: TableReference, in context: Schema) throws -> [Statement] {
        [Statement("ALTER TABLE \(qualified(table)) ADD \(constraintClause(constraint))")]
    }

    public func dropConstraint(_ constraint: Constraint, from table: TableReference, in context: Schema) throws -> [Statement] {
        [Statement("ALTER TABLE \(qualified(table)) DROP CONSTRAINT \(try constraintName(constraint, of: table))")]
    }

    /// The quoted name of a constraint to drop; databases find constraints by name.
    func constraintName(_ constraint: Constraint, of table: TableReference) throws -> String {
        guard let name = constraint.name else {
            throw RenderError.unnamedConstraint(table: table, kind: constraint.kind, dialect: self.name)
        }
        return quote(name)
    }
}

extension Constraint {
    /// The constraint kind in words, for messages.
    var kind: String {
        switch self {
        case .primaryKey: "primary key"
        case .unique: "unique"
        case .foreignKey: "foreign key"
        case .check: "check"
        }
    }
}
