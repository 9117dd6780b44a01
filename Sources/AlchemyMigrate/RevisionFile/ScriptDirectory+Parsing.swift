import AlchemySchema
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

extension ScriptDirectory {
    /// The whole files of `ids` (operations included), read on every core.
    ///
    /// A run reads every revision it will apply before applying the first, so
    /// that a broken file stops it before anything changes; over a long history
    /// that reading is most of alchemy's own time, and each file is independent.
    /// When several files are broken, the error is the first one's in `ids` order.
    public func files(_ ids: [String]) throws -> [String: RevisionFile] {
        let unique = Array(Set(ids))
        var results = [Result<RevisionFile, any Error>?](repeating: nil, count: unique.count)
        // Threads cost more than they save for a handful of files.
        let workers = unique.count < 64 ? 1 : min(8, max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = DisjointSlots(buffer: buffer)
            let chunk = (unique.count + workers - 1) / max(workers, 1)
            let fill: @Sendable (Int) -> Void = { worker in
                let start = worker * chunk
                for index in start..<min(start + chunk, unique.count) {
                    slots.buffer[index] = Result { try file(unique[index]) }
                }
            }
            if workers == 1 { fill(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: fill) }
        }
        var parsed: [String: RevisionFile] = [:]
        parsed.reserveCapacity(unique.count)
        var failures: [String: any Error] = [:]
        for (id, result) in zip(unique, results) {
            switch result {
            case .success(let file)?: parsed[id] = file
            case .failure(let error)?: failures[id] = error
            case nil: break
            }
        }
        if let first = ids.first(where: { failures[$0] != nil }), let error = failures[first] { throw error }
        return parsed
    }
}

/// A buffer that several threads fill, each at indices no other touches.
private struct DisjointSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
}
