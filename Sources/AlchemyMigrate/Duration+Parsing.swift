import AlchemySchema

/// `lock_timeout: 60s` and friends: a number with an optional unit.
public enum DurationText {
    /// Seconds for `500ms`, `60s`, `2m`, `1h` or a bare number of seconds.
    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        let units: [(suffix: String, factor: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            guard let value = Double(trimmed.dropLast(unit.suffix.count).trimmingWhitespace()), value >= 0 else { return nil }
            return value * unit.factor
        }
        guard let value = Double(trimmed), value >= 0 else { return nil }
        return value
    }
}
