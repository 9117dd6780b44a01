import AlchemyDatabase
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The last thing a failed command prints: one `error:` line on stderr, or with
/// `--format json` one JSON object there, then the exit.
///
/// Read from the raw arguments, since the error may be that they did not parse.
struct ErrorReport {
    var message: String
    var exitCode: Int32

    func print() -> Never {
        let arguments = CommandLine.arguments
        let json = zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "json" } || arguments.contains("--format=json")
        if json {
            let masked = Redaction.maskingCredentials(in: message)
            // The fix, where the message gives one, after its last "; ".
            let parts = masked.components(separatedBy: "; ")
            let hint: JSONValue = parts.count > 1 ? .string(parts.last ?? "") : .null
            Console.writeError(JSONValue.object([("error", .object([
                ("message", .string(masked)), ("hint", hint), ("exit_code", .number(Int(exitCode))),
            ]))]).rendered())
        } else {
            Console.printError(message, color: !arguments.contains("--no-color"))
        }
        ProcessEnd.now(exitCode)
    }
}
