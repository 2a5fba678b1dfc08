#!/usr/bin/env python3
"""Validate the JSON-lines protocol against its JSON Schemas, end to end.

Usage: scripts/validate-replies.py [BINARY]     (default: .build/debug/twitchwise)

Sends a battery of request lines to `BINARY --json` in one process (answers,
follow-ups, clarify, fallback, urgent replies, explanations, each command and
each error code) and checks that:
  - every line gets exactly one reply, in order, with the request's id;
  - every reply is valid against docs/protocol-response.schema.json and is of the
    expected sort (its kind, command or error code);
  - every request expected to be served is valid against
    docs/protocol-request.schema.json, and every request the server refuses as
    invalid_request or unknown_command is invalid against it too;
  - a request's unknown fields, and only those, are named in the reply's warnings
    (such a request is served, though the request schema rejects it);
  - a reply's guidance occurs verbatim in its answer;
  - the battery covered every kind, command and error code.
Installs nothing: needs the Python package jsonschema (CI installs it with pip).
Exit 0 when all holds, 1 otherwise (each failure printed), 2 when it cannot run.
"""
import json
import os
import subprocess
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:
    print("validate-replies: error: the Python package jsonschema is missing "
          "(python3 -m pip install jsonschema)", file=sys.stderr)
    sys.exit(2)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUEST_SCHEMA = os.path.join(ROOT, "docs", "protocol-request.schema.json")
RESPONSE_SCHEMA = os.path.join(ROOT, "docs", "protocol-response.schema.json")

KINDS = {"answer", "clarify", "fallback"}
COMMANDS = {"ping", "reset", "version", "intents"}
CODES = {"invalid_json", "invalid_request", "too_long", "invalid_utf8", "unknown_command"}


def req(**fields):
    return json.dumps(fields).encode()


# (name, the request line without its newline, what the reply must be, the id it must echo)
# Expectations: "answer" / "clarify" / "fallback" (a reply of that kind), "urgent" (an urgent
# answer), "command:NAME", "error:CODE". Turns of one session follow each other.
NOT_GIVEN = object()
BATTERY = [
    ("answer", req(id=1, session="s1", text="why does my neck twitch when I'm stressed?"), "answer", 1),
    ("follow-up", req(id=2, session="s1", text="how do I calm it down?"), "answer", 2),
    ("answer with explain", req(id="e1", session="s2", text="why does my nek twitch at nite?", explain=True), "answer", "e1"),
    ("small talk", req(id=3, text="hello"), "answer", 3),
    ("warning signs (guidance)", req(id=4, session="s3", text="When is muscle twitching an emergency?"), "answer", 4),
    ("no id, no session", req(text="what causes muscle cramps?"), "answer", None),
    ("null id, explain null", req(id=None, text="does stretching help?", explain=None), "answer", None),
    ("clarify", req(id=5, session="s4", text="what is chronic muscle spasms?"), "clarify", 5),
    ("clarify settled by ordinal", req(id=6, session="s4", text="the second one"), "answer", 6),
    ("clarify with explain", req(id=7, session="s5", text="what is chronic muscle spasms?", explain=True), "clarify", 7),
    ("fallback", req(id=8, session="s6", text="what is the capital of France?"), "fallback", 8),
    ("fallback, out-of-scope subject", req(id=9, session="s7", text="why does my dog twitch in his sleep?"), "fallback", 9),
    ("fallback with explain", req(id=10, session="s8", text="how do I bake bread?", explain=True), "fallback", 10),
    ("empty text", req(id=11, session="s9", text=""), "fallback", 11),
    ("urgent (emergency)", req(id=12, session="s10", text="my child has a fever and is jerking and won't respond"), "urgent", 12),
    ("urgent with explain", req(id=13, session="s11", text="my jaw is locked since I stepped on a nail last week, no fever",
                                explain=True), "urgent", 13),
    ("urgent (today)", req(id=14, session="s12", text="my neck suddenly went into a spasm and the pain is unbearable"), "urgent", 14),
    ("triage context, not urgent", req(id=15, session="s13", text="I had a seizure as a kid, now my eyelid twitches",
                                       explain=True), None, 15),
    ("hostile text", req(id="\u001b[31m", session="\u2028", text="{{body_part}} \u0000 \ud83d\ude00 twitch"), None, "\u001b[31m"),
    ("ping", req(id="c1", command="ping"), "command:ping", "c1"),
    ("ping with explain", req(id="c2", command="ping", explain=True), "command:ping", "c2"),
    ("reset", req(id="c3", session="s1", command="reset"), "command:reset", "c3"),
    ("reset of an unknown session", req(id="c4", session="nobody", command="reset"), "command:reset", "c4"),
    ("version", req(id="c5", command="version"), "command:version", "c5"),
    ("intents", req(id=1.5, command="intents"), "command:intents", 1.5),
    ("id written 1.50", b'{"id":1.50,"command":"ping"}', "command:ping", NOT_GIVEN),
    ("unknown command", req(id="x1", command="dance"), "error:unknown_command", "x1"),
    ("neither text nor command", req(id="x2", session="s1"), "error:invalid_request", "x2"),
    ("both text and command", req(id="x3", text="hi", command="ping"), "error:invalid_request", "x3"),
    ("text not a string", req(id="x4", text=5), "error:invalid_request", "x4"),
    ("command not a string", req(id="x5", command=["ping"]), "error:invalid_request", "x5"),
    ("session not a string", req(id="x6", session=3, text="hi"), "error:invalid_request", "x6"),
    ("explain not a boolean", req(id="x7", explain="yes", text="hi"), "error:invalid_request", "x7"),
    ("id not a string, number or null", req(id=[1], text="hi"), "error:invalid_request", None),
    ("not an object", b"[1, 2]", "error:invalid_request", None),
    ("a string", b'"hello"', "error:invalid_request", None),
    ("not JSON", b"{bad", "error:invalid_json", None),
    ("not JSON after the id", b'{"id":"j1", bad', "error:invalid_json", "j1"),
    ("control character in a string", b'{"id":"j2","text":"a\x01b"}', "error:invalid_json", "j2"),
    ("nested too deep", b'{"id":"j3","text":' + b"[" * 70 + b"]" * 70 + b"}", "error:invalid_json", "j3"),
    ("byte-order mark (skipped)", b'\xef\xbb\xbf{"id":"j4","command":"ping"}', "command:ping", "j4"),
    ("unknown fields in a message", req(id="w1", sesion="s1", text="hi", explian=True), "answer", "w1"),
    ("unknown field in a command", req(id="w2", command="ping", verbose=True), "command:ping", "w2"),
    ("unknown field in a refused request", req(id="w3", txt="hi"), "error:invalid_request", "w3"),
    ("too long", b'{"id":"t1","text":"' + b"a" * 70000 + b'"}', "error:too_long", "t1"),
    ("invalid UTF-8", b'{"id":"u1","text":"caf\xe9"}', "error:invalid_utf8", "u1"),
    ("last line, no newline", req(id="end", command="ping"), "command:ping", "end"),
]


def main():
    if any(a in ("-h", "--help") for a in sys.argv[1:]):
        print(__doc__.strip())
        return 0
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "twitchwise")
    if not os.access(binary, os.X_OK):
        print("validate-replies: error: %s is not an executable (build it first: swift build --product twitchwise)"
              % binary, file=sys.stderr)
        return 2
    schemas = []
    for path in (REQUEST_SCHEMA, RESPONSE_SCHEMA):
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as e:
            print("%s: error: not a valid draft 2020-12 schema: %s" % (os.path.relpath(path, ROOT), e.message))
            return 1
        schemas.append(schema)
    request_validator, response_validator = (Draft202012Validator(s) for s in schemas)
    # One validator per sort of response, to say why a reply that matches no branch fails.
    branch_validators = {name: Draft202012Validator(dict(schemas[1], oneOf=[{"$ref": "#/$defs/" + name}]))
                         for name in ("reply", "commandResult", "error")}

    stdin = b"".join(line + b"\n" for _, line, _, _ in BATTERY[:-1]) + b"   \n\t\n" + BATTERY[-1][1]
    try:
        run = subprocess.run([binary, "--json"], input=stdin, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        print("validate-replies: error: %s --json did not finish within 120 s" % binary)
        return 1
    failures = []

    def fail(name, message):
        failures.append("%s: %s" % (name, message))

    if run.returncode != 0:
        fail("process", "exit status %d (stderr: %s)" % (run.returncode, run.stderr.decode(errors="replace")[:500]))
    lines = run.stdout.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) != len(BATTERY):
        fail("process", "%d reply lines for %d requests (blank lines get none)" % (len(lines), len(BATTERY)))

    seen = set()
    for (name, line, want, want_id), out in zip(BATTERY, lines):
        try:
            reply = json.loads(out)
        except ValueError as e:
            fail(name, "the reply is not JSON (%s): %r" % (e, out[:200]))
            continue
        if not response_validator.is_valid(reply):
            branch = "error" if "error" in reply else "commandResult" if "command" in reply else "reply"
            errors = list(branch_validators[branch].iter_errors(reply)) or list(response_validator.iter_errors(reply))
            for error in errors:
                for leaf in (error.context or [error]) if error.validator == "oneOf" else [error]:
                    path = "/".join(str(p) for p in leaf.absolute_path) or "(top)"
                    fail(name, "reply invalid (%s) at %s: %s" % (branch, path, leaf.message[:300]))

        # What sort of reply it is.
        if "error" in reply:
            got = "error:" + str(reply["error"].get("code"))
        elif "command" in reply:
            got = "command:" + str(reply["command"])
        else:
            got = "urgent" if reply.get("urgent") else reply.get("kind")
            seen.add(reply.get("kind"))
            if "explain" in reply and reply["explain"].get("triage"):
                seen.add("explain.triage")
            if "guidance" in reply:
                seen.add("guidance")
                if reply["guidance"] not in reply.get("answer", ""):
                    fail(name, "guidance does not occur in the answer")
        seen.add(got)
        if want is not None and got != want:
            fail(name, "expected %s, got %s" % (want, got))
        if want_id is not NOT_GIVEN and reply.get("id") != want_id:
            fail(name, "id %r echoed as %r" % (want_id, reply.get("id")))

        # The request against its schema: served requests are valid, refused ones are not.
        try:
            request = json.loads(line.decode("utf-8"))
        except ValueError:
            continue  # not JSON or not UTF-8: no request to validate
        valid = request_validator.is_valid(request)
        # Unknown fields: named in the reply's warnings, and only then.
        known = {"id", "session", "text", "command", "explain"}
        unknown = [k for k in request if k not in known] if isinstance(request, dict) else []
        warned = reply.get("warnings", [])
        if [w.split("'")[1] for w in warned if w.count("'") >= 2] != unknown:
            fail(name, "unknown fields %r, but the reply's warnings are %r" % (unknown, warned))
        if warned:
            seen.add("warnings")
        if not got.startswith("error:") and not valid and not unknown:
            errors = "; ".join(e.message[:200] for e in request_validator.iter_errors(request))
            fail(name, "served, but the request is invalid against the request schema: " + errors)
        if got in ("error:invalid_request", "error:unknown_command") and valid:
            fail(name, "refused as %s, but the request schema accepts it" % got[6:])

    # The battery must keep covering the protocol.
    wanted = KINDS | {"urgent", "guidance", "explain.triage", "warnings"} | {"command:" + c for c in COMMANDS} | {"error:" + c for c in CODES}
    for missing in sorted(wanted - seen):
        fail("battery", "no reply of the sort %s" % missing)

    for f in failures:
        print("validate-replies: error: " + f)
    print("%d requests, %d replies validated against %s and %s: %s" % (
        len(BATTERY), len(lines), os.path.relpath(REQUEST_SCHEMA, ROOT), os.path.relpath(RESPONSE_SCHEMA, ROOT),
        "%d failures" % len(failures) if failures else "all valid"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
