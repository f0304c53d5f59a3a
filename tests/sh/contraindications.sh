#!/bin/sh
# No golden report contains a contraindicated recommendation (knowledge/
# contraindications.tsv) or gives advice it also withholds.
cd "$(dirname "$0")/../.." || exit 2
exec python3 tests/py/contraindications.py
