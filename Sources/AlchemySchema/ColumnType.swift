/// A portable column type, as a model file or revision file declares it.
///
/// Each case is rendered per dialect by `AlchemySQL` (one table per dialect), and
/// introspection maps what a live database reports back onto these cases, so the
/// same value flows from models through diffs into revision files.
///
/// The textual form (`expression`) is what model and revision files contain,
/// for example `String(255)`, `Numeric(10, 2)` or `Enum(a, b, name: kind)`.
public enum ColumnType: Hashable, Sendable {
    case integer
    case bigInteger
    case smallInteger
    case boolean
    /// `String` without a length is VARCHAR where the database allows it.
    case string(length: Int?)
    case text
    case float
    case double
    case numeric(precision: Int?, scale: Int?)
    case date
    case time
    case dateTime(timezone: Bool)
    case interval
    case largeBinary
    case json
    case uuid
    /// `name` is the PostgreSQL type name; other databases inline the values.
    case enumeration(values: [String], name: String?)

    // Advanced Alchemy's custom types.
    /// `binary: nil` is `GUID()`: UUID on PostgreSQL, BINARY(16) elsewhere.
    case guid(binary: Bool?)
    case dateTimeUTC
    case jsonb
    case encryptedString(length: Int?)
    case encryptedText
    case storedObject(backend: String, multiple: Bool)
    case passwordHash(length: Int)
    /// BIGINT, INTEGER on SQLite so that the column aliases the rowid.
    case bigIntIdentity
    /// Advanced Alchemy's NanoID key: a bare VARCHAR, as its DDL is, except on
    /// MySQL/MariaDB, which need a length (21, a default nanoid's).
    case nanoID

    /// Types that earlier alchemy versions declared for this one: a database they
    /// made still matches (NanoID keys were `String(21)` everywhere).
    public var earlierDeclarations: [ColumnType] {
        self == .nanoID ? [.string(length: 21)] : []
    }
}
