/// A problem in a model file, with the position of the node that caused it.
///
/// Rendered the way compilers print diagnostics, so editors and CI logs can
/// link to it:
///
/// ```
/// models/blog.yaml:12:7: error: unknown type 'Strng' (did you mean String?); expected one of: ...
/// ```
public struct ModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem this is, for callers and tests that branch on it.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The file is not valid YAML.
        case yaml
        /// A node has the wrong shape: a list where a map was expected, and so on.
        case wrongNodeKind
        /// A key that this place of the file does not know.
        case unknownKey
        /// A required key is missing.
        case missingKey
        /// A client-side `default:`; only `server_default` is DDL.
        case clientDefault
        /// A column type expression that cannot be read.
        case unknownType
        case unknownBase
        case unknownMixin
        /// A foreign key whose table or column does not exist.
        case foreignKey
        /// A table, column, index or constraint name defined twice.
        case duplicateName
        /// A name used by an index or constraint that is not a column of the table.
        case unknownColumn
        /// A value of the right shape that is not allowed here.
        case invalidValue
        /// A `naming_convention:` template that is malformed or cannot be filled.
        case namingConvention
    }

    public var kind: Kind
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars as libyaml counts them.
    public var column: Int
    /// What happened and what was expected.
    public var message: String

    public init(kind: Kind, file: String, line: Int, column: Int, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}
