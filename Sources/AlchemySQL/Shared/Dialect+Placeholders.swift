/// Bound parameters are `?` in most databases' client protocols.
extension Dialect {
    public func placeholder(_ position: Int) -> String { "?" }
}
