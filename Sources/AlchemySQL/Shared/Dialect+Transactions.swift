extension Dialect {
    public var transactionalDDL: Bool { true }
}
