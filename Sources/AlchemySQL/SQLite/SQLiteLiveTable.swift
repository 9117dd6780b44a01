/// What a SQLite table holds beyond the schema the revision files replay to, read
/// from the live database just before a rebuild (by `SQLiteLiveTableReader`) and
/// handed to the dialect as data, so that the rebuild carries it over.
///
/// Names in `mentions` are the identifiers an object's SQL uses, lower-cased (SQLite
/// compares identifiers ASCII case-insensitively): a rebuild that drops a column
/// refuses when something it cannot rewrite still uses it.
public struct SQLiteLiveTable: Hashable, Sendable {
    public struct LiveColumn: Hashable, Sendable {
        public var name: String
        /// The column's definition as written in the live `CREATE TABLE` text.
        public var definition: String
        /// A generated column: defined again, never copied.
        public var generated: Bool
        public var mentions: Set<String>

        public init(name: String, definition: String, generated: Bool, mentions: Set<String>) {
            self.name = name
            self.definition = definition
            self.generated = generated
            self.mentions = mentions
        }
    }

    /// An index, trigger or view, by the SQL it was created with.
    public struct SchemaObject: Hashable, Sendable {
        public var kind: String
        public var name: String
        public var sql: String
        public var mentions: Set<String>

        public init(kind: String, name: String, sql: String, mentions: Set<String>) {
            self.kind = kind
            self.name = name
            self.sql = sql
            self.mentions = mentions
        }
    }

    /// Every column, in table order.
    public var columns: [LiveColumn]
    /// The indexes made by `CREATE INDEX` (not those of UNIQUE/PRIMARY KEY constraints).
    public var indexes: [SchemaObject]
    /// The triggers on the table: `DROP TABLE` drops them.
    public var triggers: [SchemaObject]
    /// Views and other tables' triggers that use the table: they survive the swap
    /// by name, but not a column they use being dropped.
    public var dependents: [SchemaObject]

    public init(columns: [LiveColumn], indexes: [SchemaObject], triggers: [SchemaObject], dependents: [SchemaObject]) {
        self.columns = columns
        self.indexes = indexes
        self.triggers = triggers
        self.dependents = dependents
    }
}

/// A rebuild that would lose something the revision files do not know about.
public struct SQLiteRebuildRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public var table: String
    public var droppedColumns: [String]
    /// `index "ix_a"`, `view "v"`, ...
    public var objects: [String]

    public var description: String {
        "cannot rebuild table \"\(table)\": dropping column(s) \(droppedColumns.map { "\"\($0)\"" }.joined(separator: ", ")) "
            + "would break \(objects.joined(separator: ", ")), made outside the revision files; "
            + "drop or rewrite them first (an `execute` step before this operation), then upgrade again"
    }
}
