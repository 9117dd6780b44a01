import AlchemySQL
import AlchemySchema

/// How PostgreSQL spells CHECK conditions: each is added, `NOT VALID`, to a
/// temporary copy of its table's columns (`CREATE TEMP TABLE ... (LIKE ...)`)
/// inside a transaction that is always rolled back, and read back with
/// `pg_get_constraintdef(oid, true)`, the call the introspector reads live checks
/// with. Nothing stays behind and nothing is committed.
///
/// Round trips: one batch (`BEGIN`, every table and condition), one query, one
/// rollback. A condition the server refuses aborts the batch; the
/// conditions are then added one by one under savepoints, so that only the
/// refused ones go without an answer.
extension PostgreSQLIntrospector {
    public func reportedCheckConditions(_ conditions: [CheckCondition]) throws -> [CheckCondition: String] {
        let probes = CheckConditionProbes(conditions, dialect: connection.sqlDialect)
        guard !probes.tables.isEmpty else { return [:] }
        // Registered first: the batch below opens the transaction itself.
        defer { try? connection.execute("ROLLBACK") }
        do {
            try connection.execute((["BEGIN"] + creates(probes) + probes.probes.map(addition)).joined(separator: ";\n"))
        } catch {
            try connection.execute("ROLLBACK")
            try connection.execute("BEGIN")
            try connection.execute(creates(probes).joined(separator: ";\n"))
            for probe in probes.probes {
                do {
                    try connection.execute("SAVEPOINT alchemy_probe;\n\(addition(probe));\nRELEASE SAVEPOINT alchemy_probe")
                } catch {
                    try connection.execute("ROLLBACK TO SAVEPOINT alchemy_probe")
                }
            }
        }
        let names = probes.probes.map(\.name)
        let marks = names.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        var reported: [String: String] = [:]
        for row in try connection.query("""
            SELECT conname, pg_catalog.pg_get_constraintdef(oid, true) AS definition
            FROM pg_catalog.pg_constraint
            WHERE connamespace = pg_catalog.pg_my_temp_schema() AND contype = 'c' AND conname IN (\(marks))
            """, names.map(DatabaseValue.text)) {
            reported[row.catalogString("conname")] = Self.checkCondition(row.catalogString("definition"))
        }
        return probes.answers(reported)
    }

    private var dialect: any Dialect { connection.sqlDialect }

    private func creates(_ probes: CheckConditionProbes) -> [String] {
        probes.tables.map { "CREATE TEMP TABLE \(dialect.quote($0.name)) (LIKE \(dialect.qualified($0.live)))" }
    }

    private func addition(_ probe: CheckConditionProbes.Probe) -> String {
        "ALTER TABLE pg_temp.\(dialect.quote(probe.table)) ADD CONSTRAINT \(dialect.quote(probe.name)) "
        + "CHECK (\(probe.condition.sqltext)) NOT VALID"
    }
}
