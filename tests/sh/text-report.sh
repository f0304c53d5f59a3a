#!/bin/sh
# text-report.sh — the text report reads at a glance: a summary of at most
# six lines with the action first; one line on what a certainty is; no line
# repeated within a conclusion; lines of at most 80 columns when piped; the
# Wells total wherever the Wells rules ran; an emergency leads with "refer
# now"; note findings listed with their line; recorded findings no rule reads
# listed; colour only on a terminal and never with NO_COLOR.
# Env: SOLEUS (binary), SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
S() { ${SOLEUS_WRAP:-} "$SOLEUS" --knowledge knowledge --rules rules "$@"; }
dir=$(mktemp -d "${TMP:-/tmp}/textrep.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT INT TERM
fail() { echo "text-report: $*"; exit 1; }

for f in examples/*.xml tests/cases/*/record.xml; do
    S assess --no-next "$f" > "$dir/out" 2>&1 || fail "$f: assess failed"
    S assess --no-next --format summary "$f" > "$dir/sum" 2>&1 || fail "$f: summary failed"
    # The summary: within the first 6 lines, the action first, at most 6 lines.
    head -6 "$dir/out" | grep -q '^AT A GLANCE$' || fail "$f: no summary at the top"
    awk '/^AT A GLANCE$/ { on = 1; n = 1; next }
         on && /^$/ { exit }
         on { n++; if (n == 2 && $1 != "Action:") bad = 1 }
         END { exit (n > 6 || bad) }' "$dir/out" || fail "$f: summary longer than 6 lines or not action first"
    grep -q '^A certainty (0 to 1) is a rule-based strength of belief' "$dir/out" ||
        fail "$f: no line saying what a certainty is"
    awk 'length($0) > 80 { exit 1 }' "$dir/out" || fail "$f: a line wider than 80 columns"
    # No line repeats within one conclusion (from "  N. " to the next one).
    awk '/^  [0-9]+\. / { delete seen } /^[A-Z]/ { delete seen }
         /^     [^ ]/ || /^       [^ ]/ { if (seen[$0]++) { print "repeated: " $0; exit 1 } }' "$dir/out" ||
        fail "$f: a line repeats within a conclusion"
    if grep -q '^fired SCREEN::open-wells-score' "$dir/sum"; then
        grep -q '^  Wells DVT score: [-0-9]* points\{0,1\}, \(low\|moderate\|high\) band' "$dir/out" ||
            fail "$f: the Wells rules ran but no Wells total and band"
    fi
    if grep -q '^conclusion A 1 .*' "$dir/sum" && grep -q '^suppressed yes' "$dir/sum"; then
        sed -n 6p "$dir/out" | grep -q '^  Action:   refer \(now\|soon\)' ||
            fail "$f: a red flag needing a doctor does not lead with the referral"
    fi
    grep -q $(printf '\033') "$dir/out" && fail "$f: escape sequences in piped output"
done

# An emergency: refer now, first thing after the headline.
S assess --no-next tests/cases/mg-acs-emergency/record.xml > "$dir/out"
grep -q '^  Action:   refer now (emergency): Acute compartment syndrome (A2)' "$dir/out" ||
    fail "the emergency does not say refer now"
grep -q 'safety default' "$dir/out" && fail "hold treatment still called a safety default"
grep -q '^    serves the red flag acute-compartment-syndrome, raised on sources ' "$dir/out" ||
    fail "hold treatment does not cite the sources of the flag it serves"

# The JSON report carries the same at-a-glance facts.
S assess --no-next --format json examples/tc3-dvt.xml > "$dir/json" || fail "json failed"
tr -d ' \n' < "$dir/json" | grep -q '"at_a_glance":{"action":"refersoon(urgent)","action_for":"possible-dvt","unused_findings":\[\],"wells":{"band":"high","total":3}}' ||
    fail "the JSON report lacks the at-a-glance action and Wells total"

# Findings read from notes: each with its line and quote.
S assess --no-next tests/cases/note-tc3-dvt/record.xml > "$dir/out"
grep -q '^READ FROM YOUR NOTES' "$dir/out" || fail "no section for the findings read from notes"
grep -q '^  - line 6: "pitting oedema" read as pitting-oedema-symptomatic-leg = yes$' "$dir/out" ||
    fail "a note finding is not listed with its line and quote"

# A recorded finding no rule reads (cadence) is listed as such, with its unit.
sed 's|<running>|<running><finding name="cadence">172</finding>|' examples/tc1-hayley-overstride.xml > "$dir/cad.xml"
S assess --no-next "$dir/cad.xml" > "$dir/out" || fail "assess with cadence failed"
sed -n '/^RECORDED, NOT USED BY ANY RULE/,/^$/p' "$dir/out" | grep -q '^  - cadence = 172 steps/min (line ' ||
    fail "a recorded finding no rule reads is not listed"
sed -n '/^RECORDED, NOT USED BY ANY RULE/,/^$/p' "$dir/out" | grep -q 'foot-strike' &&
    fail "a finding a rule reads is listed as unused"

# The record's visit details head the report.
sed 's|<assessment id="tc1-hayley-overstride">|&<date>2026-03-14</date><clinician>A. Physio</clinician><visit>2</visit>|' \
    examples/tc1-hayley-overstride.xml > "$dir/visit.xml"
S assess --no-next "$dir/visit.xml" > "$dir/out" || fail "assess with visit details failed"
sed -n 1,4p "$dir/out" | grep -q "^Visit 2, 2026-03-14, A. Physio$" || fail "visit details not in the header"

# Colour on a terminal only, and never with NO_COLOR.
if command -v script >/dev/null 2>&1 && [ -z "${SOLEUS_WRAP:-}" ]; then
    script -qec "$SOLEUS --knowledge knowledge --rules rules assess --no-next examples/tc3-dvt.xml" /dev/null > "$dir/tty" 2>&1
    grep -q "$(printf '\033')\[1m" "$dir/tty" || fail "no bold on a terminal"
    NO_COLOR=1 script -qec "$SOLEUS --knowledge knowledge --rules rules assess --no-next examples/tc3-dvt.xml" /dev/null > "$dir/tty" 2>&1
    grep -q "$(printf '\033')\[" "$dir/tty" && fail "colour on a terminal with NO_COLOR"
fi
exit 0
