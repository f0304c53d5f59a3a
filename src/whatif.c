/* whatif.c — re-assess a case with changed findings and compare the two
 * reports (whatif.h). The comparison is data; write_whatif.c and the JSON
 * writer put it into words. */
#include "whatif.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct sol_whatif {
    int red_before, red_after, supp_before, supp_after;
    sol_wi_concl *concl;
    size_t nconcl;
    sol_wi_rec *recs;
    size_t nrecs;
    sol_assessment *after; /* owned re-assessment (sol_whatif_run) */
};

static int same_rec(const sol_rrec *a, const sol_rrec *b)
{
    return a->rec == b->rec && strcmp(a->for_id, b->for_id) == 0;
}

static int has_rec(const sol_report *r, const sol_rrec *x)
{
    for (size_t i = 0; i < sol_report_recommendation_count(r); i++)
        if (same_rec(sol_report_recommendation_at(r, i), x))
            return 1;
    return 0;
}

/* Recommendations in one report but not the other. */
static int diff_recs(sol_whatif *w, const sol_report *from, const sol_report *other, int gained)
{
    for (size_t i = 0; i < sol_report_recommendation_count(from); i++) {
        const sol_rrec *x = sol_report_recommendation_at(from, i);
        if (has_rec(other, x))
            continue;
        if (sol_push((void **)&w->recs, &w->nrecs, sizeof *w->recs))
            return SOL_ENOMEM;
        w->recs[w->nrecs - 1].gained = gained;
        w->recs[w->nrecs - 1].rec = x->rec;
        w->recs[w->nrecs - 1].for_id = x->for_id;
    }
    return SOL_OK;
}

/* A conclusion shown after the change (a) and/or before it (b); each side
 * absent stays zero. NULL when out of memory. */
static sol_wi_concl *add_concl(sol_whatif *w, const sol_rconclusion *a, const sol_rconclusion *b)
{
    const sol_rconclusion *any = a ? a : b;
    if (sol_push((void **)&w->concl, &w->nconcl, sizeof *w->concl))
        return NULL;
    sol_wi_concl *c = &w->concl[w->nconcl - 1];
    c->id = any->id;
    c->cond = any->cond;
    c->tier = any->tier;
    if (a) {
        c->cf_after = a->cf;
        c->rank_after = a->rank;
        c->deferred_after = a->deferred;
    }
    if (b) {
        c->cf_before = b->cf;
        c->rank_before = b->rank;
        c->deferred_before = b->deferred;
    }
    return c;
}

int sol_whatif_compare(sol_whatif **out, const sol_report *before, const sol_report *after)
{
    sol_whatif *w = calloc(1, sizeof *w);

    *out = NULL;
    if (!w)
        return SOL_ENOMEM;
    w->red_before = sol_report_has_red_flag(before);
    w->red_after = sol_report_has_red_flag(after);
    w->supp_before = sol_report_suppressed(before);
    w->supp_after = sol_report_suppressed(after);
    for (size_t i = 0; i < sol_report_conclusion_count(after); i++) {
        const sol_rconclusion *a = sol_report_conclusion_at(after, i);
        const sol_rconclusion *b = sol_report_conclusion(before, a->id);
        sol_wi_concl *c = add_concl(w, a, b);
        if (!c)
            goto oom;
        c->kind = !b ? SOL_WI_GAINED
                  : (fabs(a->cf - b->cf) > 0.005 || a->rank != b->rank ||
                     a->deferred != b->deferred)
                      ? SOL_WI_CHANGED
                      : SOL_WI_SAME;
    }
    for (size_t i = 0; i < sol_report_conclusion_count(before); i++) {
        const sol_rconclusion *b = sol_report_conclusion_at(before, i);
        if (sol_report_conclusion(after, b->id))
            continue;
        if (!add_concl(w, NULL, b))
            goto oom;
        w->concl[w->nconcl - 1].kind = SOL_WI_LOST;
    }
    if (diff_recs(w, after, before, 1) || diff_recs(w, before, after, 0))
        goto oom;
    *out = w;
    return SOL_OK;
oom:
    sol_whatif_free(w);
    return SOL_ENOMEM;
}

int sol_whatif_run(sol_whatif **out, sol_pipeline *p, const sol_report *baseline,
                   const sol_change *changes, size_t n, sol_diag *d)
{
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    int rc;

    *out = NULL;
    if ((rc = sol_change_apply(&f, sol_report_findings(baseline), changes, n))) {
        sol_diag_set(d, rc, "", 0, "out of memory");
        goto cleanup;
    }
    if ((rc = sol_pipeline_assess(p, sol_report_record_id(baseline),
                                  sol_report_record_file(baseline), f, &a, d)))
        goto cleanup;
    if ((rc = sol_whatif_compare(out, baseline, a->report))) {
        sol_diag_set(d, rc, "", 0, "out of memory");
        goto cleanup;
    }
    (*out)->after = a;
    a = NULL;
cleanup:
    sol_assessment_free(a);
    sol_findings_free(f);
    return rc;
}

void sol_whatif_free(sol_whatif *w)
{
    if (!w)
        return;
    sol_assessment_free(w->after);
    free(w->concl);
    free(w->recs);
    free(w);
}

int sol_whatif_red_flag_before(const sol_whatif *w) { return w->red_before; }
int sol_whatif_red_flag_after(const sol_whatif *w) { return w->red_after; }
int sol_whatif_suppressed_before(const sol_whatif *w) { return w->supp_before; }
int sol_whatif_suppressed_after(const sol_whatif *w) { return w->supp_after; }
size_t sol_whatif_concl_count(const sol_whatif *w) { return w->nconcl; }
const sol_wi_concl *sol_whatif_concl_at(const sol_whatif *w, size_t i) { return &w->concl[i]; }
size_t sol_whatif_rec_count(const sol_whatif *w) { return w->nrecs; }
const sol_wi_rec *sol_whatif_rec_at(const sol_whatif *w, size_t i) { return &w->recs[i]; }
const sol_report *sol_whatif_after(const sol_whatif *w)
{
    return w->after ? w->after->report : NULL;
}

int sol_whatif_changed(const sol_whatif *w)
{
    if (w->red_before != w->red_after || w->supp_before != w->supp_after || w->nrecs)
        return 1;
    for (size_t i = 0; i < w->nconcl; i++)
        if (w->concl[i].kind != SOL_WI_SAME)
            return 1;
    return 0;
}
