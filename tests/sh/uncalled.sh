#!/bin/sh
# uncalled.sh — fails when a header in src/ declares a function that nothing
# calls (tools/uncalled.sh lists them): remove it, or move test-only API to
# the module's *_int.h where its test calls it.
cd "$(dirname "$0")/../.." || exit 2
left=$(sh tools/uncalled.sh .)
if [ -n "$left" ]; then
    echo "uncalled: public functions without a caller:"
    echo "$left" | sed 's/^/  /'
    exit 1
fi
# The check itself must see an uncalled declaration.
T=$(mktemp -d "${TMPDIR:-/tmp}/uncalled.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
mkdir -p "$T/src" "$T/tests" "$T/tools"
printf 'int sol_used(void);\nint sol_planted(int x);\n' > "$T/src/m.h"
printf 'int sol_used(void)\n{\n    return 0;\n}\nint sol_planted(int x)\n{\n    return sol_used() + x;\n}\n' > "$T/src/m.c"
if [ "$(sh tools/uncalled.sh "$T")" != "sol_planted" ]; then
    echo "uncalled: tools/uncalled.sh missed a planted uncalled function"
    exit 1
fi
echo "uncalled: every public function has a caller"
