#!/usr/bin/env python3
"""Writes the replies corpus: JSON-lines requests for `twitchwise --json`.

    scripts/replies-corpus.py [OUT]     (default: Tests/Replies/corpus.jsonl)

The corpus is deterministic (a fixed seed, sorted inputs) and covers every kind
of request: the dev set (../shared/eval/dev.jsonl, one session per case, all its
turns), the conversation files' sessions, the canonical questions and examples
of every intent in Intents/*.yaml, the messages of Tests/EvalSets/*.jsonl, typos
of them, long messages, `explain: true`, every command and malformed lines.
`scripts/compare-replies.sh` runs two binaries on it and compares the replies
byte for byte (issue 18: the reshaping must not change a reply).
"""
import json
import os
import random
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Tests", "Replies", "corpus.jsonl")
DEV = os.path.join(ROOT, "..", "shared", "eval", "dev.jsonl")

rng = random.Random(18)
lines = []  # each a bytes object, without the newline
next_id = [0]


def new_id():
    next_id[0] += 1
    return next_id[0]


def add(obj):
    lines.append(json.dumps(obj, ensure_ascii=False).encode("utf-8"))


def text(session, message, explain=False, rid=None):
    request = {"id": new_id() if rid is None else rid, "session": session, "text": message}
    if explain:
        request["explain"] = True
    add(request)


def command(session, name, rid=None):
    add({"id": new_id() if rid is None else rid, "session": session, "command": name})


def jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def typo(message):
    """One deterministic slip of the keyboard in a word of four letters or more."""
    words = message.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not candidates:
        return message
    i = rng.choice(candidates)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    kind = rng.randrange(4)
    if kind == 0:    # swap two letters
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif kind == 1:  # drop a letter
        w = w[:j] + w[j + 1:]
    elif kind == 2:  # double a letter
        w = w[:j] + w[j] + w[j:]
    else:            # a neighbouring key
        w = w[:j] + rng.choice("aeiourstln") + w[j + 1:]
    words[i] = w
    return " ".join(words)


# 1. Intents: canonical questions and examples, each in a fresh session, every
#    fifth with `explain`, then a typo of every third.
intent_messages = []
for name in sorted(os.listdir(os.path.join(ROOT, "Intents"))):
    if not name.endswith(".yaml"):
        continue
    with open(os.path.join(ROOT, "Intents", name), encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    for intent in data.get("intents") or []:
        if intent.get("question"):
            intent_messages.append(intent["question"])
        for example in intent.get("examples") or []:
            if isinstance(example, str):
                intent_messages.append(example)
for n, message in enumerate(intent_messages):
    text("intent-%d" % n, message, explain=(n % 5 == 0))
for n, message in enumerate(intent_messages[::3]):
    text("typo-%d" % n, typo(message), explain=(n % 4 == 0))

# 2. The dev set: one session per case, all turns, then the same with explain.
for case in jsonl(DEV):
    for t, turn in enumerate(case["turns"]):
        text("dev-" + case["id"], turn["text"], rid="%s.%d" % (case["id"], t))
for case in jsonl(DEV)[::4]:
    for t, turn in enumerate(case["turns"]):
        text("devx-" + case["id"], turn["text"], explain=True)

# 3. The eval sets' messages, one session per case.
eval_dir = os.path.join(ROOT, "Tests", "EvalSets")
for name in sorted(os.listdir(eval_dir)):
    if not name.endswith(".jsonl"):
        continue
    for n, case in enumerate(jsonl(os.path.join(eval_dir, name))):
        for turn in case["turns"]:
            text("eval-" + case["id"], turn["text"], explain=(n % 7 == 0))

# 4. The conversation files: each conversation one session, as `twitchwise test` runs it.
conv_dir = os.path.join(ROOT, "Conversations")
for name in sorted(os.listdir(conv_dir)):
    if not name.endswith(".yaml"):
        continue
    with open(os.path.join(conv_dir, name), encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    for c, conversation in enumerate(data.get("conversations") or []):
        session = "conv-%s-%d" % (name[:-5], c)
        for turn in conversation.get("turns") or []:
            if isinstance(turn.get("user"), str):
                text(session, turn["user"], explain=(c % 3 == 0))

# 5. Generated multi-turn sessions: a topic, follow-ups, a clarification's
#    answer, a reset in the middle, small talk.
follow_ups = ["what about caffeine?", "and at night?", "how do I stop it?", "the second one",
              "1", "2", "what about my calf?", "should I see a doctor?", "thanks", "why?",
              "does stretching help?", "what about stress", "in my eyelid", "ok", "more"]
for n in range(150):
    session = "multi-%d" % n
    for t in range(rng.randrange(2, 6)):
        if rng.random() < 0.5:
            message = rng.choice(intent_messages)
        else:
            message = rng.choice(follow_ups)
        if rng.random() < 0.1:
            command(session, "reset")
        text(session, message, explain=(rng.random() < 0.2))

# 6. Commands, in known and unknown sessions, and unknown commands.
for name in ["ping", "version", "intents", "reset"]:
    command("default", name)
    command("multi-3", name)
    command("never-seen", name)
for name in ["", "PING", "help", "quit", "ping ", "rest", "intent"]:
    command("default", name)
add({"command": "ping"})
add({"id": None, "command": "version"})
add({"id": "string-id", "command": "ping"})
add({"id": 3.5, "command": "ping"})
add({"id": -0.0, "text": "hi"})
add({"id": 1e300, "text": "hello"})

# 7. Long messages: stories of many examples, a line at the limit and past it.
for n in range(40):
    count = rng.randrange(5, 60)
    message = " ".join(rng.choice(intent_messages) for _ in range(count))
    text("long-%d" % n, message, explain=(n % 4 == 0))
text("long-repeat", "twitch " * 2000)
text("long-word", "a" * 5000)
limit = 65536
base = json.dumps({"id": "at-limit", "text": ""}).encode()
lines.append(base[:-2] + b"x" * (limit - len(base)) + b'"}')
lines.append(base[:-2] + b"x" * (limit - len(base) + 1) + b'"}')
lines.append(b'{"id":"past-limit","text":"' + b"y" * 70000 + b'"}')
lines.append(b'{"text":"' + b"z" * 70000 + b'","id":"id-after-cut"}')

# 8. Malformed and hostile lines.
malformed = [
    b"{", b"}", b"[]", b"null", b"42", b'"text"', b"not json at all", b"{,}",
    b'{"text": }', b'{"text": "hi",}', b'{"text": "unterminated}', b"{'text': 'hi'}",
    b'{"text": 5}', b'{"command": 5}', b'{"text": "hi", "command": "ping"}', b"{}",
    b'{"id": 1}', b'{"id": [1], "text": "hi"}', b'{"id": {}, "text": "hi"}',
    b'{"id": 7, "text": "hi", "explain": "yes"}', b'{"id": 8, "text": "hi", "session": 3}',
    b'{"id": 9, "text": null}', b'{"id": 10, "session": null, "text": "hi"}',
    b'{"id": 11, "text": "hi", "extra": [1, 2, {"a": null}]}',
    b'{"id": 12, "text": "\\ud800 lone surrogate"}', b'{"id": 13, "text": "nul \\u0000 inside"}',
    b'{"id": 14, "text": "esc \\u001b[31mred\\u001b[0m"}', b'{"id": 15, "text": "\\uD83D\\uDE00 emoji pair"}',
    b'{"id": 16, "text": "bad escape \\q"}', b'{"id": 17, "text": "tab\tinside"}',
    b'{"id": 18, "text": "{{body_part}} {{#trigger=stress}}x{{/trigger}}"}',
    b'{"id": 19, "text": "hi"} trailing', b'  {"id": 20, "text": "  spaced  "}  ',
    b'{"id": 21, "text": "\xff\xfe invalid utf8"}', b'\xc3\x28', b'{"id": 22, "text": "caf\xc3"}',
    b'{"id": 23, "text": ""}', b'{"id": 24, "text": "   "}', b'{"id": 25, "command": ""}',
    b'{"id": 1e999, "text": "hi"}', b'{"id": 123456789012345678901234567890, "text": "hi"}',
    b'{"id": true, "text": "hi"}', b'{"id": "dup", "id": "dup2", "text": "hi"}',
    b"[" * 70 + b"]" * 70, b'{"a":' * 70 + b"1" + b"}" * 70,
    b'{"id": 26, "text": "hi", "explain": true, "explain": false}',
]
lines.extend(malformed)

# 9. Odd texts: punctuation, emoji, case, other scripts, numbers.
odd = ["?", "!!!", "...", "👋", "💪😣", "HELLO", "WHY DOES MY EYE TWITCH", "ok", "no", "yes",
       "1", "42", "-1", "twitch", "cramp", "spasm", "муышца", "筋肉のけいれん", "¿por qué tiemblan mis músculos?",
       "what's up", "bye", "thank you so much", "I'm scared", "help", "HELP!!!", "my :) eye",
       "twitchtwitchtwitch", "eye-lid twich", "calf cramp @ nite", "y do i cramp", "musle twtiching",
       "is it ALS?", "could this be MS", "I had a seizure as a kid", "no fever, no weakness",
       "chest pain and twitching", "can't breathe", "my dog twitches in his sleep", "twitch stream lag",
       ":help", ":quit", "/reset", "\\n", "null", "true", "<script>alert(1)</script>", "' OR 1=1 --"]
for n, message in enumerate(odd):
    text("odd", message, explain=(n % 3 == 0))
    text("odd-%d" % n, message)

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "wb") as f:
    for line in lines:
        f.write(line + b"\n")
print("%d requests written to %s" % (len(lines), os.path.relpath(OUT)), file=sys.stderr)
