import CYaml

/// Parses any file alchemy reads (models, revisions, configuration) into
/// ``YAMLNode``s, turning every parser failure into a `LocatedError`.
///
/// The syntax is libyaml's (the C parser Yams ships as CYaml); the tree is built
/// here from its events. Yams's own composer allocates an object per event,
/// converts every scalar through Foundation and hashes each map's keys with its
/// tag resolver: for a run that reads a thousand small revision files that was
/// most of alchemy's own time. Readers interpret scalars themselves, so no tag
/// resolution is needed.
enum YAMLDocument {
    static func compose(_ contents: String, file: String) throws(LocatedError) -> YAMLNode? {
        var text = contents
        let result = text.withUTF8 { bytes in
            Result { () throws(LocatedError) -> YAMLNode? in
                var composer = try YAMLComposer(bytes, file: file)
                defer { composer.close() }
                return try composer.document()
            }
        }
        return try result.get()
    }

    /// 1-based line and column of the byte at `offset`, columns counted in Unicode scalars like libyaml.
    static func position(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        var line = 1, column = 1
        for byte in bytes.prefix(max(0, offset)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return YAMLMark(line: line, column: column)
    }
}

/// Builds one document's tree from libyaml's event stream.
private struct YAMLComposer {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: String
    private var anchors: [String: YAMLNode] = [:]

    init(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(LocatedError) {
        self.bytes = bytes
        self.file = file
        parser = .allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            throw LocatedError(file: file, line: 1, column: 1, message: "out of memory while reading YAML")
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
    }

    func close() {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The single document's root; nil for an empty stream.
    mutating func document() throws(LocatedError) -> YAMLNode? {
        try skip()  // stream start
        var event = try next()
        if event.type == YAML_STREAM_END_EVENT {
            yaml_event_delete(&event)
            return nil
        }
        yaml_event_delete(&event)  // document start
        let root = try node(from: try next())
        try skip()  // document end
        var end = try next()
        defer { yaml_event_delete(&end) }
        guard end.type == YAML_STREAM_END_EVENT else {
            throw error(at: mark(end.start_mark), "invalid YAML: expected a single document in the stream, but found another document")
        }
        return root
    }

    /// The node that starts with `event` (which this consumes).
    private mutating func node(from start: yaml_event_t) throws(LocatedError) -> YAMLNode {
        var event = start
        defer { yaml_event_delete(&event) }
        let at = mark(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
            // `"t\0x"` decodes to a NUL, which C clients and file names cut at: refuse it at load.
            if bytes.contains(0) {
                throw LocatedError(file: file, line: at.line, column: at.column,
                                   message: "the value contains a NUL character (\\0); names, URLs and values cannot hold one, remove it")
            }
            let value = String(decoding: bytes, as: UTF8.self)
            let node = YAMLNode.scalar(YAMLScalar(value, style: Self.style(data.style), tag: Self.string(data.tag), mark: at))
            register(Self.string(data.anchor), node)
            return node
        case YAML_SEQUENCE_START_EVENT:
            let anchor = Self.string(event.data.sequence_start.anchor)
            var items: [YAMLNode] = []
            while true {
                var item = try next()
                if item.type == YAML_SEQUENCE_END_EVENT { yaml_event_delete(&item); break }
                items.append(try node(from: item))
            }
            let node = YAMLNode.sequence(items, at: at)
            register(anchor, node)
            return node
        case YAML_MAPPING_START_EVENT:
            let anchor = Self.string(event.data.mapping_start.anchor)
            var pairs: [YAMLPair] = []
            var keys = KeyIndex()
            while true {
                var keyEvent = try next()
                if keyEvent.type == YAML_MAPPING_END_EVENT { yaml_event_delete(&keyEvent); break }
                let key = try node(from: keyEvent)
                let value = try node(from: try next())
                try rejectDuplicate(key, in: pairs, &keys)
                pairs.append(YAMLPair(key: key, value: value))
            }
            let node = YAMLNode.mapping(pairs, at: at)
            register(anchor, node)
            return node
        case YAML_ALIAS_EVENT:
            guard let name = Self.string(event.data.alias.anchor), let node = anchors[name] else {
                throw error(at: at, "invalid YAML: found undefined alias")
            }
            return node
        default:
            throw error(at: at, "invalid YAML: unexpected event \(event.type.rawValue)")
        }
    }

    /// Yams reported a repeated key as the YAML error it is; so does alchemy,
    /// pointing at the second occurrence, which is usually the one to remove.
    private func rejectDuplicate(_ key: YAMLNode, in pairs: [YAMLPair], _ keys: inout KeyIndex) throws(LocatedError) {
        guard case .scalar(let scalar) = key, let earlier = keys.earlier(scalar, in: pairs) else { return }
        throw error(at: scalar.mark, "duplicate key '\(scalar.string)' in one map (first at line \(earlier.line), column \(earlier.column)); "
            + "each table, column and setting may appear only once")
    }

    private mutating func register(_ anchor: String?, _ node: YAMLNode) {
        if let anchor { anchors[anchor] = node }
    }

    private func skip() throws(LocatedError) {
        var event = try next()
        yaml_event_delete(&event)
    }

    private func next() throws(LocatedError) -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw parserError() }
        return event
    }

    // MARK: Errors

    private func error(at mark: YAMLMark, _ message: String) -> LocatedError {
        LocatedError(file: file, line: max(1, mark.line), column: max(1, mark.column), message: message)
    }

    private func parserError() -> LocatedError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        if state.error == YAML_READER_ERROR {
            return error(at: YAMLDocument.position(ofByte: state.problem_offset, in: bytes), "invalid YAML: \(problem)")
        }
        if state.error == YAML_MEMORY_ERROR {
            return error(at: YAMLMark(line: 1, column: 1), "out of memory while reading YAML")
        }
        var message: String
        if let context = state.context.map({ String(cString: $0) }) {
            let contextMark = mark(state.context_mark)
            // libyaml's contexts read "while scanning a quoted scalar"; others read as a lead-in.
            message = context.hasPrefix("while")
                ? "invalid YAML: \(problem) \(context) started at line \(contextMark.line), column \(contextMark.column)"
                : "invalid YAML: \(context), \(problem)"
        } else {
            message = "invalid YAML: \(problem)"
        }
        if problem.hasPrefix("mapping values are not allowed") {
            message += "; quote a value that contains ': ', as in \"Enum(a, b, name: kind)\""
        }
        return error(at: mark(state.problem_mark), message)
    }

    // MARK: Conversions

    private func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: mark.line + 1, column: mark.column + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}

/// The scalar keys of one map so far: searched in place while the map is small
/// (most are), hashed once it grows (a model file's hundreds of tables).
private struct KeyIndex {
    private struct Key: Hashable { var string: String; var tag: String? }
    private var marks: [Key: YAMLMark] = [:]
    private var indexed = 0

    /// Where an equal key (same text and tag) appeared before, if it did.
    mutating func earlier(_ scalar: YAMLScalar, in pairs: [YAMLPair]) -> YAMLMark? {
        if pairs.count < 16 {
            for pair in pairs {
                if case .scalar(let previous) = pair.key, previous.string == scalar.string, previous.tag == scalar.tag { return previous.mark }
            }
            return nil
        }
        while indexed < pairs.count {
            if case .scalar(let previous) = pairs[indexed].key, marks[Self.key(previous)] == nil { marks[Self.key(previous)] = previous.mark }
            indexed += 1
        }
        return marks[Self.key(scalar)]
    }

    private static func key(_ scalar: YAMLScalar) -> Key { Key(string: scalar.string, tag: scalar.tag) }
}
