#!/bin/sh
# tests/sh/teach.sh — the teaching register tells the truth (issue 14):
# salience wording follows its sign; "Known so far" holds every derived fact
# a step matched (as docs/explanations.md promises); a story holds only the
# steps of its own chain; facts are in clinical words, CLIPS syntax only
# under --clips. Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
S="${SOLEUS_WRAP:-} $SOLEUS"
W=${TMP:-/tmp}/teach.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
bad=0
no() { echo "$*"; bad=1; }
tc1=examples/tc1-hayley-overstride.xml
# salience: negative waits, positive goes first
$S explain --style teach $tc1 safety-net-advised > "$W/sn" 2>&1 || no "explain X6 failed"
grep -q 'salience -10, for control: it waits until' "$W/sn" || no "salience -10 is not told as waiting"

for x in examples/*.xml; do $S explain --style teach "$x"; done > "$W/all" 2>&1
grep -n 'salience -[0-9]*[^)]*ahead\|salience -[0-9]*[^)]*before' "$W/all" | head -3 > "$W/hit"
[ -s "$W/hit" ] && no "negative salience told as going first: $(cat "$W/hit")"
grep -n 'salience [1-9][0-9]*[^)]*waits' "$W/all" | head -3 > "$W/hit"
[ -s "$W/hit" ] && no "positive salience told as waiting: $(cat "$W/hit")"
# each story holds only its own chain: no safety-net step in the overstride story
$S explain --style teach $tc1 driver-overstride-heel-strike > "$W/k1" 2>&1
grep -q '^Step .*give-safety-net\|^Step .*fold-late-evidence' "$W/k1" && no "safety-net steps inside the overstride story"
grep -q '^Step .*give-safety-net' "$W/sn" || no "safety-net story lacks its own rule"
# "Known so far": every derived fact a step matched is listed as known
awk '
/^Step / { step = $0; inknown = 0; delete known; next }
/^    Known so far, besides the findings:/ { inknown = 1; next }
inknown && /^      derived / { sub(/^      /, ""); known[$0] = 1; next }
{ inknown = 0 }
/^        matched derived / { f = $0; sub(/^        matched /, "", f); if (!(f in known)) print step ": " f }
/^        held: at least one such fact, e.g. derived / { f = $0; sub(/^.*e\.g\. /, "", f); if (!(f in known)) print step ": " f }
' "$W/all" > "$W/missing"
[ -s "$W/missing" ] && no "matched but not known so far: $(head -3 "$W/missing")"
# clinical words by default, CLIPS syntax under --clips
grep -n 'derived (\|knowledge (\|(counted ' "$W/all" | head -3 > "$W/hit"
[ -s "$W/hit" ] && no "raw CLIPS facts shown by default: $(cat "$W/hit")"
grep -q 'derived vote of R[0-9]*[a-z]*: for ' "$W/k1" || no "no vote in words"
$S explain --style teach --clips $tc1 driver-overstride-heel-strike > "$W/clips" 2>&1
grep -q 'derived (belief (conclusion driver-overstride-heel-strike) (cf 0\.[0-9]*) (counted ' "$W/clips" \
    || no "--clips does not show the CLIPS form"
exit $bad
