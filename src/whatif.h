/* whatif.h — "what if this finding were different?": re-assess a case with
 * some findings changed and compare the two reports (conclusions gained and
 * lost, rank and certainty changes, red flag, suppression, recommendations).
 * The comparison is also what next-best (nextbest.h) scores.
 * Ownership: a sol_whatif owns its arrays and its re-assessment; the strings
 * in its items are borrowed from the two reports, so the baseline report
 * must outlive the sol_whatif. */
#ifndef SOL_WHATIF_H
#define SOL_WHATIF_H

#include <stdio.h>

#include "sol.h"
#include "pipeline.h"
#include "probe.h"
#include "report.h"

typedef enum {
    SOL_WI_GAINED,  /* shown only after the change */
    SOL_WI_LOST,    /* shown only before */
    SOL_WI_CHANGED, /* shown in both, rank/cf/deferral differs */
    SOL_WI_SAME     /* shown in both, unchanged (not listed) */
} sol_wi_kind;

typedef struct {
    sol_wi_kind kind;
    const char *id;
    const sol_condition *cond;
    char tier;
    double cf_before, cf_after;  /* 0 when not shown on that side */
    int rank_before, rank_after; /* 0 when not shown on that side */
    int deferred_before, deferred_after;
} sol_wi_concl;

typedef struct {
    int gained; /* 1 gained, 0 lost */
    const sol_recommendation *rec;
    const char *for_id; /* "" for the safety net */
} sol_wi_rec;

typedef struct sol_whatif sol_whatif;

/* Compare two reports of the same case. Caller frees *out. */
int sol_whatif_compare(sol_whatif **out, const sol_report *before, const sol_report *after);

/* Apply the changes to the baseline's findings, re-assess with p and
 * compare. The re-assessment is kept inside *out (sol_whatif_after). */
int sol_whatif_run(sol_whatif **out, sol_pipeline *p, const sol_report *baseline,
                   const sol_change *changes, size_t n, sol_diag *d);
void sol_whatif_free(sol_whatif *w); /* NULL is a no-op */

int sol_whatif_red_flag_before(const sol_whatif *w);
int sol_whatif_red_flag_after(const sol_whatif *w);
int sol_whatif_suppressed_before(const sol_whatif *w);
int sol_whatif_suppressed_after(const sol_whatif *w);
/* Conclusions in report order: the "after" order, then those lost. Every
 * conclusion shown on either side is listed (SAME ones too). */
size_t sol_whatif_concl_count(const sol_whatif *w);
const sol_wi_concl *sol_whatif_concl_at(const sol_whatif *w, size_t i);
size_t sol_whatif_rec_count(const sol_whatif *w);
const sol_wi_rec *sol_whatif_rec_at(const sol_whatif *w, size_t i);
/* 1 when anything a clinician would see changed. */
int sol_whatif_changed(const sol_whatif *w);
/* The re-assessed report (only after sol_whatif_run), else NULL. */
const sol_report *sol_whatif_after(const sol_whatif *w);

/* Text of the differences, for `soleus what-if`: the changes applied, then
 * what changed (write_whatif.c). */
int sol_whatif_write_text(FILE *out, const sol_whatif *w, const sol_report *baseline,
                          const sol_change *changes, size_t n);

#endif
