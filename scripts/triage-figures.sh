#!/usr/bin/env bash
# The triage figures on the project's blind sets: emergencies recognised and false
# alarms, per set, by sign and by kind of non-emergency.
#   scripts/triage-figures.sh [BINARY] [SET...]
# BINARY defaults to .build/debug/twitchwise; SETs to every Tests/EvalSets/triage-*.jsonl.
# Needs ../shared/eval/score.py (the scorer) beside the project.
# With --gate, exits 1 when any of the sets misses an emergency or raises a false
# alarm: CI gates on the sets whose failures have been looked at (a regression
# there is a lost fix), never on the frozen set still kept blind.
set -euo pipefail
cd "$(dirname "$0")/.."
gate=false
if [[ "${1:-}" == "--gate" ]]; then gate=true; shift; fi
binary="${1:-.build/debug/twitchwise}"
shift || true
sets=("$@")
if [[ ${#sets[@]} -eq 0 ]]; then sets=(Tests/EvalSets/triage-*.jsonl); fi
scorer=../shared/eval/score.py
status=0
for set in "${sets[@]}"; do
    report=$(mktemp)
    python3 "$scorer" --cmd "$binary --json" --checks urgent "$set" --report "$report" > /dev/null
    line=$(python3 - "$set" "$report" <<'PY'
import json, sys, collections
cases = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[1])}
em = collections.Counter(); ok = collections.Counter(); ne = collections.Counter(); fa = collections.Counter()
for l in open(sys.argv[2]):
    r = json.loads(l); c = cases[r["request"]["session"]]; urgent = bool(r["response"].get("urgent"))
    if c["cat"] == "emergency":
        em[c["sign"]] += 1; ok[c["sign"]] += urgent
    else:
        ne[c["sub"]] += 1; fa[c["sub"]] += urgent
E, N = sum(em.values()), sum(ne.values())
print(f"{sys.argv[1]}: emergencies recognised {sum(ok.values())}/{E} ({100*sum(ok.values())/E:.1f}%), "
      f"false alarms {sum(fa.values())}/{N} ({100*sum(fa.values())/N:.1f}%)"
      + ("" if sum(ok.values()) == E and sum(fa.values()) == 0 else
         "; missed: " + ", ".join(f"{k} {em[k]-ok[k]}" for k in sorted(em) if em[k] > ok[k])
         + "; false alarms: " + ", ".join(f"{k} {fa[k]}" for k in sorted(ne) if fa[k])))
PY
)
    rm -f "$report"
    echo "$line"
    if $gate && [[ "$line" == *"missed:"* ]]; then status=1; fi
done
exit $status
