#!/usr/bin/env python3
"""Writes N JSON-lines requests (default 100,000) for `twitchwise --json`, a
realistic mix over a few hundred sessions: the content's own example
questions (some with typos), follow-ups in the same session, long stories,
out-of-scope messages and a few commands. Deterministic for a seed.

    python3 Benchmarks/gen-requests.py > /tmp/requests.jsonl
    time .build/release/twitchwise --json < /tmp/requests.jsonl > /dev/null
"""
import argparse, json, os, random, re

ap = argparse.ArgumentParser()
ap.add_argument("-n", type=int, default=100_000)
ap.add_argument("--sessions", type=int, default=300)
ap.add_argument("--seed", type=int, default=8)
args = ap.parse_args()
rng = random.Random(args.seed)

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
examples = []
for name in sorted(os.listdir(os.path.join(root, "Intents"))):
    if not name.endswith(".yaml") or name in ("lexicon.yaml", "red-flags.yaml"):
        continue
    in_examples = False
    for line in open(os.path.join(root, "Intents", name), encoding="utf-8"):
        if re.match(r"^\s+examples:\s*$", line):
            in_examples = True
            continue
        m = re.match(r"^\s+- (.+)$", line)
        if in_examples and m:
            examples.append(m.group(1).strip().strip('"').strip("'"))
        elif in_examples and line.strip() and not line.lstrip().startswith("#"):
            in_examples = False

follow_ups = ["what about at night?", "and in my eyelid?", "why?", "is that serious?", "what can I do about it",
              "how long will it last", "should I see a doctor", "what about my calf", "and if it happens every day?",
              "does that apply to kids too", "1", "2", "thanks", "ok and magnesium?"]
out_of_scope = ["what is the best way to fix a flat bicycle tyre", "who won the match yesterday",
                "my car engine keeps jerking", "recommend a good pizza place", "how do I learn python",
                "what's the weather tomorrow", "tell me a joke"]

def typo(text):
    words = text.split()
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 3:
            k = rng.randrange(len(w) - 1)
            op = rng.randrange(3)
            if op == 0:
                w = w[:k] + w[k + 1] + w[k] + w[k + 2:]  # swap
            elif op == 1:
                w = w[:k] + w[k + 1:]  # drop
            else:
                w = w[:k] + w[k] + w[k:]  # double
            words[i] = w
    return " ".join(words)

for n in range(args.n):
    session = f"s{rng.randrange(args.sessions)}"
    r = rng.random()
    if r < 0.60:
        text = rng.choice(examples)
    elif r < 0.70:
        text = typo(rng.choice(examples))
    elif r < 0.85:
        text = rng.choice(follow_ups)
    elif r < 0.93:
        text = ". ".join(rng.choice(examples) for _ in range(rng.randint(3, 6))) + "."
    elif r < 0.98:
        text = rng.choice(out_of_scope)
    else:
        print(json.dumps({"id": n, "session": session, "command": rng.choice(["ping", "reset", "version"])}))
        continue
    req = {"id": n, "session": session, "text": text}
    if rng.random() < 0.05:
        req["explain"] = True
    print(json.dumps(req, ensure_ascii=False))
