#!/bin/sh
# Runs two twitchwise binaries on the replies corpus (Tests/Replies/corpus.jsonl,
# written by scripts/replies-corpus.py) with --json, at seed 0 and seed 1, and
# compares the replies byte for byte.
#
#   scripts/compare-replies.sh OLD_BINARY NEW_BINARY [CORPUS]
#
# Exit 0 and "N replies byte-identical" when every reply is the same; exit 1 and
# the first differing reply (its request, both replies) otherwise; 2 on misuse.
set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 OLD_BINARY NEW_BINARY [CORPUS]" >&2
    exit 2
fi
old=$1
new=$2
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${3:-$root/Tests/Replies/corpus.jsonl}
for f in "$old" "$new" "$corpus"; do
    [ -e "$f" ] || { echo "$0: no such file: $f" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
total=0
for seed in 0 1; do
    "$old" --json --seed $seed < "$corpus" > "$work/old.$seed" 2> "$work/old.$seed.err"
    echo "exit $?" >> "$work/old.$seed"
    "$new" --json --seed $seed < "$corpus" > "$work/new.$seed" 2> "$work/new.$seed.err"
    echo "exit $?" >> "$work/new.$seed"
    if ! cmp -s "$work/old.$seed" "$work/new.$seed"; then
        python3 - "$work/old.$seed" "$work/new.$seed" "$corpus" "$seed" <<'EOF'
import sys
old = open(sys.argv[1], "rb").read().split(b"\n")
new = open(sys.argv[2], "rb").read().split(b"\n")
requests = [l for l in open(sys.argv[3], "rb").read().split(b"\n") if l.strip()]
for n in range(max(len(old), len(new))):
    a = old[n] if n < len(old) else b"<none>"
    b = new[n] if n < len(new) else b"<none>"
    if a != b:
        request = requests[n] if n < len(requests) else b"<end of input>"
        print("seed %s, reply %d differs" % (sys.argv[4], n + 1))
        print("request: %s" % request[:2000].decode("utf-8", "replace"))
        print("old:     %s" % a[:4000].decode("utf-8", "replace"))
        print("new:     %s" % b[:4000].decode("utf-8", "replace"))
        break
EOF
        exit 1
    fi
    # Standard error too (diagnostics are part of the behaviour).
    if ! cmp -s "$work/old.$seed.err" "$work/new.$seed.err"; then
        echo "seed $seed: standard error differs"
        diff "$work/old.$seed.err" "$work/new.$seed.err" | head -20
        exit 1
    fi
    n=$(($(wc -l < "$work/old.$seed") - 1))
    total=$((total + n))
done
echo "$total replies byte-identical"
