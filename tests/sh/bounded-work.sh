#!/bin/sh
# tests/sh/bounded-work.sh — the worst record the bounds of src/bounds.h
# accept (tools/limit-record.sh worst) costs at most 1000 times a normal
# record (tc3), as median CPU times of one interleaved run of $BUILD/bench-bounds:
# a ratio, not a wall-clock limit. The note matcher is linear in the note
# bytes, so the worst case is about 200x (make bench prints it); the
# unbounded paths of issue 15 were 10,000x and more. Env: BUILD, TMP.
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
W=${TMP:-/tmp}/bw.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
[ -x "$BUILD/bench-bounds" ] || { echo "bounded-work: $BUILD/bench-bounds is not built"; exit 1; }
sh tools/limit-record.sh worst 0 > "$W/worst.xml" || exit 1
"$BUILD/bench-bounds" --max-ratio 1000 3 examples/tc3-dvt.xml "$W/worst.xml" > "$W/out" 2>&1
st=$?
cat "$W/out"
# The worst record must have been assessed, not refused.
grep -q 'worst.xml *assessed' "$W/out" || { echo "bounded-work: worst record not assessed"; exit 1; }
exit $st
