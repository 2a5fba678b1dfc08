#!/usr/bin/env bash
# Runs one libFuzzer target for a while.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options ...]
#
# TARGET: request (FuzzRequest: one request line in, one reply out) or
#         loader (FuzzLoader: the real content with one YAML file mutated) or
#         text (FuzzText: templates and patterns of the content format) or
#         template (FuzzTemplate: templates parsed and rendered, 50 ms each) or
#         length (FuzzLength: a few words grown to a long message, 50 ms each).
#
# The targets live in Fuzz/, a package of their own that depends on this one
# by path, built with -sanitize=fuzzer,address on the scratch path
# Fuzz/.build-fuzz (the main .build is never touched). One process, one
# core, at low priority. Seeds come from Fuzz/corpus/TARGET (committed, read
# only); new inputs go to Fuzz/.build-fuzz/corpus/TARGET; crashes to
# fuzz-artifacts/TARGET/ at the project root. Exit status: libFuzzer's
# (0 when the time ran out with no crash).
#
# FUZZ_CONFIG=release builds optimised (still with ASan and Swift's own
# checks): the loader target loads the whole content per input, about
# 2 inputs a second in debug, several times more in release.
set -euo pipefail

usage() { echo "usage: $0 request|loader|text|template|length SECONDS [libFuzzer options ...]" >&2; exit 64; }
[[ $# -ge 2 ]] || usage
target=$1 seconds=$2
shift 2
case $target in
    request | FuzzRequest) target=request product=FuzzRequest max_len=70000 ;;
    loader | FuzzLoader) target=loader product=FuzzLoader max_len=40000 ;;
    text | FuzzText) target=text product=FuzzText max_len=4096 ;;
    template | FuzzTemplate) target=template product=FuzzTemplate max_len=16384 ;;
    length | FuzzLength) target=length product=FuzzLength max_len=256 ;;
    *) usage ;;
esac
[[ $seconds =~ ^[0-9]+$ ]] || usage

root=$(cd "$(dirname "$0")/.." && pwd)
fuzz=$root/Fuzz
scratch=$fuzz/.build-fuzz

echo "== building $product (${FUZZ_CONFIG:-debug}, scratch path $scratch)" >&2
config=${FUZZ_CONFIG:-debug}
(cd "$fuzz" && nice swift build -c "$config" --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product "$product" >&2)

corpus=$scratch/corpus/$target
artifacts=$root/fuzz-artifacts/$target
mkdir -p "$corpus" "$artifacts"

echo "== fuzzing $product for $seconds s" >&2
# No leak checks: the engine and handler are globals that live for the whole
# run (memory growth is what scripts/soak.py measures).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:malloc_context_size=8}
exec nice -n 10 "$scratch/$config/$product" \
    -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=4096 -timeout=20 -detect_leaks=0 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$@" "$corpus" "$fuzz/corpus/$target"
