#!/bin/sh
# tools/limit-record.sh KIND N — print a record that sits at N on one of the
# bounds of src/bounds.h, for tests/sh/limits.sh (N at the limit is
# accepted, N + 1 refused) and `make bench` (the worst accepted record).
#   tag N        the <assessment> start tag is N bytes long
#   attrs N      <assessment> carries N attributes (id + namespace decls)
#   elements N   N elements in all (the root, <notes> and N - 2 notes)
#   markup N     N comments, CDATA sections and processing instructions in
#                all (the XML declaration is the first)
#   notes N      N short notes
#   note-bytes N N bytes of note text in all, in notes of at most 64 KiB
#   conflicts N  N mentions (N <= 9) of different girths in the notes, each
#                disagreeing with the record and the others
#   worst N      the count bounds at once: 64 notes, about 128 KiB of
#                clinical phrases that match many patterns, structured
#                findings they contradict, 1000 comments (N is ignored)
# The texts are our own words, in the style of the examples.
kind=$1 n=$2
head='<?xml version="1.0" encoding="UTF-8"?>'
case $kind in
tag)
    # '<assessment id="lim"' is 20 bytes and '>' is 1: pad with spaces.
    pad=$((n - 21))
    printf '%s\n<assessment id="lim"%*s>\n<notes><note>calf ache</note></notes>\n</assessment>\n' \
        "$head" "$pad" ''
    ;;
attrs)
    printf '%s\n<assessment id="lim"' "$head"
    i=1
    while [ $i -lt "$n" ]; do printf ' xmlns:a%d="urn:soleus:%d"' $i $i; i=$((i + 1)); done
    printf '>\n<notes><note>calf ache</note></notes>\n</assessment>\n'
    ;;
elements)
    printf '%s\n<assessment id="lim">\n<notes>\n' "$head"
    awk -v n=$((n - 2)) 'BEGIN { for (i = 0; i < n; i++) print "<note>calf ache</note>" }'
    printf '</notes>\n</assessment>\n'
    ;;
markup)
    printf '%s\n<assessment id="lim">\n<notes><note>\n' "$head"
    awk -v n=$((n - 1)) 'BEGIN { for (i = 0; i < n; i++)
        print i % 3 == 0 ? "<!-- seen -->" : i % 3 == 1 ? "<?soleus x?>" : "<![CDATA[calf ache]]>" }'
    printf '</note></notes>\n</assessment>\n'
    ;;
notes)
    printf '%s\n<assessment id="lim">\n<notes>\n' "$head"
    awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) print "<note>calf ache after the long run</note>" }'
    printf '</notes>\n</assessment>\n'
    ;;
note-bytes)
    printf '%s\n<assessment id="lim">\n<notes>\n' "$head"
    awk -v n="$n" 'BEGIN {
        s = "Right calf aches after the long run; no swelling, no pop. "
        max = 65536
        while (n > 0) {
            k = n > max ? max : n; n -= k
            t = ""
            while (length(t) + length(s) <= k) t = t s
            while (length(t) < k) t = t "x"
            sub(/ +$/, "", t); while (length(t) < k) t = t "x"
            print "<note>" t "</note>"
        }
    }'
    printf '</notes>\n</assessment>\n'
    ;;
conflicts)
    printf '%s\n<assessment id="lim">\n<screening><finding name="calf-swelling-diff">3.5</finding></screening>\n<notes><note>' "$head"
    awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) printf "Calf %d cm bigger. ", i + 1 }'
    printf '</note></notes>\n</assessment>\n'
    ;;
worst)
    cat <<EOT
$head
<assessment id="worst">
  <history>
    <finding name="onset">gradual</finding>
    <finding name="injury-moment-remembered">yes</finding>
    <finding name="symptom-duration">4</finding>
  </history>
  <screening>
    <finding name="calf-swelling-diff">3.5</finding>
    <finding name="pitting-oedema-symptomatic-leg">no</finding>
    <finding name="leg-discolouration">none</finding>
  </screening>
  <notes>
EOT
    awk 'BEGIN {
        split("Sudden sharp pain in the right calf during the interval session, felt a pop. " \
              "No swelling but the calf is 2 cm bigger than the left and pits on pressure. " \
              "Denies numbness; tender along the deep veins, looks dusky and shiny. " \
              "Ran 30 km last week, up from 20 km; new hill work and a switch to forefoot running. " \
              "History of a calf strain last year; cannot do a single leg heel raise today. " \
              "Pain has been worse for four weeks, walking is painful, no saddle numbness. ", s, "|")
        base = s[1]
        for (i = 0; i < 64; i++) {
            t = ""
            while (length(t) + length(base) <= 2048) t = t base
            print "    <note>" t "</note>"
        }
        for (i = 0; i < 1000; i++) print "    <!-- comment -->"
    }'
    printf '  </notes>\n</assessment>\n'
    ;;
*)
    echo "usage: tools/limit-record.sh tag|attrs|elements|notes|note-bytes|conflicts|worst N" >&2
    exit 2 ;;
esac
