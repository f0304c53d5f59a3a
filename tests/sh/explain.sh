#!/bin/sh
# tests/sh/explain.sh — golden outputs of explain, why-not and what-if.
# Each tests/explain/NAME.cmd holds a "# covers: …" line and the arguments
# after `soleus` (one line, shell quoting allowed; '#' lines are comments);
# NAME.out is the exact expected output: stdout,
# then "--- stderr" and stderr when anything was printed there, then
# "--- exit N" when the exit status is not 0.
# BLESS=1 sh tests/sh/explain.sh rewrites the .out files: review the diff.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
WRAP=${SOLEUS_WRAP:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/soleus-explain.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
failed=0
n=0

for cmd in tests/explain/*.cmd; do
    [ -f "$cmd" ] || continue
    name=${cmd%.cmd}
    n=$((n + 1))
    eval "set -- $(grep -v '^#' "$cmd" | head -1)"
    $WRAP "$SOLEUS" "$@" > "$T/out" 2> "$T/err"
    status=$?
    if [ -s "$T/err" ]; then
        echo "--- stderr" >> "$T/out"
        cat "$T/err" >> "$T/out"
    fi
    [ "$status" -ne 0 ] && echo "--- exit $status" >> "$T/out"
    if [ -n "$BLESS" ]; then
        cp "$T/out" "$name.out"
        echo "blessed $name.out"
    elif [ ! -f "$name.out" ]; then
        echo "FAIL $name: no $name.out (BLESS=1 sh $0 to create it)"
        failed=$((failed + 1))
    elif ! diff -u "$name.out" "$T/out" > "$T/diff"; then
        echo "FAIL $name: output differs (BLESS=1 sh $0 to accept)"
        head -40 "$T/diff"
        failed=$((failed + 1))
    fi
done
[ "$n" -gt 0 ] || { echo "FAIL no tests/explain/*.cmd found"; exit 1; }
echo "explain goldens: $((n - failed)) of $n match"
[ "$failed" -eq 0 ]
