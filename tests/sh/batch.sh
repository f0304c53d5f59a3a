#!/bin/sh
# tests/sh/batch.sh — `soleus batch`: for every golden case the batch JSON
# line equals the single-record `assess --format json` (input member aside);
# a stream of the same records gives the same objects; a directory, a path
# list and files give the same lines; bad records become error lines naming
# source and line while the rest go on, and the exit status says so.
# Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/batch.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
bad=0
say() { echo "$*"; bad=1; }
run() { ${SOLEUS_WRAP:-} "$SOLEUS" "$@"; }

# 1. Batch line = single record, for every golden case.
ls tests/cases/*/record.xml > "$W/paths"
run batch --paths "$W/paths" > "$W/batch.jsonl" 2> "$W/err" || say "batch over the corpus failed: $(cat "$W/err")"
[ "$(wc -l < "$W/batch.jsonl")" -eq "$(wc -l < "$W/paths")" ] || say "batch: $(wc -l < "$W/batch.jsonl") lines for $(wc -l < "$W/paths") records"
n=0
while IFS= read -r f; do
    n=$((n + 1))
    run assess --no-next --format json "$f" | jq -S -c . > "$W/one" || { say "assess $f failed"; continue; }
    sed -n "${n}p" "$W/batch.jsonl" > "$W/line"
    jq -S -c 'del(.input)' "$W/line" > "$W/two"
    cmp -s "$W/one" "$W/two" || say "$f: batch JSON differs from assess --format json"
    jq -e --arg f "$f" --argjson n "$n" '.input == {"source": $f, "number": $n, "line": 1}' "$W/line" > /dev/null \
        || say "$f: input member wrong: $(jq -c .input "$W/line")"
done < "$W/paths"

# 2. A directory and files on the command line give the same lines.
run batch tests/cases > "$W/dir.jsonl" || say "batch DIR failed"
jq -c 'del(.input.number)' "$W/dir.jsonl" > "$W/a"
jq -c 'del(.input.number)' "$W/batch.jsonl" > "$W/b"
cmp -s "$W/a" "$W/b" || say "batch DIR differs from batch --paths"
run batch tests/cases/tc1*/record.xml tests/cases/tc3*/record.xml | jq -r .record > "$W/ids"
printf 'tc1-hayley-overstride\ntc3-dvt\n' | cmp -s - "$W/ids" || say "batch FILE FILE: ids $(cat "$W/ids")"

# 3. A stream of the same records (each cut to start at <assessment, so its
# lines count as in its own file) gives the same objects, in order.
: > "$W/stream.xml"
: > "$W/cut-paths"
i=0
while IFS= read -r f; do
    i=$((i + 1))
    sed -n '/<assessment/,$p' "$f" > "$W/cut$i.xml"
    echo "$W/cut$i.xml" >> "$W/cut-paths"
    { printf '<?xml version="1.0" encoding="UTF-8"?>\n<!-- record %s -->\n' "$i"; cat "$W/cut$i.xml"; } >> "$W/stream.xml"
done < "$W/paths"
run batch --paths "$W/cut-paths" | jq -c 'del(.input) | del(.file)' > "$W/a"
run batch < "$W/stream.xml" > "$W/stream.jsonl" || say "batch < stream failed"
jq -c 'del(.input) | del(.file)' "$W/stream.jsonl" > "$W/b"
cmp -s "$W/a" "$W/b" || say "stream objects differ from the same records as files"
# input.line is where each record starts in the stream
first=$(jq -r 'select(.input.number == 2) | .input.line' "$W/stream.jsonl")
want=$(grep -n '<assessment' "$W/stream.xml" | sed -n '2s/:.*//p')
[ "$first" = "$want" ] || say "stream: record 2 said line $first, it starts on line $want"

# 4. Error lines: a malformed record, an unknown finding, a missing file and
# text between records; the good records around them are all there.
good=tests/cases/tc3-dvt/record.xml
{ sed -n '/<assessment/,$p' "$good"
  printf '<assessment id="broken">\n  <history>\n    <finding name="onset">gradual</history>\n</assessment>\n'
  sed -n '/<assessment/,$p' "$good"
  printf 'stray text\n'
  printf '<assessment id="odd">\n  <history>\n    <finding name="no-such-finding">yes</finding>\n  </history>\n</assessment>\n'
  sed -n '/<assessment/,$p' "$good"; } > "$W/mixed.xml"
run batch < "$W/mixed.xml" > "$W/mixed.jsonl" 2> "$W/err"
st=$?
[ "$st" = 4 ] || say "mixed stream: exit $st, want 4"
grep -q 'records failed' "$W/err" || say "mixed stream: no summary on stderr: $(cat "$W/err")"
[ "$(jq -r 'if .error then "E" else .record end' "$W/mixed.jsonl" | tr '\n' ' ')" = "tc3-dvt E tc3-dvt E E tc3-dvt " ] \
    || say "mixed stream: lines $(jq -c 'if .error then .error else .record end' "$W/mixed.jsonl" | tr '\n' ' ')"
bl=$(grep -n 'id="broken"' "$W/mixed.xml" | cut -d: -f1)
sed -n 2p "$W/mixed.jsonl" | jq -e --argjson l "$((bl + 2))" '.error.line == $l and .error.exit == 4 and (.error.message | test("malformed"))' > /dev/null || say "malformed record: error line wrong: $(sed -n 2p "$W/mixed.jsonl")"
ol=$(grep -n 'no-such-finding' "$W/mixed.xml" | cut -d: -f1)
sed -n 5p "$W/mixed.jsonl" | jq -e --argjson l "$ol" '.error.line == $l and (.error.message | test("no-such-finding"))' > /dev/null || say "unknown finding: error line wrong: $(sed -n 5p "$W/mixed.jsonl")"
sed -n 4p "$W/mixed.jsonl" | jq -e '.error.message | test("expected an <assessment>")' > /dev/null \
    || say "stray text: no error line"
run batch "$good" "$W/no-such.xml" "$good" > "$W/files.jsonl" 2> /dev/null
st=$?
[ "$st" = 3 ] || say "missing file: exit $st, want 3"
sed -n 2p "$W/files.jsonl" | jq -e --arg f "$W/no-such.xml" '.input.source == $f and .error.exit == 3' > /dev/null || say "missing file: $(sed -n 2p "$W/files.jsonl")"
[ "$(wc -l < "$W/files.jsonl")" = 3 ] || say "missing file: not 3 lines"

# 5. A record over the size limit is refused and the next one still read.
{ printf '<assessment id="huge"><notes><note>'
  head -c 5000000 /dev/zero | tr '\0' a
  printf '</note></notes></assessment>\n'
  sed -n '/<assessment/,$p' "$good"; } > "$W/huge.xml"
run batch < "$W/huge.xml" > "$W/huge.jsonl" 2> /dev/null
st=$?
[ "$st" = 3 ] || say "huge record: exit $st, want 3"
sed -n 1p "$W/huge.jsonl" | jq -e '.error.message | test("too large")' > /dev/null \
    || say "huge record: $(head -c 300 "$W/huge.jsonl")"
sed -n 2p "$W/huge.jsonl" | jq -e '.record == "tc3-dvt"' > /dev/null \
    || say "huge record: the next record is lost"
# 6. A file name that is not UTF-8 still gives a valid JSON line.
mkdir -p "$W/odd"
cp "$good" "$W/odd/$(printf 'bad\377name.xml')"
run batch "$W/odd" > "$W/odd.jsonl" || say "odd file name: batch failed"
jq -e '.record == "tc3-dvt" and (.input.source | test("bad\ufffdname"))' "$W/odd.jsonl" > /dev/null \
    || say "odd file name: $(head -c 200 "$W/odd.jsonl")"
exit $bad
