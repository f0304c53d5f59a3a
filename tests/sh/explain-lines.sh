#!/bin/sh
# tests/sh/explain-lines.sh — every finding that explain cites (both styles)
# points at the element it names: line N of the record holds that
# <finding name="…"> (or the <note>), the element path selects it, and for a
# note the byte span of the note's text is exactly the quoted words.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
WRAP=${SOLEUS_WRAP:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/soleus-lines.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
command -v xmllint > /dev/null 2>&1 || { echo "FAIL xmllint is not installed (make deps)"; exit 1; }
failed=0
checked=0

bad() { echo "FAIL $1"; failed=$((failed + 1)); }

for x in examples/*.xml tests/explain/records/*.xml; do
    [ -f "$x" ] || continue
    : > "$T/all"
    for style in terse teach; do
        $WRAP "$SOLEUS" explain "$x" --style "$style" >> "$T/all" 2> "$T/err" ||
            { bad "$x: explain --style $style failed"; cat "$T/err"; }
    done
    # Structured findings: "NAME = VALUE (line N, PATH)".
    grep -oE '[a-z0-9-]+ = [^ ]+ \(line [0-9]+, /[^)]*\)' "$T/all" | sort -u > "$T/rec"
    while IFS= read -r cite; do
        name=${cite%% = *}
        line=$(printf '%s\n' "$cite" | sed -E 's/.*\(line ([0-9]+), .*/\1/')
        path=$(printf '%s\n' "$cite" | sed -E 's/.*\(line [0-9]+, ([^)]*)\)$/\1/')
        checked=$((checked + 1))
        sed -n "${line}p" "$x" | grep -qF "<finding name=\"$name\"" ||
            bad "$x: line $line does not hold <finding name=\"$name\"> ($cite)"
        got=$(xmllint --xpath "string($path/@name)" "$x" 2> /dev/null)
        [ "$got" = "$name" ] || bad "$x: $path names '$got', not '$name'"
    done < "$T/rec"
    # Note findings: "NAME = VALUE (note, line N, PATH, bytes S-E: "QUOTE")".
    grep -oE '[a-z0-9-]+ = [^ ]+ \(note, line [0-9]+, /[^,]*, bytes [0-9]+-[0-9]+: "[^"]*"\)' \
        "$T/all" | sort -u > "$T/note"
    while IFS= read -r cite; do
        line=$(printf '%s\n' "$cite" | sed -E 's/.*\(note, line ([0-9]+), .*/\1/')
        path=$(printf '%s\n' "$cite" | sed -E 's/.*\(note, line [0-9]+, ([^,]*), bytes.*/\1/')
        start=$(printf '%s\n' "$cite" | sed -E 's/.*bytes ([0-9]+)-.*/\1/')
        end=$(printf '%s\n' "$cite" | sed -E 's/.*bytes [0-9]+-([0-9]+):.*/\1/')
        quote=$(printf '%s\n' "$cite" | sed -E 's/.*: "(.*)"\)$/\1/')
        checked=$((checked + 1))
        sed -n "${line}p" "$x" | grep -qF "<note" || bad "$x: line $line holds no <note> ($cite)"
        xmllint --xpath "string($path)" "$x" > "$T/text" 2> /dev/null || bad "$x: no $path"
        words=$(tail -c +$((start + 1)) "$T/text" | head -c $((end - start)))
        [ "$words" = "$quote" ] || bad "$x: bytes $start-$end of $path are '$words', not '$quote'"
    done < "$T/note"
done
[ "$checked" -gt 0 ] || bad "no finding citations found in explain output"
echo "explain line citations checked: $checked"
[ "$failed" -eq 0 ]
