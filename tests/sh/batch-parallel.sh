#!/bin/sh
# tests/sh/batch-parallel.sh — scale-out: a stream of the golden corpus split
# by GNU parallel (--pipe --recstart '<assessment', a few records a job, two
# jobs at once, through the --sshlogin machinery with ':' = this machine)
# gives, merged in order, the same objects as one process. input.number,
# input.line and error.line count within each job's chunk: left out.
# Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/bpar.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
command -v parallel > /dev/null || { echo "GNU parallel is not installed (make deps)"; exit 1; }
case "$SOLEUS" in /*) bin=$SOLEUS ;; *) bin=$PWD/$SOLEUS ;; esac
for f in tests/cases/*/record.xml; do sed -n '/<assessment/,$p' "$f"; done > "$W/stream.xml"
# a bad record in the middle must come out as an error line in its place
sed -n '/<assessment/,$p' tests/bad/malformed.xml >> "$W/stream.xml"
for f in examples/*.xml; do cat "$f"; done >> "$W/stream.xml"
n=$(grep -c '<assessment' "$W/stream.xml")

${SOLEUS_WRAP:-} "$bin" batch < "$W/stream.xml" > "$W/one.jsonl" 2> /dev/null
st1=$?
parallel --will-cite --pipe --keep-order --recstart '<assessment' -N 9 -j 2 --sshlogin : \
    ${SOLEUS_WRAP:-} "$bin" batch < "$W/stream.xml" > "$W/par.jsonl" 2> "$W/err"
st2=$?
bad=0
[ "$st1" = 4 ] || { echo "one process: exit $st1, want 4 (one bad record)"; bad=1; }
[ "$st2" != 0 ] || { echo "parallel: exit 0 although a record failed"; bad=1; }
[ "$(wc -l < "$W/one.jsonl")" = "$n" ] || { echo "one process: $(wc -l < "$W/one.jsonl") lines for $n records"; bad=1; }
jq -c 'del(.input.number, .input.line, .error.line)' "$W/one.jsonl" > "$W/a"
jq -c 'del(.input.number, .input.line, .error.line)' "$W/par.jsonl" > "$W/b"
if ! cmp -s "$W/a" "$W/b"; then
    echo "parallel output differs from one process ($(wc -l < "$W/b") vs $(wc -l < "$W/a") lines):"
    diff "$W/a" "$W/b" | head -5 | cut -c1-200
    bad=1
fi
[ "$(jq -r 'select(.error) | .input.source' "$W/par.jsonl" | wc -l)" = 1 ] \
    || { echo "parallel: expected exactly one error line"; bad=1; }
exit $bad
