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
# batch, questionnaire, serve and new parse with the one option table too:
# an unknown option is a usage error naming it, a stray operand as well
for c in batch questionnaire serve new; do
    expect 2 empty nonempty "$c" --frobnicate
    grep -q -- "--frobnicate" "$W/err" || { echo "$c --frobnicate: the message does not name it"; bad=1; }
    expect 0 nonempty empty "$c" --help
done
for c in questionnaire serve new; do expect 2 empty nonempty "$c" stray-operand; done
expect 2 empty nonempty serve --threads=0
expect 2 empty nonempty serve --max-body many
expect 2 empty nonempty questionnaire --bundle
expect 2 empty nonempty questionnaire --response examples/tc3-dvt.xml --authored=2026-1-1
# "--opt=value" is "--opt value", and options may follow the operands
same() { # same WHAT ARGS1 -- ARGS2: both exit 0 with the same stdout
    what=$1; shift
    a= ; while [ "$1" != -- ]; do a="$a $1"; shift; done; shift
    ${SOLEUS_WRAP:-} "$SOLEUS" $a > "$W/a" 2> "$W/err" || { echo "$what: soleus$a fails: $(head -2 "$W/err")"; bad=1; }
    ${SOLEUS_WRAP:-} "$SOLEUS" "$@" > "$W/b" 2> "$W/err" || { echo "$what: soleus $* fails: $(head -2 "$W/err")"; bad=1; }
    [ -s "$W/a" ] && cmp -s "$W/a" "$W/b" || { echo "$what: outputs differ or are empty"; bad=1; }
}
tc1=examples/tc1-hayley-overstride.xml tc3=examples/tc3-dvt.xml
same "new --case=X" new --case=cli-x -- new --case cli-x
grep -q 'cli-x' "$W/b" || { echo "new --case cli-x: the id is not in the record"; bad=1; }
same "new --schema --rules" new --schema -- new --schema --rules rules --knowledge=knowledge
same "questionnaire --response=F" questionnaire --response=$tc3 --bundle -- questionnaire --bundle --response $tc3
same "questionnaire --authored=D" questionnaire --response $tc3 --authored=2026-02-03 -- questionnaire --authored 2026-02-03 --response $tc3
grep -q '2026-02-03' "$W/b" || { echo "questionnaire --authored: the date is not in the response"; bad=1; }
same "batch FILE --next" batch --next $tc1 $tc3 -- batch $tc1 $tc3 --next
grep -q '"assess_next"' "$W/b" || { echo "batch FILE --next: no next-best checks in the lines"; bad=1; }
printf '%s\n' $tc1 $tc3 > "$W/list"
same "batch --paths=LIST" batch --paths="$W/list" -- batch --paths "$W/list"
[ "$(wc -l < "$W/b")" = 2 ] || { echo "batch --paths LIST: not two lines"; bad=1; }
${SOLEUS_WRAP:-} "$SOLEUS" --version | head -1 | grep -q '^soleus [0-9][0-9.]*$' \
    || { echo "--version: first line is not 'soleus VERSION'"; bad=1; }
${SOLEUS_WRAP:-} "$SOLEUS" --help | head -1 | grep -q '^Usage: soleus ' \
    || { echo "--help: first line is not 'Usage: soleus …'"; bad=1; }
exit $bad
