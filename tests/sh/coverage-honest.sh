#!/bin/sh
# tests/sh/coverage-honest.sh — the LCOV of the golden corpus is honest
# (issue 14): a pattern on a knowledge fact (threshold, strength-cf,
# screen-item, condition) cannot fail and has no "not held" branch; a side
# the model never judged is "-", not 0; the certainty-factor deffunctions
# are functions with their calls; SF paths are absolute, or PREFIX/… with
# --prefix; and genhtml's per-file figures are the tracefile's.
# Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
S="${SOLEUS_WRAP:-} $SOLEUS"
W=${TMP:-/tmp}/covh.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
bad=0
no() { echo "$*"; bad=1; }
$S coverage --format lcov --output "$W/cov.info" tests/cases/*/ 2> "$W/err"
[ $? -le 1 ] || { cat "$W/err"; exit 1; }
# SF paths absolute and existing
grep '^SF:' "$W/cov.info" | sed 's/^SF://' | while read -r f; do
    case "$f" in /*) [ -f "$f" ] || echo "SF does not exist: $f" ;; *) echo "SF not absolute: $f" ;; esac
done > "$W/sf"
[ -s "$W/sf" ] && no "$(head -3 "$W/sf")"
$S coverage --format lcov --prefix /srv/soleus tests/cases/tc1*/ 2>/dev/null | grep '^SF:' > "$W/sfp"
grep -qv '^SF:/srv/soleus/rules/[0-9][0-9]-[a-z]*\.clp$' "$W/sfp" && no "--prefix: $(grep -v '^SF:/srv/soleus/rules/' "$W/sfp" | head -2)"
grep -q '^SF:/srv/soleus/rules/80-belief.clp$' "$W/sfp" || no "--prefix: no SF for 80-belief.clp"
# knowledge-fact patterns have no "not held" branch
awk -F'[:,]' '/^SF:/ { sf = substr($0, 4) } /^BRDA:/ && $4 == 1 { print sf " " $2 }' "$W/cov.info" | sort -u |
while read -r f line; do
    sed -n "${line}p" "$f" | grep -q '^ *\(?[a-z]* *<- *\)\{0,1\}(\(threshold\|strength-cf\|screen-item\|condition\) ' \
        && echo "$f:$line: a knowledge-fact pattern has a not-held branch"
done > "$W/kf"
[ -s "$W/kf" ] && no "$(head -3 "$W/kf")"
# the deffunctions are instrumented
for fn in BELIEF::cf-combine BELIEF::vote-cf; do
    grep -q "^FN:[0-9]*,$fn\$" "$W/cov.info" || no "no FN for deffunction $fn"
    grep -q "^FNDA:[1-9][0-9]*,$fn\$" "$W/cov.info" || no "deffunction $fn shows no calls"
done
# a pattern never judged is "-": the gate's belief patterns are judged only by firing
grep -q ',-$' "$W/cov.info" || no "no branch is reported as - (unjudged)"
# genhtml's per-file figures equal the tracefile's own counts
command -v genhtml > /dev/null || { echo "genhtml missing (make deps installs lcov)"; exit 1; }
genhtml -q --branch-coverage --function-coverage -o "$W/html" "$W/cov.info" > "$W/gen" 2>&1 \
    || { no "genhtml failed: $(head -3 "$W/gen")"; exit 1; }
awk -F'[:,]' '
/^SF:/ { n = split($0, p, "/"); f = p[n]; fn[f] = 0; fh[f] = 0; bf[f] = 0; bh[f] = 0 }
/^FN:/ { fn[f]++ } /^FNDA:/ && $2 > 0 { fh[f]++ }
/^BRDA:/ { bf[f]++; if ($5 != "-" && $5 > 0) bh[f]++ }
END { for (f in fn) printf "%s %d/%d %d/%d\n", f, fh[f], fn[f], bh[f], bf[f] }' "$W/cov.info" | sort > "$W/want"
# genhtml rules/index.html: per file, lines, functions and branches as "hit / total"
python3 - "$W/html/rules/index.html" > "$W/got" <<'PY'
import re, sys
html = open(sys.argv[1]).read()
for row in html.split("class=\"coverFile\"")[1:]:
    m = re.search(r'href="([^"]+)\.gcov\.html"', row)
    if not m:
        continue
    nums = [re.sub(r"\s|&nbsp;", "", n) for n in re.findall(r'coverNum[A-Za-z]*">([^<]*)<', row)]
    if len(nums) >= 3:
        print(m.group(1), nums[1], nums[2])
PY
sort -o "$W/got" "$W/got"
diff -u "$W/want" "$W/got" > "$W/diff" || { no "genhtml per-file figures (functions, branches) differ from the tracefile:"; cat "$W/diff"; }
[ "$(wc -l < "$W/got")" -ge 10 ] || no "genhtml: fewer than 10 rule files"
grep -q '^80-belief.clp 7/7 ' "$W/got" || no "80-belief.clp: functions are not 7/7 (rules and deffunctions): $(grep belief "$W/got")"
exit $bad
