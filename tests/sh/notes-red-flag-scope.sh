#!/bin/sh
# A negation's list scope never records a red-flag sign as absent.
cd "$(dirname "$0")/../.." || exit 2
exec python3 tests/py/notes_scope.py
