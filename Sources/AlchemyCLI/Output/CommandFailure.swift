import Foundation
import AlchemyDatabase
import AlchemyMigrate
import AlchemySchema

/// A failure the user can act on: printed as one `error:` line, then exit.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = AlchemyExit.input
}

/// Errors from the lower modules that already carry a user-facing message.
protocol UserFacingError: Error {
    var userMessage: String { get }
    var exitCode: Int32 { get }
}

extension UserFacingError where Self: CustomStringConvertible {
    var userMessage: String { description }
    /// Input, configuration and connection errors unless the error says otherwise.
    var exitCode: Int32 { AlchemyExit.input }
}

extension DatabaseError: UserFacingError {}
extension DatabaseURLError: UserFacingError {}
extension LocatedError: UserFacingError {}
extension GraphError: UserFacingError {}
extension MigrationError: UserFacingError {
    var exitCode: Int32 { AlchemyExit.failed }
}
extension RevisionFactory.Failure: UserFacingError {}
extension RevisionFileWriter.Failure: UserFacingError {}
extension UnknownCurrentRevision: UserFacingError {}
extension NotAtHead: UserFacingError {}
extension ModelError: UserFacingError {
    /// The CLI adds its own `error:` in front; the model error's description has one too.
    var userMessage: String { description.replacingOccurrences(of: ": error: ", with: ": ") }
}
