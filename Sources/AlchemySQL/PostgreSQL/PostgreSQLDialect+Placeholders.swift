extension PostgreSQLDialect {
    /// libpq numbers its parameters.
    public func placeholder(_ position: Int) -> String { "$\(position)" }
}
