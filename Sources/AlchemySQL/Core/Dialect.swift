import AlchemySchema

/// How one database spells schema changes.
///
/// The protocol's extensions (`Shared/`) implement the SQL that most databases
/// accept; each dialect (`SQLite/`, `PostgreSQL/`, `MySQL/`) overrides only the
/// requirements where its database really differs, as Alembic's per-dialect
/// implementations do. Adding a database is a new conforming type, not a new
/// `switch` in every function.
///
/// Every concern has one place per dialect: ``identifierQuote`` and
/// ``stringLiteral(_:)`` for quoting, ``typeDDL(_:)`` for the type table,
/// ``columnDefinition(_:)`` for column DDL.
///
/// ```swift
/// let dialect = DialectName.postgresql.dialect
/// for statement in try dialect.render(.addColumn(ref, column), in: schema) {
///     print(statement.sql + ";")
/// }
/// ```
public protocol Dialect: Sendable {
    var name: DialectName { get }

    // MARK: Quoting

    /// The character that delimits identifiers; alchemy always quotes, so reserved
    /// words and mixed case work everywhere.
    var identifierQuote: Character { get }
    /// An identifier, quoted, with embedded quote characters doubled.
    func quote(_ identifier: String) -> String
    /// A table name, qualified with its schema when it has one.
    func qualified(_ table: TableReference) -> String

    // MARK: Literals

    /// A SQL string literal for server defaults, comments and inserted values.
    func stringLiteral(_ text: String) -> String
    /// A constant for `bulk_insert`.
    func literal(_ value: LiteralValue) throws(RenderError) -> String
    /// The marker of the n-th (1-based) bound parameter in a statement's text.
    func placeholder(_ position: Int) -> String
    /// Whether a session may read `\'` inside a string literal as an escaped
    /// quote (MySQL unless NO_BACKSLASH_ESCAPES): SQL expressions from files must
    /// then be whole under that reading too.
    var stringsMayUseBackslashEscapes: Bool { get }
    /// Whether DDL runs inside a transaction that a failure rolls back
    /// (PostgreSQL, SQLite); MySQL and MariaDB commit each DDL statement.
    var transactionalDDL: Bool { get }
    /// The statement that opens a transaction (SQLite's takes the write lock at once).
    var beginTransaction: String { get }
    /// Settings a migration run makes before its first revision and undoes after
    /// its last (SQLite turns foreign-key enforcement off: it cannot change inside a
    /// transaction, and a table rebuild's DROP would otherwise cascade).
    var runSetup: [String] { get }
    var runTeardown: [String] { get }
    /// The session settings ``stringLiteral(_:)`` relies on, as SQL statements: a
    /// connection pins them when the server reports otherwise, and a `--sql`
    /// script starts with them, so that no server setting changes what a literal means.
    var literalSettings: [String] { get }

    // MARK: Types and columns

    /// The type table: the DDL of every column type on this database.
    ///
    /// Each dialect implements it as one exhaustive `switch`, so a new
    /// `ColumnType` case cannot compile until every database says how to spell it.
    func typeDDL(_ type: ColumnType) throws(RenderError) -> String
    /// A column as it appears in `CREATE TABLE` and `ADD COLUMN`.
    func columnDefinition(_ column: Column) throws -> String
    /// Whether `ALTER COLUMN ... TYPE` takes an expression that converts the
    /// values (PostgreSQL's `USING`). Where it does not, `alter_column`'s `using`
    /// is ignored: the database converts the values by itself.
    var takesUsingExpression: Bool { get }
    /// The `using` expression a change of `column` to `type` needs here, or `nil`
    /// when the database converts the values by itself (the default): what
    /// autogenerate writes into `alter_column`.
    func typeConversion(of column: Column, to type: ColumnType) -> String?

    // MARK: Operations

    /// The statements that carry out `operation`, in order.
    ///
    /// `context` is the schema just before the operation; see `Schema.applying(_:)`
    /// to evolve it. Throws ``RenderError``.
    func render(_ operation: MigrateOperation, in context: Schema) throws -> [Statement]

    func createTable(_ table: Table, in context: Schema) throws -> [Statement]
    func dropTable(_ table: Table, in context: Schema) throws -> [Statement]
    func renameTable(_ table: TableReference, to newName: String) throws -> [Statement]
    func addColumn(_ column: Column, to table: TableReference, in context: Schema) throws -> [Statement]
    func dropColumn(_ column: Column, from table: TableReference, in context: Schema) throws -> [Statement]
    func alterColumn(_ change: AlterColumn, in context: Schema) throws -> [Statement]
    func createIndex(_ index: Index, on table: TableReference, concurrently: Bool) throws -> [Statement]
    func dropIndex(_ index: Index, on table: TableReference) throws -> [Statement]
    func addConstraint(_ constraint: Constraint, to table: TableReference, in context: Schema) throws -> [Statement]
    func dropConstraint(_ constraint: Constraint, from table: TableReference, in context: Schema) throws -> [Statement]
    func bulkInsert(_ rows: [[String: LiteralValue]], into table: TableReference, in context: Schema) throws -> [Statement]

    // MARK: Smaller differences

    /// Sets (or, with `nil`, removes) a table comment; nothing where comments do not exist.
    func tableComment(_ comment: String?, on table: TableReference) -> [Statement]
    /// Sets a column comment by a separate statement, where the database needs one.
    func columnComment(_ comment: String?, on column: String, of table: TableReference) -> [Statement]
    /// Statements after `CREATE TABLE` that set the table's and its columns' comments.
    func commentStatements(of table: Table) -> [Statement]
    /// Text after `CREATE TABLE (...)`, such as MySQL's table `COMMENT=`.
    func tableOptions(_ table: Table) -> String
    /// The table named after `REFERENCES`.
    func referencedTable(of foreignKey: ForeignKey) -> String
    /// An insert of a row that gives no values.
    func insertDefaultRow(into table: TableReference) -> String

    // MARK: Comparing with a live database (Shared/Dialect+Comparison.swift)

    /// A type's DDL in this database's one canonical spelling, so that what the
    /// type table renders and what the live database reports for it compare
    /// equal (`NUMERIC(10, 2)` and `numeric(10,2)`, `INTEGER` and `int(11)`).
    func canonicalType(_ sql: String) -> String
    /// Whether `reported`, the type text a live database gives for a column, is
    /// the type this dialect creates for the declared column.
    func sameType(_ declared: Column, reported: String) -> Bool
    /// A server default's SQL in canonical form, `nil` when it means "no default"
    /// (`NULL`): casts the server adds, quoting and spelling removed.
    func canonicalDefault(_ sql: String) -> String?
    /// A reported default's tokens as this database writes them: PostgreSQL's
    /// `::type` casts dropped, MySQL's backslash escapes read.
    func defaultTokens(_ sql: String) -> [SQLText.Token]

    /// The keys of `execute`'s per-dialect SQL this dialect reads, most specific
    /// first: MariaDB is a MySQL, so a `mysql` entry serves it unless it has its own.
    var executeKeys: [String] { get }

    // MARK: Reaching the database

    /// The server's port when a URL names none; `nil` for a file database (SQLite),
    /// whose URL is a path, not a network address.
    var defaultPort: Int? { get }

    // MARK: The version table (Shared/Dialect+VersionTable.swift)

    /// The query that returns a row when table `name` exists (in `schema`, or the
    /// session's own), asked of the catalog: a failed SELECT would abort a
    /// PostgreSQL transaction.
    func tableExistsQuery(name: String, schema: String?) -> (sql: String, parameters: [LiteralValue])
    /// Whether `version_table_schema` qualifies the version table (SQLite's schemas
    /// are attached databases, where the version table never lives).
    var versionTableTakesSchema: Bool { get }

    // MARK: What a live catalog holds besides the models (Shared/Dialect+LiveCatalog.swift)

    /// A table the database keeps for itself (SQLite's `sqlite_sequence`).
    func isInternalTable(_ name: String) -> Bool
    /// An index the database made for a key (SQLite's `sqlite_autoindex_*`, MySQL's `PRIMARY`).
    func isInternalIndex(_ name: String) -> Bool
    /// A check the database added by itself (MariaDB's `json_valid` on JSON columns).
    func isServerMadeCheck(_ check: CheckConstraint) -> Bool
    /// Whether the database gives every foreign key an index of its own (MySQL/MariaDB).
    var indexesForeignKeys: Bool { get }
    /// Whether `RESTRICT` is reported for, and means, `NO ACTION` (MySQL/MariaDB).
    var restrictIsNoAction: Bool { get }
    /// Whether a unique index is reported as a unique constraint (MySQL/MariaDB).
    var reportsUniqueIndexesAsConstraints: Bool { get }
}
