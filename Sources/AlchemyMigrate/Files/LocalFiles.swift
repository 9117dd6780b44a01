import AlchemySchema
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads folders and files with the C library directly.
///
/// `history` or a no-op `upgrade` over a long history reads a thousand small
/// files; with Foundation's `FileManager` and `String(contentsOfFile:)` the
/// bookkeeping around each read cost more than the read itself.
enum LocalFiles {
    /// The names in `folder` (no `.` or `..`), unsorted; nil when it is not a
    /// readable folder.
    static func names(in folder: String) -> [String]? {
        guard let stream = opendir(folder) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The YAML files (`*.yaml`, `*.yml`) of `folder`, sorted by name; nil when it
    /// is not a readable folder. Models and revisions are read in this order.
    static func yamlFiles(in folder: String) -> [String]? {
        names(in: folder)?.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// True when `path` names anything, a dangling or looping symbolic link included,
    /// so that such a link gets its own message rather than "does not exist".
    static func entryExists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// The largest file alchemy reads. Revision, model and configuration files are a
    /// few kilobytes; a link to `/dev/zero` or a stray dump must fail, not fill memory.
    static let maximumFileSize = 16 * 1024 * 1024

    /// The whole file as UTF-8 text; nil when it is not UTF-8.
    static func text(of path: String) throws(LocalFileError) -> String? {
        String(validating: try contents(of: path), as: UTF8.self)
    }

    /// A YAML file's bytes and text, or the one-line error that names it: not a
    /// regular file, too large, not UTF-8, or holding a NUL byte (with its line).
    /// `kind` names the file in the message ("revision file", "model file").
    static func yamlSource(of path: String, kind: String) throws(LocatedError) -> (bytes: [UInt8], text: String) {
        let bytes: [UInt8]
        do {
            bytes = try contents(of: path)
        } catch {
            throw LocatedError(file: path, message: "cannot read the \(kind): \(error)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LocatedError(file: path, message: "the \(kind) is not UTF-8 text; save it as UTF-8")
        }
        if let nul = bytes.firstIndex(of: 0) {
            let line = 1 + bytes[..<nul].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            throw LocatedError(file: path, line: line, message: "the \(kind) contains a NUL byte; remove it (names and values cannot hold one)")
        }
        return (bytes, text)
    }

    /// The whole file; the error names why it could not be read.
    ///
    /// Only regular files: opened without blocking (a FIFO would wait for a writer
    /// forever) and checked with `fstat` on the open descriptor, so that what is
    /// checked is what is read. Reading stops past ``maximumFileSize``, since
    /// character devices report no size.
    static func contents(of path: String) throws(LocalFileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw LocalFileError(path: path, code: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw LocalFileError(path: path, code: errno) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw LocalFileError(path: path, problem: .notRegular(mode: status.st_mode & S_IFMT))
        }
        guard status.st_size <= maximumFileSize else { throw LocalFileError(path: path, problem: .tooLarge) }
        // The size is a hint: a file that grows while we read is still read whole, up to the cap.
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let received = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if received < 0 {
                if errno == EINTR { continue }
                throw LocalFileError(path: path, code: errno)
            }
            if received == 0 { break }
            count += received
            guard count <= maximumFileSize else { throw LocalFileError(path: path, problem: .tooLarge) }
        }
        bytes.removeSubrange(count...)
        return bytes
    }
}

/// A file or folder that could not be read: the reason and what to do, for
/// messages of the form `FILE: cannot read the revision file: REASON; FIX`.
struct LocalFileError: Error, CustomStringConvertible {
    enum Problem {
        case system(Int32)
        case notRegular(mode: mode_t)
        case tooLarge
    }

    var path: String
    var problem: Problem

    init(path: String, code: Int32) {
        self.init(path: path, problem: .system(code))
    }

    init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    var description: String {
        switch problem {
        case .system(ELOOP):
            return "it is a symbolic link loop; point the link at a regular file or remove it"
        case .system(ENOENT) where LocalFiles.entryExists(path):
            return "it is a symbolic link to a missing file; fix the link or remove it"
        case .system(let code):
            return String(cString: strerror(code))
        case .notRegular(let mode):
            return "it is \(Self.kind(of: mode)), not a regular file; replace it with a regular file or remove it"
        case .tooLarge:
            return "it is larger than \(LocalFiles.maximumFileSize / 1024 / 1024) MiB; alchemy reads only files up to that size, split or remove it"
        }
    }

    private static func kind(of mode: mode_t) -> String {
        switch mode {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
