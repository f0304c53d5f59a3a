#!/bin/sh
# schema.sh — knowledge/record.rng is generated from the vocabulary: fails
# when it is not what `soleus new --schema` writes now (fix:
# tools/gen-schema.sh), when a blank record from `soleus new` does not
# validate against it, or when an example record does not.
# Env: SOLEUS (binary), SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
dir=$(mktemp -d "${TMP:-/tmp}/schema.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT INT TERM
if ! ${SOLEUS_WRAP:-} "$SOLEUS" --knowledge knowledge new --schema > "$dir/record.rng"; then
    echo "schema: soleus new --schema failed"
    exit 1
fi
if ! diff -u knowledge/record.rng "$dir/record.rng"; then
    echo "schema: knowledge/record.rng drifted from knowledge/vocabulary.tsv; run tools/gen-schema.sh"
    exit 1
fi
${SOLEUS_WRAP:-} "$SOLEUS" --knowledge knowledge new --case blank > "$dir/blank.xml" || exit 1
if command -v xmllint >/dev/null 2>&1; then
    for f in "$dir/blank.xml" examples/*.xml; do
        xmllint --noout --relaxng knowledge/record.rng "$f" 2>"$dir/err" || {
            cat "$dir/err"; echo "schema: $f does not validate against record.rng"; exit 1; }
    done
    # Findings that take the same values share one group of the schema: a
    # name still takes only its own values, in its own section, and names
    # and values are still compared as tokens (spaces around are ignored).
    for want in "ok:history:onset:sudden" "bad:history:onset:yes" \
                "ok:history: previous-calf-strain :yes" "bad:history:previous-calf-strain:sudden" \
                "bad:history:age:40" "ok:patient:age:40" "bad:patient:onset:sudden"; do
        verdict=${want%%:*}; rest=${want#*:}; sec=${rest%%:*}; rest=${rest#*:}
        printf '<assessment id="t"><%s><finding name="%s">%s</finding></%s></assessment>\n' \
            "$sec" "${rest%:*}" "${rest##*:}" "$sec" > "$dir/one.xml"
        got=bad
        xmllint --noout --relaxng knowledge/record.rng "$dir/one.xml" 2>/dev/null && got=ok
        [ "$got" = "$verdict" ] || { echo "schema: expected $verdict for $want, got $got"; exit 1; }
    done
fi
# The blank record is accepted as it is (nothing recorded) ...
${SOLEUS_WRAP:-} "$SOLEUS" --knowledge knowledge --rules rules check "$dir/blank.xml" > "$dir/out" || {
    cat "$dir/out"; echo "schema: soleus check refuses the blank record"; exit 1; }
# ... and every finding of the vocabulary (but the derived ones) is in it.
for name in $(grep -v '^#' knowledge/vocabulary.tsv | awk -F'\t' 'NF >= 8 && $3 != "derived" { print $1 }'); do
    grep -q "<finding name=\"$name\">" "$dir/blank.xml" || {
        echo "schema: finding $name is missing from soleus new"; exit 1; }
done
exit 0
