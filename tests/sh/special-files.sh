#!/bin/sh
# tests/sh/special-files.sh — only regular files are opened as records: a
# FIFO (as a record and as a coverage case's record.xml), a character
# device and a directory are refused with exit 3 and a message naming the
# kind, without blocking; "-" reads standard input with the same cap.
# A FIFO with no writer would block a plain open() forever, so each run is
# bounded by `timeout` (a hang shows as exit 124). Env: SOLEUS, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/sf.$$
mkdir -p "$W/case" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
mkfifo "$W/fifo.xml" "$W/case/record.xml" || { echo "special-files: mkfifo failed"; exit 1; }
bad=0
refused() { # WANT-TEXT ARGS...
    want=$1
    shift
    timeout 20 ${SOLEUS_WRAP:-} "$SOLEUS" "$@" > "$W/out" 2> "$W/err" < /dev/null
    st=$?
    if [ $st -ne 3 ] || ! grep -q "$want" "$W/err" || [ -s "$W/out" ]; then
        echo "soleus $*: exit $st (want 3, '$want' on stderr, nothing on stdout)"
        cat "$W/err"; bad=1
    fi
}
refused 'is a FIFO' assess "$W/fifo.xml"
refused 'is a FIFO' explain "$W/fifo.xml"
refused 'is a FIFO' why-not "$W/fifo.xml" achilles-rupture
refused 'is a FIFO' what-if "$W/fifo.xml" --set onset=sudden
refused 'is a FIFO' coverage "$W/case"
refused 'is a character device' assess /dev/zero
refused 'is a directory' assess examples
# "-" is standard input, and gives the same report as the file.
"$SOLEUS" assess --no-next --format summary examples/tc3-dvt.xml > "$W/file" 2>&1
${SOLEUS_WRAP:-} "$SOLEUS" assess --no-next --format summary - < examples/tc3-dvt.xml > "$W/stdin" 2> "$W/err"
st=$?
if [ $st -ne 0 ] || ! cmp -s "$W/file" "$W/stdin"; then
    echo "assess - < record: exit $st, differs from the file's summary"; cat "$W/err"; bad=1
fi
exit $bad
