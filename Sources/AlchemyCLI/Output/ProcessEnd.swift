#if canImport(Glibc)
import Glibc
#endif

/// Ends the process with `code` once output is flushed, without running the C
/// library's exit handlers: a connection still being opened on another thread
/// (a run that failed on its files while connecting, see `ConnectionAttempt`)
/// would otherwise meet OpenSSL's and libpq's clean-up mid-handshake and crash
/// (SIGSEGV, exit 139 instead of the 2 the user was told).
enum ProcessEnd {
    static func now(_ code: Int32) -> Never {
        fflush(nil)
        _exit(code)
    }
}
