/* whatif.c — re-assess a case with changed findings and compare the two
 * reports (whatif.h). The comparison is data; sol_whatif_write_text is the
 * one text rendering of it. */
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
    sol_assessment *after;      /* owned re-assessment (sol_whatif_run) */
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
        if (sol_push((void **)&w->concl, &w->nconcl, sizeof *w->concl))
            goto oom;
        sol_wi_concl *c = &w->concl[w->nconcl - 1];
        c->id = a->id;
        c->cond = a->cond;
        c->tier = a->tier;
        c->cf_after = a->cf;
        c->rank_after = a->rank;
        c->deferred_after = a->deferred;
        if (!b) {
            c->kind = SOL_WI_GAINED;
            continue;
        }
        c->cf_before = b->cf;
        c->rank_before = b->rank;
        c->deferred_before = b->deferred;
        c->kind = (fabs(a->cf - b->cf) > 0.005 || a->rank != b->rank ||
                   a->deferred != b->deferred)
                      ? SOL_WI_CHANGED
                      : SOL_WI_SAME;
    }
    for (size_t i = 0; i < sol_report_conclusion_count(before); i++) {
        const sol_rconclusion *b = sol_report_conclusion_at(before, i);
        if (sol_report_conclusion(after, b->id))
            continue;
        if (sol_push((void **)&w->concl, &w->nconcl, sizeof *w->concl))
            goto oom;
        sol_wi_concl *c = &w->concl[w->nconcl - 1];
        c->kind = SOL_WI_LOST;
        c->id = b->id;
        c->cond = b->cond;
        c->tier = b->tier;
        c->cf_before = b->cf;
        c->rank_before = b->rank;
        c->deferred_before = b->deferred;
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
const sol_report *sol_whatif_after(const sol_whatif *w) { return w->after ? w->after->report : NULL; }

int sol_whatif_changed(const sol_whatif *w)
{
    if (w->red_before != w->red_after || w->supp_before != w->supp_after || w->nrecs)
        return 1;
    for (size_t i = 0; i < w->nconcl; i++)
        if (w->concl[i].kind != SOL_WI_SAME)
            return 1;
    return 0;
}

const sol_rconclusion *sol_whatif_top(const sol_report *r, char tier)
{
    for (size_t i = 0; i < sol_report_conclusion_count(r); i++) {
        const sol_rconclusion *c = sol_report_conclusion_at(r, i);
        if (c->tier == tier && c->rank == 1)
            return c;
    }
    return NULL;
}

/* ---- text ---- */

static const char *yn(int b) { return b ? "yes" : "no"; }

static void write_concl(FILE *out, const sol_wi_concl *c)
{
    static const char mark[] = {'+', '-', '~'};
    const char *urg = c->cond->tier_def->by_severity ? c->cond->urgency : NULL;

    fprintf(out, "    %c %s (%s, %s)", mark[c->kind], c->cond->label, c->cond->code, c->id);
    if (urg && strcmp(urg, "-") != 0)
        fprintf(out, " [%s]", urg);
    switch (c->kind) {
    case SOL_WI_GAINED:
        fprintf(out, ": now rank %d in tier %c, certainty %.2f%s\n", c->rank_after, c->tier,
                c->cf_after, c->deferred_after ? ", deferred" : "");
        break;
    case SOL_WI_LOST:
        fprintf(out, ": no longer reached (was rank %d, certainty %.2f)\n", c->rank_before,
                c->cf_before);
        break;
    default:
        fprintf(out, ":");
        if (fabs(c->cf_after - c->cf_before) > 0.005)
            fprintf(out, " certainty %.2f -> %.2f", c->cf_before, c->cf_after);
        if (c->rank_after != c->rank_before)
            fprintf(out, "%s rank %d -> %d", fabs(c->cf_after - c->cf_before) > 0.005 ? "," : "",
                    c->rank_before, c->rank_after);
        if (c->deferred_after != c->deferred_before)
            fprintf(out, "%s %s", (fabs(c->cf_after - c->cf_before) > 0.005 ||
                                   c->rank_after != c->rank_before) ? "," : "",
                    c->deferred_after ? "now deferred pending medical clearance"
                                      : "no longer deferred");
        fprintf(out, "\n");
        break;
    }
}

int sol_whatif_write_text(FILE *out, const sol_whatif *w, const sol_report *baseline,
                          const sol_change *changes, size_t n)
{
    const sol_findings *fs = sol_report_findings(baseline);

    fprintf(out, "What if, for record '%s' (%s)\n", sol_report_record_id(baseline),
            sol_report_record_file(baseline));
    fprintf(out, "Decision support for a qualified clinician; it suggests, it does not diagnose.\n");
    fprintf(out, "\nCHANGES\n");
    for (size_t i = 0; i < n; i++) {
        char buf[512], was[512] = "";
        size_t used = 0;
        for (size_t k = 0; k < sol_findings_count(fs); k++) {
            const sol_finding *f = sol_findings_at(fs, k);
            char v[64], at[300];
            if (strcmp(f->name, changes[i].name) != 0 || f->context != SOL_CTX_CURRENT)
                continue;
            used = strlen(was);
            sol_finding_where(f, at, sizeof at);
            snprintf(was + used, sizeof was - used, "%s%s (%s%s)", used ? ", " : "",
                     sol_value_text(&f->value, v, sizeof v),
                     f->origin == SOL_ORIGIN_NOTE ? "note, " : "", at);
        }
        fprintf(out, "  %s, was %s\n", sol_change_text(&changes[i], buf, sizeof buf),
                *was ? was : "not recorded");
    }
    fprintf(out, "\nDIFFERENCES\n");
    if (!sol_whatif_changed(w)) {
        fprintf(out, "  none: the assessment is the same\n");
        return sol_write_end(out);
    }
    if (w->red_before != w->red_after)
        fprintf(out, "  red flag: %s -> %s\n", yn(w->red_before), yn(w->red_after));
    if (w->supp_before != w->supp_after)
        fprintf(out, "  management suppressed (R58): %s -> %s\n", yn(w->supp_before),
                yn(w->supp_after));
    static const char *const titles[] = {"Conclusions gained", "Conclusions lost",
                                         "Conclusions changed"};
    for (int kind = SOL_WI_GAINED; kind <= SOL_WI_CHANGED; kind++) {
        int any = 0;
        for (size_t i = 0; i < w->nconcl; i++) {
            if ((int)w->concl[i].kind != kind)
                continue;
            if (!any++)
                fprintf(out, "  %s:\n", titles[kind]);
            write_concl(out, &w->concl[i]);
        }
    }
    for (int gained = 1; gained >= 0; gained--) {
        int any = 0;
        for (size_t i = 0; i < w->nrecs; i++) {
            const sol_wi_rec *r = &w->recs[i];
            if (r->gained != gained)
                continue;
            if (!any++)
                fprintf(out, "  Recommendations %s:\n", gained ? "gained" : "lost");
            fprintf(out, "    %c %s [%s]%s%s\n", gained ? '+' : '-', r->rec->label, r->rec->phase,
                    *r->for_id ? " for " : "", r->for_id);
        }
    }
    return sol_write_end(out);
}
