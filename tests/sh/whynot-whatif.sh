#!/bin/sh
# tests/sh/whynot-whatif.sh — for conclusions one finding away from being
# reached, why-not names that finding (in the rule's conditions and as the
# smallest change) and the what-if it prints really reaches the conclusion.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
WRAP=${SOLEUS_WRAP:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/soleus-whynot.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
failed=0

bad() { echo "FAIL $1"; failed=$((failed + 1)); }

# record  conclusion  (each is one finding change away in the current KB)
while read -r record concl; do
    case "$record" in ''|'#'*) continue ;; esac
    x=examples/$record.xml
    if ! $WRAP "$SOLEUS" why-not "$x" "$concl" > "$T/why" 2> "$T/err"; then
        bad "$record $concl: why-not failed"; cat "$T/err"; continue
    fi
    grep -q "^  Through .*: 1 finding change$" "$T/why" ||
        { bad "$record $concl: no one-change answer"; sed -n '/SMALLEST/,$p' "$T/why"; continue; }
    finding=$(sed -n '/^SMALLEST CHANGE/,$p' "$T/why" | sed -n 's/^    - \([a-z0-9-]*\) = .*/\1/p' | head -1)
    [ -n "$finding" ] || { bad "$record $concl: no finding named"; continue; }
    sed -n '/^RULES THAT COULD REACH IT/,/^SMALLEST CHANGE/p' "$T/why" | grep -q -- "$finding" ||
        bad "$record $concl: $finding is not among the rules' conditions"
    cmd=$(grep '^    soleus what-if ' "$T/why" | sed 's/^    soleus //')
    [ -n "$cmd" ] || { bad "$record $concl: no what-if command"; continue; }
    eval "set -- $cmd"
    if ! $WRAP "$SOLEUS" "$@" > "$T/what" 2> "$T/err"; then
        bad "$record $concl: what-if failed"; cat "$T/err"; continue
    fi
    sed -n '/Conclusions gained:/,/^  [A-Z]/p' "$T/what" | grep -q ", $concl)" ||
        { bad "$record $concl: what-if with $finding does not gain it"; cat "$T/what"; }
done <<'PAIRS'
tc5-gastroc-tear possible-dvt
tc1-hayley-overstride cecs-suspected
tc2-blogger-hip driver-neural-mobility
tc6-borderline driver-calf-capacity
PAIRS
[ "$failed" -eq 0 ]
