#!/bin/sh
# serve-load.sh — a bounded load run of `soleus serve` on loopback: 2,000
# patient-view hook calls (the seven examples in turn) from 16 concurrent
# clients (one curl in parallel mode). Every response must be 200 and equal,
# byte for byte, to that example's cards from a single call; the server's
# resident memory after the run must stay within 10 % (plus 4 MB) of its
# memory after a warm-up. Latency is measured and reported, never judged.
# The figures go to $BUILD/serve-load.txt.
SOLEUS=${SOLEUS:-build/soleus}
BUILD=${BUILD:-build}
N=${LOAD_REQUESTS:-2000}
C=${LOAD_CLIENTS:-16}
T=$(mktemp -d "${TMPDIR:-/tmp}/soleus-load.XXXXXX")
PID=
trap '[ -n "$PID" ] && kill -KILL $PID 2>/dev/null; rm -rf "$T"' EXIT INT TERM
fail=0
no() { echo "FAIL: $*"; fail=1; }
. tests/sh/serve.inc
# Under AddressSanitizer freed memory sits in a quarantine; keep it small so
# resident memory says what the server itself holds.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0"
export ASAN_OPTIONS
rss() { sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' /proc/$PID/status; }

set -- examples/*.xml
k=0
for x in "$@"; do
    "$SOLEUS" questionnaire --response "$x" > "$T/$k.qr.json" || no "$x: --response"
    hook "$T/$k.qr.json" "$T/$k.hook.json"
    k=$((k + 1))
done
NEX=$k
start load --threads ${LOAD_THREADS:-2} --quiet --max-connections 64 || exit 1
k=0
while [ $k -lt $NEX ]; do
    st=$(post /cds-services/soleus-calf "$T/$k.hook.json" application/json "$T/$k.want")
    [ "$st" = 200 ] || no "example $k: status $st"
    k=$((k + 1))
done

# config for one curl: N transfers, C at a time
# (options after "next" start afresh, so each transfer repeats them)
conf() { # FIRST COUNT FILE
    i=$1
    : > "$3"
    while [ $i -lt $(($1 + $2)) ]; do
        [ $i -gt $1 ] && echo next >> "$3"
        printf 'url = "%s/cds-services/soleus-calf"\noutput = "%s/r/%d.%d"\n' "$URL" "$T" $i $((i % NEX)) >> "$3"
        printf 'header = "Content-Type: application/json"\ndata-binary = "@%s/%d.hook.json"\n' "$T" $((i % NEX)) >> "$3"
        printf 'silent\nmax-time = 120\nwrite-out = "%%{http_code} %%{time_total} %%{filename_effective}\\n"\n' >> "$3"
        i=$((i + 1))
    done
}
mkdir -p "$T/r"
rss_start=$(rss)
conf 0 140 "$T/warm.conf"
curl --parallel --parallel-max "$C" -K "$T/warm.conf" > "$T/warm.codes" 2> "$T/curl.err"
[ "$(grep -c '^200 ' "$T/warm.codes")" = 140 ] || no "warm-up: not every call answered 200"

rm -f "$T"/r/*
rss0=$(rss)
conf 0 "$N" "$T/load.conf"
s0=$(date +%s)
curl --parallel --parallel-max "$C" -K "$T/load.conf" > "$T/load.out" 2>> "$T/curl.err"
s1=$(date +%s)
rss1=$(rss)
kill -0 $PID 2>/dev/null || no "server died under load"

ok=0 bad=0
while read -r code time file; do
    ex=${file##*.}
    if [ "$code" = 200 ] && cmp -s "$file" "$T/$ex.want"; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
done < "$T/load.out"
[ "$ok" = "$N" ] || no "$ok of $N responses correct ($bad wrong or missing)"
awk '{ print $2 * 1000 }' "$T/load.out" | sort -n > "$T/lat"
p50=$(awk -v n="$(wc -l < "$T/lat")" 'NR == int(n * 0.50 + 0.5) { printf "%.1f", $1 }' "$T/lat")
p99=$(awk -v n="$(wc -l < "$T/lat")" 'NR == int(n * 0.99 + 0.5) { printf "%.1f", $1 }' "$T/lat")
max=$(tail -n 1 "$T/lat")
limit=$((rss0 + rss0 / 10 + 4096))
[ "$rss1" -le "$limit" ] || no "memory grew: ${rss0} kB after warm-up, ${rss1} kB after the run"
stop
summary="load: $N hook calls, $C concurrent clients, ${LOAD_THREADS:-2} workers: $ok correct, $bad errors; latency p50 ${p50} ms, p99 ${p99} ms, max ${max} ms; $((s1 - s0)) s wall; RSS ${rss_start} kB at start, ${rss0} kB after a 140-call warm-up, ${rss1} kB after the run"
echo "$summary"
mkdir -p "$BUILD" && echo "$summary" > "$BUILD/serve-load.txt"
exit $fail
