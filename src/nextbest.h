/* nextbest.h — "what should I assess next?": for every finding some rule
 * reads (from the knowledge-base model) that the record does not state, try
 * each plausible answer (yes/no, each member, values either side of each
 * cut-off the rules use), re-assess, and rank the findings by how much an
 * answer could change the picture: the red-flag status first, then the top
 * conclusion of each tier, then its certainty. While a red flag stands only
 * changes to the red flags count (R58: nothing more is done to the leg before
 * medical clearance). Deterministic: the same
 * record gives the same list.
 * Ownership: a sol_nextbest owns everything it returns except the finding
 * names and labels, which belong to the pipeline's vocabulary. */
#ifndef SOL_NEXTBEST_H
#define SOL_NEXTBEST_H

#include <stdio.h>

#include "sol.h"
#include "findings.h"
#include "pipeline.h"
#include "report.h"
#include "writers.h"

#define SOL_NEXTBEST_SHOW 5     /* findings the text writer lists */
#define SOL_NB_TIERS 4          /* tiers compared (knowledge/tiers.tsv, in order) */

/* One answer that would change the picture. Per tier (index in the listing
 * order of knowledge/tiers.tsv): the top conclusion before and with this
 * answer. */
typedef struct {
    sol_value value;
    double score;               /* 1000 red-flag change, 100 (+10 x its certainty)
                                   per tier whose top changes, else 100 x the
                                   top's certainty change */
    int red_before, red_after;
    char top_before[SOL_NB_TIERS][64]; /* "" when the tier has no conclusion */
    char top_after[SOL_NB_TIERS][64];
    double cf_before[SOL_NB_TIERS], cf_after[SOL_NB_TIERS];
} sol_nb_answer;

typedef struct {
    const char *finding;        /* vocabulary name */
    const char *label;
    int asked;                  /* 1: recorded as unknown; 0: not recorded */
    double score;               /* best answer's score */
    size_t nanswers;
    sol_nb_answer *answers;     /* the answers that change something, best first */
} sol_nb_item;

typedef struct sol_nextbest sol_nextbest;

/* Rank the unrecorded findings of f (assessed as baseline) by p. Caller
 * frees *out. */
int sol_nextbest_compute(sol_nextbest **out, sol_pipeline *p, const sol_findings *f,
                         const sol_report *baseline, sol_diag *d);
void sol_nextbest_free(sol_nextbest *nb);      /* NULL is a no-op */
size_t sol_nextbest_count(const sol_nextbest *nb);
const sol_nb_item *sol_nextbest_at(const sol_nextbest *nb, size_t i);
/* Re-assessments it ran (for tests and benchmarks). */
size_t sol_nextbest_runs(const sol_nextbest *nb);

/* One answer's effect in words ("red flag raised: possible-dvt (A1) 0.60;
 * top calf tissue state: none -> gastrocnemius-strain 0.80"). cat names the
 * codes. */
const char *sol_nb_answer_text(const sol_nb_answer *a, const sol_catalog *cat, char *buf,
                               size_t len);

/* The writers with the "ASSESS NEXT (would change the picture)" section;
 * next may be NULL (then identical to sol_write_text/json/summary). Defined
 * in write_text.c, write_json.c and write_summary.c. */
int sol_write_text_with(FILE *out, const sol_report *r, const sol_nextbest *next);
/* The text report laid out for a terminal (opts NULL: 80 columns, plain). */
int sol_write_text_opts(FILE *out, const sol_report *r, const sol_nextbest *next,
                        const sol_text_opts *opts);
int sol_write_json_with(FILE *out, const sol_report *r, const sol_nextbest *next);
int sol_write_summary_with(FILE *out, const sol_report *r, const sol_nextbest *next);

#endif
