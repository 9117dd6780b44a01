extension Dialect {
    public var transactionalDDL: Bool { true }
    public var beginTransaction: String { "BEGIN" }
}
