#!/bin/sh
# tests/sh/doc-examples.sh — the worked examples of docs/explanations.md and
# docs/audit.md cannot go stale: every fenced block that opens with
# "$ soleus ARGS" is run, and each of its other lines must appear in the
# output, in the same order (a line "…" stands for lines left out).
# Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/docex.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
bad=0
n=0
for doc in docs/explanations.md docs/audit.md; do
    rm -f "$W"/ex.*
    # one file per example: first line the command, then the expected lines
    awk -v dir="$W" '
        /^```/ { if (inb) { inb = 0; if (f) close(f); f = ""; next } inb = 1; first = 1; next }
        inb && first { first = 0; if ($0 ~ /^\$ soleus /) { f = sprintf("%s/ex.%03d", dir, ++k); print > f } next }
        inb && f { print > f }
    ' "$doc"
    for ex in "$W"/ex.*; do
        [ -f "$ex" ] || continue
        n=$((n + 1))
        cmd=$(head -1 "$ex" | sed 's/^\$ soleus //')
        # shellcheck disable=SC2086
        ${SOLEUS_WRAP:-} "$SOLEUS" $cmd > "$W/out" 2>&1
        tail -n +2 "$ex" | awk -v out="$W/out" '
            BEGIN { while ((getline l < out) > 0) o[++no] = l; i = 1 }
            $0 == "…" { next }
            { while (i <= no && o[i] != $0) i++
              if (i > no) { print "not in the output (or out of order): " $0; bad = 1; exit 1 }
              i++ }
        ' > "$W/why" || { echo "$doc: \$ soleus $cmd"; cat "$W/why"; bad=1; }
    done
done
[ "$n" -ge 6 ] || { echo "only $n examples found"; bad=1; }
exit $bad
