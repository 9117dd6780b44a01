import AlchemySchema
import Mustache

/// Writes revision files through the project's template (`script.yaml.mustache`).
///
/// The same revision always renders the same bytes: operations are rendered by
/// `YAMLText` with fixed rules, and the template only places them.
public struct RevisionFileWriter {
    public var template: String

    public init(template: String) {
        self.template = template
    }

    public enum Failure: Error, CustomStringConvertible {
        case invalidTemplate(String)
        /// The rendered text does not read back as the same revision: the
        /// template put a value where YAML reads it differently.
        case doesNotReadBack(String)

        public var description: String {
            switch self {
            case .invalidTemplate(let reason): "the revision template is not valid Mustache: \(reason); fix script.yaml.mustache"
            case .doesNotReadBack(let reason): "the revision template renders a file that does not read back (\(reason)); "
                + "put {{{message}}}, {{{down_revision}}}, {{{branch_labels}}} and {{{depends_on}}} where YAML values go in script.yaml.mustache"
            }
        }
    }

    /// The values a template can use: `{{revision}}`, `{{{down_revision}}}`,
    /// `{{{branch_labels}}}`, `{{{depends_on}}}`, `{{{message}}}`, `{{created}}`,
    /// `{{{upgrade}}}`, `{{{downgrade}}}` (already YAML), and `{{message_text}}` (raw).
    public static func values(for file: RevisionFile) -> [String: String] {
        [
            "revision": file.revision,
            "down_revision": identifiers(file.downRevisions),
            "branch_labels": YAMLText.sequence(file.branchLabels.map(YAMLText.scalar)).flow(),
            "depends_on": YAMLText.sequence(file.dependsOn.map(YAMLText.quoted)).flow(),
            "message": YAMLText.scalar(file.message).flow(),
            // Raw text for comments: one line, so that it cannot end a comment early.
            "message_text": file.message.split(whereSeparator: \.isNewline).joined(separator: " "),
            "created": file.created ?? "null",
            "upgrade": operations(file.upgrade),
            "downgrade": operations(file.downgrade),
        ]
    }

    public func render(_ file: RevisionFile) throws(Failure) -> String {
        let compiled: MustacheTemplate
        do {
            // Values are already YAML where a template puts them as YAML, and text
            // elsewhere: HTML escaping (Mustache's default) would change them.
            compiled = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}" + template)
        } catch {
            throw .invalidTemplate("\(error)")
        }
        var text = compiled.render(Self.values(for: file))
        if !file.transactional, !text.contains("\ntransactional:") {
            text = text.replacingFirst("\nupgrade:", with: "\ntransactional: false\nupgrade:")
        }
        if !text.hasSuffix("\n") { text += "\n" }
        try checkReadsBack(text, as: file)
        return text
    }

    /// Nothing is written that `history` would read as another revision.
    private func checkReadsBack(_ text: String, as file: RevisionFile) throws(Failure) {
        let read: RevisionFile
        do {
            read = try RevisionFileReader.read(text, path: "script.yaml.mustache")
        } catch {
            throw .doesNotReadBack(error.message)
        }
        let same = read.revision == file.revision && read.downRevisions == file.downRevisions
            && read.branchLabels == file.branchLabels && read.dependsOn == file.dependsOn && read.message == file.message
        if !same { throw .doesNotReadBack("its header differs from the revision's") }
    }

    static func identifiers(_ ids: [String]) -> String {
        switch ids.count {
        case 0: "null"
        case 1: YAMLText.quoted(ids[0]).flow()
        default: YAMLText.sequence(ids.map(YAMLText.quoted)).flow()
        }
    }

    /// A block sequence indented under `upgrade:`; `[]` when there is nothing to do.
    static func operations(_ list: [MigrateOperation]) -> String {
        guard !list.isEmpty else { return "  []" }
        return YAMLText.sequence(list.map(OperationEncoder.encode)).render(indent: 2)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
