extension TableDeclaration {
    static let keys = ["base", "mixins", "columns", "indexes", "unique_constraints", "check_constraints", "comment", "schema"]

    /// Reads one entry of `tables:`.
    init(name: String, keyNode: ModelNode, value: ModelNode) throws(ModelError) {
        guard !name.isEmpty, !name.contains(".") else {
            throw keyNode.error(.invalidValue, "invalid table name '\(name)': a name must not be empty or contain '.'; use schema: for a schema")
        }
        self.init(name: name, node: keyNode)
        let what = "table '\(name)'"
        let map = try ModelMap(value, of: what, allowed: Self.keys)
        schema = try map.value("schema")?.string(for: "schema of \(what)")
        comment = try map.value("comment")?.string(for: "comment of \(what)")
        if let base = map.value("base") {
            parts.append((try Self.part(base, role: .base, of: what), base))
        }
        if let mixins = map.value("mixins") {
            for (_, node) in try mixins.strings(for: "mixins of \(what)") {
                parts.append((try Self.part(node, role: .mixin, of: what), node))
            }
        }
        for entry in try map["columns"]?.entries(of: "columns of \(what)") ?? [] {
            columns.append(try ColumnDeclaration(name: entry.key, keyNode: entry.keyNode, value: entry.value, table: name))
        }
        for item in try map["indexes"]?.items(of: "indexes of \(what)") ?? [] {
            let entry = try ModelMap(item, of: "an index of \(what)", allowed: ["name", "columns", "expressions", "unique", "where"])
            let expressions = try entry.value("expressions")?.strings(for: "expressions of an index").map(\.0) ?? []
            let name = try entry.value("name")?.string(for: "index name")
            if entry.value("columns") == nil, !expressions.isEmpty, name == nil {
                throw item.error(.missingKey, "an index of \(what) on expressions only needs name: (no column to name it after)")
            }
            indexes.append(IndexDeclaration(
                name: name,
                columns: entry.value("columns") == nil && !expressions.isEmpty ? [] : try Self.columnList(entry, of: "an index of \(what)"),
                unique: try entry.value("unique")?.bool(for: "unique of an index") ?? false,
                expressions: expressions,
                where: try entry.value("where")?.string(for: "where of an index"),
                node: item))
        }
        for item in try map["unique_constraints"]?.items(of: "unique_constraints of \(what)") ?? [] {
            let entry = try ModelMap(item, of: "a unique constraint of \(what)", allowed: ["name", "columns"])
            uniqueConstraints.append(UniqueDeclaration(
                name: try entry.value("name")?.string(for: "unique constraint name"),
                columns: try Self.columnList(entry, of: "a unique constraint of \(what)"),
                node: item))
        }
        for item in try map["check_constraints"]?.items(of: "check_constraints of \(what)") ?? [] {
            let entry = try ModelMap(item, of: "a check constraint of \(what)", allowed: ["name", "sqltext"])
            guard let sqltext = entry.value("sqltext") else {
                throw item.error(.missingKey, "a check constraint of \(what) needs sqltext: (the SQL condition)")
            }
            checkConstraints.append(CheckDeclaration(
                name: try entry.value("name")?.string(for: "check constraint name"),
                sqltext: try sqltext.string(for: "sqltext"),
                node: item))
        }
    }

    private static func columnList(_ entry: ModelMap, of what: String) throws(ModelError) -> [(String, ModelNode)] {
        guard let node = entry.value("columns") else {
            throw entry.node.error(.missingKey, "\(what) needs columns: (a list of column names)")
        }
        let columns = try node.strings(for: "columns of \(what)")
        guard !columns.isEmpty else {
            throw node.error(.invalidValue, "columns of \(what) must name at least one column")
        }
        return columns
    }

    private static func part(_ node: ModelNode, role: ModelPart.Role, of what: String) throws(ModelError) -> ModelPart {
        let roleName = role == .base ? "base" : "mixin"
        let valid = role == .base ? ModelPart.baseNames : ModelPart.mixinNames
        let name = try node.string(for: "the \(roleName) of \(what)")
        guard let part = ModelPart.byName[name], part.role == role else {
            if let other = ModelPart.byName[name] {
                let place = other.role == .base ? "base:" : "mixins:"
                throw node.error(role == .base ? .unknownBase : .unknownMixin,
                    "\(name) is a \(other.role == .base ? "base" : "mixin"), not a \(roleName); put it under \(place)")
            }
            let hint = Suggestion.closest(to: name, in: valid).map { " (did you mean \($0)?)" } ?? ""
            throw node.error(role == .base ? .unknownBase : .unknownMixin,
                "unknown \(roleName) '\(name)'\(hint); expected one of: \(valid.joined(separator: ", "))")
        }
        return part
    }
}
