import AlchemySQL
import AlchemySchema

/// How MariaDB/MySQL spell CHECK conditions: each table's conditions become the
/// probe constraints of a temporary table made from its columns
/// (`CREATE TEMPORARY TABLE ... (CONSTRAINT ... CHECK (...)) SELECT * FROM ... LIMIT 0`),
/// whose `SHOW CREATE TABLE` prints each condition as `CHECK_CONSTRAINTS.CHECK_CLAUSE`
/// would (temporary tables are not in `information_schema`); the table is dropped
/// at once. Neither statement commits implicitly, as `ALTER TABLE` on a temporary
/// table would, and nothing stays behind.
///
/// Three round trips per table. A condition the server refuses fails its table's
/// statement; that table's conditions are then asked one by one, so that only
/// the refused ones go without an answer.
extension MariaDBIntrospector {
    public func reportedCheckConditions(_ conditions: [CheckCondition]) throws -> [CheckCondition: String] {
        let probes = CheckConditionProbes(conditions, dialect: connection.sqlDialect)
        var reported: [String: String] = [:]
        var refusal: (any Error)?
        for table in probes.tables {
            do {
                try reported.merge(spell(table.probes, on: table), uniquingKeysWith: { first, _ in first })
            } catch {
                for probe in table.probes {
                    do {
                        try reported.merge(spell([probe], on: table), uniquingKeysWith: { first, _ in first })
                    } catch {
                        refusal = error
                    }
                }
            }
        }
        // Nothing answered at all (no privilege to create temporary tables): say why.
        if reported.isEmpty, let refusal { throw refusal }
        return probes.answers(reported)
    }

    /// The probes' conditions as the server prints them, by probe name.
    private func spell(_ probes: [CheckConditionProbes.Probe], on table: CheckConditionProbes.ScratchTable) throws -> [String: String] {
        let dialect = connection.sqlDialect
        let constraints = probes.map { "CONSTRAINT \(dialect.quote($0.name)) CHECK (\($0.condition.sqltext))" }
        let scratch = dialect.quote(table.name)
        try connection.execute("CREATE TEMPORARY TABLE \(scratch) (\(constraints.joined(separator: ", "))) "
            + "SELECT * FROM \(dialect.qualified(table.live)) LIMIT 0")
        defer { try? connection.execute("DROP TEMPORARY TABLE IF EXISTS \(scratch)") }
        guard let statement = try connection.query("SHOW CREATE TABLE \(scratch)").first?["Create Table"].stringValue else { return [:] }
        let printed = ShowCreateTableChecks.conditions(in: statement, backslashEscapes: dialect.stringsMayUseBackslashEscapes)
        return printed.filter { name, _ in probes.contains { $0.name == name } }
    }
}
