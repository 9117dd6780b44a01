import AlchemySchema
import Foundation

/// Makes new revisions (`revision`, `merge`): the id, the parents, the file name.
public struct RevisionFactory {
    public var graph: RevisionGraph
    public var fileTemplate: String
    public var now: Date

    public init(graph: RevisionGraph, fileTemplate: String, now: Date = Date()) {
        self.graph = graph
        self.fileTemplate = fileTemplate
        self.now = now
    }

    public struct Request {
        public var message: String
        public var head: String = "head"
        public var splice = false
        public var branchLabels: [String] = []
        public var dependsOn: [String] = []
        public var revisionID: String?
        public var upgrade: [MigrateOperation] = []
        public var downgrade: [MigrateOperation] = []

        public init(message: String) {
            self.message = message
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A new revision on top of `request.head`, following Alembic's rules for
    /// several heads, `--splice` and new bases.
    public func revision(_ request: Request) throws -> RevisionFile {
        let id = try newID(request.revisionID)
        var parents: [String]
        switch request.head {
        case "base":
            parents = []
        case "head":
            let heads = graph.effectiveHeads
            if heads.count > 1 {
                throw Failure(description: "multiple heads are present (\(heads.joined(separator: ", "))); pass --head REV to choose the one to build on, or run `alchemy database merge heads -m \"merge\"` first")
            }
            parents = heads
        default:
            let (branch, revision) = splitBranch(request.head)
            if revision == "base" {
                parents = []
            } else {
                guard let resolved = try graph.resolve(branch.map { "\($0)@\(revision)" } ?? revision) else {
                    throw Failure(description: "no revision '\(request.head)' to build on")
                }
                if !graph.effectiveHeads.contains(resolved.id) && !request.splice {
                    throw Failure(description: "revision \(resolved.id) is not a head revision; pass --splice to start a new branch from it")
                }
                parents = [resolved.id]
            }
        }
        var dependencies: [String] = []
        for item in request.dependsOn {
            guard let resolved = try graph.resolve(item) else { throw Failure(description: "--depends-on '\(item)' names no revision") }
            dependencies.append(resolved.id)
        }
        return RevisionFile(revision: id, downRevisions: parents, branchLabels: request.branchLabels, dependsOn: dependencies,
                            message: request.message, created: Self.timestamp(now), upgrade: request.upgrade, downgrade: request.downgrade)
    }

    /// A merge revision whose parents are `revisions` (ids, partial ids, `heads`).
    public func merge(_ revisions: [String], message: String, revisionID: String?, branchLabels: [String]) throws -> RevisionFile {
        var parents: [String] = []
        for item in revisions {
            for revision in try graph.resolveAll(item) where !parents.contains(revision.id) {
                parents.append(revision.id)
            }
        }
        guard parents.count > 1 else {
            throw Failure(description: "a merge needs at least two revisions; \(revisions.joined(separator: " ")) names \(parents.count)")
        }
        return RevisionFile(revision: try newID(revisionID), downRevisions: parents, branchLabels: branchLabels,
                            message: message, created: Self.timestamp(now))
    }

    private func newID(_ requested: String?) throws -> String {
        if let requested {
            guard RevisionFile.isValidIdentifier(requested) else {
                throw Failure(description: "--rev-id '\(requested.debugDescription.dropFirst().dropLast())' is not a usable id; \(RevisionFile.identifierRule)")
            }
            if graph.revision(requested) != nil {
                throw Failure(description: "revision id \(requested) already exists; choose another --rev-id")
            }
            return requested
        }
        var generator = SystemRandomNumberGenerator()
        while true {
            let value = generator.next() & 0xFFFF_FFFF_FFFF
            let hex = String(value, radix: 16)
            let id = String(repeating: "0", count: 12 - hex.count) + hex
            if graph.revision(id) == nil { return id }
        }
    }

    private func splitBranch(_ text: String) -> (String?, String) {
        guard let at = text.firstIndex(of: "@") else { return (nil, text) }
        return (String(text[..<at]), String(text[text.index(after: at)...]))
    }

    /// `2026-11-23T09:30:12Z`.
    public static func timestamp(_ date: Date) -> String {
        let parts = utcParts(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second)
    }

    /// The file name from `file_template` (Python %-format, as Alembic's):
    /// `%(year)d-%(month).2d-%(day).2d_%(slug)s_%(rev)s` -> `2026-11-23_add_users_3f2a1b9c0d1e`.
    /// The name must stay a plain name inside `versions/`: a template or message
    /// that would reach another folder is refused.
    public func fileName(for file: RevisionFile) throws(Failure) -> String {
        let parts = Self.utcParts(now)
        let values: [String: String] = [
            "rev": file.revision, "slug": Self.slug(file.message),
            "year": String(parts.year), "month": String(parts.month), "day": String(parts.day),
            "hour": String(parts.hour), "minute": String(parts.minute), "second": String(parts.second),
            "epoch": String(Int(now.timeIntervalSince1970)),
        ]
        let name = Self.percentFormat(fileTemplate, values) + ".yaml"
        guard !name.contains("/"), !name.contains("\\"), !name.contains("\0"), !name.hasPrefix("."), !name.contains("..") else {
            throw Failure(description: "file_template \"\(fileTemplate)\" makes the file name '\(name)', which leaves the versions folder; "
                + "use a template without '/', '\\' or '..' in alchemy.yaml")
        }
        return name
    }

    /// Alembic's slug: words of the message joined by `_`, at most 40 characters.
    public static func slug(_ message: String) -> String {
        let words = message.lowercased().split { !($0.isLetter || $0.isNumber) }
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? String(word) : slug + "_" + word
            if next.count > 40 { break }
            slug = next
        }
        return slug.isEmpty ? "revision" : slug
    }

    static func percentFormat(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let percent = rest.firstIndex(of: "%") {
            result += rest[..<percent]
            rest = rest[rest.index(after: percent)...]
            if rest.first == "%" { result += "%"; rest = rest.dropFirst(); continue }
            guard rest.first == "(", let close = rest.firstIndex(of: ")") else { result += "%"; continue }
            let name = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            var width = 0
            if rest.first == "." {
                rest = rest.dropFirst()
                let digits = rest.prefix { $0.isNumber }
                width = Int(digits) ?? 0
                rest = rest.dropFirst(digits.count)
            }
            rest = rest.dropFirst() // the conversion letter: d or s
            let value = values[name] ?? ""
            result += String(repeating: "0", count: max(0, width - value.count)) + value
        }
        return result + rest
    }

    static func utcParts(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
