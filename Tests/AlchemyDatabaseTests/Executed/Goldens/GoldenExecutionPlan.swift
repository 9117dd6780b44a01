import AlchemySQL
import AlchemyTestSupport

/// Which golden cells run, and on which server.
///
/// SQLite, PostgreSQL and MariaDB cells run on their own database. There is no
/// MySQL server here, so a MySQL cell runs on MariaDB only where its SQL is the
/// MariaDB cell's SQL word for word: then MariaDB has executed exactly that text.
/// A MySQL-only spelling (one that differs from MariaDB's, such as MySQL 8's
/// `ALTER TABLE … DROP CHECK …` where MariaDB needs `DROP CONSTRAINT`) stays
/// unexecuted and is listed in `unexecutedMySQL`, so that it is a visible choice.
enum GoldenExecutionPlan {
    /// Every cell that runs somewhere, in the golden order.
    static var executed: [OperationCell] {
        operationCells.filter { server(for: $0) != nil }
    }

    /// The server a cell runs on, `nil` for a MySQL-only spelling.
    static func server(for cell: OperationCell) -> DialectName? {
        guard cell.dialect == .mysql else { return cell.dialect }
        return mariadbCell(cell.label)?.expected == cell.expected ? .mariadb : nil
    }

    /// The MySQL cells that no server here can run (today none: every MySQL golden
    /// is also MariaDB's).
    static var unexecutedMySQL: [OperationCell] {
        operationCells.filter { server(for: $0) == nil }
    }

    private static func mariadbCell(_ label: String) -> OperationCell? {
        operationCells.first { $0.label == label && $0.dialect == .mariadb }
    }
}
