/// A value sent to or read from a database, in the few shapes all three share.
///
/// Decimals and timestamps travel as text: their exact textual form is what a
/// migration tool compares and prints, and no precision is lost on the way.
public enum DatabaseValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var isNull: Bool { self == .null }

    /// The value as text, when it has a natural textual form.
    public var stringValue: String? {
        switch self {
        case .null: nil
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    public var int64Value: Int64? {
        switch self {
        case .integer(let value): value
        case .bool(let value): value ? 1 : 0
        case .text(let value): Int64(value)
        default: nil
        }
    }

    /// SQLite and MariaDB have no boolean storage: 0/1 integers read as booleans.
    public var boolValue: Bool? {
        switch self {
        case .bool(let value): value
        case .integer(let value): value != 0
        case .text(let value): ["t", "true", "1"].contains(value.lowercased())
        default: nil
        }
    }
}

/// One result row: values by position, with the column names of the result.
public struct Row: Sendable {
    public let columns: [String]
    public let values: [DatabaseValue]

    public init(columns: [String], values: [DatabaseValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ index: Int) -> DatabaseValue { values[index] }

    public subscript(_ name: String) -> DatabaseValue {
        guard let index = columns.firstIndex(of: name) else { return .null }
        return values[index]
    }
}
