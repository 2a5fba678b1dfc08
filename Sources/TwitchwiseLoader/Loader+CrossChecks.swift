import TwitchwiseCore
import Yams

extension Loader {
    // MARK: Cross checks

    mutating func crossCheck(intents: [Intent], responses: [String: Response], lexicon: Lexicon) {
        for intent in intents where responses[intent.id] == nil {
            diagnostics.append(Diagnostic(.error, "intent '\(intent.id)' has no response", at: intent.location,
                                          hint: "add a response with 'intent: \(intent.id)' in Responses/"))
        }
        var seen: [String: (String, SourceLocation)] = [:]
        for intent in intents {
            for example in intent.examples {
                let key = Self.words(example.text, variants: lexicon.variants).joined(separator: " ")
                if let (other, at) = seen[key], other != intent.id {
                    diagnostics.append(Diagnostic(.error, "example '\(example.text)' is also an example of '\(other)' (\(at))",
                                                  at: example.location, hint: "keep it under one intent"))
                }
                seen[key] = (intent.id, example.location)
            }
        }
    }
}
