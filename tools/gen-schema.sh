#!/bin/sh
# gen-schema.sh — regenerate knowledge/record.rng from knowledge/vocabulary.tsv
# (soleus new --schema). Run it after changing the vocabulary; the test
# tests/sh/schema.sh fails while the two differ.
set -eu
SOLEUS=${SOLEUS:-build/soleus}
"$SOLEUS" new --schema > knowledge/record.rng.tmp
mv knowledge/record.rng.tmp knowledge/record.rng
echo "wrote knowledge/record.rng"
