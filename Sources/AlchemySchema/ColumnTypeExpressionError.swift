/// Why a column type expression such as `Numeric(10, 2)` could not be read.
///
/// The message says what was expected, so that the model loader can show it as
/// it is, with the file position of the node that held the expression.
public struct ColumnTypeExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The expression as it was given.
    public var expression: String
    /// What went wrong and what was expected instead.
    public var message: String
    /// Character offset (0-based) into `expression` where the problem is, when known.
    public var offset: Int?

    public init(expression: String, message: String, offset: Int? = nil) {
        self.expression = expression
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}
