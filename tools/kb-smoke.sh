#!/bin/sh
# kb-smoke.sh — developer aid, not a test: load every rules/*.clp into the
# interactive clips binary, assert the knowledge facts the host would assert
# (screen items, conditions, strengths, thresholds) and the findings of one
# record, run, and print what the rules concluded.
#
#   tools/kb-smoke.sh [-w] [-a] [record.xml]     (default: examples/tc3-dvt.xml)
#     -w  also print every rule firing (watch rules)
#     -a  print all facts, not just the derived ones
#
# Findings are read from the record's <finding name="N">V</finding> elements
# only (free-text notes are not interpreted here); 'unknown' is skipped and a
# set value gives one fact per member, as the engine does.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
clips=${CLIPS:-/usr/bin/clips}
watch=0
all=0
while [ $# -gt 0 ]; do
    case "$1" in
    -w) watch=1; shift ;;
    -a) all=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) break ;;
    esac
done
record=${1:-$here/examples/tc3-dvt.xml}
kb=$here/knowledge
batch=$(mktemp "${TMPDIR:-/tmp}/kb-smoke.XXXXXX")
trap 'rm -f "$batch"' EXIT

{
    for f in "$here"/rules/*.clp; do
        printf '(load "%s")\n' "$f"
    done
    [ "$watch" = 1 ] && echo '(watch rules)'
    echo '(reset)'
    # Knowledge facts. Comment lines start with '#'; columns are TAB-separated.
    awk -F'\t' '!/^#/ && NF >= 6 && $6 != "-" {
        n = split($6, s, ",")
        for (i = 1; i <= n; i++)
            printf "(assert (screen-item (name %s) (screen %s)))\n", $1, s[i]
    }' "$kb/vocabulary.tsv"
    awk -F'\t' '!/^#/ && NF == 8 {
        printf "(assert (condition (id %s) (tier %s) (urgency %s) (suppresses %s)))\n",
               $1, $3, $4, ($5 == "yes" ? "yes" : "no")
    }' "$kb/conditions.tsv"
    awk -F'\t' '!/^#/ && NF == 2 {
        printf "(assert (strength-cf (strength %s) (cf %s)))\n", $1, $2
    }' "$kb/strengths.tsv"
    awk -F'\t' '!/^#/ && NF >= 2 {
        v = $2; if (v !~ /\./) v = v ".0"
        printf "(assert (threshold (name %s) (value %s)))\n", $1, v
    }' "$kb/thresholds.tsv"
    # Findings: int stays INTEGER, real becomes FLOAT, sets split into members.
    tr '\n' ' ' <"$record" | sed 's/<finding /\n&/g' |
    sed -n 's/^<finding name="\([^"]*\)">\([^<]*\)<\/finding>.*/\1\t\2/p' |
    awk -F'\t' -v vocab="$kb/vocabulary.tsv" '
        BEGIN { while ((getline l < vocab) > 0) if (l !~ /^#/) { split(l, c, "\t"); type[c[1]] = c[3] } }
        {
            name = $1; val = $2
            gsub(/^[ \t]+|[ \t]+$/, "", val)
            if (val == "unknown" || val == "") next
            n = split(val, m, /[ \t]+/)
            for (i = 1; i <= n; i++) {
                v = m[i]
                if (type[name] == "real" && v !~ /\./) v = v ".0"
                printf "(assert (finding (name %s) (value %s)))\n", name, v
            }
        }'
    echo '(run)'
    echo '(facts)'
    echo '(exit)'
} >"$batch"

out=$("$clips" -f "$batch" 2>&1)
# Load and run problems first: CLIPS tags them [CODE] or says ERROR. The
# warning about redefining MAIN is expected (00-templates.clp exports it).
problems=$(printf '%s\n' "$out" | grep -v 'Redefining defmodule: MAIN' |
           grep -E -B2 -A4 '^\[[A-Z]+[0-9]+\]|ERROR|FALSE$' || true)
if [ -n "$problems" ]; then
    echo "== problems"
    printf '%s\n' "$problems"
fi
if [ "$watch" = 1 ]; then
    printf '%s\n' "$out" | grep -E '^FIRE' || true
fi
echo "== $(basename "$record")"
if [ "$all" = 1 ]; then
    printf '%s\n' "$out" | grep -E '^f-[0-9]+' || true
else
    printf '%s\n' "$out" |
        grep -E '^f-[0-9]+ +\((unanswered|wells-point|score|evidence|belief|advice|gate|recommendation) ' || true
fi
