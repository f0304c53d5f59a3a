#!/bin/sh
# tests/sh/write-errors.sh — no lost output: every command whose stdout is
# /dev/full (disk full) or closed exits 6 (SOL_EXIT_WRITE, the one write
# failure status) with one "cannot write" line on stderr, never 0. Also
# coverage --output to /dev/full. Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/wr.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
[ -w /dev/full ] || { echo "write-errors: no /dev/full on this system"; exit 1; }
R=examples/tc3-dvt.xml
bad=0
# check HOW ARGS...: HOW is "full" (stdout to /dev/full) or "closed".
check() {
    how=$1
    shift
    if [ "$how" = full ]; then
        ${SOLEUS_WRAP:-} "$SOLEUS" "$@" > /dev/full 2> "$W/err" < /dev/null
    else
        ${SOLEUS_WRAP:-} "$SOLEUS" "$@" >&- 2> "$W/err" < /dev/null
    fi
    st=$?
    if [ $st -ne 6 ] || ! grep -q 'cannot write' "$W/err" || [ "$(wc -l < "$W/err")" -ne 1 ]; then
        echo "soleus $* > $how: exit $st (want 6 and one 'cannot write' line):"
        head -5 "$W/err"
        bad=1
    fi
}
for how in full closed; do
    check $how assess $R
    check $how assess --format json $R
    check $how assess --no-next --format summary $R
    check $how explain $R
    check $how explain --style teach $R
    check $how explain --format dot $R
    check $how why-not $R achilles-rupture
    check $how what-if $R --set onset=sudden
    check $how rules
    check $how rules --format md
    check $how lint
    check $how lint --list-checks
    check $how coverage tests/cases/tc1-hayley-overstride
    check $how coverage --format lcov tests/cases/tc1-hayley-overstride
    check $how --help
    check $how --version
    check $how assess --help
    check $how assess --format html $R
    check $how check $R
    check $how new
    check $how batch $R
    check $how questionnaire
    check $how explain --format json $R
done
# --output FILE that cannot be written.
${SOLEUS_WRAP:-} "$SOLEUS" coverage --output /dev/full tests/cases/tc1-hayley-overstride \
    > "$W/out" 2> "$W/err"
st=$?
if [ $st -ne 6 ] || ! grep -q 'cannot write' "$W/err"; then
    echo "coverage --output /dev/full: exit $st (want 6)"; cat "$W/err"; bad=1
fi
${SOLEUS_WRAP:-} "$SOLEUS" coverage --output "$W/no/such/dir/x.info" tests/cases/tc1-hayley-overstride \
    > "$W/out" 2> "$W/err"
st=$?
if [ $st -ne 6 ] || ! grep -q 'cannot write' "$W/err"; then
    echo "coverage --output into a missing folder: exit $st (want 6)"; cat "$W/err"; bad=1
fi
exit $bad
