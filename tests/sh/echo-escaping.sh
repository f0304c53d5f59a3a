#!/bin/sh
# tests/sh/echo-escaping.sh — record text echoed to a terminal or a text
# report cannot forge lines: an id with CR/LF character references or space
# padding is stored as the schema's token sees it (trimmed, so the 64
# character limit holds), a note quote spanning a line break is printed with
# \n in the text report and the explanation, and a note over the size cap
# is reported with the record file and line, not only its element path.
# Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
W=${TMP:-/tmp}/esc.$$
mkdir -p "$W" || exit 2
trap 'rm -rf "$W"' EXIT INT TERM
bad=0
cr=$(printf '\r')
# 1. Id with CR LF references and padding: one clean header line.
cat > "$W/id.xml" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<assessment id="   tc1&#13;&#10;&#9;   ">
  <notes><note>calf ache</note></notes>
</assessment>
EOT
${SOLEUS_WRAP:-} "$SOLEUS" assess --no-next "$W/id.xml" > "$W/out" 2> "$W/err"
st=$?
if [ $st -ne 0 ] || [ "$(head -1 "$W/out")" != "Soleus assessment of record 'tc1'" ] \
   || grep -q "$cr" "$W/out"; then
    echo "id with CR/LF: exit $st, header:"; head -2 "$W/out" | od -c | head -5; cat "$W/err"; bad=1
fi
# Padding does not stretch an id past 64 characters: 64 padded ones are
# stored and printed without the padding, 65 are refused.
id64=$(printf 'a%.0s' $(seq 64))
printf '<?xml version="1.0"?>\n<assessment id="  %s\t "/>\n' "$id64" > "$W/pad.xml"
${SOLEUS_WRAP:-} "$SOLEUS" assess --no-next "$W/pad.xml" > "$W/out" 2> "$W/err"
st=$?
if [ $st -ne 0 ] || ! head -3 "$W/out" | tr '\n' ' ' | tr -s ' ' | grep -qF "Soleus assessment of record '$id64' from"; then
    echo "64-character padded id: exit $st, header:"; head -1 "$W/out"; cat "$W/err"; bad=1
fi
printf '<?xml version="1.0"?>\n<assessment id="  %sa  "/>\n' "$id64" > "$W/long.xml"
${SOLEUS_WRAP:-} "$SOLEUS" assess --no-next "$W/long.xml" > "$W/out" 2> "$W/err"
st=$?
if [ $st -ne 4 ]; then echo "65-character padded id: exit $st, want 4"; cat "$W/err"; bad=1; fi
# 2. A quote spanning a line break: escaped in assess (a conflict with the
# structured answer) and in explain (a finding behind a red flag).
cat > "$W/quote.xml" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<assessment id="quote">
  <history><finding name="pop-or-kicked-sensation">no</finding></history>
  <notes><note>Sprinting uphill when he heard a
pop in the right calf.</note></notes>
</assessment>
EOT
${SOLEUS_WRAP:-} "$SOLEUS" assess --no-next "$W/quote.xml" > "$W/out" 2> "$W/err"
st=$?
# (the text report wraps long lines: compare with the line breaks folded)
if [ $st -ne 0 ] || ! tr '\n' ' ' < "$W/out" | tr -s ' ' | grep -qF 'note says yes (line 4: "heard a\npop")'; then
    echo "quote with a line break, assess: exit $st, no 'heard a\\npop'"; grep -n pop "$W/out"; bad=1
fi
cat > "$W/quote2.xml" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<assessment id="quote2">
  <notes><note>Sudden pain; felt "kicked" at the back of the ankle. Cannot do a single-leg
heel raise. Thompson positive; palpable gap.</note></notes>
</assessment>
EOT
${SOLEUS_WRAP:-} "$SOLEUS" explain "$W/quote2.xml" > "$W/out" 2> "$W/err"
st=$?
if [ $st -ne 0 ] || ! grep -qF 'single-leg\nheel raise' "$W/out"; then
    echo "quote with a line break, explain: exit $st, no 'single-leg\\nheel raise'"; grep -n heel "$W/out"; bad=1
fi
# 3. A note over the per-note cap: file and line, then the note's path.
{
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<assessment id="big">\n<notes>\n<note>'
    awk 'BEGIN { s = ""; while (length(s) < 65537) s = s "calf ache after the run. "; printf "%s", s }'
    printf '</note>\n</notes>\n</assessment>\n'
} > "$W/big.xml"
${SOLEUS_WRAP:-} "$SOLEUS" assess --no-next "$W/big.xml" > "$W/out" 2> "$W/err"
st=$?
if [ $st -ne 4 ] || ! grep -qF "soleus: $W/big.xml:4: note /assessment/notes/note[1] is" "$W/err"; then
    echo "note over the cap: exit $st, want 4 and '$W/big.xml:4: note /assessment/notes/note[1] is ...'"
    cat "$W/err"; bad=1
fi
exit $bad
