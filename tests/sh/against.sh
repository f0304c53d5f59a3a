#!/bin/sh
# tests/sh/against.sh — arguing-against evidence lowers certainty.
# For each pair tests/against/NAME-base.xml / NAME-against.xml (the against
# record is the base plus exactly one finding that argues against the base's
# top conclusion of one tier), `soleus assess --format summary` must show that
# conclusion's certainty strictly lower in the against record, or no longer
# top of its tier. The base must rank the named conclusion first, so a broken
# base cannot pass silently.
# Env: SOLEUS (the binary), SOLEUS_WRAP (e.g. valgrind), TMP (scratch dir).
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
WRAP=${SOLEUS_WRAP:-}
T=$(mktemp -d "${TMP:-/tmp}/soleus-against.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
D=tests/against
# NAME TIER CONCLUSION (the base's top conclusion of TIER)
PAIRS='
a-cecs-rest-pain A cecs-suspected
a-acs-settles A acute-compartment-syndrome
a-dvt-alternative A possible-dvt
a-rupture-squeeze A achilles-rupture
t-gastroc-gradual T gastrocnemius-strain
t-gastroc-bilateral T gastrocnemius-strain
t-overuse-sudden T calf-overuse-overload
k-overstride-midfoot K driver-overstride-heel-strike
k-hip-level-squat K driver-hip-glute-control
k-capacity-reps K driver-calf-capacity
k-forefoot-heel K driver-forefoot-toe-running-demand
x-review-walking X clinical-review-advised
'

fail() { echo "FAIL against $1: $2"; }

# The <finding> lines of a record, trimmed and sorted.
findings() { sed -n 's/^[[:space:]]*\(<finding .*<\/finding>\)[[:space:]]*$/\1/p' "$1" | sort; }

# assess FILE OUT: summary of FILE into OUT; loud on any failure.
assess() {
    $WRAP "$SOLEUS" assess --format summary "$1" > "$2" 2> "$T/err"
    status=$?
    if [ "$status" -ne 0 ]; then
        echo "    soleus assess $1 failed (exit $status):"; sed 's/^/    /' "$T/err"
        return 1
    fi
    if ! grep -q '^conclusion ' "$2"; then
        echo "    soleus assess $1 printed no conclusion line"
        return 1
    fi
}

# cf of "conclusion TIER RANK ID cf=X" for ID in a summary; empty if absent.
cf_of() { awk -v t="$2" -v id="$3" '$1 == "conclusion" && $2 == t && $4 == id { sub(/^cf=/, "", $5); print $5; exit }' "$1"; }
rank_of() { awk -v t="$2" -v id="$3" '$1 == "conclusion" && $2 == t && $4 == id { print $3; exit }' "$1"; }

echo "$PAIRS" | while read -r name tier id; do
    [ -n "$name" ] || continue
    base=$D/$name-base.xml
    against=$D/$name-against.xml
    for f in "$base" "$against"; do
        [ -f "$f" ] || { fail "$name" "missing $f"; continue 2; }
    done
    # The against record must be the base plus exactly one finding.
    findings "$base" > "$T/fb"
    findings "$against" > "$T/fa"
    extra=$(comm -13 "$T/fb" "$T/fa" | wc -l)
    lost=$(comm -23 "$T/fb" "$T/fa" | wc -l)
    if [ "$extra" -ne 1 ] || [ "$lost" -ne 0 ]; then
        fail "$name" "against record must add exactly one finding to the base (added $extra, removed or changed $lost)"
        continue
    fi
    added=$(comm -13 "$T/fb" "$T/fa")
    assess "$base" "$T/sb" || { fail "$name" "base record did not assess"; continue; }
    assess "$against" "$T/sa" || { fail "$name" "against record did not assess"; continue; }
    cfb=$(cf_of "$T/sb" "$tier" "$id")
    rb=$(rank_of "$T/sb" "$tier" "$id")
    if [ "$rb" != 1 ] || [ -z "$cfb" ]; then
        fail "$name" "base: $id is not the top $tier conclusion (rank '${rb:-absent}')"
        sed -n '/^conclusion /p' "$T/sb" | sed 's/^/    /'
        continue
    fi
    cfa=$(cf_of "$T/sa" "$tier" "$id")
    ra=$(rank_of "$T/sa" "$tier" "$id")
    if [ "$ra" = 1 ] && ! awk -v a="$cfa" -v b="$cfb" 'BEGIN { exit !(a + 0 < b + 0) }'; then
        fail "$name" "$id stays top of tier $tier with cf $cfa (base $cfb) after adding $added"
        continue
    fi
    echo "ok $name: $tier $id cf $cfb -> ${cfa:-absent} (rank ${ra:-none}) after $added"
done > "$T/log"
cat "$T/log"
failed=$(grep -c '^FAIL ' "$T/log")
checked=$(grep -c '^ok ' "$T/log")
want=$(echo "$PAIRS" | grep -c .)
# Every pair on disk is listed above (an unlisted pair would go untested).
for f in "$D"/*-base.xml "$D"/*-against.xml; do
    [ -f "$f" ] || continue
    n=$(basename "$f" .xml); n=${n%-base}; n=${n%-against}
    if ! echo "$PAIRS" | grep -q "^$n "; then
        echo "FAIL against: $f is not listed in PAIRS"
        failed=$((failed + 1))
    fi
done
if [ "$checked" -ne "$want" ] && [ "$failed" -eq 0 ]; then
    echo "FAIL against: $checked of $want pairs checked"
    exit 1
fi
[ "$failed" -eq 0 ]
