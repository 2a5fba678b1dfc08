#!/usr/bin/env python3
"""Soak test: many requests over many sessions through `twitchwise --json`.

    python3 scripts/soak.py [--binary .build/release/twitchwise]
                            [--requests 1000000] [--sessions 10000]

Requests are written by a thread while the main thread reads the replies,
so the pipe never stalls. Every reply must be one JSON object with the id
that was sent, in order. The process's resident set (VmHWM, the peak, and
VmRSS, from /proc/PID/status) is sampled after 100,000 replies and after the
last one (stdin is kept open until then, so the process is still there).

Exit status 0 when every reply was right and the peak RSS at the end is
within 10% of the peak at 100,000 requests; 1 otherwise.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time

MESSAGES = [
    "why does my neck twitch when I'm stressed?",
    "and how do I stop it?",
    "my calf cramps at night",
    "is it serious?",
    "what about my eyelid",
    "does coffee make it worse",
    "1",
    "thanks!",
    "hello",
    "when should I see a doctor",
    "my legs twitch after running and I drink a lot of coffee",
    "what is the capital of France?",
    "twitching all over my body for 3 weeks, could it be ALS?",
    "\u001b[31m{{body_part}}\u0000 \ud83d\ude00 twitch",
    "my back spasms and I can't breathe",
    "how long does it last",
    "magnesium?",
    "bye",
]


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                fields[key] = int(value.split()[0])  # KiB
    return fields["VmHWM"], fields["VmRSS"]


def request(i, sessions):
    session = f"user-{i % sessions}"
    turn = i // sessions
    if turn % 25 == 24 and i % 7 == 0:
        return {"id": i, "session": session, "command": "reset"}
    if i % 1000 == 999:
        return {"id": i, "command": ["ping", "version", "intents"][i // 1000 % 3]}
    text = MESSAGES[(turn + i * 7) % len(MESSAGES)]
    req = {"id": i, "session": session, "text": text}
    if i % 10 == 0:
        req["explain"] = True
    return req


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "twitchwise"))
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--first-sample", type=int, default=100_000)
    args = parser.parse_args()
    total, first = args.requests, min(args.first_sample, args.requests)

    proc = subprocess.Popen([args.binary, "--json"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, bufsize=1 << 20)
    sampled_last = threading.Event()
    write_error = []

    def writer():
        try:
            batch = []
            for i in range(total):
                batch.append(json.dumps(request(i, args.sessions)))
                if len(batch) == 1000:
                    proc.stdin.write(("\n".join(batch) + "\n").encode("ascii"))
                    batch = []
            if batch:
                proc.stdin.write(("\n".join(batch) + "\n").encode("ascii"))
            proc.stdin.flush()
            sampled_last.wait()  # keep the process alive until its memory is read
            proc.stdin.close()
        except Exception as e:  # noqa: BLE001
            write_error.append(e)

    stderr_text = []
    threading.Thread(target=lambda: stderr_text.append(proc.stderr.read()), daemon=True).start()
    thread = threading.Thread(target=writer, daemon=True)
    start = time.monotonic()
    thread.start()

    samples = {}
    bad = 0
    kinds = {}
    count = 0
    for raw in proc.stdout:
        reply = json.loads(raw)
        if reply.get("id") != count:
            bad += 1
            if bad <= 5:
                print(f"reply {count}: unexpected id in {raw[:200]!r}", file=sys.stderr)
        kind = reply.get("kind") or ("error" if "error" in reply else "command")
        kinds[kind] = kinds.get(kind, 0) + 1
        count += 1
        if count == first or count == total:
            hwm, rss = memory(proc.pid)
            samples[count] = (hwm, rss, time.monotonic() - start)
            print(f"{count:>9,} replies  VmHWM {hwm / 1024:7.1f} MiB  VmRSS {rss / 1024:7.1f} MiB  "
                  f"{time.monotonic() - start:6.1f} s", flush=True)
        if count == total:
            sampled_last.set()
    sampled_last.set()
    status = proc.wait()
    thread.join()
    elapsed = time.monotonic() - start

    print(f"replies: {count:,} of {total:,}; wrong ids: {bad}; kinds: {dict(sorted(kinds.items()))}")
    print(f"exit status {status}; {elapsed:.1f} s, {count / elapsed:,.0f} requests/s")
    ok = count == total and bad == 0 and status == 0 and not write_error
    if stderr_text and stderr_text[0]:
        print("stderr:", stderr_text[0][:500].decode("utf-8", "replace"))
        ok = False
    if first in samples and total in samples:
        h1, r1, _ = samples[first]
        h2, r2, _ = samples[total]
        growth = (h2 - h1) / h1
        print(f"peak RSS at {first:,}: {h1 / 1024:.1f} MiB; at {total:,}: {h2 / 1024:.1f} MiB "
              f"({growth:+.1%}); current RSS {r1 / 1024:.1f} -> {r2 / 1024:.1f} MiB")
        if growth > 0.10:
            print("FAIL: peak RSS grew by more than 10%")
            ok = False
    print("OK" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
