#!/bin/sh
# tests/sh/dot.sh — the Graphviz picture of every example (and of the
# explanation fixtures) renders with `dot -Tsvg`.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
WRAP=${SOLEUS_WRAP:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/soleus-dot.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
command -v dot > /dev/null 2>&1 || { echo "FAIL graphviz 'dot' is not installed (make deps)"; exit 1; }
failed=0
for x in examples/*.xml tests/explain/records/*.xml; do
    [ -f "$x" ] || continue
    if ! $WRAP "$SOLEUS" explain "$x" --format dot > "$T/g.dot" 2> "$T/err"; then
        echo "FAIL $x: explain --format dot failed"; cat "$T/err"
        failed=$((failed + 1)); continue
    fi
    if ! dot -Tsvg "$T/g.dot" > "$T/g.svg" 2> "$T/err" || ! grep -q '<svg' "$T/g.svg"; then
        echo "FAIL $x: dot -Tsvg refused the graph"; cat "$T/err"
        failed=$((failed + 1)); continue
    fi
    if [ -s "$T/err" ]; then
        echo "FAIL $x: dot warned"; cat "$T/err"
        failed=$((failed + 1))
    fi
done
[ "$failed" -eq 0 ]
