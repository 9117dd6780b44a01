import Testing
import AlchemySchema

@Suite("Column references in CHECK text")
struct SQLColumnReferencesTests {
    @Test("renames bare and quoted references, not strings or longer words")
    func renaming() {
        #expect(SQLColumnReferences.renaming("qty > 0 AND QTY < 10", column: "qty", to: "quantity")
            == "quantity > 0 AND quantity < 10")
        #expect(SQLColumnReferences.renaming(#""qty" > 0 AND qty_max > 1 AND note <> 'qty'"#, column: "qty", to: "n")
            == #""n" > 0 AND qty_max > 1 AND note <> 'qty'"#)
        #expect(SQLColumnReferences.renaming("a > 0", column: "a", to: "Mixed Case") == #""Mixed Case" > 0"#)
        #expect(SQLColumnReferences.renaming("x = 'it''s a'", column: "a", to: "b") == "x = 'it''s a'")
    }

    @Test("finds references")
    func mentions() {
        #expect(SQLColumnReferences.mentions("length(title) > 2", column: "title"))
        #expect(!SQLColumnReferences.mentions("subtitle <> 'title'", column: "title"))
    }
}
