import AlchemySchema

/// Spellings that several dialects' type tables share, kept here so that a
/// table row reads as one call instead of repeating the formatting.
enum TypeSpelling {
    /// `VARCHAR(n)`, or `VARCHAR` without a length.
    static func varchar(_ length: Int?) -> String {
        length.map { "VARCHAR(\($0))" } ?? "VARCHAR"
    }

    /// `NUMERIC(10, 2)`, `NUMERIC(10)` or `NUMERIC`, as SQLAlchemy spells them.
    static func numeric(_ precision: Int?, _ scale: Int?) -> String {
        switch (precision, scale) {
        case let (p?, s?): "NUMERIC(\(p), \(s))"
        case let (p?, nil): "NUMERIC(\(p))"
        default: "NUMERIC"
        }
    }

    /// The length SQLAlchemy gives a non-native enum's VARCHAR: its longest value.
    static func enumLength(_ values: [String]) -> Int {
        values.map(\.count).max() ?? 0
    }
}


