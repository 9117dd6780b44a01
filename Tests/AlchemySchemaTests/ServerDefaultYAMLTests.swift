import AlchemySchema
import Testing

/// `server_default:` as a plain YAML value: booleans and numbers are constants
/// of the column's type, quoted values and text columns take strings.
@Suite("server_default written in YAML")
struct ServerDefaultYAMLTests {
    static let cases: [(YAMLScalar, ColumnType?, ServerDefault)] = [
        (YAMLScalar("true"), .boolean, .expression("TRUE")),
        (YAMLScalar("False"), .boolean, .expression("FALSE")),
        (YAMLScalar("0"), .boolean, .expression("0")),
        (YAMLScalar("0.5"), .float, .expression("0.5")),
        (YAMLScalar("-12"), .integer, .expression("-12")),
        (YAMLScalar("1.5e3"), .double, .expression("1.5e3")),
        (YAMLScalar("10"), .numeric(precision: 10, scale: 2), .expression("10")),
        (YAMLScalar("true"), nil, .expression("TRUE")),
        (YAMLScalar("true", style: .doubleQuoted), .boolean, .literal("true")),
        (YAMLScalar("0", style: .singleQuoted), .integer, .literal("0")),
        (YAMLScalar("true"), .string(length: 10), .literal("true")),
        (YAMLScalar("007"), .string(length: 10), .literal("007")),
        (YAMLScalar("yes"), .boolean, .expression("TRUE")),
        (YAMLScalar("off"), .boolean, .expression("FALSE")),
        (YAMLScalar("yes"), nil, .literal("yes")),
        (YAMLScalar("no"), .string(length: 3), .literal("no")),
        (YAMLScalar("1."), .float, .literal("1.")),
        (YAMLScalar("0x1F"), .integer, .literal("0x1F")),
        (YAMLScalar("active"), .enumeration(values: ["active"], name: "s"), .literal("active")),
    ]

    @Test("plain booleans and numbers are constants", arguments: cases.indices)
    func written(_ index: Int) {
        let (scalar, type, expected) = Self.cases[index]
        #expect(ServerDefault.written(scalar, columnType: type) == expected, "\(scalar.string) on \(type?.expression ?? "no type")")
    }
}
