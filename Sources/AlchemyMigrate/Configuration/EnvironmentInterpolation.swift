/// `${VAR}` and `${VAR:-default}` in configuration values, as a shell expands them.
///
/// The environment is passed in, so this stays pure and testable.
public enum EnvironmentInterpolation {
    public enum Failure: Error, Equatable {
        case unset(String)
        case unterminated
    }

    public static func expand(_ text: String, environment: [String: String]) throws(Failure) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            result += rest[..<start.lowerBound]
            let body = rest[start.upperBound...]
            guard let close = body.firstIndex(of: "}") else { throw .unterminated }
            let expression = body[..<close]
            if let separator = expression.firstRange(of: ":-") {
                let name = String(expression[..<separator.lowerBound])
                let fallback = String(expression[separator.upperBound...])
                let value = environment[name].flatMap { $0.isEmpty ? nil : $0 }
                result += value ?? fallback
            } else {
                let name = String(expression)
                guard let value = environment[name] else { throw .unset(name) }
                result += value
            }
            rest = body[body.index(after: close)...]
        }
        return result + rest
    }
}
