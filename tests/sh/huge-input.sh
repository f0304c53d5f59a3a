#!/bin/sh
# tests/sh/huge-input.sh — a 100 MB record (well-formed start, real bytes on
# disk, not a sparse file) and a 100 MB piped record are refused with a clear
# "file too large" error and exit 3 (unreadable input), without reading them
# whole. Too big to keep in git, so it is made here. Env: SOLEUS, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/huge.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
{
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<record id="huge">\n<notes><note>'
    yes 'calf pain after the long run; no swelling. ' | head -c 104857600
    printf '</note></notes>\n</record>\n'
} > "$W/huge.xml"
size=$(wc -c < "$W/huge.xml")
[ "$size" -gt 104857600 ] || { echo "huge-input: fixture is only $size bytes"; exit 1; }
${SOLEUS_WRAP:-} "$SOLEUS" assess "$W/huge.xml" > "$W/out" 2> "$W/err"
st=$?
if [ $st -ne 3 ] || ! grep -q 'file too large' "$W/err"; then
    echo "huge-input: file: exit $st (want 3)"; cat "$W/err"; exit 1
fi
[ -s "$W/out" ] && { echo "huge-input: wrote a report for a refused file"; exit 1; }
# The same bytes on a pipe (no size to stat): refused once the cap is read.
st=$( (cat "$W/huge.xml" 2>/dev/null; true) | { ${SOLEUS_WRAP:-} "$SOLEUS" assess - > "$W/out" 2> "$W/err"; echo $?; })
if [ $st -ne 3 ] || ! grep -q 'too large' "$W/err"; then
    echo "huge-input: pipe: exit $st (want 3)"; cat "$W/err"; exit 1
fi
exit 0
