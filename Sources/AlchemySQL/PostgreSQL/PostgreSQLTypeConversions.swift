import AlchemySchema

/// Which type changes PostgreSQL refuses without `USING`, and the conversion
/// autogenerate writes for them.
///
/// `ALTER COLUMN ... TYPE` converts the values by assignment cast. Every type has
/// one to the string types, and the integer, numeric and date/time families have
/// them among themselves; the casts out of a string are explicit only, as are
/// `integer` <-> `boolean` and `jsonb` to a number or a boolean. For those an
/// explicit cast, `<column>::<type>`, converts each value, failing (and changing
/// nothing) on one that does not convert. A change that no cast makes (`uuid` to
/// `integer`) gets no default: the author writes the expression.
extension PostgreSQLDialect {
    public var takesUsingExpression: Bool { true }

    public func typeConversion(of column: Column, to type: ColumnType) -> String? {
        guard let oldDDL = column.nativeType ?? (try? typeDDL(column.type)), let newDDL = try? typeDDL(type),
              canonicalType(oldDDL) != canonicalType(newDDL) else { return nil }
        let old = family(of: column.type, ddl: oldDDL), new = family(of: type, ddl: newDDL)
        let source = quoteIfNeeded(column.name)
        let target = Self.castTarget(newDDL)
        switch (old, new) {
        case (_, .string):
            // Anything becomes text by assignment.
            return nil
        case (.string, _):
            // Text reads as any type, by explicit cast only.
            return "\(source)::\(target)"
        case (.enumeration, .enumeration):
            // No cast joins two enum types: through their labels.
            return "\(source)::text::\(target)"
        case (.integer("int4"), .boolean), (.boolean, .integer("int4")), (.jsonb, .integer), (.jsonb, .number), (.jsonb, .boolean):
            return "\(source)::\(target)"
        case (.integer, .boolean), (.boolean, .integer), (.boolean, .number):
            // Only `integer` casts to and from `boolean`.
            return "\(source)::integer::\(target)"
        default:
            return nil
        }
    }

    /// The kinds of PostgreSQL type that decide whether a change needs a cast.
    enum TypeFamily: Equatable {
        case string
        case integer(String)
        case number
        case boolean
        case jsonb
        case enumeration
        case other
    }

    func family(of type: ColumnType, ddl: String) -> TypeFamily {
        if case .enumeration = type { return .enumeration }
        let name = TypeSpellingParts(canonicalType(ddl)).name
        switch name {
        case "varchar", "text", "bpchar": return .string
        case "int2", "int4", "int8": return .integer(name)
        case "numeric", "float4", "float8": return .number
        case "bool": return .boolean
        case "jsonb": return .jsonb
        default: return .other
        }
    }

    /// The type as a cast names it, in the lower case PostgreSQL prints
    /// (`integer`, `numeric(10, 2)`); a quoted enum type name keeps its case.
    static func castTarget(_ ddl: String) -> String {
        ddl.hasPrefix("\"") ? ddl : ddl.lowercased()
    }

    /// A column name as an expression may write it: bare when PostgreSQL reads
    /// it back as the same name (lower case, not a keyword), quoted otherwise.
    public func quoteIfNeeded(_ name: String) -> String {
        let bare = name.unicodeScalars.enumerated().allSatisfy { offset, scalar in
            ("a"..."z").contains(scalar) || scalar == "_" || (offset > 0 && ("0"..."9").contains(scalar))
        }
        return bare && !name.isEmpty && !Self.keywords.contains(name) ? name : quote(name)
    }
}
