import AlchemyTestSupport
import Foundation
import Testing

/// Hostile files where alchemy reads YAML: revision files, model files and
/// alchemy.yaml. Each gets one `error:` line that names the file and says what to
/// do, never a hang (a FIFO) or an allocation until abort (`/dev/zero`).
@Suite("Special files, NUL bytes, encodings and durations")
struct SpecialFileTests {
    enum Hostile: String, CaseIterable {
        case fifo, devZero, loop, dangling, directory, huge

        /// Puts the hostile entry at `path`.
        func make(at path: String) throws {
            switch self {
            case .fifo: #expect(mkfifo(path, 0o644) == 0)
            case .devZero: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
            case .loop: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: path)
            case .dangling: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: path + ".missing")
            case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            case .huge:
                #expect(FileManager.default.createFile(atPath: path, contents: nil))
                #expect(truncate(path, 17 * 1024 * 1024) == 0)
            }
        }

        var expectedReason: String {
            switch self {
            case .fifo: "it is a FIFO (named pipe), not a regular file"
            case .devZero: "it is a character device, not a regular file"
            case .loop: "it is a symbolic link loop"
            case .dangling: "it is a symbolic link to a missing file"
            case .directory: "it is a directory, not a regular file"
            case .huge: "it is larger than 16 MiB"
            }
        }
    }

    @Test("A hostile entry in versions/, models/ or as alchemy.yaml gets one line naming it", arguments: Hostile.allCases)
    func hostileEntries(kind: Hostile) throws {
        for place in ["migrations/versions/evil.yaml", "models/evil.yaml", "alchemy.yaml"] {
            let project = try SecretProject(url: "sqlite:///app.db")
            defer { project.remove() }
            let path = project.folder + "/" + place
            if place == "alchemy.yaml" { try FileManager.default.removeItem(atPath: path) }
            try kind.make(at: path)
            let command = place.hasPrefix("models") ? ["check"] : ["history"]
            let result = try project.alchemy(command)
            // `check` keeps 1 for "differs" and exits 2 on errors.
            #expect(result.status == 2, "\(place): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: \(place): cannot read the "), "\(place): \(result.stderr)")
            #expect(result.stderr.contains(kind.expectedReason), "\(place): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }

    @Test("alchemy.yaml that is not UTF-8 says so, as revision files do")
    func configurationNotUTF8() throws {
        let project = try SecretProject(url: "sqlite:///app.db")
        defer { project.remove() }
        let bytes: [UInt8] = Array("database:\n  url: sqlite:///caf".utf8) + [0xE9] + Array(".db\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: project.folder + "/alchemy.yaml"))
        let result = try project.alchemy(["current"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: alchemy.yaml: the configuration file is not UTF-8 text; save it as UTF-8\n")
    }

    @Test("NUL in a URL, a table name or a revision file is refused at load with file:line")
    func nulBytes() throws {
        let project = try SecretProject(url: "sqlite:///app.db")
        defer { project.remove() }

        try "database:\n  url: \"sqlite:///h\\0evil.db\"\n".write(toFile: project.folder + "/alchemy.yaml", atomically: true, encoding: .utf8)
        let url = try project.alchemy(["current"])
        #expect(url.status == 2)
        #expect(url.stderr.hasPrefix("error: alchemy.yaml:2:8: the value contains a NUL character"), "\(url.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.folder + "/h"))

        try project.writeConfiguration(extra: "")
        let encoded = try project.alchemy(["--url", "sqlite:///h%00evil.db", "current"])
        #expect(encoded.stderr.contains("contains a NUL byte"), "\(encoded.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.folder + "/h"))

        try "tables:\n  \"t\\0x\":\n    columns:\n      id: {type: Integer, primary_key: true}\n"
            .write(toFile: project.folder + "/models/models.yaml", atomically: true, encoding: .utf8)
        let table = try project.alchemy(["check"])
        #expect(table.status == 2)
        #expect(table.stderr.contains("models/models.yaml:2:3: the value contains a NUL character"), "\(table.stderr)")

        let revision: [UInt8] = Array("revision: abc\ndown_revision: null\nupgrade:\n  - execute: \"SELECT 1\"".utf8) + [0] + Array("\n".utf8)
        try Data(revision).write(to: URL(fileURLWithPath: project.folder + "/migrations/versions/abc.yaml"))
        let history = try project.alchemy(["history"])
        #expect(history.status == 2)
        #expect(history.stderr.contains("versions/abc.yaml:4: the revision file contains a NUL byte"), "\(history.stderr)")
    }

    @Test("Durations out of range fail at load with the range; 0 is accepted", arguments: ["inf", "1e300s", "1000h", "0.0001s", "nan", "-1s"])
    func badDurations(text: String) throws {
        let project = try SecretProject(url: "sqlite:///app.db")
        defer { project.remove() }
        try project.writeConfiguration(extra: "")
        let config = try String(contentsOfFile: project.folder + "/alchemy.yaml", encoding: .utf8)
            .replacingOccurrences(of: "lock_timeout: 5s", with: "lock_timeout: \(text)")
        try config.write(toFile: project.folder + "/alchemy.yaml", atomically: true, encoding: .utf8)
        let result = try project.alchemy(["upgrade"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: alchemy.yaml:5:15: lock_timeout '\(text)' is not a duration from 0 to 24h"), "\(result.stderr)")

        try project.writeConfiguration(extra: "")
        let option = try project.alchemy(["--statement-timeout=\(text)", "upgrade"])
        #expect(option.status == 2)
        #expect(option.stderr.contains("--statement-timeout '\(text)' is not a duration"), "\(option.stderr)")
    }

    @Test("lock_timeout 0s and statement_timeout are accepted and run")
    func zeroLockTimeout() throws {
        let project = try SecretProject(url: "sqlite:///app.db")
        defer { project.remove() }
        let config = try String(contentsOfFile: project.folder + "/alchemy.yaml", encoding: .utf8)
            .replacingOccurrences(of: "lock_timeout: 5s", with: "lock_timeout: 0s\nstatement_timeout: 30s")
        try config.write(toFile: project.folder + "/alchemy.yaml", atomically: true, encoding: .utf8)
        let result = try project.alchemy(["upgrade"])
        #expect(result.status == 0, "\(result.stderr)")
        let option = try project.alchemy(["--statement-timeout", "off", "upgrade"])
        #expect(option.status == 0, "\(option.stderr)")
    }
}
