import AlchemySchema

/// `lock_timeout: 60s` and friends: a number with an optional unit.
public enum DurationText {
    /// The longest accepted wait. Longer is surely a typo, and every database takes
    /// a day (PostgreSQL's limit is about 24.8 days in milliseconds).
    public static let maximumSeconds: Double = 86_400

    /// What the errors say is allowed.
    public static let rangeDescription = "from 0 to 24h, in steps of 1ms (for example 60s, 2m, 500ms; 0 means do not wait)"

    /// Seconds for `500ms`, `60s`, `2m`, `1h` or a bare number of seconds, rounded to
    /// milliseconds; nil when it is not such a duration or outside 0...24h.
    ///
    /// Validated here, at load, so that no later `Int(seconds * 1000)` meets `inf`,
    /// and no value between 0 and 1ms rounds silently to 0 (which some databases
    /// read as "wait forever").
    public static func seconds(_ text: String) -> Double? {
        guard let value = unchecked(text), value.isFinite, value >= 0, value <= maximumSeconds else { return nil }
        let milliseconds = (value * 1000).rounded()
        guard value == 0 || milliseconds >= 1 else { return nil }
        return milliseconds / 1000
    }

    private static func unchecked(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        let units: [(suffix: String, factor: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            return number(trimmed.dropLast(unit.suffix.count).trimmingWhitespace()).map { $0 * unit.factor }
        }
        return number(trimmed)
    }

    /// Plain decimal numbers only: `Double("inf")`, `"nan"` and `"0x10"` parse, but are no durations.
    private static func number(_ text: String) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-") }) else { return nil }
        return Double(text)
    }
}
