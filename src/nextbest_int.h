/* nextbest_int.h — the next-best ranking before it is handed to a report,
 * for the unit tests and the benchmark only (production code reads it from
 * the report, sol_report_next_at). */
#ifndef SOL_NEXTBEST_INT_H
#define SOL_NEXTBEST_INT_H

#include "nextbest.h"

size_t sol_nextbest_count(const sol_nextbest *nb);
const sol_nb_item *sol_nextbest_at(const sol_nextbest *nb, size_t i);
/* Re-assessments it ran. */
size_t sol_nextbest_runs(const sol_nextbest *nb);

#endif
