#!/bin/sh
# html.sh — `assess --format html` of every example, rendered in headless
# Chromium: the page loads with no console error, the summary and every
# tier-A conclusion (each red flag) are in the DOM, nothing is fetched (no
# script, no external URL), and a screenshot of each is saved under
# $BUILD/html/. A record with markup and scripts in its notes and file name
# comes out inert. The runner's page names no diagnosis. Skipped, saying so,
# only when Chromium is not installed (tools/deps.sh installs it).
# Env: SOLEUS (binary), SOLEUS_WRAP, BUILD, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
BUILD=${BUILD:-build}
S() { ${SOLEUS_WRAP:-} "$SOLEUS" --knowledge knowledge --rules rules "$@"; }
dir=$(mktemp -d "${TMP:-/tmp}/html.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT INT TERM
fail() { echo "html: $*"; exit 1; }
out="$BUILD/html"
mkdir -p "$out" || exit 2

# Hostile text: markup and script in the notes and in the file name.
hostile="$dir/<img src=x onerror=alert(1)>.xml"
cat > "$hostile" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<assessment id="hostile-1">
  <history><finding name="onset">gradual</finding></history>
  <notes><note>&lt;script&gt;alert(1)&lt;/script&gt; calf swelling 3 cm &lt;img src=x onerror=alert(2)&gt;
  pitting oedema &lt;/section&gt;&lt;script&gt;document.write(1)&lt;/script&gt;</note></notes>
</assessment>
XML

pages=""
for f in examples/*.xml "$hostile"; do
    case "$f" in "$hostile") name=hostile ;; *) name=$(basename "$f" .xml) ;; esac
    S assess --format html "$f" > "$out/$name.html" 2>"$dir/err" || {
        cat "$dir/err"; fail "$f: assess --format html failed"; }
    S assess --no-next --format summary "$f" > "$out/$name.summary" || fail "$f: summary failed"
    # Self-contained and inert: no script element, no external reference.
    grep -qi '<script' "$out/$name.html" && fail "$name: a <script> element in the page"
    grep -qiE '(src|href)="(https?:|//|file:)' "$out/$name.html" && fail "$name: an external reference"
    grep -qi '<img' "$out/$name.html" && fail "$name: an <img> element from record text"
    grep -q 'id="summary"' "$out/$name.html" || fail "$name: no summary section"
    grep -q 'id="runner"' "$out/$name.html" || fail "$name: no runner page"
    # Every link to a record line has its target on the page.
    for l in $(grep -o 'href="#line-[0-9]*"' "$out/$name.html" | sort -u | grep -o '[0-9]*'); do
        grep -q "id=\"line-$l\"" "$out/$name.html" || fail "$name: link to line $l has no target"
    done
    pages="$pages $name"
done
grep -q '&lt;img src=x onerror=alert(1)&gt;' "$out/hostile.html" || fail "hostile file name not shown escaped"

# The runner's page names no diagnosis (no condition label or id of conditions.tsv).
grep -v '^#' knowledge/conditions.tsv | awk -F'\t' 'NF >= 6 { print $1; print $6 }' | sed '/^$/d' > "$dir/names"
for name in $pages; do
    sed -n '/<section[^>]* id="runner"/,$p' "$out/$name.html" > "$dir/runner"
    [ -s "$dir/runner" ] || fail "$name: runner page empty"
    if grep -qiF -f "$dir/names" "$dir/runner"; then
        grep -oiF -f "$dir/names" "$dir/runner" | head -3
        fail "$name: the runner's page names a diagnosis"
    fi
done
# Every row of runner.tsv speaks for a recommendation that exists.
for id in $(grep -v '^#' knowledge/runner.tsv | cut -f1 | grep -v '^@'); do
    grep -q "^$id	" knowledge/recommendations.tsv || fail "runner.tsv: no recommendation '$id'"
done
# A red flag's runner page says what to do first.
grep -q 'See a doctor today' "$out/tc3-dvt.html" || fail "tc3-dvt: the runner is not told to see a doctor today"

CHROME=""
for c in chromium chromium-browser google-chrome; do
    command -v "$c" >/dev/null 2>&1 && { CHROME=$c; break; }
done
if [ -z "$CHROME" ]; then
    echo "html: SKIP the browser checks: Chromium is not installed (tools/deps.sh installs the Debian package chromium)"
    exit 0
fi
chrome() {
    timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-extensions --user-data-dir="$dir/profile" --enable-logging=stderr --v=0 "$@"
}
for name in $pages; do
    url="file://$(cd "$out" && pwd)/$name.html"
    chrome --dump-dom "$url" > "$dir/dom" 2> "$dir/log" || { tail -5 "$dir/log"; fail "$name: Chromium failed"; }
    if grep -q 'CONSOLE' "$dir/log"; then
        grep 'CONSOLE' "$dir/log" | head -5
        fail "$name: console messages while loading the page"
    fi
    grep -q '<section[^>]* id="summary"' "$dir/dom" || fail "$name: the summary is not in the DOM"
    grep -q '<dt>Action</dt>' "$dir/dom" || fail "$name: the action is not in the DOM"
    for id in $(awk '$1 == "conclusion" && $2 == "A" { print $4 }' "$out/$name.summary"); do
        grep -q "data-id=\"$id\"" "$dir/dom" || fail "$name: red flag $id is not in the DOM"
    done
    grep -qi '<script' "$dir/dom" && fail "$name: a script element in the DOM"
    grep -qi '<img' "$dir/dom" && fail "$name: an img element in the DOM"
    chrome --hide-scrollbars --window-size=1000,1400 --screenshot="$out/$name.png" "$url" \
        > /dev/null 2>&1 || fail "$name: screenshot failed"
    [ -s "$out/$name.png" ] || fail "$name: empty screenshot"
done
# The hostile notes come out as text.
chrome --dump-dom "file://$(cd "$out" && pwd)/hostile.html" 2>/dev/null | grep -q 'onerror=alert(1)&gt;' ||
    fail "hostile: the file name is not text in the DOM"
exit 0
