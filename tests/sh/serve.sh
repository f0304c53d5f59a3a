#!/bin/sh
# serve.sh — `soleus serve` with real clients on a free loopback port:
# CDS Hooks discovery, a hook call per example record (as a FHIR
# QuestionnaireResponse built from it), missing prefetch, feedback, CORS,
# POST /assess, the local form (curl, and headless Chromium when installed),
# JWT accept and reject cases, hostile requests, a log without record
# content, and a clean stop on SIGTERM.
SOLEUS=${SOLEUS:-build/soleus}
T=$(mktemp -d "${TMPDIR:-/tmp}/soleus-serve.XXXXXX")
PID=
trap '[ -n "$PID" ] && kill -KILL $PID 2>/dev/null; rm -rf "$T"' EXIT INT TERM
fail=0
no() { echo "FAIL: $*"; fail=1; }
. tests/sh/serve.inc
command -v curl > /dev/null || { echo "curl is required (make deps)"; exit 1; }

for x in examples/*.xml; do
    b=$(basename "$x" .xml)
    "$SOLEUS" questionnaire --response "$x" > "$T/$b.qr.json" || no "$b: --response"
    hook "$T/$b.qr.json" "$T/$b.hook.json"
    "$SOLEUS" assess --no-next --format summary "$x" > "$T/$b.sum"
done

start plain --threads 2 --timeout 2 --max-body 262144 || exit 1

# --- discovery and CORS ---
st=$(curl -s -m 10 -D "$T/h" -o "$T/disc" -w '%{http_code}' "$URL/cds-services")
[ "$st" = 200 ] || no "discovery status $st"
grep -q '"hook":"patient-view"' "$T/disc" || no "discovery lacks the patient-view service"
grep -q '"id":"soleus-calf"' "$T/disc" || no "discovery lacks the service id"
grep -q '"questionnaireResponse":"QuestionnaireResponse?subject=Patient/{{context.patientId}}' "$T/disc" \
    || no "discovery lacks the questionnaireResponse prefetch template"
grep -qi '^Access-Control-Allow-Origin: \*' "$T/h" || no "discovery lacks CORS"
st=$(curl -s -m 10 -X OPTIONS -D "$T/h" -o /dev/null -w '%{http_code}' \
     -H 'Origin: https://ehr.example' -H 'Access-Control-Request-Method: POST' \
     "$URL/cds-services/soleus-calf")
[ "$st" = 204 ] || no "preflight status $st"
grep -qi '^Access-Control-Allow-Headers:.*Authorization' "$T/h" || no "preflight lacks Allow-Headers"

# --- a hook call per example: red flag in the record <=> a referral card ---
for x in examples/*.xml; do
    b=$(basename "$x" .xml)
    st=$(post /cds-services/soleus-calf "$T/$b.hook.json" application/json "$T/$b.cards")
    [ "$st" = 200 ] || { no "$b: hook status $st"; cat "$T/$b.cards"; continue; }
    grep -q '"indicator":"info"' "$T/$b.cards" || no "$b: no info card"
    if grep -q '^red-flag yes' "$T/$b.sum"; then
        grep -Eq '"indicator":"(critical|warning)"' "$T/$b.cards" || no "$b: red flag but no referral card"
        grep -q '"summary":"Refer' "$T/$b.cards" || no "$b: referral card does not say refer"
    else
        grep -Eq '"indicator":"(critical|warning)"' "$T/$b.cards" && no "$b: referral card without a red flag"
    fi
    # every summary under 140 characters; every card names Soleus as source
    sed 's/"summary":"/\n&/g' "$T/$b.cards" | sed -n 's/^"summary":"\([^"]*\)".*/\1/p' > "$T/sums"
    awk 'length($0) >= 140 { bad = 1 } END { exit bad }' "$T/sums" || no "$b: a summary of 140 characters or more"
    n=$(grep -o '"indicator"' "$T/$b.cards" | wc -l); m=$(grep -o '"label":"Soleus' "$T/$b.cards" | wc -l)
    [ "$n" = "$m" ] || no "$b: $n cards but $m sources naming Soleus"
done
grep -q '"indicator":"critical"\|"indicator":"warning"' "$T/tc3-dvt.cards" || no "tc3-dvt: no critical or warning card"
grep -q 'Possible deep vein thrombosis' "$T/tc3-dvt.cards" || no "tc3-dvt: the DVT card is missing"
grep -q 'refer' "$T/tc3-dvt.cards" || no "tc3-dvt: the card does not say refer"

# prefetch as a search Bundle with the Patient
"$SOLEUS" questionnaire --response examples/tc3-dvt.xml --bundle > "$T/b.json"
sed -n '/"resourceType": "QuestionnaireResponse"/,$p' "$T/b.json" > /dev/null
{ printf '{"hook":"patient-view","hookInstance":"x","context":{"patientId":"p1"},"prefetch":{'
  printf '"patient":{"resourceType":"Patient","id":"p1","gender":"male","birthDate":"1982-01-15"},'
  printf '"questionnaireResponse":{"resourceType":"Bundle","type":"searchset","entry":[{"resource":'
  "$SOLEUS" questionnaire --response examples/tc3-dvt.xml
  printf '}]}}}'; } > "$T/search.json"
st=$(post /cds-services/soleus-calf "$T/search.json" application/json "$T/out")
[ "$st" = 200 ] && grep -q 'Possible deep vein thrombosis' "$T/out" || no "searchset prefetch: status $st"

# missing prefetch: no cards, and why; never an all clear
printf '{"hook":"patient-view","hookInstance":"x","context":{"patientId":"p1"}}' > "$T/nopre.json"
st=$(post /cds-services/soleus-calf "$T/nopre.json" application/json "$T/out")
[ "$st" = 200 ] || no "missing prefetch: status $st"
grep -q '"cards":\[\]' "$T/out" || no "missing prefetch: cards were given"
grep -q 'not an all clear' "$T/out" || no "missing prefetch: no reason given"
printf '{"hook":"patient-view","hookInstance":"x","context":{"patientId":"p1"},"prefetch":{"questionnaireResponse":{"resourceType":"Bundle","type":"searchset","entry":[]}}}' > "$T/empty.json"
st=$(post /cds-services/soleus-calf "$T/empty.json" application/json "$T/out")
[ "$st" = 200 ] && grep -q '"cards":\[\]' "$T/out" || no "empty search: status $st"

# feedback
printf '{"feedback":[{"card":"ad52a128-f27a-4369-8c45-f2bb5983eeb0","outcome":"accepted","outcomeTimestamp":"2026-01-15T10:00:00Z"}]}' > "$T/fb.json"
st=$(post /cds-services/soleus-calf/feedback "$T/fb.json" application/json "$T/out")
[ "$st" = 200 ] || no "feedback status $st"
printf '{"feedback":[{"outcome":"maybe"}]}' > "$T/fb.json"
st=$(post /cds-services/soleus-calf/feedback "$T/fb.json" application/json "$T/out")
[ "$st" = 422 ] && grep -q '"message":"\$.feedback\[0\]' "$T/out" || no "bad feedback: status $st"

# --- POST /assess: XML and FHIR give the same conclusions ---
st=$(post /assess examples/tc3-dvt.xml application/xml "$T/a.xml.json")
[ "$st" = 200 ] && grep -q '"red_flag": true' "$T/a.xml.json" || no "assess XML: status $st"
st=$(post /assess "$T/tc3-dvt.qr.json" application/fhir+json "$T/a.fhir.json")
[ "$st" = 200 ] || no "assess FHIR: status $st"
grep '"id": "' "$T/a.xml.json" | sort > "$T/c1"; grep '"id": "' "$T/a.fhir.json" | sort > "$T/c2"
[ -s "$T/c1" ] && cmp -s "$T/c1" "$T/c2" || no "assess: XML and FHIR conclusions differ"

# --- hostile requests: each a 4xx with a JSON error body ---
expect() { # WHAT STATUS FILE
    [ "$2" = "$3" ] || no "$1: status $2, expected $3"
    grep -q '"error":{"message":' "$4" || no "$1: no JSON error body"
}
head -c 300000 /dev/zero | tr '\0' 'a' > "$T/big"
st=$(post /assess "$T/big" application/xml "$T/out"); expect "oversized body" "$st" 413 "$T/out"
st=$(curl -s -m 10 -o "$T/out" -w '%{http_code}' -H 'Content-Type: application/xml' \
     -H 'Transfer-Encoding: chunked' --data-binary @"$T/big" "$URL/assess")
expect "oversized chunked body" "$st" 413 "$T/out"
printf '{"hook": "patient-view", ' > "$T/bad.json"
st=$(post /cds-services/soleus-calf "$T/bad.json" application/json "$T/out"); expect "malformed JSON" "$st" 400 "$T/out"
st=$(post /cds-services/soleus-calf "$T/tc3-dvt.hook.json" text/plain "$T/out"); expect "wrong content type" "$st" 415 "$T/out"
st=$(post /assess examples/tc3-dvt.xml text/plain "$T/out"); expect "assess wrong content type" "$st" 415 "$T/out"
st=$(curl -s -m 10 --path-as-is -o "$T/out" -w '%{http_code}' "$URL/../../etc/passwd"); expect "path traversal" "$st" 400 "$T/out"
grep -q 'root:' "$T/out" && no "path traversal leaked a file"
st=$(curl -s -m 10 --path-as-is -o "$T/out" -w '%{http_code}' "$URL/cds-services/../../../etc/passwd"); expect "path traversal 2" "$st" 400 "$T/out"
st=$(curl -s -m 10 -o "$T/out" -w '%{http_code}' "$URL/cds-services/other"); expect "unknown service" "$st" 404 "$T/out"
st=$(curl -s -m 10 -o "$T/out" -w '%{http_code}' "$URL/cds-services/soleus-calf"); expect "GET on the hook" "$st" 405 "$T/out"
st=$(post /assess tests/bad/xxe-passwd.xml application/xml "$T/out"); expect "XXE record" "$st" 400 "$T/out"
st=$(post /assess tests/bad-fhir/out-of-range.json application/fhir+json "$T/out"); expect "invalid FHIR" "$st" 422 "$T/out"
grep -q '\$.item\[0\].item\[0\].answer\[0\]' "$T/out" || no "invalid FHIR: error lacks the JSON path"
sed 's/"age","answer":\[{"valueInteger":120}\]/"age","answer":[{"valueInteger":120}]/' "$T/tc3-dvt.qr.json" > /dev/null
# a slow client that never finishes its body is cut off by the idle timeout
s0=$(date +%s)
st=$( (sleep 6) | curl -s -m 20 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      -T - -X POST "$URL/cds-services/soleus-calf")
s1=$(date +%s)
[ "$st" = 200 ] && no "slow client was answered as if complete"
[ $((s1 - s0)) -le 15 ] || no "slow client held for $((s1 - s0)) s"
# a client that trickles its body (10 bytes/s for 300 bytes) hits the time limit
head -c 300 /dev/zero | tr '\0' ' ' > "$T/trickle"
s0=$(date +%s)
st=$(curl -s -m 60 -o /dev/null -w '%{http_code}' --limit-rate 10 -H 'Content-Type: application/xml' \
     --data-binary @"$T/trickle" "$URL/assess")
s1=$(date +%s)
[ "$st" = 200 ] && no "trickling client was answered"
[ $((s1 - s0)) -le 15 ] || no "trickling client held for $((s1 - s0)) s"
st=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$URL/cds-services")
[ "$st" = 200 ] || no "server unhealthy after the slow client: $st"

# --- the local form ---
st=$(curl -s -m 10 -D "$T/h" -o "$T/form.html" -w '%{http_code}' "$URL/")
[ "$st" = 200 ] || no "form status $st"
grep -qi '^Content-Type: text/html' "$T/h" || no "form is not HTML"
grep -qi '<script' "$T/form.html" && no "the form uses JavaScript"
for name in $(awk -F'\t' '!/^#/ && NF >= 8 && $3 != "derived" { print $1 }' knowledge/vocabulary.tsv); do
    grep -q "name=\"$name\"" "$T/form.html" || no "form lacks the field $name"
done
grep -q '<select id="f-onset" name="onset">' "$T/form.html" || no "form: enumeration is not a select list"
grep -q 'name="calf-swelling-diff" min="0" max="10" step="any"> cm' "$T/form.html" || no "form: number without range and unit"
grep -q '<textarea id="f-notes" name="notes"' "$T/form.html" || no "form: no notes box"
st=$(curl -s -m 30 -o "$T/res.html" -w '%{http_code}' --data-urlencode 'id=form-dvt' \
     --data-urlencode 'age=44' --data-urlencode 'onset=gradual' --data-urlencode 'symptom-trend=worsening' \
     --data-urlencode 'leg-discolouration=dusky-blue' --data-urlencode 'calf-swelling-diff=3.5' \
     --data-urlencode 'pitting-oedema-symptomatic-leg=yes' --data-urlencode 'deep-vein-tenderness=yes' \
     --data-urlencode 'alternative-dx-at-least-as-likely=no' --data-urlencode 'recent-load-change=speed-intervals' \
     --data-urlencode 'recent-load-change=distance' --data-urlencode 'shiny-skin=' \
     --data-urlencode 'notes=Calf <b>looks</b> dusky & "swollen"' "$URL/")
[ "$st" = 200 ] || { no "form post status $st"; cat "$T/res.html"; }
grep -q 'Possible deep vein thrombosis' "$T/res.html" || no "form result lacks the DVT referral"
grep -q '<b>looks' "$T/res.html" && no "form result shows note markup unescaped"
sed -n 's/.*href="data:application\/xml;base64,\([^"]*\)".*/\1/p' "$T/res.html" | openssl base64 -d -A > "$T/dl.xml" 2>/dev/null \
    || base64 -d > "$T/dl.xml"
"$SOLEUS" assess --no-next --format summary "$T/dl.xml" > "$T/dl.sum" || no "downloaded record does not assess"
grep -q '^conclusion A 1 possible-dvt' "$T/dl.sum" || no "downloaded record lost the DVT conclusion"
grep -q '<finding name="recent-load-change">speed-intervals distance</finding>' "$T/dl.xml" || no "set field not joined"
st=$(curl -s -m 10 -o "$T/err.html" -w '%{http_code}' --data-urlencode '<script>x</script>=1' "$URL/")
[ "$st" = 422 ] || no "unknown form field: status $st"
grep -q '&lt;script&gt;' "$T/err.html" && ! grep -q '<script>' "$T/err.html" || no "form error page not escaped"
st=$(curl -s -m 10 -o "$T/err.html" -w '%{http_code}' --data-urlencode 'age=400' "$URL/")
[ "$st" = 422 ] && grep -q "value 400 out of range" "$T/err.html" || no "out-of-range form value: status $st"

# headless Chromium, where installed: load the form, submit it (a test page
# posts to the server; the form itself needs no JavaScript)
CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -n "$CHROME" ]; then
    timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$T/chr" \
        --dump-dom "$URL/" > "$T/chr-form.html" 2> "$T/chr.err"
    grep -q 'name="pitting-oedema-symptomatic-leg"' "$T/chr-form.html" || no "Chromium did not load the form"
    { printf '<!DOCTYPE html><html><body><form method="post" action="%s/">' "$URL"
      printf '<input name="id" value="chromium"><input name="pitting-oedema-symptomatic-leg" value="yes">'
      printf '<input name="calf-swelling-diff" value="3.5"><input name="deep-vein-tenderness" value="yes">'
      printf '<input name="symptom-trend" value="worsening"></form>'
      printf '<script>document.forms[0].submit()</script></body></html>'; } > "$T/submit.html"
    timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$T/chr" \
        --virtual-time-budget=10000 --dump-dom "file://$T/submit.html" > "$T/chr-res.html" 2>> "$T/chr.err"
    grep -q 'Possible deep vein thrombosis' "$T/chr-res.html" || { no "Chromium form submission did not show the report"; tail -5 "$T/chr.err"; }
else
    echo "note: no Chromium installed, the browser part was skipped"
fi

# the log: method, path, status, time; never record content
grep -q '^soleus serve: POST /cds-services/soleus-calf 200 ' "$T/plain.err" || no "no request log line"
grep -Eiq 'dusky|pitting|swollen|worsening|form-dvt' "$T/plain.err" && no "record content in the log"
stop

# --- JWT bearer auth ---
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$T/k1.pem" 2> /dev/null
openssl pkey -in "$T/k1.pem" -pubout -out "$T/k1.pub" 2> /dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$T/k2.pem" 2> /dev/null
# token ALG KEY PAYLOAD
token() {
    h=$(printf '{"alg":"%s","typ":"JWT"}' "$1" | b64url); p=$(printf '%s' "$3" | b64url)
    case $1 in
        RS256) s=$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -sign "$2" | b64url) ;;
        HS256) s=$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -mac HMAC -macopt key:"$(cat "$2")" -binary | b64url) ;;
        none) s= ;;
    esac
    printf '%s.%s.%s' "$h" "$p" "$s"
}
start auth --trust-key "https://ehr.example=$T/k1.pub" --threads 1 || exit 1
AUD="$URL/cds-services/soleus-calf"
now=$(date +%s)
claims() { printf '{"iss":"%s","aud":"%s","exp":%s,"iat":%s,"jti":"%s"}' "$1" "$2" "$3" "$now" "$4"; }
call() { post /cds-services/soleus-calf "$T/tc3-dvt.hook.json" application/json "$T/out" -H "Authorization: Bearer $1"; }
good=$(token RS256 "$T/k1.pem" "$(claims https://ehr.example "$AUD" $((now + 300)) j1)")
st=$(call "$good"); [ "$st" = 200 ] || { no "valid JWT refused: $st"; cat "$T/out"; }
st=$(call "$good"); [ "$st" = 401 ] && grep -q replayed "$T/out" || no "replayed jti accepted: $st"
st=$(call "$(token RS256 "$T/k2.pem" "$(claims https://ehr.example "$AUD" $((now + 300)) j2)")")
[ "$st" = 401 ] || no "bad signature accepted: $st"
st=$(call "$(token RS256 "$T/k1.pem" "$(claims https://ehr.example "$URL/cds-services/other" $((now + 300)) j3)")")
[ "$st" = 401 ] && grep -q "aud" "$T/out" || no "wrong aud accepted: $st"
st=$(call "$(token RS256 "$T/k1.pem" "$(claims https://ehr.example "$AUD" $((now - 10)) j4)")")
[ "$st" = 401 ] && grep -q expired "$T/out" || no "expired token accepted: $st"
st=$(call "$(token RS256 "$T/k1.pem" "$(claims https://other.example "$AUD" $((now + 300)) j5)")")
[ "$st" = 401 ] || no "untrusted issuer accepted: $st"
st=$(call "$(token none "" "$(claims https://ehr.example "$AUD" $((now + 300)) j6)")")
[ "$st" = 401 ] || no "alg none accepted: $st"
st=$(call "$(token HS256 "$T/k1.pub" "$(claims https://ehr.example "$AUD" $((now + 300)) j7)")")
[ "$st" = 401 ] || no "HS256 keyed with the public key accepted: $st"
st=$(post /cds-services/soleus-calf "$T/tc3-dvt.hook.json" application/json "$T/out")
[ "$st" = 401 ] || no "missing token accepted: $st"
grep -q '"error":{"message":' "$T/out" || no "401 without a JSON error body"
curl -s -m 10 -D "$T/h" -o /dev/null -H 'Content-Type: application/json' --data-binary @"$T/tc3-dvt.hook.json" "$AUD"
grep -qi '^WWW-Authenticate: Bearer' "$T/h" || no "401 without WWW-Authenticate"
st=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$URL/cds-services")
[ "$st" = 401 ] || no "discovery without a token: $st"
DAUD="$URL/cds-services"
st=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(token RS256 "$T/k1.pem" "$(claims https://ehr.example "$DAUD" $((now + 300)) j8)")" "$URL/cds-services")
[ "$st" = 200 ] || no "discovery with a token: $st"
grep -q "$good" "$T/auth.err" && no "a token reached the log"
stop

# --- the connection limit: beyond it new connections are refused ---
start limit --threads 1 --max-connections 2 --timeout 3 || exit 1
(sleep 5) | curl -s -m 20 -o /dev/null -H 'Content-Type: application/json' -T - -X POST "$URL/assess" & h1=$!
(sleep 5) | curl -s -m 20 -o /dev/null -H 'Content-Type: application/json' -T - -X POST "$URL/assess" & h2=$!
sleep 1
# (the kernel still completes the handshake; the server leaves it waiting)
st=$(curl -s -m 1 -o /dev/null -w '%{http_code}' "$URL/cds-services")
[ "$st" = 200 ] && no "a third connection was served beyond --max-connections 2"
wait $h1 $h2
st=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$URL/cds-services")
[ "$st" = 200 ] || no "no service after the held connections ended: $st"
stop

# --- no trusted keys: loopback only ---
"$SOLEUS" serve --listen 0.0.0.0:0 > "$T/o" 2> "$T/e" & p=$!
i=0; while kill -0 $p 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $p 2>/dev/null; then no "listened on 0.0.0.0 without trusted keys"; kill -KILL $p; fi
wait $p; st=$?
[ $st = 2 ] && grep -q 'refusing to listen on 0.0.0.0 without --trust-key' "$T/e" || no "non-loopback refusal: exit $st"
"$SOLEUS" serve --listen 127.0.0.1:99999 > /dev/null 2>&1; [ $? = 2 ] || no "bad port is not a usage error"
exit $fail
