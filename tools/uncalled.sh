#!/bin/sh
# tools/uncalled.sh [DIR] — lists every function a header in src/ declares
# that nothing in src/, tests/ or tools/ uses beyond its declaration and its
# definition: public API without a caller, to remove (or make static).
# Declarations and definitions are recognised as lines that open at column 0
# with a type before the name; any other mention of the name counts as a use.
cd "${1:-$(dirname "$0")/..}" || exit 2
for f in $(grep -hoE '^[a-z].*[ *]sol_[a-z0-9_]+\(' src/*.h | grep -oE 'sol_[a-z0-9_]+\(' \
           | tr -d '(' | sort -u); do
    n=$(grep -rwn "$f" src tests tools --include='*.c' --include='*.h' --include='*.sh' \
            --include='*.py' \
        | grep -vE "^src/[a-z_0-9]+\.h:[0-9]+:[a-z].*[ *]$f\(" \
        | grep -vE "^src/[a-z_0-9]+\.c:[0-9]+:[a-z][a-z_ 0-9]*[ *]+$f\(" | wc -l)
    [ "$n" -eq 0 ] && echo "$f"
done
exit 0
