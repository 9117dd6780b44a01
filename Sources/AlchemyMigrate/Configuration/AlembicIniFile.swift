import AlchemySchema

/// Recognises Alembic's `alembic.ini` given where `alchemy.yaml` belongs, so the
/// user hears what the file is instead of a YAML parser's complaint about `[`.
enum AlembicIniFile {
    static let message = "this is an Alembic ini file, not an alchemy configuration; "
        + "run `alchemy database init` to write alchemy.yaml (set `url:` and `script_location:` from the ini's sqlalchemy.url and script_location)"

    /// The line to point at when `text` is an ini file: the `[alembic]` section
    /// header, or line 1 for any file named `*.ini`; nil for anything else.
    static func sectionLine(in text: String, file: String) -> Int? {
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.trimmingWhitespace() == "[alembic]" { return number }
        }
        return file.lowercased().hasSuffix(".ini") ? 1 : nil
    }
}
