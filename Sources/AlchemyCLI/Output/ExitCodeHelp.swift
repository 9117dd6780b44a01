/// The exit codes, as every command's `--help` ends (README "Exit codes").
/// `failure` says what exit 1 means for the command, when it can happen at all.
enum ExitCodeHelp {
    static func discussion(_ text: String? = nil, failure: String? = nil) -> String {
        let one = failure.map { ", 1 \($0)" } ?? ""
        let codes = "Exit codes: 0 success\(one), 2 configuration, connection or input error, 64 usage error."
        return text.map { $0 + "\n\n" + codes } ?? codes
    }
}
