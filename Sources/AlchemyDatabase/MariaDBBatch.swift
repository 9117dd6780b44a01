@preconcurrency import CMariaDB
import AlchemySQL

/// A batch on MariaDB/MySQL: statements sent as one multi-statement text (the
/// session has `CLIENT_MULTI_STATEMENTS`), one round trip; the server runs them
/// in order, each committing as it would alone, and stops at the first error,
/// whose position is the number of results read before it.
///
/// Bound values cannot travel in such a text: they are written as literals
/// escaped by the session's own dialect (``MariaDBConnection/sqlDialect``, which
/// follows its `NO_BACKSLASH_ESCAPES`), not as ``Statement/scriptSQL``, which the
/// dialect that built the statement escaped for the server's default settings.
extension MariaDBConnection {
    /// Past this, a text is sent and the next one started: far below
    /// `max_allowed_packet` (16 MiB by default).
    static let batchTextLimit = 1 << 20

    public func execute(batch: [Statement]) throws(BatchFailure) {
        var texts: [String] = []
        var indices: [Int] = []
        var length = 0
        func flush() throws(BatchFailure) {
            defer {
                texts.removeAll()
                indices.removeAll()
                length = 0
            }
            if indices.count == 1 {
                try executeAlone(indices[0], of: batch)
            } else if !indices.isEmpty {
                try multiStatement(texts, at: indices)
            }
        }
        for (index, statement) in batch.enumerated() {
            guard Self.sharesText(statement), let text = try? literalText(statement) else {
                try flush()
                try executeAlone(index, of: batch)
                continue
            }
            if !indices.isEmpty && length + text.utf8.count > Self.batchTextLimit { try flush() }
            texts.append(text)
            indices.append(index)
            length += text.utf8.count + 3
            // The statements after it are escaped as the server's reply says the
            // session now reads literals.
            if statement.sql.lowercased().contains("sql_mode") { try flush() }
        }
        try flush()
    }

    private func literalText(_ statement: Statement) throws(RenderError) -> String {
        statement.parameters.isEmpty ? statement.sql : try statement.scriptSQL(in: sqlDialect)
    }

    /// Whether a statement is one command that ends where its text ends, so that
    /// its result is the next one: no `;` (several commands, or one inside a
    /// literal: either way it runs alone), no `/*` (an unterminated comment would
    /// take the statements after it), no `CALL` or `EXECUTE` (a procedure returns a
    /// result per query it runs). A line comment ends at the separator's newline.
    static func sharesText(_ statement: Statement) -> Bool {
        let sql = statement.sql
        guard !sql.contains(";"), !sql.contains("/*") else { return false }
        let word = sql.drop { $0.isWhitespace || $0 == "(" }.prefix { $0.isLetter }.uppercased()
        return word != "CALL" && word != "EXECUTE"
    }

    /// Runs the texts as one and reads every result; the first error names its
    /// statement, and the server runs none after it, so nothing is left to read.
    private func multiStatement(_ texts: [String], at indices: [Int]) throws(BatchFailure) {
        var bytes = Array(texts.joined(separator: "\n;\n").utf8)
        let status = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mysql_real_query(handle, $0.baseAddress, UInt(buffer.count)) }
        }
        guard status == 0 else { throw BatchFailure(index: indices[0], error: connectionError(sql: texts[0])) }
        var finished = 0
        while true {
            if let result = mysql_store_result(handle) {
                mysql_free_result(result)
            } else if mysql_field_count(handle) != 0 {
                let failed = min(finished, indices.count - 1)
                throw BatchFailure(index: indices[failed], error: connectionError(sql: texts[failed]))
            }
            finished += 1
            let next = mysql_next_result(handle)
            if next == -1 { break }
            if next > 0 {
                let failed = min(finished, indices.count - 1)
                throw BatchFailure(index: indices[failed], error: connectionError(sql: texts[failed]))
            }
        }
        guard finished >= indices.count else {
            throw BatchFailure(index: indices[finished], error: DatabaseError(
                kind: .statement, dialect: dialect, code: nil,
                message: "the server answered \(finished) of \(indices.count) statements sent together, without an error; run this statement alone",
                sql: texts[finished]))
        }
    }
}
