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
# The commands run round-robin, one run of each in turn, and each reports its
# median: on a shared machine the load drifts, and a floor measured minutes
# before the answer (as hyperfine would, one command after the other) moved the
# ratio by up to a third here.
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

# Runs each command $runs times, round-robin (one run of each in turn, so that the machine's
# drift on a shared host falls on all of them alike), and prints each one's median wall time in
# ms, one per line, in order. Arguments: the commands' words, the commands separated by ';;'.
medians() {
    python3 - "$runs" "$@" <<'PY'
import os, statistics, sys, time
runs, commands = int(sys.argv[1]), [[]]
for word in sys.argv[2:]:
    if word == ";;": commands.append([])
    else: commands[-1].append(word)
null = os.open(os.devnull, os.O_WRONLY)
def once(command):
    start = time.perf_counter()
    pid = os.posix_spawn(command[0], command, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, null, 1)])
    os.waitpid(pid, 0)
    return time.perf_counter() - start
for command in commands:
    for _ in range(5): once(command)
times = [[] for _ in commands]
for _ in range(runs):
    for i, command in enumerate(commands): times[i].append(once(command))
for t in times: print("%.2f" % (statistics.median(t) * 1000))
PY
}
peak_rss() {  # peak RSS in KB of running "$@" once
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}'
}

commands=("$hello_dynamic" ";;" "$tw" --version ";;" "$tw" ask $question)
if [ "$static" = yes ]; then commands+=(";;" "$hello_static"); fi
mapfile -t ms < <(medians "${commands[@]}")
floor=${ms[0]}
echo "hello, dynamic stdlib:  ${ms[0]} ms median of $runs (peak RSS $(peak_rss "$hello_dynamic") KB)"
if [ "$static" = yes ]; then
    floor=${ms[3]}
    echo "hello, static stdlib:   ${floor} ms median of $runs (peak RSS $(peak_rss "$hello_static") KB)"
fi
echo "twitchwise is linked:   $([ "$static" = yes ] && echo statically || echo dynamically) (the floor is the hello linked the same way)"
echo "twitchwise --version:   ${ms[1]} ms median of $runs"
ask=${ms[2]}
rss=$(peak_rss "$tw" ask $question)
echo "twitchwise ask:         ${ask} ms median of $runs"
python3 -c "print('ratio ask/floor:        %.2fx (target <= 3x)' % ($ask / $floor))"
python3 -c "print('peak RSS (ask):         %.1f MB (target < 30 MB)' % ($rss / 1024))"
dynamic="$root/.build/release/twitchwise"
if [ "$static" = yes ] && [ -x "$dynamic" ]; then  # as built by a plain `swift build -c release`, maybe older
    mapfile -t dyn < <(medians "$dynamic" --version ";;" "$dynamic" ask $question)
    echo "dynamic .build/release/twitchwise (built $(date -r "$dynamic" '+%F %T')):"
    echo "  --version:            ${dyn[0]} ms median of $runs"
    echo "  ask:                  ${dyn[1]} ms median of $runs"
fi
