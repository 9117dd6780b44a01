import AlchemySQL
import AlchemySchema

/// The conditions of one ``Introspector/reportedCheckConditions(_:)`` call, laid
/// out as the servers are asked: one scratch temporary table per live table, one
/// probe constraint per condition, each with a name of its own so that the
/// server's answer can be told apart from anything the table already holds.
///
/// Conditions that would not stand as one expression (`SQLExpression`) are never
/// sent: the guard that protects revision files protects this round trip too.
struct CheckConditionProbes {
    struct Probe {
        var name: String
        var condition: CheckCondition
        /// The scratch table the probe goes on.
        var table: String
    }

    struct ScratchTable {
        var live: TableReference
        var name: String
        var probes: [Probe]
    }

    private(set) var tables: [ScratchTable] = []

    init(_ conditions: [CheckCondition], dialect: any Dialect) {
        var positions: [TableReference: Int] = [:]
        var count = 0
        for condition in Set(conditions).sorted(by: Self.precedes)
        where SQLExpression.problem(in: condition.sqltext, backslashEscapes: dialect.stringsMayUseBackslashEscapes) == nil {
            count += 1
            let position = positions[condition.table] ?? tables.count
            if position == tables.count {
                positions[condition.table] = position
                tables.append(ScratchTable(live: condition.table, name: "alchemy_probe_table_\(position + 1)", probes: []))
            }
            tables[position].probes.append(Probe(name: "alchemy_probe_\(count)", condition: condition, table: tables[position].name))
        }
    }

    var probes: [Probe] { tables.flatMap(\.probes) }

    /// The server's answers, by probe name, as the conditions they answer.
    func answers(_ reported: [String: String]) -> [CheckCondition: String] {
        var result: [CheckCondition: String] = [:]
        for probe in probes {
            if let text = reported[probe.name] { result[probe.condition] = text }
        }
        return result
    }

    /// A stable order, so that the same models send the same statements.
    private static func precedes(_ a: CheckCondition, _ b: CheckCondition) -> Bool {
        (a.table.schema ?? "", a.table.name, a.sqltext) < (b.table.schema ?? "", b.table.name, b.sqltext)
    }
}
