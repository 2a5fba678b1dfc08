#!/usr/bin/env bash
# Start-up to the first answer: `twitchwise ask` (release) against a Swift
# hello world (release) as the floor, and the peak RSS of the answer.
# Usage: Benchmarks/startup.sh [RUNS]   (from anywhere; default 50 runs)
#
# On Linux twitchwise is built with `--static-swift-stdlib` (on the scratch path
# .build/static, so that the ordinary .build/release is left alone), and the
# floor that counts is a hello linked the same way (`swiftc -O -static-stdlib`);
# the dynamically linked hello is printed too, and the dynamic
# .build/release/twitchwise when one has been built. `twitchwise --version` shows
# what parsing the command line costs before any content is touched.
# Uses hyperfine when installed (apt-get install -y hyperfine), else a python
# loop; both report the median.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${1:-50}
question="why does my neck twitch"

if [ "$(uname -s)" = Linux ]; then
    static=yes
    build=(swift build -c release --static-swift-stdlib --product twitchwise --scratch-path "$root/.build/static")
    tw="$root/.build/static/release/twitchwise"
else
    static=no  # no static Swift runtime on Darwin
    build=(swift build -c release --product twitchwise)
    tw="$root/.build/release/twitchwise"
fi
if ! log=$(cd "$root" && "${build[@]}" 2>&1); then echo "$log" >&2; exit 1; fi

mkdir -p "$here/.build/hello"
build_hello() {  # build_hello OUTPUT [SWIFTC FLAGS...]
    local out=$1; shift
    if [ ! -x "$out" ] || [ "$here/hello/hello.swift" -nt "$out" ]; then
        swiftc -O "$@" "$here/hello/hello.swift" -o "$out"
    fi
}
hello_dynamic="$here/.build/hello/hello"
hello_static="$here/.build/hello/hello-static"
build_hello "$hello_dynamic"
if [ "$static" = yes ]; then build_hello "$hello_static" -static-stdlib; fi

median() {  # median wall time in ms of running "$@" $runs times
    if command -v hyperfine >/dev/null; then
        # One quoted command string: hyperfine would take a bare `--version` as its own option.
        local command
        command=$(printf '%q ' "$@")
        rm -f /tmp/twitchwise-startup.json
        hyperfine -N --warmup 5 --runs "$runs" --export-json /tmp/twitchwise-startup.json "$command" >/dev/null 2>&1 \
            || hyperfine --warmup 5 --runs "$runs" --export-json /tmp/twitchwise-startup.json "$command" >/dev/null
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
peak_rss() {  # peak RSS in KB of running "$@" once
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}'
}

floor_dynamic=$(median "$hello_dynamic")
echo "hello, dynamic stdlib:  ${floor_dynamic} ms median of $runs (peak RSS $(peak_rss "$hello_dynamic") KB)"
floor=$floor_dynamic
if [ "$static" = yes ]; then
    floor=$(median "$hello_static")
    echo "hello, static stdlib:   ${floor} ms median of $runs (peak RSS $(peak_rss "$hello_static") KB)"
fi
echo "twitchwise is linked:   $([ "$static" = yes ] && echo statically || echo dynamically) (the floor is the hello linked the same way)"
version=$(median "$tw" --version)
echo "twitchwise --version:   ${version} ms median of $runs"
ask=$(median "$tw" ask "$question")
rss=$(peak_rss "$tw" ask "$question")
echo "twitchwise ask:         ${ask} ms median of $runs"
python3 -c "print('ratio ask/floor:        %.2fx (target <= 3x)' % ($ask / $floor))"
python3 -c "print('peak RSS (ask):         %.1f MB (target < 30 MB)' % ($rss / 1024))"
dynamic="$root/.build/release/twitchwise"
if [ "$static" = yes ] && [ -x "$dynamic" ]; then  # as built by a plain `swift build -c release`, maybe older
    echo "dynamic .build/release/twitchwise (built $(date -r "$dynamic" '+%F %T')):"
    echo "  --version:            $(median "$dynamic" --version) ms median of $runs"
    echo "  ask:                  $(median "$dynamic" ask "$question") ms median of $runs"
fi
