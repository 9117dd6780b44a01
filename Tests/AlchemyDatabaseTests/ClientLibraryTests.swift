import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import CClientLoader
import CLibPQ
import CMariaDB
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// libpq and libmariadb are opened with dlopen on first use (CClientLoader):
/// the real libraries load and work, and a library that cannot be used gives a
/// one-line reason instead of a crash.
@Suite("Client libraries opened at run time")
struct ClientLibraryTests {
    /// An `alchemy_client_library` built by hand, as `ALCHEMY_CLIENT_LIBRARY` builds one in C.
    final class Library {
        let library: UnsafeMutablePointer<alchemy_client_library>
        let names: UnsafeMutablePointer<UnsafePointer<CChar>?>
        let symbolNames: [UnsafeMutablePointer<CChar>]
        let symbols: UnsafeMutablePointer<alchemy_client_symbol>
        let slots: UnsafeMutablePointer<UnsafeMutableRawPointer?>
        let sonameCount: Int
        let symbolCount: Int

        init(sonames: [String], symbols symbolList: [String]) {
            sonameCount = sonames.count
            symbolCount = symbolList.count
            names = .allocate(capacity: max(sonames.count, 1))
            for (index, name) in sonames.enumerated() { names[index] = UnsafePointer(strdup(name)) }
            symbolNames = symbolList.map { strdup($0)! }
            slots = .allocate(capacity: max(symbolList.count, 1))
            slots.initialize(repeating: nil, count: max(symbolList.count, 1))
            symbols = .allocate(capacity: max(symbolList.count, 1))
            for index in symbolList.indices {
                symbols[index] = alchemy_client_symbol(name: UnsafePointer(symbolNames[index]), slot: slots + index)
            }
            library = .allocate(capacity: 1)
            library.initialize(to: alchemy_client_library())
            library.pointee.sonames = UnsafePointer(names)
            library.pointee.soname_count = sonames.count
            library.pointee.symbols = UnsafePointer(symbols)
            library.pointee.symbol_count = symbolList.count
            pthread_mutex_init(&library.pointee.lock, nil)
        }

        deinit {
            pthread_mutex_destroy(&library.pointee.lock)
            library.deallocate()
            for index in 0..<sonameCount { free(UnsafeMutablePointer(mutating: names[index])) }
            names.deallocate()
            symbolNames.forEach { free($0) }
            symbols.deallocate()
            slots.deallocate()
        }

        /// `nil` when ready, else the reason.
        func load() -> String? {
            alchemy_client_load(library).map { String(cString: $0) }
        }

        var state: Int32 { library.pointee.state }

        func slot(_ index: Int) -> UnsafeMutableRawPointer? { slots[index] }
    }

    typealias VersionFunction = @convention(c) () -> Int32

    @Test("libpq and libmariadb load (NULL reason), and the answer is kept")
    func realLibrariesLoad() {
        let libpq = alchemy_libpq_load().map { String(cString: $0) }
        let mariadb = alchemy_mariadb_load().map { String(cString: $0) }
        #expect(libpq == nil, "libpq: \(libpq ?? "")")
        #expect(mariadb == nil, "libmariadb: \(mariadb ?? "")")
        #expect(alchemy_libpq_load() == nil)
        #expect(alchemy_mariadb_load() == nil)
    }

    static var servers: [DialectName] { TestDatabases.dialects.filter { $0 != .sqlite } }

    @Test("select 1 through openConnection, on the libraries loaded at run time", arguments: servers)
    func selectOne(dialect: DialectName) throws {
        guard let text = TestDatabases.serverURL(dialect) else {
            throw TestSetupError(message: "no \(dialect.rawValue) server: run `eval \"$(scripts/test-servers)\"` before `swift test`")
        }
        let connection = try openConnection(try DatabaseURL(text))
        defer { connection.close() }
        let rows = try connection.query("select 1 as one, 'two' as two")
        #expect(rows.count == 1)
        #expect(rows.first?["one"].int64Value == 1)
        #expect(rows.first?["two"].stringValue == "two")
        let version = try connection.serverVersion()
        #expect(version.first?.isNumber == true, "\(version)")
        #expect(dialect == .postgresql ? alchemy_libpq_load() == nil : alchemy_mariadb_load() == nil)
    }

    @Test("A library that does not exist gives a one-line reason naming it, once and for all")
    func missingLibrary() {
        let library = Library(sonames: ["libalchemy-test-missing.so.7"], symbols: ["PQlibVersion"])
        let reason = library.load()
        #expect(reason != nil)
        if let reason {
            #expect(reason.contains("libalchemy-test-missing.so.7"), "\(reason)")
            #expect(!reason.contains("\n"), "\(reason.debugDescription)")
            #expect(!reason.isEmpty)
        }
        #expect(library.state == -1)
        #expect(library.slot(0) == nil)
        // Later calls give the first answer without trying again.
        #expect(library.load() == reason)
        #expect(alchemy_client_load(library.library) == alchemy_client_load(library.library))
    }

    @Test("A file that is not a shared library gives dlopen's reason on one line")
    func notALibrary() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("alchemy-not-a-library-\(UInt32.random(in: 0...UInt32.max)).so").path
        try "this is not an ELF file\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        let library = Library(sonames: [path], symbols: ["PQlibVersion"])
        let reason = library.load()
        #expect(reason?.contains(path) == true, "\(reason ?? "nil")")
        #expect(reason?.contains("\n") == false)
    }

    @Test("A name longer than the reason buffer is cut, not overflowed")
    func longName() {
        let name = "/nonexistent/" + String(repeating: "x", count: 900) + ".so"
        let library = Library(sonames: [name], symbols: [])
        let reason = library.load()
        #expect(reason != nil)
        #expect((reason?.utf8.count ?? 0) <= 511)
        #expect(reason?.contains("/nonexistent/xxxx") == true)
    }

    @Test("No library names: a reason, not a crash")
    func noNames() {
        let library = Library(sonames: [], symbols: ["PQlibVersion"])
        #expect(library.load() == "no library name given")
    }

    @Test("Names are tried in order: a missing first name falls back to the next, and the functions are bound")
    func fallbackName() throws {
        let library = Library(sonames: ["libalchemy-test-missing.so.7", "libpq.so.5"], symbols: ["PQlibVersion", "PQisthreadsafe"])
        #expect(library.load() == nil)
        #expect(library.state == 1)
        let slot = try #require(library.slot(0))
        #expect(library.slot(1) != nil)
        let version = unsafeBitCast(slot, to: VersionFunction.self)()
        // PQlibVersion: major * 10000 + minor (libpq 10 and later).
        #expect(version >= 100_000, "PQlibVersion() = \(version)")
        #expect(library.load() == nil)
    }

    @Test("A library without one of the functions names that function")
    func missingFunction() {
        let library = Library(sonames: ["libpq.so.5"], symbols: ["PQlibVersion", "PQalchemyNoSuchFunction"])
        #expect(library.load() == "libpq.so.5 has no function PQalchemyNoSuchFunction (too old a version)")
        #expect(library.state == -1)
        #expect(library.load() == "libpq.so.5 has no function PQalchemyNoSuchFunction (too old a version)")
    }

    @Test("A missing function is reported against the library that was opened, not the first name tried")
    func missingFunctionAfterFallback() {
        let library = Library(sonames: ["libalchemy-test-missing.so.7", "libmariadb.so.3"], symbols: ["mysql_init", "mysql_alchemy_no_such_function"])
        let reason = library.load() ?? ""
        #expect(reason.contains("mysql_alchemy_no_such_function"), "\(reason)")
        #expect(reason == "libmariadb.so.3 has no function mysql_alchemy_no_such_function (too old a version)", "\(reason)")
    }

    @Test("Threads racing on the first load all get the one answer")
    func concurrentFirstLoad() {
        for sonames in [["libpq.so.5"], ["libalchemy-test-missing.so.7"]] {
            let library = Library(sonames: sonames, symbols: ["PQlibVersion"])
            let answers = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: 16)
            defer { answers.deallocate() }
            // Addresses cross into the (Sendable) worker closure as integers.
            let libraryAddress = Int(bitPattern: library.library)
            let answersAddress = Int(bitPattern: answers)
            withExtendedLifetime(library) {
                DispatchQueue.concurrentPerform(iterations: 16) { index in
                    let shared = UnsafeMutablePointer<alchemy_client_library>(bitPattern: libraryAddress)!
                    UnsafeMutablePointer<UnsafePointer<CChar>?>(bitPattern: answersAddress)![index] = alchemy_client_load(shared)
                }
            }
            let first = answers[0]
            #expect((0..<16).allSatisfy { answers[$0] == first })
            #expect((first == nil) == (sonames[0] == "libpq.so.5"))
        }
    }

    @Test("The alchemy binary does not load libpq or libmariadb at start-up")
    func notLinkedAtStartUp() throws {
        let binary = CommandRunner.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the alchemy binary first: \(binary)")
        // The dynamic loader lists what it maps before main (as ldd does).
        let traced = try CommandRunner.execute(binary, [], in: CommandRunner.repositoryRoot, environment: ["LD_TRACE_LOADED_OBJECTS": "1"])
        #expect(traced.stdout.contains("libc.so"), "\(traced.stdout)")
        #expect(!traced.stdout.contains("libpq"), "\(traced.stdout)")
        #expect(!traced.stdout.contains("libmariadb"), "\(traced.stdout)")
        let version = try CommandRunner.run(["--version"], in: CommandRunner.repositoryRoot)
        #expect(version.status == 0)
    }
}
