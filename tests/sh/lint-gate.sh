#!/bin/sh
# tests/sh/lint-gate.sh — the CI gate of issue 5: `soleus lint` over the real
# knowledge base must report no error (exit 0, "lint: 0 errors"), and must
# fail on a broken one (so the gate can fail). Env: SOLEUS, SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
out=${TMP:-/tmp}/lint-gate.$$
trap 'rm -f "$out"' EXIT INT TERM
if ! ${SOLEUS_WRAP:-} "$SOLEUS" lint --rules rules --knowledge knowledge > "$out" 2>&1; then
    echo "lint-gate: soleus lint reports errors on the real knowledge base:"
    grep ': error:' "$out"
    exit 1
fi
grep -q '^lint: 0 errors' "$out" || { echo "lint-gate: no '0 errors' summary"; cat "$out"; exit 1; }
# The gate must be able to fail: a fixture with a rule that names no source.
bad=tests/lint/rule-no-sources
if [ -d "$bad" ]; then
    if ${SOLEUS_WRAP:-} "$SOLEUS" lint --rules "$bad/rules" --knowledge "$bad/knowledge" > "$out" 2>&1; then
        echo "lint-gate: lint passed a knowledge base with a rule that names no source"
        cat "$out"
        exit 1
    fi
fi
exit 0
