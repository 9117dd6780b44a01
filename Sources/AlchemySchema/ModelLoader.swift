/// Reads model files (`models/*.yaml`) into the declared `Schema`.
///
/// The caller reads the files; the loader only sees their text, so it is pure
/// and runs the same in tests, the CLI and editors' tooling.
///
/// ```swift
/// let schema = try ModelLoader().load([(path: "models/blog.yaml", contents: text)])
/// ```
///
/// Tables come out in file order, then declaration order. Bases and mixins are
/// expanded as Advanced Alchemy defines them, untyped foreign-key columns take
/// the referenced column's type, and every constraint and index is named by
/// the naming convention. Every problem is a `ModelError` with the file, line
/// and column of the node at fault; nothing is partially loaded.
public struct ModelLoader: Sendable {
    /// The convention used when no file sets `naming_convention:`, and the one
    /// that a file's `naming_convention:` entries are laid over.
    public var namingConvention: NamingConvention

    public init(namingConvention: NamingConvention = .advancedAlchemy) {
        self.namingConvention = namingConvention
    }

    static let fileKeys = ["tables", "naming_convention"]

    /// Loads all model files of one database as one schema.
    public func load(_ files: [(path: String, contents: String)]) throws(ModelError) -> Schema {
        var declarations: [TableDeclaration] = []
        var convention: (value: NamingConvention, node: ModelNode)?
        for file in files {
            let parsed: YAMLNode?
            do {
                parsed = try YAMLDocument.compose(file.contents, file: file.path)
            } catch {
                throw ModelError(kind: .yaml, file: file.path, line: error.line ?? 1, column: error.column ?? 1, message: error.message)
            }
            guard let node = parsed else { continue }
            let root = ModelNode(node: node, file: file.path)
            guard root.isMapping || root.isNull else {
                throw root.wrongKind("a map with tables: (and optionally naming_convention:)", for: "a model file")
            }
            let map = try ModelMap(root, of: "a model file", allowed: Self.fileKeys)
            if let node = map.value("naming_convention") {
                let value = try Self.convention(node, over: namingConvention)
                if let first = convention, first.value != value {
                    throw node.error(.namingConvention, "naming_convention differs from the one at "
                        + "\(first.node.file):\(first.node.line):\(first.node.column); one convention names the "
                        + "constraints of all model files, so set it once")
                }
                convention = (value, node)
            }
            for entry in try map["tables"]?.entries(of: "tables") ?? [] {
                let declaration = try TableDeclaration(name: entry.key, keyNode: entry.keyNode, value: entry.value)
                if let first = declarations.first(where: { $0.reference == declaration.reference }) {
                    throw entry.keyNode.error(.duplicateName, "table '\(declaration.reference)' is already defined at "
                        + "\(first.node.file):\(first.node.line):\(first.node.column)")
                }
                declarations.append(declaration)
            }
        }
        let builder = try SchemaBuilder(declarations: declarations, convention: convention?.value ?? namingConvention)
        return try builder.build()
    }

    /// Loads a single model file.
    public func load(path: String, contents: String) throws(ModelError) -> Schema {
        try load([(path: path, contents: contents)])
    }

    /// `naming_convention: {ix: ..., uq: ..., ck: ..., fk: ..., pk: ...}` laid over `base`;
    /// a `null` entry removes that kind, leaving such constraints unnamed as in SQLAlchemy.
    static func convention(_ node: ModelNode, over base: NamingConvention) throws(ModelError) -> NamingConvention {
        let keys = NamingConvention.Kind.allCases.map(\.rawValue)
        let map = try ModelMap(node, of: "naming_convention", allowed: keys)
        var convention = base
        for entry in map.entries {
            guard let kind = NamingConvention.Kind(rawValue: entry.key) else { continue }
            guard let template = try entry.value.optionalString(for: "the \(entry.key) naming convention") else {
                convention.templates[kind] = nil
                continue
            }
            do {
                try NamingConvention.validate(template)
            } catch {
                throw entry.value.error(.namingConvention, error.message)
            }
            convention.templates[kind] = template
        }
        return convention
    }
}
