#!/bin/sh
# tests/sh/dot-slide.sh — the pictures are fit for a lecture (issue 14): the
# SVGs `make docs` renders (tools/render-docs.sh, here into a temporary
# folder) fit a 16:9 slide (at most 960 pt wide); every node label line is
# wrapped to at most 30 characters; a legend names each shape; conclusions
# sit in one cluster per tier, red flags first, drawn top to bottom in that
# order; every edge label is tied to its edge (decorate).
# Env: SOLEUS, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/dotslide.$$
mkdir -p "$W/svg" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
bad=0
no() { echo "$*"; bad=1; }
command -v dot > /dev/null || { echo "graphviz missing (make deps)"; exit 1; }
OUT="$W/svg" SOLEUS="$SOLEUS" sh tools/render-docs.sh > "$W/log" 2>&1 || { no "render-docs failed: $(cat "$W/log")"; }
n=0
for svg in "$W"/svg/*.svg; do
    [ -f "$svg" ] || continue
    n=$((n + 1))
    w=$(sed -n 's/^<svg width="\([0-9.]*\)pt".*/\1/p' "$svg" | head -1)
    awk -v w="$w" 'BEGIN { exit !(w != "" && w + 0 <= 960) }' || no "$(basename "$svg"): $w pt wide, more than a slide's 960 pt"
done
[ "$n" -ge 7 ] || no "make docs rendered $n pictures, not the 7 examples"
for x in examples/*.xml; do
    name=$(basename "$x" .xml)
    "$SOLEUS" explain "$x" --format dot > "$W/g.dot" 2>&1 || { no "$name: explain --format dot failed"; continue; }
    # node labels wrapped (the graph title is not a node), the conclusions panel too
    { grep '^ *"[^"]*" \[shape=' "$W/g.dot" | grep -v '^ *"conclusions"' |
          sed 's/.*label="\(\([^"\\]\|\\.\)*\)".*/\1/' | sed 's/\\n/\n/g'
      sed -n '/^  "conclusions"/,/>];$/p' "$W/g.dot" | sed 's/<BR\/>/\n/g; s/<[^>]*>//g; s/&[a-z]*;/x/g' | sed 's/^ *//'
    } | awk 'length($0) > 30 && !/^ *"conclusions"/' > "$W/long"
    [ -s "$W/long" ] && no "$name: label lines longer than 30: $(head -2 "$W/long" | tr '\n' '|')"
    # the legend names each shape
    for s in ellipse box note legend:conclusion legend:redflag; do
        sed -n '/subgraph cluster_legend/,/^  }/p' "$W/g.dot" | grep -q "$s" || no "$name: legend lacks $s"
    done
    # every labelled edge is tied to its edge
    grep -- '->.*label=' "$W/g.dot" | grep -v 'decorate=true' | head -1 > "$W/nd"
    [ -s "$W/nd" ] && no "$name: an edge label floats: $(cat "$W/nd")"
    # tier sections in rank order (a subsequence of A T K X), and drawn top to bottom
    sed -n 's/.*<!-- tier \([ATKX]\) -->.*/\1/p' "$W/g.dot" | tr -d '\n' > "$W/order"
    echo "$(cat "$W/order")" | grep -qx 'A\{0,1\}T\{0,1\}K\{0,1\}X\{0,1\}' || no "$name: tier sections out of order: $(cat "$W/order")"
    [ -s "$W/order" ] || no "$name: no tier section"
    dot -Tsvg "$W/g.dot" > "$W/g.svg" 2> /dev/null
    for t in "Red flags and referrals" "Calf tissue state" "Kinetic&#45;chain and load drivers" "Advisories"; do
        grep "<text [^>]*>$t</text>" "$W/g.svg" | sed 's/.* y="\([-0-9.]*\)".*/\1/'
    done > "$W/ys"
    [ "$(wc -l < "$W/ys")" = "$(wc -c < "$W/order")" ] || no "$name: $(wc -l < "$W/ys") tier titles drawn for sections $(cat "$W/order")"
    sort -n -c "$W/ys" 2> /dev/null || no "$name: tiers not drawn top to bottom in rank order: $(tr '\n' ' ' < "$W/ys")"
    # red flags first: the first conclusion drawn is a red flag when there is one
    if "$SOLEUS" assess --no-next --format summary "$x" | grep -q '^red-flag yes'; then
        grep -q 'PORT="c0" COLOR="red"' "$W/g.dot" || no "$name: the first conclusion drawn is not a red flag"
    fi
    # every vote edge points at its conclusion's cell
    grep -q -- '-> "conclusions":c0:w' "$W/g.dot" || no "$name: no vote points at the first conclusion"
done
exit $bad
