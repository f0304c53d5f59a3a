#!/bin/sh
# tests/sh/cli.sh — GNU conventions and the distinct exit codes of issue 2:
# 0 assessed, 2 usage error, 3 unreadable input, 4 invalid record; --help
# and --version on stdout with status 0; errors on stderr, never on stdout.
# Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/cli.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
bad=0
# expect STATUS STDOUT(empty|nonempty) STDERR(empty|nonempty) ARGS...
expect() {
    want=$1 out=$2 err=$3
    shift 3
    ${SOLEUS_WRAP:-} "$SOLEUS" "$@" > "$W/out" 2> "$W/err" < /dev/null
    st=$?
    ok=1
    [ "$st" = "$want" ] || ok=0
    if [ "$out" = empty ]; then [ -s "$W/out" ] && ok=0; else [ -s "$W/out" ] || ok=0; fi
    if [ "$err" = empty ]; then [ -s "$W/err" ] && ok=0; else [ -s "$W/err" ] || ok=0; fi
    if [ $ok = 0 ]; then
        echo "soleus $*: exit $st (want $want), stdout $(wc -c < "$W/out") bytes (want $out), stderr (want $err):"
        head -5 "$W/err"
        bad=1
    fi
}
expect 0 nonempty empty --help
expect 0 nonempty empty --version
expect 2 empty nonempty
expect 2 empty nonempty --frobnicate
expect 2 empty nonempty frobnicate
for c in assess explain why-not what-if rules lint coverage; do
    expect 0 nonempty empty "$c" --help
done
expect 0 nonempty empty assess examples/tc1-hayley-overstride.xml
expect 2 empty nonempty assess
expect 2 empty nonempty assess --format yaml examples/tc1-hayley-overstride.xml
expect 0 nonempty empty assess --no-next examples/tc1-hayley-overstride.xml examples/tc3-dvt.xml
expect 3 empty nonempty assess "$W/no-such-file.xml"
expect 3 empty nonempty assess "$W"
expect 4 empty nonempty assess tests/bad/malformed.xml
expect 4 empty nonempty assess tests/bad/unknown-finding.xml
expect 2 empty nonempty why-not examples/tc1-hayley-overstride.xml
expect 2 empty nonempty what-if examples/tc1-hayley-overstride.xml --set
${SOLEUS_WRAP:-} "$SOLEUS" --version | head -1 | grep -q '^soleus [0-9][0-9.]*$' \
    || { echo "--version: first line is not 'soleus VERSION'"; bad=1; }
${SOLEUS_WRAP:-} "$SOLEUS" --help | head -1 | grep -q '^Usage: soleus ' \
    || { echo "--help: first line is not 'Usage: soleus …'"; bad=1; }
exit $bad
