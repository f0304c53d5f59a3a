#!/bin/sh
# tools/render-docs.sh — `make docs`: draws the reasoning behind every
# example record as docs/examples/<name>.svg (soleus explain --format dot,
# rendered by Graphviz). Env: SOLEUS (the binary, default build/soleus),
# OUT (the folder, default docs/examples; tests/sh/dot-slide.sh uses a
# temporary one).
cd "$(dirname "$0")/.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
command -v dot > /dev/null 2>&1 || { echo "render-docs: graphviz 'dot' is not installed (make deps)" >&2; exit 1; }
[ -x "$SOLEUS" ] || { echo "render-docs: no $SOLEUS (run make first)" >&2; exit 1; }
OUT=${OUT:-docs/examples}
mkdir -p "$OUT" || exit 1
T=$(mktemp "${TMPDIR:-/tmp}/soleus-docs.XXXXXX") || exit 1
trap 'rm -f "$T"' EXIT INT TERM
status=0
for x in examples/*.xml; do
    [ -f "$x" ] || continue
    name=$(basename "$x" .xml)
    if "$SOLEUS" explain "$x" --format dot > "$T" && dot -Tsvg "$T" -o "$OUT/$name.svg"; then
        echo "$OUT/$name.svg"
    else
        echo "render-docs: cannot draw $x" >&2
        status=1
    fi
done
exit $status
