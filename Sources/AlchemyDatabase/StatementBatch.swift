import AlchemySQL

/// A statement of a batch failed: the statements before it ran, those after it did not.
public struct BatchFailure: Error, CustomStringConvertible, Sendable {
    /// The failing statement's position in the batch.
    public var index: Int
    public var error: DatabaseError

    public init(index: Int, error: DatabaseError) {
        self.index = index
        self.error = error
    }

    public var description: String { "statement \(index + 1) of the batch: \(error)" }
}

extension Connection {
    /// One statement at a time: where a statement costs no round trip (SQLite runs
    /// in the process), sending several at once would save nothing.
    public func execute(batch: [Statement]) throws(BatchFailure) {
        for index in batch.indices { try executeAlone(index, of: batch) }
    }

    /// Statement `index` of `batch` on its own, as ``execute(_:)`` runs it.
    func executeAlone(_ index: Int, of batch: [Statement]) throws(BatchFailure) {
        do {
            try execute(batch[index])
        } catch {
            throw BatchFailure(index: index, error: error)
        }
    }
}
