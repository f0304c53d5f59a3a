/* glance.c — the report at a glance (glance.h): what a clinician reads
 * first, computed once from the report model so the text and HTML writers
 * say the same thing in the same order. No presentation here. */
#include "glance.h"

#include <stdlib.h>
#include <string.h>

struct sol_glance {
    const sol_report *r;
    sol_action action;
    const sol_rconclusion *flag, *tissue, *driver;
    const sol_nb_item *next;
    long long score;            /* the banded score's total ... */
    const sol_score_band *band; /* ... and its band (NULL: no banded score) */
    const sol_runanswered **unans;
    size_t nunans;
    const sol_finding **notes;
    size_t nnotes;
    const sol_finding **unused;
    size_t nunused;
    const sol_rrec *referral;
    sol_grec *recs;
    size_t nrecs;
    sol_gwithheld *withheld;
    size_t nwithheld;
    const sol_radvice **checks;
    size_t nchecks;
    const sol_nb_item *nearest[SOL_NB_TIERS];
    const sol_nb_answer *nearest_answer[SOL_NB_TIERS];
};

/* The action an urgency asks for (knowledge/urgency.tsv, column 4). */
static sol_action action_of(const sol_catalog *cat, const char *urgency)
{
    const sol_urgency *u = sol_catalog_urgency(cat, urgency);
    const char *a = u ? u->action : "none";
    if (strcmp(a, "refer-now") == 0)
        return SOL_ACTION_REFER_NOW;
    if (strcmp(a, "refer-soon") == 0)
        return SOL_ACTION_REFER_SOON;
    if (strcmp(a, "refer") == 0)
        return SOL_ACTION_REFER;
    return SOL_ACTION_NONE;
}

static double num(const sol_value *v)
{
    if (!v)
        return 0;
    return v->kind == SOL_VAL_INTEGER ? (double)v->i : v->kind == SOL_VAL_REAL ? v->r : 0;
}

/* The total of the score score-bands.tsv bands (its first row's): the last
 * (score) fact of that name, as a score is built one item per firing; its
 * band is the one with the highest cut-off the total reaches. */
static void find_score(sol_glance *g)
{
    const sol_catalog *cat = sol_report_catalog(g->r);
    const sol_score_band *first = sol_catalog_score_band_at(cat, 0);
    const sol_graph *gr = sol_report_graph(g->r);
    int has = 0;

    if (!first)
        return;
    for (size_t i = 0; i < sol_graph_fact_count(gr); i++) {
        const sol_gfact *f = sol_graph_fact_at(gr, i);
        if (strcmp(f->relation, "score") == 0 &&
            strcmp(sol_gfact_sym(f, "name"), first->score) == 0) {
            has = 1;
            g->score = (long long)num(sol_gfact_slot(f, "value"));
        }
    }
    for (size_t i = 0; has && i < sol_catalog_score_band_count(cat); i++) {
        const sol_score_band *b = sol_catalog_score_band_at(cat, i);
        if (strcmp(b->score, first->score) == 0 && (double)g->score >= b->at &&
            (!g->band || b->at > g->band->at))
            g->band = b;
    }
}

/* 1 when an answer to item could make the action more urgent than now. */
static int can_change_action(const sol_glance *g, const sol_nb_item *it)
{
    const sol_catalog *cat = sol_report_catalog(g->r);
    for (size_t k = 0; k < it->nanswers; k++) {
        const sol_nb_answer *a = &it->answers[k];
        const sol_condition *c = a->top_after[0][0] ? sol_catalog_condition(cat, a->top_after[0])
                                                    : NULL;
        if (g->action == SOL_ACTION_NONE) {
            if (a->red_after && !a->red_before)
                return 1;
        } else if (c && action_of(cat, c->urgency) > g->action) {
            return 1;
        }
    }
    return 0;
}

static const sol_nb_item *next_item(const sol_report *r, const char *finding)
{
    for (size_t i = 0; i < sol_report_next_count(r); i++)
        if (strcmp(sol_report_next_at(r, i)->finding, finding) == 0)
            return sol_report_next_at(r, i);
    return NULL;
}

/* The recommendations, each once with every conclusion it serves. */
static int group_recs(sol_glance *g)
{
    const sol_report *r = g->r;
    size_t nr = sol_report_recommendation_count(r);
    if (!(g->recs = calloc(nr ? nr : 1, sizeof *g->recs)))
        return SOL_ENOMEM;
    for (size_t i = 0; i < nr; i++) {
        const sol_rrec *rr = sol_report_recommendation_at(r, i);
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = sol_report_recommendation_at(r, k)->rec == rr->rec;
        if (seen)
            continue;
        sol_grec *gr = &g->recs[g->nrecs++];
        gr->rr = rr;
        gr->fors = calloc(nr, sizeof *gr->fors);
        gr->flags = calloc(nr, sizeof *gr->flags);
        if (!gr->fors || !gr->flags)
            return SOL_ENOMEM;
        for (size_t k = i; k < nr; k++) {
            const sol_rrec *more = sol_report_recommendation_at(r, k);
            const sol_condition *c;
            if (more->rec != rr->rec || !*more->for_id)
                continue;
            gr->fors[gr->nfor++] = more->for_id;
            c = sol_catalog_condition(sol_report_catalog(r), more->for_id);
            /* A safety measure serving a red flag cites what raised it. */
            if (c && c->tier_def->by_severity &&
                sol_catalog_phase_cites_red_flag(sol_report_catalog(r), rr->rec->phase))
                gr->flags[gr->nflags++] = more->for_id;
        }
    }
    return SOL_OK;
}

/* Withheld advice, one group per reason; none under a closed gate. */
static int group_withheld(sol_glance *g)
{
    const sol_report *r = g->r;
    size_t nw = sol_report_suppressed(r) ? 0 : sol_report_withheld_count(r);
    if (!(g->withheld = calloc(nw ? nw : 1, sizeof *g->withheld)))
        return SOL_ENOMEM;
    for (size_t i = 0; i < nw; i++) {
        const sol_rwithheld *wh = sol_report_withheld_at(r, i);
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(sol_report_withheld_at(r, k)->because, wh->because) == 0;
        if (seen)
            continue;
        sol_gwithheld *gw = &g->withheld[g->nwithheld++];
        gw->wh = wh;
        gw->by = sol_report_conclusion(r, wh->because);
        if (!(gw->items = calloc(nw, sizeof *gw->items)))
            return SOL_ENOMEM;
        for (size_t k = i; k < nw; k++)
            if (strcmp(sol_report_withheld_at(r, k)->because, wh->because) == 0)
                gw->items[gw->n++] = sol_report_withheld_at(r, k);
    }
    return SOL_OK;
}

/* Checks in the order shown: population tendencies (S4) after the rest. */
static int order_checks(sol_glance *g)
{
    size_t na = sol_report_advice_count(g->r);
    if (!(g->checks = calloc(na ? na : 1, sizeof *g->checks)))
        return SOL_ENOMEM;
    for (int pop = 0; pop <= 1; pop++)
        for (size_t i = 0; i < na; i++)
            if (sol_report_advice_at(g->r, i)->population == pop)
                g->checks[g->nchecks++] = sol_report_advice_at(g->r, i);
    return SOL_OK;
}

/* Per tier, the first ranked answer that would reach a conclusion where
 * there is none. */
static void find_nearest(sol_glance *g)
{
    for (int t = 0; t < SOL_NB_TIERS; t++)
        for (size_t i = 0; i < sol_report_next_count(g->r) && !g->nearest[t]; i++) {
            const sol_nb_item *it = sol_report_next_at(g->r, i);
            for (size_t k = 0; k < it->nanswers && !g->nearest[t]; k++) {
                const sol_nb_answer *a = &it->answers[k];
                if (*a->top_after[t] && !*a->top_before[t]) {
                    g->nearest[t] = it;
                    g->nearest_answer[t] = a;
                }
            }
        }
}

/* Finding indices some firing matched on. */
static int mark_used(const sol_report *r, unsigned char *used, size_t nf)
{
    const sol_graph *gr = sol_report_graph(r);
    for (size_t i = 0; i < sol_graph_firing_count(gr); i++) {
        const sol_firing *fi = sol_graph_firing_at(gr, i);
        for (size_t k = 0; k < fi->nbasis; k++) {
            int idx = sol_graph_fact_at(gr, fi->basis[k])->finding;
            if (idx >= 0 && (size_t)idx < nf)
                used[idx] = 1;
        }
    }
    return SOL_OK;
}

int sol_glance_build(sol_glance **out, const sol_report *r, sol_diag *d)
{
    int next = sol_report_has_next(r);
    const sol_findings *fs = sol_report_findings(r);
    size_t nf = sol_findings_count(fs), nu = sol_report_unanswered_count(r);
    unsigned char *used = NULL;
    sol_glance *g = calloc(1, sizeof *g);

    *out = NULL;
    if (!g)
        goto oom;
    g->r = r;
    const sol_catalog *cat = sol_report_catalog(r);
    const sol_tier *tissue = sol_catalog_tier_lead(cat, 0),
                   *driver = sol_catalog_tier_lead(cat, 1);
    for (size_t i = 0; i < sol_report_conclusion_count(r); i++) {
        const sol_rconclusion *c = sol_report_conclusion_at(r, i);
        if (c->cond->red_flag && action_of(cat, c->cond->urgency) > g->action) {
            g->action = action_of(cat, c->cond->urgency);
            g->flag = c;
        } else if (tissue && c->tier == tissue->tier && !g->tissue) {
            g->tissue = c;
        } else if (driver && c->tier == driver->tier && !g->driver) {
            g->driver = c;
        }
    }
    find_score(g);
    find_nearest(g);
    for (size_t i = 0; g->flag && i < sol_report_recommendation_count(r) && !g->referral; i++) {
        const sol_rrec *rr = sol_report_recommendation_at(r, i);
        /* its row of knowledge/referrals.tsv */
        if (strcmp(rr->for_id, g->flag->id) == 0 &&
            sol_catalog_referral(sol_report_catalog(r), g->flag->id, rr->rec->id))
            g->referral = rr;
    }
    if (group_recs(g) || group_withheld(g) || order_checks(g))
        goto oom;
    g->unans = calloc(nu ? nu : 1, sizeof *g->unans);
    g->notes = calloc(nf ? nf : 1, sizeof *g->notes);
    g->unused = calloc(nf ? nf : 1, sizeof *g->unused);
    used = calloc(nf ? nf : 1, 1);
    if (!g->unans || !g->notes || !g->unused || !used)
        goto oom;
    for (size_t i = 0; i < nu; i++) {
        const sol_runanswered *u = sol_report_unanswered_at(r, i);
        const sol_nb_item *it = next_item(r, u->finding);
        /* With no red flag every unanswered screening question matters (a
         * red flag cannot be ruled out); with one, only those whose answer
         * could make the referral more urgent. */
        if (g->action == SOL_ACTION_NONE || !next || (it && can_change_action(g, it)))
            g->unans[g->nunans++] = u;
    }
    for (size_t i = 0; i < sol_report_next_count(r) && !g->next; i++) {
        const sol_nb_item *it = sol_report_next_at(r, i);
        if (g->action == SOL_ACTION_NONE || can_change_action(g, it))
            g->next = it;
    }
    mark_used(r, used, nf);
    for (size_t i = 0; i < nf; i++) {
        const sol_finding *f = sol_findings_at(fs, i);
        if (f->origin == SOL_ORIGIN_NOTE)
            g->notes[g->nnotes++] = f;
        int reads = sol_report_rule_reads(r, f->name);
        if (reads < 0) { /* no rule model: a matched or screening finding is used */
            const sol_term *t = sol_vocab_lookup(sol_report_vocab(r), f->name);
            reads = used[i] || (t && strcmp(t->screen, "-") != 0);
        }
        if (!reads && f->context == SOL_CTX_CURRENT && f->value.kind != SOL_VAL_UNKNOWN &&
            f->origin != SOL_ORIGIN_WHATIF) {
            int dup = 0; /* a set's members: listed once */
            for (size_t k = 0; k < g->nunused; k++)
                dup |= strcmp(g->unused[k]->name, f->name) == 0;
            if (!dup)
                g->unused[g->nunused++] = f;
        }
    }
    free(used);
    *out = g;
    return SOL_OK;
oom:
    free(used);
    sol_glance_free(g);
    return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
}

void sol_glance_free(sol_glance *g)
{
    if (!g)
        return;
    free(g->unans);
    free(g->notes);
    free(g->unused);
    for (size_t i = 0; i < g->nrecs; i++) {
        free((void *)g->recs[i].fors);
        free((void *)g->recs[i].flags);
    }
    free(g->recs);
    for (size_t i = 0; i < g->nwithheld; i++)
        free((void *)g->withheld[i].items);
    free(g->withheld);
    free((void *)g->checks);
    free(g);
}

sol_action sol_glance_action(const sol_glance *g) { return g->action; }

const sol_rconclusion *sol_glance_flag(const sol_glance *g) { return g->flag; }
const sol_rconclusion *sol_glance_tissue(const sol_glance *g) { return g->tissue; }
const sol_rconclusion *sol_glance_driver(const sol_glance *g) { return g->driver; }
const sol_nb_item *sol_glance_next(const sol_glance *g) { return g->next; }
const sol_rrec *sol_glance_referral(const sol_glance *g) { return g->referral; }
size_t sol_glance_rec_count(const sol_glance *g) { return g->nrecs; }
const sol_grec *sol_glance_rec_at(const sol_glance *g, size_t i) { return &g->recs[i]; }
size_t sol_glance_withheld_count(const sol_glance *g) { return g->nwithheld; }
const sol_gwithheld *sol_glance_withheld_at(const sol_glance *g, size_t i)
{
    return &g->withheld[i];
}
size_t sol_glance_check_count(const sol_glance *g) { return g->nchecks; }
const sol_radvice *sol_glance_check_at(const sol_glance *g, size_t i) { return g->checks[i]; }

const sol_nb_item *sol_glance_nearest(const sol_glance *g, int tier, const sol_nb_answer **answer)
{
    *answer = g->nearest_answer[tier];
    return g->nearest[tier];
}

int sol_glance_score(const sol_glance *g, long long *total, const sol_score_band **band)
{
    if (!g->band)
        return 0;
    *total = g->score;
    *band = g->band;
    return 1;
}

size_t sol_glance_unanswered_count(const sol_glance *g) { return g->nunans; }
const sol_runanswered *sol_glance_unanswered_at(const sol_glance *g, size_t i)
{
    return g->unans[i];
}
size_t sol_glance_note_count(const sol_glance *g) { return g->nnotes; }
const sol_finding *sol_glance_note_at(const sol_glance *g, size_t i) { return g->notes[i]; }
size_t sol_glance_unused_count(const sol_glance *g) { return g->nunused; }
const sol_finding *sol_glance_unused_at(const sol_glance *g, size_t i) { return g->unused[i]; }
