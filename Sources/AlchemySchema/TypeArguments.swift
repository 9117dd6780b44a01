/// The arguments of one type expression, bound to a type's parameter names.
///
/// Positional arguments fill the parameters in order and labelled ones fill
/// them by name, as in Python, so `Numeric(10, 2)` and
/// `Numeric(precision: 10, scale: 2)` mean the same thing.
struct TypeArguments {
    let typeName: String
    let expression: String
    private(set) var values: [String: TypeExpressionSyntax.Value] = [:]
    /// Positional arguments beyond the named parameters (only `Enum` takes them).
    private(set) var extraPositional: [TypeExpressionSyntax.Value] = []

    init(
        _ syntax: TypeExpressionSyntax,
        expression: String,
        parameters: [String],
        positionalCount: Int,
        variadic: Bool
    ) throws(ColumnTypeExpressionError) {
        typeName = syntax.name
        self.expression = expression
        var position = 0
        for argument in syntax.arguments {
            if let label = argument.label {
                guard parameters.contains(label) else {
                    let expected = parameters.isEmpty
                        ? "\(syntax.name) takes no arguments"
                        : "expected \(parameters.joined(separator: ", "))"
                    throw Self.error(expression, "unknown argument '\(label)' for \(syntax.name)"
                        + (Suggestion.closest(to: label, in: parameters).map { " (did you mean \($0)?)" } ?? "")
                        + "; \(expected)", argument.value.offset)
                }
                guard values[label] == nil else {
                    throw Self.error(expression, "argument '\(label)' of \(syntax.name) is given twice", argument.value.offset)
                }
                values[label] = argument.value
            } else if variadic {
                guard values.isEmpty else {
                    throw Self.error(expression, "positional values of \(syntax.name) must come before labelled arguments",
                                     argument.value.offset)
                }
                extraPositional.append(argument.value)
            } else {
                guard position < positionalCount else {
                    let message = positionalCount == 0
                        ? "\(syntax.name) takes no positional arguments" + (parameters.isEmpty ? "" : "; use \(parameters.map { "\($0):" }.joined(separator: ", "))")
                        : "too many arguments for \(syntax.name); expected at most \(positionalCount)"
                    throw Self.error(expression, message, argument.value.offset)
                }
                let name = parameters[position]
                guard values[name] == nil else {
                    throw Self.error(expression, "argument '\(name)' of \(syntax.name) is given twice", argument.value.offset)
                }
                values[name] = argument.value
                position += 1
            }
        }
    }

    private static func error(_ expression: String, _ message: String, _ offset: Int) -> ColumnTypeExpressionError {
        ColumnTypeExpressionError(expression: expression, message: message, offset: offset)
    }

    func integer(_ name: String) throws(ColumnTypeExpressionError) -> Int? {
        guard let value = values[name] else { return nil }
        guard value.kind == .number, let number = Int(value.text) else {
            throw Self.error(expression, "\(typeName) \(name) must be an integer, found '\(value.text)'", value.offset)
        }
        guard number >= 0 || name == "scale" else {
            throw Self.error(expression, "\(typeName) \(name) must not be negative, found \(number)", value.offset)
        }
        return number
    }

    func boolean(_ name: String) throws(ColumnTypeExpressionError) -> Bool? {
        guard let value = values[name] else { return nil }
        switch (value.kind, value.text) {
        case (.identifier, "true"): return true
        case (.identifier, "false"): return false
        default:
            throw Self.error(expression, "\(typeName) \(name) must be true or false, found '\(value.text)'", value.offset)
        }
    }

    func string(_ name: String) -> String? {
        values[name]?.text
    }

    func required<T>(_ name: String, _ value: T?) throws(ColumnTypeExpressionError) -> T {
        guard let value else {
            throw ColumnTypeExpressionError(expression: expression, message: "\(typeName) needs \(name):, as in \(typeName)(\(name): ...)")
        }
        return value
    }
}
