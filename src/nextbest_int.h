/* nextbest_int.h — the next-best ranking before it is handed to a report,
 * for the unit tests and the benchmark only (production code reads it from
 * the report, sol_report_next_at). */
#ifndef SOL_NEXTBEST_INT_H
#define SOL_NEXTBEST_INT_H

#include "nextbest.h"

size_t sol_nextbest_count(const sol_nextbest *nb);
const sol_nb_item *sol_nextbest_at(const sol_nextbest *nb, size_t i);
/* The same ranking with nothing pruned: every plausible answer to every
 * unrecorded finding some rule reads is tried, red flag or not. The test
 * that holds the pruning exact compares the two. */
int sol_nextbest_compute_exhaustive(sol_nextbest **out, sol_pipeline *p, const sol_findings *f,
                                    const sol_report *baseline, sol_diag *d);
/* Re-assessments it ran. */
size_t sol_nextbest_runs(const sol_nextbest *nb);

#endif
