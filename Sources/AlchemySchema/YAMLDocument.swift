import Yams

/// Parses any file alchemy reads (models, revisions, configuration) with Yams,
/// turning every parser failure into a `LocatedError`.
///
/// Yams reports scanner, parser and composer problems with a mark, reader
/// problems with a character offset, and duplicate keys with the first
/// occurrence; all are brought to a 1-based line and column here.
enum YAMLDocument {
    static func compose(_ contents: String, file: String) throws(LocatedError) -> Node? {
        do {
            // The basic resolver: readers interpret `null`, booleans and numbers from
            // the text themselves, and the default one compiles ICU regular expressions
            // on first use and runs them on every mapping key (Yams hashes keys to find
            // duplicates). An explicit encoding: the default one copies the whole process
            // environment on every parse.
            return try Yams.compose(yaml: contents, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw locatedError(error, contents: contents, file: file)
        } catch {
            throw LocatedError(file: file, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }

    private static func locatedError(_ error: YamlError, contents: String, file: String) -> LocatedError {
        func located(_ mark: Mark, _ message: String) -> LocatedError {
            at((mark.line, mark.column), message)
        }
        func at(_ position: (line: Int, column: Int), _ message: String) -> LocatedError {
            LocatedError(file: file, line: max(1, position.line), column: max(1, position.column), message: message)
        }
        func describe(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context else { return "invalid YAML: \(problem)" }
            // libyaml's contexts read "while scanning a quoted scalar"; Yams's own read as a lead-in.
            guard context.text.hasPrefix("while") else { return "invalid YAML: \(context.text), \(problem)" }
            return "invalid YAML: \(problem) \(context.text) started at line \(context.mark.line), column \(context.mark.column)"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = describe(problem, context)
            if problem.hasPrefix("mapping values are not allowed") {
                message += "; quote a value that contains ': ', as in \"Enum(a, b, name: kind)\""
            }
            return located(mark, message)
        case .reader(let problem, let offset, _, _):
            return at(position(ofCharacter: offset ?? 0, in: contents), "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = context.mark
            let second = secondOccurrence(of: key, after: first, in: contents) ?? (first.line, first.column)
            let what = duplicates.count == 1 ? "key '\(key)'" : "keys \(duplicates.map { "'\($0)'" }.joined(separator: ", "))"
            return at(second, "duplicate \(what) in one map (first at line \(first.line), column \(first.column)); "
                + "each table, column and setting may appear only once")
        default:
            return at((1, 1), "invalid YAML: \(error)")
        }
    }

    /// 1-based line and column of the character at `offset`, columns counted in Unicode scalars like libyaml.
    static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(max(0, offset)) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }

    /// Yams points a duplicate key error at the first occurrence; the author
    /// usually needs the second. Looks for the same key at the same column in
    /// a later line of a block map, and gives up (nil) otherwise.
    private static func secondOccurrence(of key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line < lines.count, !key.isEmpty else { return nil }
        for index in first.line..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            let start = first.column - 1
            guard start >= 0, start < scalars.count,
                  scalars[..<start].allSatisfy({ $0 == " " || $0 == "-" })
            else { continue }
            var rest = String(String.UnicodeScalarView(scalars[start...]))
            guard rest.hasPrefix(key) else { continue }
            rest.removeFirst(key.count)
            if rest.trimmingWhitespace().hasPrefix(":") {
                return (index + 1, first.column)
            }
        }
        return nil
    }
}
