#!/bin/sh
# gen-kb-doc.sh — regenerate docs/knowledge-base.md, the knowledge base in
# plain English, from rules/ and knowledge/ (`soleus rules --format md`).
# Run after changing a rule or a catalogue; tests/sh/kbdoc.sh fails until you do.
# Env: SOLEUS (the binary, default build/soleus; built when missing).
cd "$(dirname "$0")/.." || exit 2
SOLEUS=${SOLEUS:-build/soleus}
if [ ! -x "$SOLEUS" ]; then
    make --no-print-directory "$SOLEUS" || exit 1
fi
tmp=docs/knowledge-base.md.tmp
if "$SOLEUS" rules --format md --rules rules --knowledge knowledge > "$tmp"; then
    mv "$tmp" docs/knowledge-base.md
    echo "gen-kb-doc: wrote docs/knowledge-base.md"
else
    rm -f "$tmp"
    echo "gen-kb-doc: soleus rules failed" >&2
    exit 1
fi
