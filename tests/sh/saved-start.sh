#!/bin/sh
# tests/sh/saved-start.sh — the files `make` saves beside the rule image to
# spare start-up work (soleus.img.reads: what assess needs from the rule
# model; soleus.img.notes: the note patterns compiled) never change a result:
# current, corrupt, missing or stale (rules or knowledge edited since), every
# output and every knowledge error is the one the text gives. Env: SOLEUS,
# SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
tmp=${TMP:-/tmp}/saved-start.$$
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp" || exit 2
fail=0

if [ ! -f rules/soleus.img.reads ] || [ ! -f rules/soleus.img.notes ]; then
    echo "saved-start: rules/soleus.img.reads and .notes missing (run make)"
    exit 1
fi

# A record with free-text notes, so the note patterns are used.
rec=examples/tc1-hayley-overstride.xml
grep -q '<note' "$rec" || { echo "saved-start: $rec has no notes"; exit 2; }

# out NAME RULES-DIR KNOWLEDGE-DIR: every output of the commands that read
# the saved files, under NAME.
out() {
    for c in "assess --no-next --format json" "assess --format text" "rules --format json"; do
        # shellcheck disable=SC2086
        $SOLEUS_WRAP $SOLEUS --rules "$2" --knowledge "$3" $c $rec >>"$tmp/$1.out" 2>&1
        echo "rc=$?" >>"$tmp/$1.out"
    done
}

# The reference: the rules as text only (no image, no saved files).
mkdir -p "$tmp/text" && cp rules/*.clp "$tmp/text/" || exit 2
out text "$tmp/text" knowledge

same() {
    if cmp -s "$tmp/text.out" "$tmp/$1.out"; then
        echo "ok: $1"
    else
        echo "FAIL: $1 differs from the rules as text:"
        diff "$tmp/text.out" "$tmp/$1.out" | head -10
        fail=1
    fi
}

# fresh NAME: a copy of rules/ with the image and the saved files.
fresh() {
    rm -rf "$tmp/$1" && mkdir -p "$tmp/$1" && cp rules/*.clp rules/soleus.img* "$tmp/$1/" || exit 2
}

fresh current
out current "$tmp/current" knowledge
same current

fresh corrupt
sum=$(head -1 "$tmp/corrupt/soleus.img.reads")
printf '%s\nX\tnot-a-line\n' "$sum" >"$tmp/corrupt/soleus.img.reads"
head -c 40 rules/soleus.img.notes >"$tmp/corrupt/soleus.img.notes"
out corrupt "$tmp/corrupt" knowledge
same corrupt

# Damaged inside, same length: PCRE2 would decode it blindly, so the hash
# on the first line must turn it away.
fresh damaged
printf 'XXXXXXXX' | dd of="$tmp/damaged/soleus.img.notes" bs=1 seek=2000 conv=notrunc 2>/dev/null ||
    exit 2
out damaged "$tmp/damaged" knowledge
same damaged

fresh missing
rm -f "$tmp/missing/soleus.img.reads" "$tmp/missing/soleus.img.notes"
out missing "$tmp/missing" knowledge
same missing

# Knowledge edited after make: a comment line changes no result, but the
# saved files no longer match it.
fresh stale
cp -r knowledge "$tmp/k" && printf '# edited\n' >>"$tmp/k/note-patterns.tsv" || exit 2
rm -f "$tmp/text.out"
out text "$tmp/text" "$tmp/k"
out stale "$tmp/stale" "$tmp/k"
same stale

# A broken regex in the knowledge copy is reported with the saved files
# beside the rules exactly as without them.
sed -i '0,/^finding\t/s/^\(finding\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t\)/\1(/' \
    "$tmp/k/note-patterns.tsv" || exit 2
rm -f "$tmp/text.out" "$tmp/stale.out"
out text "$tmp/text" "$tmp/k"
out stale "$tmp/stale" "$tmp/k"
grep -q "note-patterns.tsv:[0-9]*: .*bad regex" "$tmp/stale.out" || {
    echo "FAIL: the broken regex is not reported:"
    head -3 "$tmp/stale.out"
    fail=1
}
same stale

exit $fail
