/// An error in a file the user wrote, pointing at the line and column to fix.
///
/// Configuration, model and revision files all report problems this way:
/// `migrations/versions/x.yaml:12:7: unknown operation 'craete_table' ...`.
public struct LocatedError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String?, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file ?? "input"
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}
