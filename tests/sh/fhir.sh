#!/bin/sh
# fhir.sh — FHIR in and out: the Questionnaire has exactly one item per
# recordable vocabulary finding (plus the section groups and the notes item),
# the XML and FHIR forms (QuestionnaireResponse, and Bundle with Patient) of
# every example give identical conclusions, FHIR provenance is the JSON path,
# and every bad FHIR input in tests/bad-fhir/ fails as its .expect says.
SOLEUS=${SOLEUS:-build/soleus}
WRAP=${SOLEUS_WRAP:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/soleus-fhir.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
fail=0
no() { echo "FAIL: $*"; fail=1; }

# 1. Questionnaire items against the vocabulary, generated both ways.
$WRAP "$SOLEUS" questionnaire > "$T/q.json" || no "questionnaire exited $?"
sed -n 's/^ *"linkId": "\([^"]*\)",*$/\1/p' "$T/q.json" | sort > "$T/items"
awk -F'\t' '!/^#/ && NF >= 8 && $3 != "derived" { print $1 }' knowledge/vocabulary.tsv > "$T/want"
awk -F'\t' '!/^#/ && NF >= 8 && $3 != "derived" { print $2 }' knowledge/vocabulary.tsv | sort -u >> "$T/want"
echo notes >> "$T/want"
sort "$T/want" > "$T/want.sorted"
diff "$T/want.sorted" "$T/items" > "$T/d" || { no "questionnaire items differ from the vocabulary"; cat "$T/d"; }
[ -z "$(sort "$T/items" | uniq -d)" ] || no "a linkId appears twice"
for ty in bool:boolean int:integer real:decimal; do
    v=${ty%%:*} f=${ty#*:}
    n=$(awk -F'\t' -v t="$v" '!/^#/ && NF >= 8 && $3 == t' knowledge/vocabulary.tsv | wc -l)
    m=$(grep -c "\"type\": \"$f\"" "$T/q.json")
    [ "$n" = "$m" ] || no "$n $v findings but $m $f items"
done
n=$(awk -F'\t' '!/^#/ && NF >= 8 && ($3 == "enum" || $3 == "set")' knowledge/vocabulary.tsv | wc -l)
m=$(grep -c '"type": "choice"' "$T/q.json")
[ "$n" = "$m" ] || no "$n enum/set findings but $m choice items"
grep -q '"enableWhen"' "$T/q.json" || no "no enableWhen in the questionnaire"
grep -q 'questionnaire-unit' "$T/q.json" || no "no unit extension in the questionnaire"

# 2. XML and FHIR forms of every example: the same conclusions, byte for byte.
for x in examples/*.xml; do
    b=$(basename "$x" .xml)
    "$SOLEUS" questionnaire --response "$x" > "$T/$b.qr.json" || no "$b: --response failed"
    "$SOLEUS" questionnaire --response "$x" --bundle > "$T/$b.bundle.json" || no "$b: --bundle failed"
    "$SOLEUS" assess --no-next --format summary "$x" > "$T/$b.xml.sum" || no "$b: XML assess failed"
    for form in qr bundle; do
        $WRAP "$SOLEUS" assess --input fhir --no-next --format summary "$T/$b.$form.json" \
            > "$T/$b.$form.sum" 2> "$T/err" || { no "$b: FHIR $form assess failed"; cat "$T/err"; }
        cmp -s "$T/$b.xml.sum" "$T/$b.$form.sum" || { no "$b: XML and FHIR $form differ"; diff "$T/$b.xml.sum" "$T/$b.$form.sum" | head; }
    done
    grep -q '^conclusion ' "$T/$b.xml.sum" || no "$b: no conclusion to compare"
done

# 3. Provenance: the JSON path stands where the XML path shows a line.
"$SOLEUS" assess --input fhir --no-next "$T/tc3-dvt.bundle.json" > "$T/text" || no "text report failed"
tr '\n' ' ' < "$T/text" | tr -s ' ' | grep -q 'pitting-oedema-symptomatic-leg = yes (\$\.entry\[1\]\.resource\.item\[' \
    || no "text report lacks the JSON path of a finding"
grep -q '(line 0' "$T/text" && no "text report shows line 0"
"$SOLEUS" explain --input fhir "$T/tc3-dvt.qr.json" possible-dvt > "$T/expl" || no "explain --input fhir failed"
grep -q '(\$\.item\[' "$T/expl" || no "explain lacks the JSON path"
"$SOLEUS" why-not --input fhir "$T/tc1-hayley-overstride.qr.json" possible-dvt > /dev/null || no "why-not --input fhir failed"
"$SOLEUS" what-if --input fhir "$T/tc1-hayley-overstride.qr.json" --set pitting-oedema-symptomatic-leg=yes > "$T/wi" \
    || no "what-if --input fhir failed"
grep -q 'red flag: no -> yes' "$T/wi" || no "what-if on FHIR did not raise the red flag"
printf '{"resourceType":"QuestionnaireResponse","item":[{"linkId":"screening","item":[{"linkId":"shiny-skin","answer":[{"valueBoolean":false}]}]},{"linkId":"notes","answer":[{"valueString":"The skin over the calf looks shiny."}]}]}' > "$T/conflict.json"
"$SOLEUS" assess --no-next --input fhir "$T/conflict.json" > "$T/conflict.txt" || no "conflict record failed"
# the text report wraps long lines: compare with the line breaks folded
tr '\n' ' ' < "$T/conflict.txt" | tr -s ' ' | grep -qF 'shiny-skin: record says no ($.item[0].item[0]), note says yes ($.item[1].answer[0].valueString: "shiny")' \
    || { no "note conflict lacks the JSON paths"; grep -A2 CONFLICTS "$T/conflict.txt"; }
"$SOLEUS" assess --input yaml "$T/tc3-dvt.qr.json" > /dev/null 2>&1; [ $? = 2 ] || no "--input yaml is not a usage error"
# check and batch read FHIR too
"$SOLEUS" check --input fhir "$T/tc3-dvt.qr.json" | grep -q ': ok, ready to assess$' || no "check --input fhir of a good response"
printf '{"resourceType":"QuestionnaireResponse","item":[{"linkId":"no-such-finding"}]}' > "$T/badcheck.json"
"$SOLEUS" check --input fhir "$T/badcheck.json" > "$T/chk" 2>&1; [ $? = 4 ] || no "check --input fhir of a bad response: exit is not 4"
grep -qF '$.item[0].linkId' "$T/chk" || no "check --input fhir does not name the JSON path"
n=$(ls "$T"/*.qr.json | wc -l)
"$SOLEUS" batch --input fhir "$T"/*.qr.json "$T/badcheck.json" > "$T/b.jsonl"; st=$?
[ $st = 4 ] || no "batch --input fhir with one bad response: exit $st, expected 4"
[ "$(grep -c '"conclusions"' "$T/b.jsonl")" = "$n" ] || no "batch --input fhir: not one line per response"
grep -q '"error".*\$\.item\[0\]\.linkId' "$T/b.jsonl" || no "batch --input fhir: no error line naming the JSON path"

# 4. Bad FHIR input: exit status and the error naming the JSON path.
for j in tests/bad-fhir/*.json; do
    exp=${j%.json}.expect
    $WRAP "$SOLEUS" assess --input fhir "$j" > /dev/null 2> "$T/err"
    st=$?
    want=$(sed -n 's/^exit=//p' "$exp")
    msg=$(sed -n 's/^stderr~//p' "$exp")
    [ "$st" = "$want" ] || { no "$j: exit $st, expected $want"; cat "$T/err"; }
    grep -qF -- "$msg" "$T/err" || { no "$j: stderr lacks: $msg"; cat "$T/err"; }
    [ "$(wc -l < "$T/err")" = 1 ] || no "$j: more than one error line"
done
exit $fail
