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

    /// The whole file as UTF-8 text; nil when it is not UTF-8.
    static func text(of path: String) throws(LocalFileError) -> String? {
        String(validating: try contents(of: path), as: UTF8.self)
    }

    /// The whole file; the error names why it could not be read.
    static func contents(of path: String) throws(LocalFileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LocalFileError(path: path, code: errno) }
        defer { close(descriptor) }
        var status = stat()
        // The size is a hint: a file that grows while we read is still read whole.
        let expected = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        var bytes = [UInt8](repeating: 0, count: max(expected, 0) + 1)
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
        }
        bytes.removeSubrange(count...)
        return bytes
    }
}

/// A file or folder that could not be read, with the system's reason.
struct LocalFileError: Error, CustomStringConvertible {
    var path: String
    var code: Int32

    var description: String { String(cString: strerror(code)) }
}
