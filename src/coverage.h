/* coverage.h — rule coverage of a corpus of records: how often each defrule
 * fired and in which cases, and for each left-hand-side pattern how often it
 * held, as far as the model can tell. Feeds the text and LCOV writers.
 * A sol_coverage owns everything it returns; it borrows the kb. */
#ifndef SOL_COVERAGE_H
#define SOL_COVERAGE_H

#include <stdio.h>

#include "kb.h"
#include "pipeline.h"

typedef struct {
    size_t held;   /* cases in which the pattern held */
    size_t missed; /* cases in which it failed or its finding was unknown */
    size_t opaque; /* cases in which the model could not tell */
} sol_cov_branch;

typedef struct {
    const sol_kb_rule *rule;
    size_t fired;             /* total firings over the corpus */
    size_t ncases;            /* cases with at least one firing */
    const char **cases;       /* their names (borrowed from the coverage) */
    sol_cov_branch *branches; /* one per top-level condition */
} sol_cov_rule;

typedef struct sol_coverage sol_coverage;

int sol_coverage_new(sol_coverage **out, const sol_kb *kb);
void sol_coverage_free(sol_coverage *c); /* NULL is a no-op */
/* Add one assessed case (its name, findings and graph). */
int sol_coverage_add(sol_coverage *c, const char *case_name, const sol_findings *f,
                     const sol_graph *g);

size_t sol_coverage_rule_count(const sol_coverage *c);
const sol_cov_rule *sol_coverage_rule_at(const sol_coverage *c, size_t i);
size_t sol_coverage_case_count(const sol_coverage *c);
/* Was the conclusion supported in at least one case? */
int sol_coverage_reached(const sol_coverage *c, const char *conclusion);

/* Writers. */
int sol_coverage_write_text(FILE *out, const sol_coverage *c, const sol_catalog *cat);
/* LCOV with SF paths PREFIX/RULESDIR/FILE.clp (prefix NULL: absolute
 * paths, resolved with realpath). Deffunctions are functions too, with the
 * calls the corpus's firings made. */
int sol_coverage_write_lcov_prefix(FILE *out, const sol_coverage *c, const char *prefix);

#endif
