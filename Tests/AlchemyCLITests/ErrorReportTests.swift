import AlchemyTestSupport
import Foundation
import Testing

/// How every command fails: exit codes, one line, JSON with --format json.
@Suite("Error reports and exit codes")
struct ErrorReportTests {
    @Test("Every command's --help ends with the exit codes")
    func helpNamesExitCodes() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let listing = try CommandRunner.run(["database", "--help"], in: folder).stdout
        let commands = listing.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.allSatisfy { $0.isLowercase || $0 == "-" } } ?? []
        #expect(commands.count >= 17, "\(listing)")
        for command in commands {
            let help = try CommandRunner.run(["database", command, "--help"], in: folder)
            #expect(help.status == 0)
            // Help text wraps at the terminal width.
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("Exit codes: 0 success") && text.contains("64 usage error"), "\(command): \(help.stdout)")
        }
        let check = try CommandRunner.run(["database", "check", "--help"], in: folder).stdout
        #expect(check.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("1 the database differs from the models"))
    }

    @Test("A usage error is one alchemy error line and exit 64")
    func usageError() throws {
        let result = try CommandRunner.run(["database", "upgrade", "--bogus"], in: NSTemporaryDirectory())
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("error: Unknown option '--bogus'"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("A configuration error exits 2; with --format json it is a JSON object with message, hint and exit code")
    func jsonError() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try CommandRunner.run(["database", "current", "--config", "missing.yaml"], in: folder)
        #expect(text.status == 2)
        #expect(text.stderr.hasPrefix("error: "), "\(text.stderr)")
        let json = try CommandRunner.run(["--format", "json", "database", "current", "--config", "missing.yaml"], in: folder)
        #expect(json.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any]
        let error = object?["error"] as? [String: Any]
        #expect((error?["message"] as? String)?.contains("missing.yaml") == true, "\(json.stderr)")
        #expect(error?["exit_code"] as? Int == 2)
        #expect(error?.keys.contains("hint") == true)
    }

    /// Colour is used only on a terminal, so the binary runs under script(1) for
    /// one, with NO_COLOR removed so that only the flag decides.
    @Test("--no-color turns off the red error: prefix on a terminal, which is red without it")
    func noColorOnATerminal() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func run(_ flag: String) throws -> String {
            let command = "env -u NO_COLOR \(CommandRunner.binary) \(flag) database current --url sqlite:///nonexistent-dir/x.db"
            return try CommandRunner.execute("/usr/bin/script", ["-qc", command, "/dev/null"], in: folder).stdout
        }
        let colored = try run("")
        #expect(colored.contains("\u{1B}[31merror:"), "\(colored.debugDescription)")
        let plain = try run("--no-color")
        #expect(plain.contains("error: "))
        #expect(!plain.contains("\u{1B}["), "\(plain.debugDescription)")
    }
}
