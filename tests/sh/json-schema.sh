#!/bin/sh
# tests/sh/json-schema.sh — `--format json` of every command, on every
# example, validates against its JSON Schema in docs/schema/ (Debian's
# python3-jsonschema, tools/validate-json.py); every document carries
# format_version, the schemas' own; and a schema whose text changed since
# docs/schema/CHECKSUMS was written must come with a new format_version.
# Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
S="${SOLEUS_WRAP:-} $SOLEUS"
W=${TMP:-/tmp}/jschema.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
bad=0
no() { echo "$*"; bad=1; }
V=tools/validate-json.py
i=0
run() { # SCHEMA ARGS...: run soleus ARGS, keep the output for SCHEMA
    schema=$1; shift
    i=$((i + 1))
    $S "$@" > "$W/$schema.$i.json" 2> "$W/err"
    [ $? -le 1 ] || no "soleus $*: failed: $(head -2 "$W/err")"
}
for x in examples/*.xml; do
    run assess assess --no-next --format json "$x"
    run explain explain --format json "$x"
    run explain explain --format json --style teach "$x"
done
run assess assess --format json examples/tc1-hayley-overstride.xml
run why-not why-not --format json examples/tc1-hayley-overstride.xml cecs-suspected
run why-not why-not --format json examples/tc3-dvt.xml possible-dvt
run why-not why-not --format json examples/tc2-blogger-hip.xml cecs-suspected
run what-if what-if --format json examples/tc5-gastroc-tear.xml --set pitting-oedema-symptomatic-leg=yes
run what-if what-if --format json examples/tc2-*.xml --unset onset
run coverage coverage --format json tests/cases/tc1-hayley-overstride/ tests/cases/tc3-dvt/
run lint lint --format json
run rules rules --format json
run rules rules --format json R17 R23
version=$(sed -n 's/^#define SOL_JSON_FORMAT_VERSION \([0-9]*\)$/\1/p' src/tooljson.h)
for schema in docs/schema/*.schema.json; do
    name=$(basename "$schema" .schema.json)
    set -- "$W/$name".*.json
    [ -f "$1" ] || { no "$name: no output validated against it"; continue; }
    python3 "$V" "$schema" "$@" > "$W/why" 2>&1 || { no "$name: invalid:"; head -10 "$W/why"; }
    grep -q "\"const\": $version\$" "$schema" || no "$name: format_version const is not $version"
    for f in "$@"; do
        grep -q "^  \"format_version\": $version,\$" "$f" || { no "$f: no format_version $version"; break; }
    done
    # a changed schema needs a version bump: CHECKSUMS holds "name version sha256"
    sum=$(sha256sum < "$schema" | cut -d' ' -f1)
    line=$(grep "^$name " docs/schema/CHECKSUMS)
    if [ -z "$line" ]; then no "$name: not in docs/schema/CHECKSUMS"
    elif [ "$line" != "$name $version $sum" ]; then
        was=$(echo "$line" | cut -d' ' -f2)
        if [ "$was" = "$version" ]; then
            no "$name: schema changed without a format_version bump (SOL_JSON_FORMAT_VERSION in src/tooljson.h), then update docs/schema/CHECKSUMS"
        else
            no "$name: docs/schema/CHECKSUMS is out of date: want '$name $version $sum'"
        fi
    fi
done
# the validator can fail: a document without format_version is refused
sed '/"format_version"/d' "$(ls "$W"/lint.*.json | head -1)" > "$W/broken.json"
python3 "$V" docs/schema/lint.schema.json "$W/broken.json" > /dev/null 2>&1 && no "the validator accepts a document without format_version"
exit $bad
