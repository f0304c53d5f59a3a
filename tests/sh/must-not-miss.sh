#!/bin/sh
# Every presentation of knowledge/must-not-miss.tsv reaches its red flag on
# its own and beside any benign finding; every trigger asks its questions.
cd "$(dirname "$0")/../.." || exit 2
exec python3 tests/py/must_not_miss.py
