import AlchemySQL
import AlchemySchema

extension RevisionGraph {
    /// The revisions applied when the version table holds `heads`, base first:
    /// those whose upgrades the current schema is made of.
    func appliedRevisions(at heads: [String]) throws -> [String] {
        var replayed: Set<String> = []
        var order: [String] = []
        for head in heads {
            for step in try upgradePlan(from: [], to: head) where replayed.insert(step.revision.id).inserted {
                order.append(step.revision.id)
            }
        }
        return order
    }
}

extension Schema {
    /// The schema that `applied` revisions' upgrades describe, as the dialects
    /// need it to render a SQLite rebuild or a PostgreSQL enum type. Changes to
    /// what alchemy does not know (tables made by raw SQL) are skipped.
    init(replaying applied: [String], of files: [String: RevisionFile]) {
        self.init()
        for id in applied {
            for operation in files[id]?.upgrade ?? [] {
                try? apply(operation)
            }
        }
    }
}
