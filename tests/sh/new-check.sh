#!/bin/sh
# new-check.sh — the workflow of a new user: take `soleus new`, fill ten
# findings with the slips clinicians make (wrong case, a unit, a decimal
# comma, a misspelt name, an attribute for the value, a wrong section), and
# `soleus check` must list every problem with its line and a suggestion, in
# one run; once corrected, check says ok and assess runs.
# Env: SOLEUS (binary), SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
S() { ${SOLEUS_WRAP:-} "$SOLEUS" --knowledge knowledge --rules rules "$@"; }
dir=$(mktemp -d "${TMP:-/tmp}/newcheck.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT INT TERM
fail() { echo "new-check: $*"; [ -f "$dir/out" ] && cat "$dir/out"; exit 1; }

S new --case jane-2026 > "$dir/blank.xml" || fail "soleus new failed"
# fill NAME VALUE: put VALUE into the empty <finding name="NAME">.
fill() { sed -i "s|<finding name=\"$1\"></finding>|<finding name=\"$1\">$2</finding>|" "$dir/rec.xml"; }
cp "$dir/blank.xml" "$dir/rec.xml"
fill age "35 years"                        # unit: fine, a note
fill sex "Female"                          # wrong case
fill onset "gradual"
fill symptom-duration "2 weeks"            # unit: fine, a note
fill weekly-mileage-increase-pct "20%"     # unit: fine, a note
fill stopped-in-tracks "No"                # wrong case
fill foot-strike "heal"                    # misspelt value
fill calf-swelling-diff "1,5"              # decimal comma: fine, a note
sed -i 's|<finding name="previous-calf-strain"></finding>|<finding name="previus-calf-strain">no</finding>|' "$dir/rec.xml"
sed -i 's|<finding name="cadence"></finding>|<finding name="cadence" value="170"/>|' "$dir/rec.xml"
line_of() { grep -n "$1" "$dir/rec.xml" | head -1 | cut -d: -f1; }

S check "$dir/rec.xml" > "$dir/out" 2>&1
st=$?
[ "$st" = 4 ] || fail "expected exit 4 from check of a record with slips, got $st"
f="$dir/rec.xml"
expect() { grep -qF -- "$1" "$dir/out" || fail "missing: $1"; }
expect "$f:$(line_of 'name="sex"'): error: finding 'sex': 'Female' is not an allowed value: expected one of male|female (did you mean: female)"
expect "$f:$(line_of 'name="stopped-in-tracks"'): error: finding 'stopped-in-tracks': wrong type: expected yes, no or unknown, got 'No' (did you mean: no)"
expect "$f:$(line_of 'name="foot-strike"'): error: finding 'foot-strike': 'heal' is not an allowed value"
expect "(did you mean: heel)"
expect "$f:$(line_of 'previus-calf-strain'): error: unknown finding 'previus-calf-strain': not in the vocabulary (did you mean: previous-calf-strain)"
expect "$f:$(line_of 'name="cadence"'): error: does not match the record schema: attribute 'value' is not allowed on <finding>: write the value as the element's text, <finding name=\"cadence\">170</finding>"
expect "$f:$(line_of 'name="symptom-duration"'): note: '2 weeks' read as 14 days"
expect "$f:$(line_of 'name="weekly-mileage-increase-pct"'): note: '20%' read as 20 %"
expect "$f:$(line_of 'name="calf-swelling-diff"'): note: '1,5' read as 1.5 cm"
expect "$f:$(line_of 'name="age"'): note: '35 years' read as 35 years"
expect "$f: 5 errors"
[ "$(grep -c ': error: ' "$dir/out")" = 5 ] || fail "expected exactly 5 errors"

# Corrected as suggested, the record checks and assesses.
sed -i -e 's|>Female<|>female<|' -e 's|>No<|>no<|' -e 's|>heal<|>heel<|' \
       -e 's|previus-calf-strain|previous-calf-strain|' \
       -e 's|<finding name="cadence" value="170"/>|<finding name="cadence">170</finding>|' "$dir/rec.xml"
S check "$dir/rec.xml" > "$dir/out" 2>&1 || fail "the corrected record does not check"
expect "$f: ok, ready to assess"
S assess --no-next "$dir/rec.xml" > "$dir/out" 2>&1 || fail "the corrected record does not assess"
exit 0
