#!/bin/sh
# tests/sh/coverage-gate.sh — the CI gate of issue 5 over the golden corpus:
#  1. `soleus coverage tests/cases/*/` exits 0: every rule fired in some case;
#  2. its LCOV tracefile renders with genhtml (one page per rule file);
#  3. its counts agree with firings counted independently, from the
#     "fired MODULE::rule" lines of `soleus assess --format summary`.
# Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/coverage-gate.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
set -- tests/cases/*/
[ -d "$1" ] || { echo "coverage-gate: no golden cases"; exit 1; }
status=0

# 1. every rule fired
if ! ${SOLEUS_WRAP:-} "$SOLEUS" coverage "$@" > "$W/cov.txt" 2> "$W/cov.err"; then
    echo "coverage-gate: rules never fired by the golden corpus:"
    grep ' fired   0 ' "$W/cov.txt"
    cat "$W/cov.err"
    status=1
fi

# 2. LCOV renders
if ! ${SOLEUS_WRAP:-} "$SOLEUS" coverage --format lcov --output "$W/cov.info" "$@" 2> "$W/lcov.err" \
        && ! [ -s "$W/cov.info" ]; then
    echo "coverage-gate: no LCOV tracefile"; cat "$W/lcov.err"; exit 1
fi
if ! command -v genhtml > /dev/null; then
    echo "coverage-gate: genhtml missing (make deps installs lcov)"; exit 1
fi
if ! genhtml -q --branch-coverage --function-coverage -o "$W/html" "$W/cov.info" > "$W/genhtml.out" 2>&1; then
    echo "coverage-gate: genhtml failed"; cat "$W/genhtml.out"; exit 1
fi
[ -f "$W/html/index.html" ] || { echo "coverage-gate: no index.html"; exit 1; }
for clp in rules/*.clp; do
    page=$(find "$W/html" -name "$(basename "$clp").gcov.html" | head -1)
    [ -n "$page" ] || { echo "coverage-gate: genhtml made no page for $clp"; status=1; }
done

# 3. independent count: sum the fired lines of each case's summary
: > "$W/fired"
for dir in "$@"; do
    ${SOLEUS_WRAP:-} "$SOLEUS" assess --no-next --format summary "$dir/record.xml" > "$W/one" \
        || { echo "coverage-gate: assess failed on $dir"; exit 1; }
    # the rule is the first word (a table-driven rule's findings follow)
    sed -n 's/^fired \([^ ]*\).*/\1/p' "$W/one" >> "$W/fired"
done
sort "$W/fired" | uniq -c | awk '{ print $2, $1 }' | sort > "$W/counted"
# (deffunctions are LCOV functions too, counted by their calls: left out here)
sed -n 's/^(deffunction \([A-Z]*::[a-z0-9-]*\).*/\1/p' rules/*.clp > "$W/deffunctions"
sed -n 's/^FNDA:\([0-9]*\),\(.*\)$/\2 \1/p' "$W/cov.info" |
    awk -v skip="$W/deffunctions" 'BEGIN { while ((getline l < skip) > 0) d[l] = 1 }
                                  $2 > 0 && !($1 in d)' | sort > "$W/lcov"
if ! diff -u "$W/counted" "$W/lcov" > "$W/diff"; then
    echo "coverage-gate: LCOV FNDA counts disagree with counted firings (- counted, + lcov):"
    cat "$W/diff"
    status=1
fi
[ -s "$W/counted" ] || { echo "coverage-gate: no firings counted"; status=1; }
exit $status
