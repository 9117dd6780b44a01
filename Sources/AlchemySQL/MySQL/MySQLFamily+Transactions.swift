extension MySQLFamily {
    /// Each DDL statement commits implicitly.
    public var transactionalDDL: Bool { false }
}
