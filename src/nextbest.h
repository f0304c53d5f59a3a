/* nextbest.h — "what should I assess next?": for every finding some rule
 * reads (from the knowledge-base model) that the record does not state, try
 * each plausible answer (yes/no, each member, values either side of each
 * cut-off the rules use), re-assess, and rank the findings by how much an
 * answer could change the picture: the red-flag status first, then the top
 * conclusion of each tier, then its certainty. While a red flag stands only
 * changes to the red flags count (R58: nothing more is done to the leg before
 * medical clearance). Deterministic: the same
 * record gives the same list.
 * The items and answers are report-model types (report.h): the ranking ends
 * up in the report, so that every writer walks one model.
 * Ownership: a sol_nextbest owns everything it returns except the finding
 * names and labels, which belong to the pipeline's vocabulary. */
#ifndef SOL_NEXTBEST_H
#define SOL_NEXTBEST_H

#include "sol.h"
#include "findings.h"
#include "pipeline.h"
#include "report.h"

typedef struct sol_nextbest sol_nextbest;

/* Rank the unrecorded findings of f (assessed as baseline) by p. Caller
 * frees *out, or hands it to the report with sol_nextbest_attach. */
int sol_nextbest_compute(sol_nextbest **out, sol_pipeline *p, const sol_findings *f,
                         const sol_report *baseline, sol_diag *d);
void sol_nextbest_free(sol_nextbest *nb); /* NULL is a no-op */
/* Give the ranking to r (the items sol_report_next_at walks, each answer's
 * effects worked out) and free nb. */
void sol_nextbest_attach(sol_nextbest *nb, sol_report *r);

#endif
