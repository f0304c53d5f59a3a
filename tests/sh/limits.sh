#!/bin/sh
# tests/sh/limits.sh — every bound of src/bounds.h on one record: a record
# at the limit is accepted (exit 0, or for the element count, refused only
# by the later notes bound), one just above is refused with exit 4 and a
# message naming the file, the line and the limit. Records come from
# tools/limit-record.sh. Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/lim.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
bad=0
# run KIND N: assess the generated record; sets st and leaves $W/err.
run() {
    sh tools/limit-record.sh "$1" "$2" > "$W/r.xml" || { echo "limit-record $1 $2 failed"; exit 1; }
    ${SOLEUS_WRAP:-} "$SOLEUS" assess --no-next --format summary "$W/r.xml" > "$W/out" 2> "$W/err"
    st=$?
}
accepted() { # KIND N
    run "$1" "$2"
    if [ $st -ne 0 ]; then echo "$1 $2 (at the limit): exit $st, want 0"; cat "$W/err"; bad=1; fi
}
refused() { # KIND N MESSAGE
    run "$1" "$2"
    if [ $st -ne 4 ] || ! grep -q "^soleus: $W/r.xml:[0-9][0-9]*: .*$3" "$W/err"; then
        echo "$1 $2 (above the limit): exit $st, want 4 and 'FILE:LINE: ...$3'"; cat "$W/err"; bad=1
    fi
}
accepted tag 1024
refused tag 1025 'start tag longer than 1024 bytes'
accepted attrs 8
refused attrs 9 'more than 8 attributes'
# At 1024 elements the element bound passes; the notes bound then refuses.
run elements 1024
if [ $st -ne 4 ] || grep -q 'elements in one record' "$W/err" || ! grep -q 'more than 64 notes' "$W/err"; then
    echo "elements 1024 (at the limit): exit $st, want the notes bound, not the element bound"
    cat "$W/err"; bad=1
fi
refused elements 1025 'more than 1024 elements'
accepted markup 1024
refused markup 1025 'more than 1024 comments, CDATA sections and processing instructions'
accepted notes 64
refused notes 65 'more than 64 notes'
accepted note-bytes 131072
refused note-bytes 131073 'notes total more than 131072 bytes'
# Conflicts: 4 listed per finding; above that they are counted, not listed.
for n in 4 5 9; do
    sh tools/limit-record.sh conflicts $n > "$W/r.xml"
    ${SOLEUS_WRAP:-} "$SOLEUS" assess --no-next "$W/r.xml" > "$W/out" 2> "$W/err"
    st=$?
    lines=$(grep -c '^  - calf-swelling-diff: \(record says\|notes disagree\)' "$W/out")
    more=$(sed -n 's/^    (and \([0-9]*\) more mentions* of calf-swelling-diff.*/\1/p' "$W/out" |
           awk '{ s += $1 } END { if (NR) print s }')
    want_more=$((n - 4))
    [ $want_more -eq 0 ] && want_more=
    if [ $st -ne 0 ] || [ "$lines" -ne 4 ] || [ "$more" != "$want_more" ]; then
        echo "conflicts $n: exit $st, $lines conflict lines (want 4), more '$more' (want '$want_more')"
        bad=1
    fi
done
# The worst accepted record (every count bound at once) is assessed.
run worst 0
if [ $st -ne 0 ]; then echo "worst accepted record: exit $st"; cat "$W/err"; bad=1; fi
exit $bad
