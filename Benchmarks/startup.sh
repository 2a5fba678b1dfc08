#!/usr/bin/env bash
# Start-up to the first answer: `twitchwise ask` (release) against a Swift
# hello world (release) as the floor, and the peak RSS of the answer.
# Usage: Benchmarks/startup.sh [RUNS]   (from anywhere; default 50 runs)
# Uses hyperfine when installed (apt-get install -y hyperfine), else a python
# loop; both report the median.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${1:-50}
question="why does my neck twitch"

(cd "$root" && swift build -c release --product twitchwise >/dev/null)
tw="$root/.build/release/twitchwise"
mkdir -p "$here/.build/hello"
hello="$here/.build/hello/hello"
if [ ! -x "$hello" ] || [ "$here/hello/hello.swift" -nt "$hello" ]; then
    swiftc -O "$here/hello/hello.swift" -o "$hello"
fi

median() {  # median wall time in ms of running "$@" $runs times
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 5 --runs "$runs" --export-json /tmp/twitchwise-startup.json "$@" >/dev/null 2>&1 \
            || hyperfine --warmup 5 --runs "$runs" --export-json /tmp/twitchwise-startup.json "$(printf '%q ' "$@")" >/dev/null
        python3 -c 'import json; print("%.2f" % (json.load(open("/tmp/twitchwise-startup.json"))["results"][0]["median"] * 1000))'
    else
        python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
for _ in range(5): subprocess.run(cmd, stdout=subprocess.DEVNULL)
t = []
for _ in range(runs):
    s = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL); t.append(time.perf_counter() - s)
print("%.2f" % (statistics.median(t) * 1000))
PY
    fi
}

floor=$(median "$hello")
ask=$(median "$tw" ask "$question")
rss=$(/usr/bin/time -v "$tw" ask "$question" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}')
hello_rss=$(/usr/bin/time -v "$hello" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}')
echo "hello (floor):        ${floor} ms median of $runs (peak RSS ${hello_rss} KB)"
echo "twitchwise ask:       ${ask} ms median of $runs"
python3 -c "print('ratio ask/floor:      %.2fx (target <= 3x)' % ($ask / $floor))"
python3 -c "print('peak RSS (ask):       %.1f MB (target < 30 MB)' % ($rss / 1024))"
