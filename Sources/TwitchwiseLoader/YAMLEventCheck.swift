import TwitchwiseCore
import Yams

internal import CYaml

/// What the loader refuses in YAML, found in libyaml's events before Yams composes the
/// tree (Yams' composer follows aliases and recurses once per level):
/// - anchors and aliases: an alias copies a node, so a few lines can stand for a
///   billion nodes (a "YAML bomb"), and content never needs them;
/// - tags and directives, which content never needs either;
/// - a second document;
/// - nesting deeper than `YAMLDocument.maximumDepth`;
/// - a key repeated in a mapping, at its second place (a scalar key, compared by its text
///   whatever its quoting: `1` and `'1'` are the same key to the loader; Yams reports
///   repeated collection keys).
/// A syntax error ends the check with no refusal: composing reports it, at the same place.
enum YAMLEventCheck {
    /// The refusals' messages (a repeated key's names the key).
    static let refusals = ["anchors and aliases are not supported", "tags are not supported", "directives are not supported",
                           "only one document is supported", "nesting is too deep", "duplicate key"]

    private struct Collection {
        var isMapping: Bool
        var expectsKey = true
        var keys = Set<String>()
    }

    static func firstRefusal(in text: String) -> YAMLError? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return YAMLError("out of memory", line: 1, column: 1) }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var text = text
        return text.withUTF8 { bytes in
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var open: [Collection] = []
            var documents = 0
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                if let refusal = refusal(of: event, open: &open, documents: &documents) { return refusal }
                if event.type == YAML_STREAM_END_EVENT { return nil }
            }
            return nil
        }
    }

    private static func refusal(of event: yaml_event_t, open: inout [Collection], documents: inout Int) -> YAMLError? {
        func error(_ problem: String) -> YAMLError {
            YAMLError(problem, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        }
        let anchorsAndAliases = "anchors and aliases are not supported"
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 { return error("only one document is supported") }
            let directives = event.data.document_start
            if directives.version_directive != nil || directives.tag_directives.start != directives.tag_directives.end {
                return error("directives are not supported")
            }
        case YAML_ALIAS_EVENT:
            return error(anchorsAndAliases)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            if scalar.anchor != nil { return error(anchorsAndAliases) }
            if scalar.tag != nil { return error("tags are not supported") }
            if var parent = open.popLast() {
                if parent.isMapping && parent.expectsKey {
                    let key = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                    if !parent.keys.insert(key).inserted { return error("duplicate key '\(key)' in a mapping") }
                }
                parent.expectsKey.toggle()
                open.append(parent)
            }
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let (anchor, tag) = isMapping ? (event.data.mapping_start.anchor, event.data.mapping_start.tag)
                : (event.data.sequence_start.anchor, event.data.sequence_start.tag)
            if anchor != nil { return error(anchorsAndAliases) }
            if tag != nil { return error("tags are not supported") }
            if open.count >= YAMLDocument.maximumDepth { return error("nesting is too deep") }
            if !open.isEmpty { open[open.count - 1].expectsKey.toggle() }
            open.append(Collection(isMapping: isMapping))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            open.removeLast()
        default:
            break
        }
        return nil
    }
}
