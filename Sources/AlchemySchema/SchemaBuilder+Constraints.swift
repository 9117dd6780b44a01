extension SchemaBuilder {
    /// Derives the primary key, foreign keys, unique constraints, checks and
    /// indexes of one expanded table, named by the convention.
    func constrain(_ expanded: ExpandedTable, names: inout NameRegistry) throws(ModelError) -> Table {
        let declaration = expanded.declaration
        var table = expanded.table
        let name = table.name
        let schema = table.schema
        func subject(_ columns: [String], named: String? = nil) -> NamingSubject {
            NamingSubject(table: name, schema: schema, columns: columns, constraintName: named)
        }

        if !expanded.primaryKeyColumns.isEmpty {
            let pkName = try resolve(.primaryKey, subject(expanded.primaryKeyColumns), at: declaration.node)
            try names.register(pkName, schema: schema, what: "the primary key of \(name)", at: declaration.node)
            table.primaryKey = PrimaryKey(name: pkName, columns: expanded.primaryKeyColumns)
        }

        // Column flags, in the table's column order.
        for column in table.columns {
            guard let declared = declaration.columns.first(where: { $0.name == column.name }) else { continue }
            if let indexNode = declared.index {
                let indexName = try resolve(.index, subject([column.name]), at: indexNode) ?? "ix_\(name)_\(column.name)"
                try names.register(indexName, schema: schema, what: "the index of column \(name).\(column.name)", at: indexNode)
                // index + unique is one UNIQUE INDEX, as SQLAlchemy makes it.
                table.indexes.append(Index(name: indexName, columns: [column.name], unique: declared.unique != nil))
            } else if let uniqueNode = declared.unique {
                let uniqueName = try resolve(.unique, subject([column.name]), at: uniqueNode)
                try names.register(uniqueName, schema: schema, what: "the unique constraint of column \(name).\(column.name)", at: uniqueNode)
                table.uniqueConstraints.append(UniqueConstraint(name: uniqueName, columns: [column.name]))
            }
            if let (reference, node) = declared.foreignKey {
                var fkSubject = subject([column.name])
                fkSubject.referredTable = reference.table.name
                fkSubject.referredColumns = [reference.column]
                let fkName = try resolve(.foreignKey, fkSubject, at: node)
                try names.register(fkName, schema: schema, what: "the foreign key of column \(name).\(column.name)", at: node)
                table.foreignKeys.append(ForeignKey(
                    name: fkName, columns: [column.name],
                    referredSchema: reference.table.schema, referredTable: reference.table.name,
                    referredColumns: [reference.column],
                    onDelete: declared.onDelete, onUpdate: declared.onUpdate))
            }
        }

        // Constraints that bases and mixins bring (SlugKey's uq_<table>_slug).
        for (part, node) in declaration.parts {
            for included in part.resolutionOrder {
                for unique in included.uniqueConstraints {
                    let explicit = try render(unique.nameTemplate, subject(unique.columns), at: node)
                    let uniqueName = try resolve(.unique, subject(unique.columns, named: explicit), at: node)
                    try names.register(uniqueName, schema: schema, what: "the unique constraint of \(included.name) on \(name)", at: node)
                    table.uniqueConstraints.append(UniqueConstraint(name: uniqueName, columns: unique.columns))
                }
            }
        }

        for index in declaration.indexes {
            let columns = try existing(index.columns, in: table)
            // An index on expressions only has a name of its own (the parser requires it).
            let indexName = try columns.isEmpty ? index.name ?? "" : resolve(.index, subject(columns, named: index.name), at: index.node) ?? "ix_\(name)_\(columns[0])"
            try names.register(indexName, schema: schema, what: "an index of \(name)", at: index.node)
            table.indexes.append(Index(name: indexName, columns: columns, unique: index.unique, expressions: index.expressions, where: index.where))
        }
        for unique in declaration.uniqueConstraints {
            let columns = try existing(unique.columns, in: table)
            let uniqueName = try resolve(.unique, subject(columns, named: unique.name), at: unique.node)
            try names.register(uniqueName, schema: schema, what: "a unique constraint of \(name)", at: unique.node)
            table.uniqueConstraints.append(UniqueConstraint(name: uniqueName, columns: columns))
        }
        for check in declaration.checkConstraints {
            let checkName = try resolve(.check, subject([], named: check.name), at: check.node)
            try names.register(checkName, schema: schema, what: "a check constraint of \(name)", at: check.node)
            table.checkConstraints.append(CheckConstraint(name: checkName, sqltext: check.sqltext))
        }
        return table
    }

    private func resolve(_ kind: NamingConvention.Kind, _ subject: NamingSubject, at node: ModelNode) throws(ModelError) -> String? {
        do {
            return try convention.name(for: kind, subject: subject)
        } catch {
            throw node.error(.namingConvention, error.message)
        }
    }

    private func render(_ template: String, _ subject: NamingSubject, at node: ModelNode) throws(ModelError) -> String {
        do {
            return try NamingTemplate(template).render(kind: .unique, subject: subject)
        } catch {
            throw node.error(.namingConvention, error.message)
        }
    }

    /// The column names of an index or constraint, each checked against the table.
    private func existing(_ columns: [(String, ModelNode)], in table: Table) throws(ModelError) -> [String] {
        var result: [String] = []
        for (column, node) in columns {
            guard table.column(named: column) != nil else {
                let names = table.columns.map(\.name)
                let hint = Suggestion.closest(to: column, in: names).map { " (did you mean \($0)?)" } ?? ""
                throw node.error(.unknownColumn, "table '\(table.reference)' has no column '\(column)'\(hint); "
                    + "columns: \(names.joined(separator: ", "))")
            }
            guard !result.contains(column) else {
                throw node.error(.invalidValue, "column '\(column)' is listed twice")
            }
            result.append(column)
        }
        return result
    }
}

/// Constraint and index names already used, per database schema.
///
/// PostgreSQL keeps index, primary-key and unique-constraint names in one
/// namespace per schema and SQLite keeps index names per database, so a name
/// may be used once per schema whatever kind of object carries it.
struct NameRegistry {
    private var used: [String: (what: String, node: ModelNode)] = [:]

    mutating func register(_ name: String?, schema: String?, what: String, at node: ModelNode) throws(ModelError) {
        guard let name else { return }
        let key = (schema ?? "") + "\u{0}" + name
        if let first = used[key] {
            throw node.error(.duplicateName, "duplicate name '\(name)': \(what) gets the name that \(first.what) "
                + "already has (at \(first.node.file):\(first.node.line):\(first.node.column)); "
                + "give the one in indexes:, unique_constraints: or check_constraints: another name:")
        }
        used[key] = (what, node)
    }
}
