/* runner.h — the runner's page: knowledge/runner.tsv says, in plain words,
 * what each recommendation means for the runner; this module picks the rows
 * a report's recommendations call for. It never names a diagnosis: the text
 * is data a clinician reviews. A sol_runner owns its strings. */
#ifndef SOL_RUNNER_H
#define SOL_RUNNER_H

#include "sol.h"
#include "report.h"

typedef enum {
    SOL_RUNNER_NOW = 0, /* do this first, today */
    SOL_RUNNER_DO,
    SOL_RUNNER_AVOID,
    SOL_RUNNER_COME_BACK /* when to come back at once */
} sol_runner_kind;

typedef struct {
    const char *id; /* recommendation id, "@red-flag" or "@always" */
    sol_runner_kind kind;
    const char *text;
    int line; /* line in runner.tsv */
} sol_runner_row;

typedef struct sol_runner sol_runner;

/* Load runner.tsv from the knowledge folder dir. Errors name file and line;
 * a kind that is not now|do|avoid|come-back is an error. Caller frees. */
int sol_runner_load(sol_runner **out, const char *dir, sol_diag *d);
void sol_runner_free(sol_runner *r); /* NULL is a no-op */

/* The rows for report rep of kind k, in file order, each once: rows of the
 * report's recommendations, @red-flag when one stands, @always. Returns how
 * many were written to out (at most max). */
size_t sol_runner_select(const sol_runner *r, const sol_report *rep, sol_runner_kind k,
                         const sol_runner_row **out, size_t max);

#endif
