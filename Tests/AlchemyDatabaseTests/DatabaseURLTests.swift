import AlchemyDatabase
import AlchemySQL
import Testing

@Suite("Database URLs")
struct DatabaseURLTests {
    @Test func sqliteRelative() throws {
        let url = try DatabaseURL("sqlite:///app.db")
        #expect(url.dialect == .sqlite)
        #expect(url.path == "app.db")
        #expect(url.description == "sqlite:///app.db")
    }

    @Test func sqliteAbsolute() throws {
        let url = try DatabaseURL("sqlite:////var/tmp/app.db")
        #expect(url.path == "/var/tmp/app.db")
        #expect(url.description == "sqlite:////var/tmp/app.db")
    }

    @Test(arguments: ["sqlite://:memory:", "sqlite://", "sqlite:///:memory:"])
    func sqliteMemory(text: String) throws {
        #expect(try DatabaseURL(text).path == ":memory:")
    }

    @Test func postgresqlFull() throws {
        let url = try DatabaseURL("postgresql+psycopg://app:p%40ss:w0rd@db.example.com:6543/shop?sslmode=require&connect_timeout=5")
        #expect(url.dialect == .postgresql)
        #expect(url.user == "app")
        #expect(url.password == "p@ss:w0rd")
        #expect(url.host == "db.example.com")
        #expect(url.port == 6543)
        #expect(url.database == "shop")
        #expect(url.option("sslmode") == "require")
        #expect(url.option("connect_timeout") == "5")
        #expect(url.description == "postgresql://app:***@db.example.com:6543/shop?sslmode=require&connect_timeout=5")
        #expect(url.target == "db.example.com:6543/shop")
    }

    @Test func unencodedAtInPassword() throws {
        let url = try DatabaseURL("mysql://root:a@b@localhost/app")
        #expect(url.password == "a@b")
        #expect(url.host == "localhost")
        #expect(!url.description.contains("a@b"))
    }

    @Test func mariadbAndDefaults() throws {
        let url = try DatabaseURL("mariadb://alchemy@127.0.0.1/test")
        #expect(url.dialect == .mariadb)
        #expect(url.password == nil)
        #expect(url.port == nil)
        #expect(url.target == "127.0.0.1:3306/test")
        #expect(url.description == "mariadb://alchemy@127.0.0.1/test")
        #expect(try DatabaseURL("mysql+pymysql://u:p@h:3307/d").dialect == .mysql)
        #expect(try DatabaseURL("postgres://h/d").dialect == .postgresql)
    }

    @Test func ipv6Host() throws {
        let url = try DatabaseURL("postgresql://u:pw@[::1]:5433/d")
        #expect(url.host == "::1")
        #expect(url.port == 5433)
        #expect(url.description == "postgresql://u:***@[::1]:5433/d")
    }

    @Test func passwordOptionIsRedacted() throws {
        let url = try DatabaseURL("postgresql://h/d?password=hunter22")
        #expect(!url.description.contains("hunter22"))
    }

    @Test(arguments: [
        ("oracle://u:secretpw@h/d", "unknown scheme 'oracle'"),
        ("app.db", "it has no scheme"),
        ("sqlite://app.db", "three slashes"),
        ("postgresql://u:secretpw@h:99999/d", "the port (after the host's last ':') is not a number"),
        ("postgresql://u:secretpw@h:abc/d", "the port (after the host's last ':') is not a number"),
        ("u:secretpw@127.0.0.1:5432/db", "it has no scheme"),
        ("postgresql:/u:secretpw@h/db", "it has no scheme"),
        ("u:pa://secretpw@h/db", "it has no scheme"),
        ("postgresql://u:secretpw", "the port"),
        ("sqlite:///h\0evil.db", "NUL byte"),
        ("sqlite:///h%00evil.db", "NUL byte"),
        ("postgresql://u:secretpw@h/d%00b", "NUL byte"),
    ])
    func invalid(text: String, expected: String) {
        do {
            _ = try DatabaseURL(text)
            Issue.record("parsed \(text)")
        } catch {
            #expect(error.description.contains(expected))
            #expect(!error.description.contains("secretpw"))
        }
    }

    /// Unencoded `/`, `?` and `:` in a password, as SQLAlchemy reads them: the
    /// userinfo runs to the last `@`. (`u:123/x@h` once became host `u`, port 123.)
    @Test(arguments: ["sec/ret", "sec?ret", "123/secret", "se:c@r/et?"])
    func unencodedSpecialCharactersInPassword(password: String) throws {
        let url = try DatabaseURL("postgresql://u:\(password)@h:5433/db?sslmode=disable")
        #expect(url.user == "u")
        #expect(url.password == password)
        #expect(url.host == "h")
        #expect(url.port == 5433)
        #expect(url.database == "db")
        #expect(url.option("sslmode") == "disable")
        #expect(url.description == "postgresql://u:***@h:5433/db?sslmode=disable")
    }

    @Test func atInQueryIsNoUserinfo() throws {
        let url = try DatabaseURL("postgresql://h/db?application_name=a@b")
        #expect(url.user == nil)
        #expect(url.host == "h")
        #expect(url.option("application_name") == "a@b")
    }

    @Test(arguments: [
        ("invalid database URL 'u:secret@127.0.0.1:5432/db'", "invalid database URL 'u:***@127.0.0.1:5432/db'"),
        ("postgresql:/u:secret@h/db", "postgresql:/u:***@h/db"),
        ("see mysql://u:sec?ret@h/db and postgresql://a:b/c@h", "see mysql://u:***@h/db and postgresql://a:***@h"),
        ("lock_timeout 'postgresql+psycopg://u:p@ss@h/db' is not", "lock_timeout 'postgresql+psycopg://u:***@h/db' is not"),
        ("user u@h has no password", "user u@h has no password"),
        ("file.yaml:3:5: no @ here", "file.yaml:3:5: no @ here"),
        ("\"u:pw@h\"", "\"u:***@h\""),
    ])
    func maskingCredentials(text: String, expected: String) {
        #expect(Redaction.maskingCredentials(in: text) == expected)
    }
}
