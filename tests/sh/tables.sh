#!/bin/sh
# tests/sh/tables.sh — one reader for the knowledge tables (issue 16): a
# broken table in a copy of knowledge/ (--knowledge DIR) gives every command
# that reads it the same FILE:LINE: message and the same exit status (lint
# reports it as a [load] error with its own status, 1). Env: SOLEUS,
# SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
tmp=${TMP:-/tmp}/tables.$$
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp" || exit 2
case_dir=tests/cases/tc1-hayley-overstride
rec=$case_dir/record.xml
k=$tmp/knowledge
fail=0

# Every command that reads the whole knowledge base (the pipeline's tables
# and the rule model's thresholds).
commands="assess|assess --no-next|assess --format json|assess --format html|explain|why-not possible-dvt|what-if --set age=30|batch|coverage|rules"

# breaks FILE SED-EXPR: a fresh copy of knowledge/ with FILE edited.
breaks() {
    rm -rf "$k" && cp -r knowledge "$k" || exit 2
    sed -i "$2" "$k/$1" || exit 2
}

# expect NAME WANT-RC WANT-TEXT [EXTRA-COMMANDS]: each command exits WANT-RC
# and says WANT-TEXT on stderr; lint says it as a load error.
expect() {
    name=$1 want_rc=$2 want=$3
    old_ifs=$IFS
    IFS='|'
    for c in $commands${4:+|$4}; do
        IFS=$old_ifs
        case $c in
        rules|new|questionnaire) args= ;;
        coverage) args=$case_dir ;;
        why-not*) args=$rec ;;
        *) args=$rec ;;
        esac
        # shellcheck disable=SC2086
        ${SOLEUS_WRAP:-} "$SOLEUS" --knowledge "$k" $c $args > "$tmp/out" 2> "$tmp/err"
        rc=$?
        if [ "$rc" != "$want_rc" ]; then
            echo "tables: $name: '$c' exits $rc, expected $want_rc"; fail=1
        fi
        if ! grep -qF "soleus: $want" "$tmp/err"; then
            echo "tables: $name: '$c' does not say '$want':"; sed 's/^/    /' "$tmp/err"; fail=1
        fi
        IFS='|'
    done
    IFS=$old_ifs
    ${SOLEUS_WRAP:-} "$SOLEUS" --knowledge "$k" lint > "$tmp/out" 2>&1
    rc=$?
    msg=${want#*: }
    where=${want%%: *}
    if [ "$rc" != 1 ] || ! grep -qF "$where: error: $msg [load]" "$tmp/out"; then
        echo "tables: $name: lint exits $rc without '$where: error: $msg [load]':"
        sed 's/^/    /' "$tmp/out"; fail=1
    fi
}

line_of() { grep -n "$2" "$k/$1" | head -1 | cut -d: -f1; }

# A threshold that is not a number: the catalogue and the rule model read
# thresholds.tsv through one reader, so no command lets it pass.
breaks thresholds.tsv 's/^\(wells-high-band\t\)[^\t]*/\13x/'
expect bad-number 4 "$k/thresholds.tsv:$(line_of thresholds.tsv '^wells-high-band'): value '3x': expected a number"

breaks thresholds.tsv 's/^\(wells-high-band\t[^\t]*\t[^\t]*\t\)confirmed/\1maybe/'
expect unknown-value 4 "$k/thresholds.tsv:$(line_of thresholds.tsv '^wells-high-band'): status 'maybe': expected confirmed or default"

breaks thresholds.tsv 's/^\(wells-high-band\t[^\t]*\)\t.*/\1/'
expect column-count 4 "$k/thresholds.tsv:$(line_of thresholds.tsv '^wells-high-band'): expected 6 tab-separated columns (name value unit status sources note), found 2"

breaks conditions.tsv 's/^\(possible-dvt\t[^\t]*\t\)A\t/\1\t/'
expect empty-cell 4 "$k/conditions.tsv:$(line_of conditions.tsv '^possible-dvt'): column 3 is empty (columns: id code tier urgency suppresses label description sources; write - for none)"

breaks vocabulary.tsv 's/^\(age\t\)patient\t/\1patients\t/'
expect vocabulary 4 "$k/vocabulary.tsv:$(line_of vocabulary.tsv '^age	'): finding 'age': section 'patients' is not one of patient|history|screening|examination|running|special-tests" "check|new|questionnaire"

# A score band whose cut-off is no threshold: the band the reports show and
# the rules' comparison share thresholds.tsv, so the row is refused.
breaks score-bands.tsv 's/\twells-high-band\t/\twells-high-bnd\t/'
expect score-band 4 "$k/score-bands.tsv:$(line_of score-bands.tsv 'wells-high-bnd'): 'wells-high-bnd' is not a cut-off of thresholds.tsv (or - for the lowest band)"

breaks thresholds.tsv '1d'
rm -f "$k/thresholds.tsv"
expect missing-file 3 "$k/thresholds.tsv: cannot open: No such file or directory"

# A GATE state the rules do not derive: the states are the allowed symbols
# of the rules' state template (their one list), so the pipeline refuses the
# row at load and lint names it.
breaks contraindications.tsv '0,/\ts4-unanswered\t/s//\ts4-unanswerd\t/'
at="$k/contraindications.tsv:$(line_of contraindications.tsv 's4-unanswerd')"
${SOLEUS_WRAP:-} "$SOLEUS" --knowledge "$k" assess "$rec" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ "$rc" != 4 ] || ! grep -qF "soleus: $at: 's4-unanswerd' is neither a conclusion" "$tmp/err"; then
    echo "tables: unknown state: assess exits $rc without naming $at:"; sed 's/^/    /' "$tmp/err"; fail=1
fi
${SOLEUS_WRAP:-} "$SOLEUS" --knowledge "$k" lint > "$tmp/out" 2>&1
if ! grep -qF "$at: error: 's4-unanswerd' is neither a conclusion" "$tmp/out"; then
    echo "tables: unknown state: lint does not name $at:"; sed 's/^/    /' "$tmp/out"; fail=1
fi

exit $fail
