@preconcurrency import CLibPQ
import AlchemySQL

/// A batch on PostgreSQL: the statements of an explicit transaction go to the
/// server in one pipeline (libpq's pipeline mode: all sent, one sync, then the
/// results read), one round trip from `BEGIN` to `COMMIT`.
///
/// Only inside an explicit transaction: the statements of one sync that no `BEGIN`
/// opened form an implicit transaction, so a failure would undo those before it,
/// which alone would have committed. There a failure aborts the transaction, the
/// server skips the rest of the pipeline, and the transaction stays open (aborted)
/// for the caller's `ROLLBACK`. Everything else runs alone, as `execute` runs it:
/// statements outside a transaction, those that cannot run in one, and text with
/// a `;`, which may hold several commands (the extended protocol takes one).
extension PostgreSQLConnection {
    public func execute(batch: [Statement]) throws(BatchFailure) {
        var inTransaction = transactionIsOpen
        var pending: [Int] = []
        func flush() throws(BatchFailure) {
            defer {
                pending.removeAll()
                inTransaction = transactionIsOpen
            }
            if pending.count == 1 {
                try executeAlone(pending[0], of: batch)
            } else if !pending.isEmpty {
                try pipeline(pending, of: batch)
            }
        }
        for (index, statement) in batch.enumerated() {
            let opens = !inTransaction && opensTransaction(statement)
            if opens || inTransaction && fitsPipeline(statement) {
                pending.append(index)
                if opens { inTransaction = true } else if endsTransaction(statement) { try flush() }
            } else {
                try flush()
                try executeAlone(index, of: batch)
                inTransaction = transactionIsOpen
            }
        }
        try flush()
    }

    /// Open, or open and failed: either way later statements belong to it.
    private var transactionIsOpen: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    private func opensTransaction(_ statement: Statement) -> Bool {
        statement.parameters.isEmpty && statement.sql == sqlDialect.beginTransaction
    }

    private func endsTransaction(_ statement: Statement) -> Bool {
        statement.parameters.isEmpty && (statement.sql == "COMMIT" || statement.sql == "ROLLBACK")
    }

    private func fitsPipeline(_ statement: Statement) -> Bool {
        statement.transactional && !statement.sql.contains(";")
    }

    /// Sends the statements at `indices`, then one sync, and reads a result for
    /// each: the first that is not a success is the failure; those after it come
    /// back aborted. Every result is read and the pipeline left, so the connection
    /// is ready for the caller's next statement (`ROLLBACK`). Each wait for a
    /// result is guarded on its own, as a statement run alone is.
    private func pipeline(_ indices: [Int], of batch: [Statement]) throws(BatchFailure) {
        guard PQenterPipelineMode(handle) == 1 else {
            throw BatchFailure(index: indices[0], error: clientError(sql: batch[indices[0]].sql))
        }
        var failure: BatchFailure?
        var sent = 0
        for index in indices {
            let statement = batch[index]
            let queued = Self.withBound(statement.parameters.map(DatabaseValue.init)) { count, values, lengths, formats in
                PQsendQueryParams(handle, statement.sql, count, nil, values, lengths, formats, 0)
            }
            guard queued == 1 else {
                failure = BatchFailure(index: index, error: clientError(sql: statement.sql))
                break
            }
            sent += 1
        }
        var readable = PQpipelineSync(handle) == 1
        if !readable, failure == nil {
            failure = BatchFailure(index: indices[0], error: clientError(sql: batch[indices[0]].sql))
        }
        for index in indices.prefix(sent) where readable {
            let sql = batch[index].sql
            do {
                guard let result = try guarded(sql, { PQgetResult(handle) }) else {
                    readable = false
                    if failure == nil { failure = BatchFailure(index: index, error: clientError(sql: sql)) }
                    break
                }
                defer { PQclear(result) }
                if failure == nil {
                    do { try check(result, sql: sql) } catch { failure = BatchFailure(index: index, error: error) }
                }
                // The end of this statement's results.
                while let extra = try guarded(sql, { PQgetResult(handle) }) { PQclear(extra) }
            } catch {
                // The guard cut a stalled server off: nothing more will come.
                readable = false
                if failure == nil { failure = BatchFailure(index: index, error: error) }
            }
        }
        if readable { readSync(sql: batch[indices[sent > 0 ? sent - 1 : 0]].sql) }
        if PQexitPipelineMode(handle) != 1, failure == nil {
            failure = BatchFailure(index: indices[indices.count - 1], error: clientError(sql: batch[indices[indices.count - 1]].sql))
        }
        if let failure { throw failure }
    }

    /// Reads up to the sync's own result, which ends the pipeline's results.
    private func readSync(sql: String) {
        while let result = try? guarded(sql, { PQgetResult(handle) }) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { return }
        }
    }

    private func clientError(sql: String) -> DatabaseError {
        DatabaseError(kind: .statement, dialect: .postgresql, code: nil, message: String(cString: PQerrorMessage(handle)), sql: sql)
    }
}
