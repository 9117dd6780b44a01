/// Bound parameters are `?` in most databases' client protocols.
extension Dialect {
    public func placeholder(_ position: Int) -> String { "?" }
}

extension Dialect {
    /// Standard SQL strings: PostgreSQL with `standard_conforming_strings` (which
    /// alchemy pins) and SQLite.
    public var stringsMayUseBackslashEscapes: Bool { false }
}
