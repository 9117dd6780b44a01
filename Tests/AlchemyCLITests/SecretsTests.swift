import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// README promises that passwords are never printed. These run the real binary with
/// a distinctive password, through every command and every failure we can provoke,
/// and search stdout, stderr and every file written for the password and its halves.
@Suite("Passwords are never printed")
struct SecretsTests {
    /// Unencoded `/` and `?`, which once cut the URL at the wrong place.
    static let password = "Sekr3t/Pw?Zq"
    static var pieces: [String] { [password, "Sekr3t", "Pw?Zq", "3t/Pw"] }

    @Test("Every command, on a real server, with the password in DATABASE_URL", arguments: [DialectName.postgresql, .mariadb])
    func everyCommand(dialect: DialectName) throws {
        guard TestDatabases.dialects.contains(dialect) else { return }
        try TestDatabases.withScratchDatabase(dialect) { admin in
            try Self.withSecretUser(on: admin) { urlText in
                let project = try SecretProject(url: urlText)
                defer { project.remove() }
                var outputs: [CommandRunner.Result] = []
                let commands: [[String]] = [
                    ["ensure-version"], ["current"], ["revision", "--autogenerate", "-m", "first"],
                    ["upgrade", "--sql"], ["upgrade"], ["current"], ["history"], ["check"],
                    ["downgrade", "base"], ["stamp", "head"], ["current", "-v"], ["upgrade", "-v"],
                ]
                for command in commands {
                    let result = try project.alchemy(command)
                    #expect(result.status == 0 || command == ["check"], "\(command): \(result.stderr)")
                    outputs.append(result)
                }
                // The same URL given on the command line, in JSON output, and with a wrong password.
                outputs.append(try project.alchemy(["--url", urlText, "--format", "json", "current"]))
                let wrongUser = urlText.replacingOccurrences(of: "://", with: "://nobody_")
                let denied = try project.alchemy(["--url", wrongUser, "current"])
                #expect(denied.status != 0)
                outputs.append(denied)
                Self.expectNoSecret(outputs, filesUnder: project.folder)
            }
        }
    }

    @Test("Malformed URLs, unreachable hosts and bad configuration values")
    func failurePaths() throws {
        let project = try SecretProject(url: "sqlite:///app.db")
        defer { project.remove() }
        let secret = Self.password
        let urls = [
            "u:\(secret)@127.0.0.1:5432/db",                  // no scheme
            "postgresql:/u:\(secret)@127.0.0.1/db",           // one slash
            "postgresql://u:\(secret)@127.0.0.1:1/db",        // nothing listens on port 1
            "mysql://u:\(secret)@127.0.0.1:1/db",
            "mariadb://u:Sekr3t?Pw/Zq@127.0.0.1:1/db",
            "postgresql://u:123/Sekr3tPwZq@127.0.0.1:1/db",    // numeric before the slash: once read as a port
            "postgresql://u:\(secret)@no-such-host.invalid/db",
            "postgresql://u:Sekr3tPwZq",                       // no @: reads as host:port
            "oracle://u:\(secret)@h/db",
            "u:pa://Sekr3tPwZq@h/db",                          // "://" inside the password
        ]
        var outputs: [CommandRunner.Result] = []
        for url in urls {
            for command in [["current"], ["upgrade"], ["upgrade", "--sql"], ["check"], ["stamp", "head"]] {
                let result = try project.alchemy(["--url", url] + command)
                // `upgrade --sql` needs no server: with a URL that parses it succeeds offline.
                if command != ["upgrade", "--sql"] || result.status != 0 {
                    #expect(result.status != 0, "\(url) \(command)")
                    #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
                }
                outputs.append(result)
            }
        }
        // The URL interpolated where it does not belong: each message that quotes the value masks it.
        let badValues = ["lock_timeout: ${DATABASE_URL}", "statement_timeout: ${DATABASE_URL}", "script_location: ${NOT_SET_ANYWHERE}",
                         "script_location: ${DATABASE_URL}", "file_template: ${DATABASE_URL}"]
        for line in badValues {
            try project.writeConfiguration(extra: line)
            for command in [["current"], ["history"], ["upgrade", "--sql"]] {
                let result = try project.alchemy(command, environment: ["DATABASE_URL": "postgresql://u:\(secret)@127.0.0.1:1/db"])
                outputs.append(result)
            }
        }
        try project.writeConfiguration(extra: "models: [\"${DATABASE_URL}\"]")
        outputs.append(try project.alchemy(["check"], environment: ["DATABASE_URL": "sqlite:///u:\(secret)@x.db"]))
        outputs.append(try project.alchemy(["revision", "--autogenerate", "-m", "x"], environment: ["DATABASE_URL": "sqlite:///u:\(secret)@x.db"]))
        try project.writeConfiguration(extra: "")
        outputs.append(try project.alchemy(["--statement-timeout", "postgresql://u:\(secret)@h/db", "current"]))
        Self.expectNoSecret(outputs, filesUnder: project.folder)
    }

    static func expectNoSecret(_ outputs: [CommandRunner.Result], filesUnder folder: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var texts = outputs.flatMap { [$0.stdout, $0.stderr] }
        let walker = FileManager.default.enumerator(atPath: folder)
        while let name = walker?.nextObject() as? String {
            texts.append(name)
            if let data = FileManager.default.contents(atPath: folder + "/" + name), name != "alchemy.yaml" {
                texts.append(String(decoding: data, as: UTF8.self))
            }
        }
        for text in texts {
            for piece in pieces + ["Sekr3tPwZq", "Sekr3t?Pw", "Pw/Zq"] {
                #expect(!text.contains(piece), "printed a secret: \(text)", sourceLocation: sourceLocation)
            }
        }
    }

    /// A login with the distinctive password, allowed to work in the scratch database, dropped afterwards.
    static func withSecretUser(on admin: DatabaseURL, _ body: (String) throws -> Void) throws {
        let user = "alchemy_secret_\(UInt32.random(in: 0...UInt32.max))"
        let connection = try openConnection(admin)
        defer { connection.close() }
        let database = admin.database ?? ""
        if admin.dialect == .postgresql {
            try connection.execute("CREATE ROLE \"\(user)\" LOGIN PASSWORD '\(password)'")
            try connection.execute("GRANT ALL ON SCHEMA public TO \"\(user)\"")
        } else {
            try connection.execute("CREATE USER '\(user)'@'%' IDENTIFIED BY '\(password)'")
            try connection.execute("GRANT ALL ON `\(database)`.* TO '\(user)'@'%'")
        }
        defer {
            if admin.dialect == .postgresql {
                try? connection.execute("DROP OWNED BY \"\(user)\"")
                try? connection.execute("DROP ROLE \"\(user)\"")
            } else {
                try? connection.execute("DROP USER '\(user)'@'%'")
            }
        }
        let scheme = admin.dialect == .postgresql ? "postgresql" : "mariadb"
        try body("\(scheme)://\(user):\(password)@\(admin.host ?? "127.0.0.1"):\(admin.port ?? 0)/\(database)")
    }
}

/// A project folder made by `alchemy database init`, with `url: ${DATABASE_URL}`.
struct SecretProject {
    var folder: String
    var url: String

    init(url: String) throws {
        folder = try CommandRunner.temporaryDirectory()
        self.url = url
        let initialized = try CommandRunner.run(["database", "init"], in: folder)
        guard initialized.status == 0 else { throw TestSetupError(message: "init failed: \(initialized.stderr)") }
        try writeConfiguration(extra: "")
    }

    func writeConfiguration(extra: String) throws {
        let text = """
        database:
          url: ${DATABASE_URL}
        script_location: migrations
        models: [models]
        lock_timeout: 5s
        \(extra)

        """
        try text.write(toFile: folder + "/alchemy.yaml", atomically: true, encoding: .utf8)
    }

    func alchemy(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRunner.Result {
        try CommandRunner.run(["database"] + arguments, in: folder, environment: ["DATABASE_URL": url].merging(environment) { $1 })
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
