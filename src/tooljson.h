/* tooljson.h — JSON for the teaching and auditing commands (write_json.c,
 * the only jansson user). Every document carries "format_version"
 * (SOL_JSON_FORMAT_VERSION, bumped whenever a schema in docs/schema/
 * changes), "command" and "disclaimer"; lists are arrays; keys are sorted.
 * Each returns 0 or SOL_EIO. */
#ifndef SOL_TOOLJSON_H
#define SOL_TOOLJSON_H

#include <stdio.h>

#include "catalog.h"
#include "coverage.h"
#include "kb.h"
#include "lint.h"
#include "probe.h"
#include "vocab.h"
#include "whatif.h"
#include "whynot.h"

#define SOL_JSON_FORMAT_VERSION 1

int sol_write_json_whynot(FILE *out, const sol_whynot *w, const sol_vocab *v,
                          const sol_catalog *cat);
int sol_write_json_whatif(FILE *out, const sol_whatif *w, const sol_report *baseline,
                          const sol_change *changes, size_t n);
int sol_write_json_coverage(FILE *out, const sol_coverage *c, const sol_catalog *cat);
int sol_write_json_lint(FILE *out, const sol_lint *l);
/* ids[0..nids): only those rules (own id or family); none: every rule. */
int sol_write_json_rules(FILE *out, const sol_kb *kb, const sol_vocab *v, const sol_catalog *cat,
                         const char *const *ids, size_t nids);

#endif
