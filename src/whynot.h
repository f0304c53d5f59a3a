/* whynot.h — "why was this conclusion not reached?": every rule whose
 * right-hand side supports the conclusion (from the knowledge-base model),
 * each of its conditions judged against this case's findings and derived
 * facts (held, failed, unknown), and the smallest set of finding changes
 * that makes the conclusion reached, checked by re-assessing the case.
 * Ownership: a sol_whynot owns its arrays and changes; it borrows the
 * report, kb and catalogue entry, which must outlive it. */
#ifndef SOL_WHYNOT_H
#define SOL_WHYNOT_H

#include <stdio.h>

#include "sol.h"
#include "catalog.h"
#include "kb.h"
#include "pipeline.h"
#include "probe.h"
#include "report.h"

/* One condition of a rule, in source order, nested ones after their parent. */
typedef struct {
    const sol_kb_cond *cond;
    int depth;            /* 0 top level, 1 inside an and/or/not … */
    sol_kb_result result; /* against this case */
} sol_wn_cond;

typedef struct {
    const sol_kb_rule *rule;
    const sol_kb_action *vote; /* the support evidence it asserts */
    int fired;                 /* it fired in this run */
    sol_kb_result result;      /* its whole left-hand side */
    size_t nconds;
    sol_wn_cond *conds;
    /* The finding changes that would make it fire (direct ones first, then
     * any found by searching the findings behind its derived conditions): */
    size_t nchanges;
    sol_change *changes;
    size_t ndirect;    /* changes[0..ndirect) come from its conditions */
    int unmet_derived; /* derived conditions the direct changes leave unmet */
    int tried;         /* the changes were re-assessed */
    int fires;         /* … and the rule then fired */
    int reached;       /* … and the conclusion was then reached too */
    double cf;         /* its certainty after the changes (when reached) */
    int has_belief;    /* after the changes a belief in it was formed … */
    double belief;     /* … with this combined certainty (when it fires but
                                   the conclusion is not shown: <= 0, the votes
                                   against outweigh it) */
} sol_wn_rule;

typedef struct sol_whynot sol_whynot;

/* Analyse why cond is not reached in report r (assessed by p, which is used
 * again to re-assess). Caller frees *out. */
int sol_whynot_build(sol_whynot **out, sol_pipeline *p, const sol_report *r,
                     const sol_condition *cond, sol_diag *d);
void sol_whynot_free(sol_whynot *w); /* NULL is a no-op */

const sol_condition *sol_whynot_condition(const sol_whynot *w);
const sol_report *sol_whynot_report(const sol_whynot *w);
/* The shown conclusion when it WAS reached, else NULL. */
const sol_rconclusion *sol_whynot_reached(const sol_whynot *w);
size_t sol_whynot_rule_count(const sol_whynot *w);
const sol_wn_rule *sol_whynot_rule_at(const sol_whynot *w, size_t i);
/* Index of the rule with the smallest checked change set, or -1. */
long sol_whynot_best(const sol_whynot *w);

/* The text for `soleus why-not`. */
int sol_whynot_write_text(FILE *out, const sol_whynot *w);

#endif
