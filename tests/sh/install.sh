#!/bin/sh
# tests/sh/install.sh — `make install` into a staging DESTDIR with a PREFIX
# the build did not have; the installed binary, run from another directory
# with no SOLEUS_HOME, finds its knowledge base; the man page renders with
# `man -l`; the bash completion completes commands and option values.
# Env: SOLEUS (binary), BUILD, TMP.
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
W=${TMP:-/tmp}/install.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
bad=0
top=$(pwd)
make -s --no-print-directory BUILD="$BUILD" PREFIX=/opt/soleus-test DESTDIR="$W/stage" install \
    > "$W/make.out" 2>&1 || { echo "make install failed:"; cat "$W/make.out"; exit 1; }
bin=$W/stage/opt/soleus-test/bin/soleus
[ -x "$bin" ] || { echo "no installed binary at $bin"; exit 1; }
mkdir -p "$W/elsewhere"
(cd "$W/elsewhere" && env -u SOLEUS_HOME "$bin" assess --no-next --format summary \
    "$top/examples/tc3-dvt.xml") > "$W/out" 2> "$W/err" \
    || { echo "installed binary failed from another directory:"; cat "$W/err"; bad=1; }
grep -q '^conclusion A 1 possible-dvt' "$W/out" || { echo "installed binary: no possible-dvt"; bad=1; }
# A binary that cannot find the knowledge says how to point at it.
cp "$bin" "$W/elsewhere/soleus-alone"
(cd "$W/elsewhere" && env -u SOLEUS_HOME ./soleus-alone rules) > "$W/out" 2> "$W/err"
st=$?
[ "$st" = 3 ] || { echo "no knowledge: exit $st, want 3"; bad=1; }
grep -q SOLEUS_HOME "$W/err" && grep -q -- --knowledge "$W/err" \
    || { echo "no knowledge: the error does not name SOLEUS_HOME and --knowledge:"; cat "$W/err"; bad=1; }
(cd "$W/elsewhere" && SOLEUS_HOME="$top" ./soleus-alone rules R23) > "$W/out" 2>&1 \
    || { echo "SOLEUS_HOME is not honoured:"; head -3 "$W/out"; bad=1; }
man=$W/stage/opt/soleus-test/share/man/man1/soleus.1
[ -f "$man" ] || { echo "man page not installed"; bad=1; }
MANWIDTH=80 man -l "$man" > "$W/man.txt" 2> "$W/man.err"
grep -q 'SYNOPSIS' "$W/man.txt" || { echo "man -l: no SYNOPSIS"; bad=1; }
# groff's complaints about the page (not the locale messages of a bare container)
grep -i 'troff\|warning\|error' "$W/man.err" | grep -v -i locale > "$W/man.warn"
[ -s "$W/man.warn" ] && { echo "man -l warns:"; cat "$W/man.warn"; bad=1; }
# Every command of --help is in the man page.
for c in $("$bin" --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'); do
    grep -q "^ *$c " "$W/man.txt" || { echo "man page lacks command $c"; bad=1; }
done
comp=$W/stage/opt/soleus-test/share/bash-completion/completions/soleus
[ -f "$comp" ] || { echo "bash completion not installed"; exit 1; }
if command -v bash > /dev/null; then
    got=$(bash -c '. "$1"; COMP_WORDS=(soleus wh); COMP_CWORD=1; _soleus; echo "${COMPREPLY[*]}"' sh "$comp")
    [ "$got" = "what-if why-not" ] || { echo "completion of 'wh': '$got'"; bad=1; }
    got=$(bash -c '. "$1"; COMP_WORDS=(soleus assess x.xml --format ""); COMP_CWORD=4; _soleus; echo "${COMPREPLY[*]}"' sh "$comp")
    case "$got" in *json*) ;; *) echo "completion of assess --format: '$got'"; bad=1 ;; esac
fi
exit $bad
