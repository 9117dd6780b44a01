/// Advanced Alchemy's base classes and mixins, as data.
///
/// A model file's `base:` and `mixins:` name these parts. Each part lists the
/// columns it adds, the parts it inherits from (in Python's method resolution
/// order), and its table-level constraints. Expansion follows how SQLAlchemy's
/// declarative scan orders columns: the table's own columns first, then each
/// part's columns in resolution order, then a stable sort by `sort_order`,
/// which Advanced Alchemy sets to -100 on every primary key so `id` comes first.
/// That reproduces the reference DDL: `post` is id, title, created_at,
/// updated_at; `child` (UUIDBase) is id, post_id, u4_id, sa_orm_sentinel.
struct ModelPart: Sendable {
    enum Role: Sendable { case base, mixin }

    /// A column a part adds.
    struct PartColumn: Sendable {
        var column: Column
        var primaryKey = false
        /// SQLAlchemy's `sort_order`; lower sorts first, ties keep declaration order.
        var sortOrder = 0
    }

    /// A unique constraint with an explicit name template (`%(table_name)s` is filled in).
    struct PartUnique: Sendable {
        var nameTemplate: String
        var columns: [String]
    }

    var name: String
    var role: Role
    /// Parts this one inherits from, in resolution order after itself.
    var includes: [String] = []
    var columns: [PartColumn] = []
    var uniqueConstraints: [PartUnique] = []
}

extension ModelPart {
    /// Every part, bases first, in the order error messages list them.
    static let all: [ModelPart] = [
        ModelPart(name: "DefaultBase", role: .base),
        ModelPart(name: "BigIntBase", role: .base, includes: ["BigIntPrimaryKey"]),
        ModelPart(name: "BigIntAuditBase", role: .base, includes: ["BigIntPrimaryKey", "AuditColumns"]),
        ModelPart(name: "IdentityBase", role: .base, includes: ["IdentityPrimaryKey"]),
        ModelPart(name: "IdentityAuditBase", role: .base, includes: ["IdentityPrimaryKey", "AuditColumns"]),
        ModelPart(name: "UUIDBase", role: .base, includes: ["UUIDPrimaryKey"]),
        ModelPart(name: "UUIDAuditBase", role: .base, includes: ["UUIDPrimaryKey", "AuditColumns"]),
        ModelPart(name: "UUIDv6Base", role: .base, includes: ["UUIDv6PrimaryKey"]),
        ModelPart(name: "UUIDv6AuditBase", role: .base, includes: ["UUIDv6PrimaryKey", "AuditColumns"]),
        ModelPart(name: "UUIDv7Base", role: .base, includes: ["UUIDv7PrimaryKey"]),
        ModelPart(name: "UUIDv7AuditBase", role: .base, includes: ["UUIDv7PrimaryKey", "AuditColumns"]),
        ModelPart(name: "NanoIDBase", role: .base, includes: ["NanoIDPrimaryKey"]),
        ModelPart(name: "NanoIDAuditBase", role: .base, includes: ["NanoIDPrimaryKey", "AuditColumns"]),

        // Advanced Alchemy's sort orders 3002/3003 put these after the table's own and mixin columns.
        ModelPart(name: "AuditColumns", role: .mixin, columns: [
            PartColumn(column: Column(name: "created_at", type: .dateTimeUTC, nullable: false), sortOrder: 3002),
            PartColumn(column: Column(name: "updated_at", type: .dateTimeUTC, nullable: false), sortOrder: 3003),
        ]),
        // Advanced Alchemy names this constraint explicitly, not by convention.
        ModelPart(name: "SlugKey", role: .mixin,
                  columns: [PartColumn(column: Column(name: "slug", type: .string(length: 100), nullable: false))],
                  uniqueConstraints: [PartUnique(nameTemplate: "uq_%(table_name)s_slug", columns: ["slug"])]),
        // `orm_insert_sentinel(name="sa_orm_sentinel")`: a nullable INTEGER the ORM uses for bulk inserts.
        ModelPart(name: "SentinelMixin", role: .mixin, columns: [
            PartColumn(column: Column(name: "sa_orm_sentinel", type: .integer, nullable: true), sortOrder: 3001),
        ]),
        // BIGSERIAL / AUTO_INCREMENT / rowid: what AA's migration path creates.
        ModelPart(name: "BigIntPrimaryKey", role: .mixin, columns: [
            primaryKey(Column(name: "id", type: .bigIntIdentity, nullable: false, autoincrement: true)),
        ]),
        // `Identity(start=1, increment=1)` is the generator, so the column is not also autoincrement.
        ModelPart(name: "IdentityPrimaryKey", role: .mixin, columns: [
            primaryKey(Column(name: "id", type: .bigIntIdentity, nullable: false, identity: Identity(start: 1, increment: 1))),
        ]),
        ModelPart(name: "UUIDPrimaryKey", role: .mixin, includes: ["SentinelMixin"], columns: [guidKey]),
        ModelPart(name: "UUIDv6PrimaryKey", role: .mixin, includes: ["SentinelMixin"], columns: [guidKey]),
        ModelPart(name: "UUIDv7PrimaryKey", role: .mixin, includes: ["SentinelMixin"], columns: [guidKey]),
        // Advanced Alchemy declares a VARCHAR without length, which MySQL/MariaDB reject
        // ("VARCHAR requires a length"): `NanoID` is that VARCHAR, with a length only there.
        ModelPart(name: "NanoIDPrimaryKey", role: .mixin, includes: ["SentinelMixin"], columns: [
            primaryKey(Column(name: "id", type: .nanoID, nullable: false)),
        ]),
    ]

    private static let guidKey = primaryKey(Column(name: "id", type: .guid(binary: nil), nullable: false))

    private static func primaryKey(_ column: Column) -> PartColumn {
        PartColumn(column: column, primaryKey: true, sortOrder: -100)
    }

    static let byName: [String: ModelPart] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    static let baseNames: [String] = all.filter { $0.role == .base }.map(\.name)
    static let mixinNames: [String] = all.filter { $0.role == .mixin }.map(\.name)

    /// This part and everything it inherits, in resolution order, each once.
    var resolutionOrder: [ModelPart] {
        var seen: Set<String> = []
        var order: [ModelPart] = []
        func visit(_ part: ModelPart) {
            guard seen.insert(part.name).inserted else { return }
            order.append(part)
            for name in part.includes {
                if let included = ModelPart.byName[name] { visit(included) }
            }
        }
        visit(self)
        return order
    }
}
