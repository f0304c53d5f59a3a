#!/usr/bin/python3
"""validate-json.py SCHEMA FILE... — validate JSON documents against a JSON
Schema (draft 2020-12) with Debian's python3-jsonschema; prints each error
with its JSON path and exits 1 when any document is invalid."""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print("usage: validate-json.py SCHEMA FILE...", file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    bad = 0
    for name in argv[2:]:
        with open(name) as f:
            try:
                doc = json.load(f)
            except ValueError as e:
                print(f"{name}: not JSON: {e}")
                bad = 1
                continue
        for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
            path = "/".join(str(p) for p in err.path)
            print(f"{name}: /{path}: {err.message[:200]}")
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
