/// A position in the graph as Alembic's walks return it: a revision, or the
/// empty state below every base.
enum GraphPoint: Hashable {
    case base
    case revision(Int)

    var index: Int? {
        if case .revision(let index) = self { return index }
        return nil
    }
}
