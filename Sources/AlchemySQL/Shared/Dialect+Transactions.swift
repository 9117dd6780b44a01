extension Dialect {
    public var executeKeys: [String] { [name.rawValue] }
    public var transactionalDDL: Bool { true }
    public var beginTransaction: String { "BEGIN" }
    public var runSetup: [String] { [] }
    public var runTeardown: [String] { [] }
}
