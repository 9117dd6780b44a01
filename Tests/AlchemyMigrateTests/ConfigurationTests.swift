import AlchemyMigrate
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    let loader = ConfigurationLoader(environment: ["DATABASE_URL": "postgresql://app@db/prod", "EMPTY": ""])

    @Test func designExample() throws {
        let text = """
            database:
              url: ${DATABASE_URL:-sqlite:///app.db}
            script_location: migrations
            models: [models]
            version_table: alembic_versions
            version_table_schema: null
            file_template: "%(year)d-%(month).2d-%(day).2d_%(slug)s_%(rev)s"
            compare_type: true
            compare_server_default: true
            transaction_per_migration: true
            lock_timeout: 60s
            exclude_tables: [spatial_ref_sys, "tmp_*"]
            """
        let configuration = try loader.load(text, file: "alchemy.yaml")
        let database = try configuration.database(bind: nil)
        #expect(database.url == "postgresql://app@db/prod")
        #expect(database.versionTableSchema == nil)
        #expect(database.lockTimeout == 60)
        #expect(database.excludeTables == ["spatial_ref_sys", "tmp_*"])
        #expect(database.fileTemplate == "%(year)d-%(month).2d-%(day).2d_%(slug)s_%(rev)s")
    }

    @Test func interpolation() throws {
        let environment = ["A": "x", "EMPTY": ""]
        #expect(try EnvironmentInterpolation.expand("${A}", environment: environment) == "x")
        #expect(try EnvironmentInterpolation.expand("a-${A}-${B:-dflt}-z", environment: environment) == "a-x-dflt-z")
        #expect(try EnvironmentInterpolation.expand("${EMPTY:-used}", environment: environment) == "used")
        #expect(try EnvironmentInterpolation.expand("no vars", environment: environment) == "no vars")
        #expect(throws: EnvironmentInterpolation.Failure.unset("B")) { try EnvironmentInterpolation.expand("${B}", environment: environment) }
        #expect(throws: EnvironmentInterpolation.Failure.unterminated) { try EnvironmentInterpolation.expand("${A", environment: environment) }
    }

    @Test func unsetVariableNamesLineAndFix() {
        let text = "database:\n  url: ${MISSING_URL}\n"
        #expect {
            try loader.load(text, file: "alchemy.yaml")
        } throws: { error in
            "\(error)" == "alchemy.yaml:2:8: environment variable MISSING_URL is not set; set it or give a default: ${MISSING_URL:-value}"
        }
    }

    @Test func databasesMapAndBind() throws {
        let text = """
            databases:
              analytics:
                url: sqlite:///analytics.db
                version_table: analytics_versions
              default:
                url: sqlite:///app.db
            lock_timeout: 2m
            """
        let configuration = try loader.load(text, file: "alchemy.yaml")
        #expect(configuration.databases.map(\.name) == ["default", "analytics"])
        #expect(try configuration.database(bind: nil).url == "sqlite:///app.db")
        let analytics = try configuration.database(bind: "analytics")
        #expect(analytics.versionTable == "analytics_versions")
        #expect(analytics.lockTimeout == 120)
        #expect(throws: ConfigurationError.self) { try configuration.database(bind: "nope") }
    }

    @Test(arguments: [
        ("database:\n  url: [unclosed\n", "alchemy.yaml:3:1: invalid YAML"),
        ("databse:\n  url: x\n", "alchemy.yaml:1:1: unknown key `databse`"),
        ("database:\n  url: sqlite:///a.db\ncompare_type: maybe\n", "alchemy.yaml:3:15: `compare_type` must be true or false"),
        ("database:\n  url: sqlite:///a.db\nlock_timeout: soon\n", "alchemy.yaml:3:15: lock_timeout 'soon' is not a duration"),
        ("- a\n- b\n", "alchemy.yaml:1:1: the configuration must be a mapping"),
        ("", "alchemy.yaml:1:1: the file is empty"),
        ("database:\n  url: a\ndatabases:\n  x: {url: b}\n", "alchemy.yaml:4:3: use either `database:` or `databases:`"),
    ])
    func errors(text: String, expected: String) {
        do {
            _ = try loader.load(text, file: "alchemy.yaml")
            Issue.record("loaded: \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "got: \(error.description)")
        }
    }

    @Test func durations() {
        #expect(DurationText.seconds("60s") == 60)
        #expect(DurationText.seconds("500ms") == 0.5)
        #expect(DurationText.seconds("2m") == 120)
        #expect(DurationText.seconds("1h") == 3600)
        #expect(DurationText.seconds("15") == 15)
        #expect(DurationText.seconds("-1s") == nil)
        #expect(DurationText.seconds("soon") == nil)
    }

    /// `inf` once crashed every upgrade (`Int(inf)`); values under 1ms rounded to a 0 that PostgreSQL reads as "forever".
    @Test func durationRange() {
        #expect(DurationText.seconds("0s") == 0)
        #expect(DurationText.seconds("0") == 0)
        #expect(DurationText.seconds("24h") == 86_400)
        #expect(DurationText.seconds("1.2345s") == 1.235)
        #expect(DurationText.seconds("1ms") == 0.001)
        for text in ["inf", "infs", "1e300s", "nan", "1000h", "24.001h", "0.0004s", "0x10", "+inf", "1e400"] {
            #expect(DurationText.seconds(text) == nil, "\(text)")
        }
    }

    @Test func statementTimeout() throws {
        let base = "database:\n  url: sqlite:///a.db\n"
        #expect(try loader.load(base, file: "a.yaml").databases[0].statementTimeout == nil)
        #expect(try loader.load(base + "statement_timeout: 30s\n", file: "a.yaml").databases[0].statementTimeout == 30)
        #expect(try loader.load(base + "statement_timeout: off\n", file: "a.yaml").databases[0].statementTimeout == nil)
        #expect(try loader.load(base + "statement_timeout: ${ST:-off}\n", file: "a.yaml").databases[0].statementTimeout == nil)
        #expect(try ConfigurationLoader(environment: ["ST": "5m"]).load(base + "statement_timeout: ${ST:-off}\n", file: "a.yaml").databases[0].statementTimeout == 300)
        #expect(try ConfigurationLoader.statementTimeout(option: "2m") == 120)
        #expect(try ConfigurationLoader.statementTimeout(option: "off") == nil)
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.statementTimeout(option: "0") }
        #expect(throws: ConfigurationError.self) { try loader.load(base + "statement_timeout: 0s\n", file: "a.yaml") }
    }

    /// The message quotes the value as written: `${DATABASE_URL}` by mistake must not print the URL.
    @Test func durationErrorQuotesTheWrittenValue() {
        let secretLoader = ConfigurationLoader(environment: ["DATABASE_URL": "postgresql://app:Sekr3tPw@db/prod"])
        do {
            _ = try secretLoader.load("database:\n  url: sqlite:///a.db\nlock_timeout: ${DATABASE_URL}\n", file: "a.yaml")
            Issue.record("loaded")
        } catch {
            #expect(error.description == "a.yaml:3:15: lock_timeout '${DATABASE_URL}' is not a duration from 0 to 24h, in steps of 1ms (for example 60s, 2m, 500ms; 0 means do not wait)")
        }
    }
}

@Suite("Configuration: an Alembic ini file")
struct AlembicIniConfigurationTests {
    let loader = ConfigurationLoader(environment: [:])

    @Test(arguments: [
        ("alembic.ini", "# A generic config\n[alembic]\nscript_location = migrations\n", 2),
        ("settings.ini", "sqlalchemy.url = sqlite:///app.db\n", 1),
        ("alchemy.yaml", "[alembic]\nscript_location = %(here)s/migrations\n", 1),
    ])
    func saysItIsAnIniFile(file: String, text: String, line: Int) {
        #expect {
            try loader.load(text, file: file)
        } throws: { error in
            let description = "\(error)"
            return description.hasPrefix("\(file):\(line):1: this is an Alembic ini file")
                && description.contains("alchemy database init") && !description.contains("invalid YAML")
        }
    }
}
