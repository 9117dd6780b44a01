/// Shell-style patterns for table names (`exclude_tables: [spatial_ref_sys, "tmp_*"]`),
/// one implementation for introspection and comparison alike.
public enum Glob {
    /// Shell-style matching of a whole name: `*` any run, `?` one character,
    /// `[abc]`, `[a-z]` and `[!abc]` one character of (or not of) a set. Case-sensitive.
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        // Iterative matching with backtracking to the last `*`.
        var pi = 0, ti = 0
        var starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "*" {
                starP = pi; starT = ti; pi += 1
                continue
            }
            if pi < p.count, let next = matchOne(p, pi, t[ti]) {
                pi = next; ti += 1
                continue
            }
            guard starP >= 0 else { return false }
            pi = starP + 1; starT += 1; ti = starT
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// The pattern index after the element at `pi` when it matches `c`, else nil.
    private static func matchOne(_ p: [Character], _ pi: Int, _ c: Character) -> Int? {
        switch p[pi] {
        case "?":
            return pi + 1
        case "[":
            var i = pi + 1
            var negated = false
            if i < p.count, p[i] == "!" || p[i] == "^" { negated = true; i += 1 }
            var matched = false
            var first = true
            while i < p.count, p[i] != "]" || first {
                first = false
                if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                    if p[i] <= c && c <= p[i + 2] { matched = true }
                    i += 3
                } else {
                    if p[i] == c { matched = true }
                    i += 1
                }
            }
            // An unclosed bracket is a literal `[`.
            guard i < p.count else { return c == "[" ? pi + 1 : nil }
            return matched != negated ? i + 1 : nil
        default:
            return p[pi] == c ? pi + 1 : nil
        }
    }
}
