/// A scaffold for `alchemy database init`, compiled into the binary.
///
/// The source of truth is the `templates/` folder; `scripts/embed-templates`
/// regenerates `EmbeddedTemplates.swift` from it, and a test checks they agree.
public struct ProjectTemplate: Sendable {
    public var name: String
    public var summary: String
    /// Relative path and contents of each file the template writes.
    public var files: [(path: String, contents: String)]

    public init(name: String, summary: String, files: [(String, String)]) {
        self.name = name
        self.summary = summary
        self.files = files.map { (path: $0.0, contents: $0.1) }
    }

    public static func named(_ name: String) -> ProjectTemplate? {
        all.first { $0.name == name }
    }
}
