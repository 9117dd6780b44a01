/// Keeps secrets out of messages that quote what a server or client library said.
enum Redaction {
    /// Replaces every occurrence of `secret` with `***`. Very short secrets are left,
    /// since hiding every "a" would destroy the message and reveal the secret's length anyway.
    static func hide(_ secret: String?, in message: String) -> String {
        guard let secret, secret.count >= 3 else { return message }
        return message.split(separator: secret, omittingEmptySubsequences: false).joined(separator: "***")
    }
}
