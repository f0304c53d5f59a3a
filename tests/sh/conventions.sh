#!/bin/sh
# tests/sh/conventions.sh — command-line conventions of issue 14: options
# anywhere on the line for every command, "-" reads stdin, several records
# per assess call, `soleus rules ID…` by own id or family, one id per rule
# (R17a…) agreeing between the report and the rule model.
# Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
S="${SOLEUS_WRAP:-} $SOLEUS"
W=${TMP:-/tmp}/conv.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
bad=0
no() { echo "$*"; bad=1; }
tc1=examples/tc1-hayley-overstride.xml tc3=examples/tc3-dvt.xml
# options after the operands, as the README documents them
$S coverage tests/cases/tc1*/ --format lcov > "$W/lcov" 2> "$W/err"
[ $? -le 1 ] && grep -q '^SF:' "$W/lcov" || no "coverage CASE --format lcov: $(cat "$W/err")"
$S explain $tc3 A1 --style teach > "$W/a" 2>&1 || no "explain FILE C --style teach fails"
$S explain --style=teach $tc3 A1 > "$W/b" 2>&1 || no "explain --style=teach FILE C fails"
cmp -s "$W/a" "$W/b" || no "explain: option position changes the output"
$S assess $tc3 --no-next --format=summary > "$W/a" 2>&1 || no "assess FILE --no-next fails"
# "-" is standard input
$S assess --no-next --format summary - < $tc3 > "$W/b" 2> "$W/err" || no "assess - fails: $(cat "$W/err")"
cmp -s "$W/a" "$W/b" || no "assess - differs from assess FILE"
$S why-not - cecs-suspected < $tc1 > "$W/b" 2> "$W/err" || no "why-not - fails: $(cat "$W/err")"
# several records per call: each report, in order; a bad one fails the call
$S assess --no-next --format summary $tc1 $tc3 > "$W/two" 2> "$W/err" || no "assess A B fails"
[ "$(grep -c '^red-flag ' "$W/two")" = 2 ] || no "assess A B: not two reports"
$S assess --no-next --format summary $tc1 "$W/none.xml" $tc3 > "$W/two" 2> "$W/err"
[ $? = 3 ] || no "assess A MISSING B: want exit 3"
[ "$(grep -c '^red-flag ' "$W/two")" = 2 ] || no "assess A MISSING B: the good records are not reported"
# rules ID…: own id, family, any case; unknown is a usage error
[ "$($S rules R23 | grep -c '^R23 ')" = 1 ] || no "rules R23: not exactly rule R23"
[ "$($S rules r17 | grep -c '^R17[a-e] ')" = 5 ] || no "rules R17: not the five R17a-R17e"
[ "$($S rules R17b | grep -c '^R17')" = 1 ] || no "rules R17b: not one rule"
# A family that lives in a table row (sign-sets.tsv R07) selects the generic rule applying it.
[ "$($S rules R07 | grep -c "REDFLAG::flag-sign-pair$")" = 1 ] || no "rules R07: not the sign-pair rule whose row carries R07"
$S rules R99 > "$W/out" 2> "$W/err"; [ $? = 2 ] && grep -q R99 "$W/err" || no "rules R99: want exit 2 naming R99"
# one id per rule: no id is shown for two rules
$S rules | sed -n 's/^\([RX][^ ]*\) [A-Z]*::.*/\1/p' | sort | uniq -d > "$W/dup"
[ -s "$W/dup" ] && no "ids naming several rules: $(tr '\n' ' ' < "$W/dup")"
# the report's id of a vote is the rule model's id of the same rule
for x in examples/*.xml; do
    $S explain "$x" > "$W/x" 2>&1
    awk '/[+-] [RX][^ ]* (support|oppose|prior) / { for (i = 1; i <= NF; i++) if ($i ~ /^(support|oppose|prior)$/) { id = $(i-1); break } }
         /rule: / { for (i = 1; i <= NF; i++) if ($i == "rule:") { if (id != "" && $(i+1) != id) print id " vs " $(i+1); id = ""; break } }' "$W/x" > "$W/mis"
    [ -s "$W/mis" ] && no "$x: report and rule model disagree: $(head -3 "$W/mis" | tr '\n' ' ')"
done
# ... and in the JSON: every vote, recommendation and check names the same id
# for the same rule as `soleus rules --format json`
$S rules --format json > "$W/rules.json" 2>&1
for x in examples/*.xml; do $S assess --no-next --format json "$x"; done > "$W/all.json" 2>&1
python3 - "$W/rules.json" "$W/all.json" > "$W/mis" <<'PY' || no "JSON ids disagree: $(head -3 "$W/mis")"
import json, sys
ids = {r["rule"]: r["rule_id"] for r in json.load(open(sys.argv[1]))["rules"]}
text, dec, pos, bad = open(sys.argv[2]).read(), json.JSONDecoder(), 0, 0
while pos < len(text.rstrip()):
    doc, pos = dec.raw_decode(text, pos)
    pos += len(text[pos:]) - len(text[pos:].lstrip())
    items = [v for c in doc["conclusions"] for v in c["contributions"]]
    for v in items + doc["recommendations"] + doc["suggested_checks"]:
        if ids.get(v["rule"]) != v["rule_id"]:
            print(doc["record"], v["rule"], v["rule_id"], ids.get(v["rule"]))
            bad = 1
sys.exit(bad)
PY
exit $bad
