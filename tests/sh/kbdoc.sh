#!/bin/sh
# kbdoc.sh — fails when docs/knowledge-base.md is not what
# `soleus rules --format md` generates from the current rules and knowledge
# files. Fix: tools/gen-kb-doc.sh. Env: SOLEUS (binary), SOLEUS_WRAP, TMP.
cd "$(dirname "$0")/../.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
out=$(mktemp "${TMP:-/tmp}/kbdoc.XXXXXX") || exit 2
trap 'rm -f "$out"' EXIT INT TERM
if ! ${SOLEUS_WRAP:-} "$SOLEUS" rules --format md --rules rules --knowledge knowledge > "$out"; then
    echo "kbdoc: soleus rules --format md failed"
    exit 1
fi
if ! diff -u docs/knowledge-base.md "$out"; then
    echo "kbdoc: docs/knowledge-base.md is stale; run tools/gen-kb-doc.sh"
    exit 1
fi
