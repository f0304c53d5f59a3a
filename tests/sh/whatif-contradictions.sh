#!/bin/sh
# tests/sh/whatif-contradictions.sh — what-if refuses two changes to one
# finding (--set X=a --set X=b, --set X --unset X, the same change twice)
# with exit 2 and a message naming the finding, before any work; distinct
# findings are still fine. Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/wic.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
R=examples/tc3-dvt.xml
bad=0
refused() {
    ${SOLEUS_WRAP:-} "$SOLEUS" what-if $R "$@" > "$W/out" 2> "$W/err"
    st=$?
    if [ $st -ne 2 ] || ! grep -q "finding 'onset' is changed twice" "$W/err" || [ -s "$W/out" ]; then
        echo "what-if $*: exit $st (want 2, 'onset' named, no output)"; cat "$W/err"; bad=1
    fi
}
refused --set onset=sudden --set onset=gradual
refused --set onset=sudden --unset onset
refused --unset onset --set=onset=gradual
refused --set onset=sudden --set onset=sudden
${SOLEUS_WRAP:-} "$SOLEUS" what-if $R --set onset=sudden --unset symptom-trend > "$W/out" 2> "$W/err"
st=$?
if [ $st -ne 0 ]; then echo "what-if with two distinct findings: exit $st"; cat "$W/err"; bad=1; fi
exit $bad
