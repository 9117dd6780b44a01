/// The databases alchemy speaks to. The raw value is the name used in URLs,
/// `execute` entries of revision files and messages.
public enum DialectName: String, Hashable, Sendable, CaseIterable {
    case sqlite
    case postgresql
    case mysql
    case mariadb

    /// MariaDB is a MySQL for everything but a few details.
    public var isMySQLFamily: Bool { self == .mysql || self == .mariadb }
}
