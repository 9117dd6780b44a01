/// How constraints and indexes get their names: SQLAlchemy's `MetaData(naming_convention=...)`.
///
/// Every constraint in a `Schema` carries a name so that a later revision can drop
/// it by name on every database; the names the models produce must be the ones
/// Advanced Alchemy gives the same declarations, or autogenerate would report
/// renames that are not there. Templates use SQLAlchemy's `%(token)s` syntax:
///
/// ```swift
/// let convention = NamingConvention.advancedAlchemy
/// try convention.name(for: .foreignKey, subject: .init(
///     table: "child", columns: ["post_id"], referredTable: "post", referredColumns: ["id"]))
/// // "fk_child_post_id_post"
/// ```
///
/// A kind without a template leaves unnamed constraints unnamed (the database
/// names them), except indexes, which always need a name and fall back to
/// SQLAlchemy's `ix_%(column_0_label)s`.
public struct NamingConvention: Hashable, Sendable {
    /// The constraint kinds a convention can name, keyed as SQLAlchemy keys them.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case index = "ix"
        case unique = "uq"
        case check = "ck"
        case foreignKey = "fk"
        case primaryKey = "pk"
    }

    public var templates: [Kind: String]

    public init(templates: [Kind: String]) {
        self.templates = templates
    }

    /// Advanced Alchemy's convention (`advanced_alchemy.base.convention`).
    public static let advancedAlchemy = NamingConvention(templates: [
        .index: "ix_%(column_0_label)s",
        .unique: "uq_%(table_name)s_%(column_0_name)s",
        .check: "ck_%(table_name)s_%(constraint_name)s",
        .foreignKey: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        .primaryKey: "pk_%(table_name)s",
    ])

    /// SQLAlchemy's default: only indexes are named by convention.
    public static let sqlAlchemyDefault = NamingConvention(templates: [.index: "ix_%(column_0_label)s"])

    /// The name a constraint or index gets, as SQLAlchemy resolves it.
    ///
    /// An explicit name is kept as written unless the template uses
    /// `%(constraint_name)s`, in which case it is substituted there (this is how
    /// Advanced Alchemy's `ck` convention turns `positive` into `ck_<table>_positive`).
    ///
    /// - Returns: `nil` when the constraint stays unnamed (no template, no name).
    /// - Throws: when the template needs something the subject lacks, such as a
    ///   `%(constraint_name)s` for an unnamed check constraint.
    public func name(for kind: Kind, subject: NamingSubject) throws(NamingConventionError) -> String? {
        let template = templates[kind] ?? (kind == .index ? Self.sqlAlchemyDefault.templates[.index] : nil)
        guard let template else { return subject.constraintName }
        let parsed = try NamingTemplate(template)
        if let explicit = subject.constraintName, !parsed.usesConstraintName {
            return explicit
        }
        return try parsed.render(kind: kind, subject: subject)
    }

    /// Checks that a template is well formed and uses only known tokens.
    public static func validate(_ template: String) throws(NamingConventionError) {
        _ = try NamingTemplate(template)
    }
}

/// What a naming-convention template is filled from.
public struct NamingSubject: Hashable, Sendable {
    public var table: String
    public var schema: String?
    public var columns: [String]
    public var referredTable: String?
    public var referredColumns: [String]
    /// The name the author gave, if any.
    public var constraintName: String?

    public init(
        table: String,
        schema: String? = nil,
        columns: [String] = [],
        referredTable: String? = nil,
        referredColumns: [String] = [],
        constraintName: String? = nil
    ) {
        self.table = table
        self.schema = schema
        self.columns = columns
        self.referredTable = referredTable
        self.referredColumns = referredColumns
        self.constraintName = constraintName
    }
}

/// A naming-convention template that is malformed or cannot be filled.
public struct NamingConventionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
