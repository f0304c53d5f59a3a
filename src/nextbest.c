/* nextbest.c — ranks the unrecorded findings by how much their answer could
 * change the assessment (nextbest.h). Each plausible answer is tried by
 * re-assessing; answers that cannot change any rule's verdict (judged with
 * the knowledge-base model) are skipped without running the engine. */
#include "nextbest_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "kb.h"
#include "nextbest_wild.h"
#include "probe.h"

struct sol_nextbest {
    sol_nb_item *items;
    size_t nitems;
    size_t runs;
};

typedef struct {
    sol_pipeline *p;
    const sol_findings *f;
    const sol_report *base;
    const sol_kb *kb;   /* the pipeline's rule model */
    sol_kb_facts facts; /* judged against the baseline's derived facts */
    /* slice[i] = 1 for every rule whose verdict can reach the score (the
     * belief slice, or while a red flag stands the red-flag slice); NULL
     * when the model cannot say, and then every rule counts. */
    const unsigned char *slice;
    sol_nb_wild wild;        /* the screening rules, judged from the baseline run */
    signed char *base_fires; /* per unit: fires() on the baseline, -1 not yet known */
    int exhaustive;          /* tests: try every value, no pruning (nextbest_int.h) */
    size_t runs;
    sol_diag *d;
} ctx;

static void tops(const sol_report *r, char top[SOL_NB_TIERS][64], double cf[SOL_NB_TIERS])
{
    const sol_catalog *cat = sol_report_catalog(r);
    for (size_t t = 0; t < SOL_NB_TIERS; t++) {
        const sol_tier *tier = sol_catalog_tier_at(cat, t);
        const sol_rconclusion *c = NULL;
        for (size_t i = 0; tier && i < sol_report_conclusion_count(r) && !c; i++) {
            const sol_rconclusion *x = sol_report_conclusion_at(r, i);
            if (x->tier == tier->tier && x->rank == 1)
                c = x;
        }
        snprintf(top[t], 64, "%s", c ? c->id : "");
        cf[t] = c ? c->cf : 0;
    }
}

/* While a red flag stands only the red-flag tier counts: nothing else is
 * done to the leg before medical clearance (R58), so a hop or heel-raise
 * test that would move a driver is not worth suggesting. */
static double score_of(const sol_nb_answer *a)
{
    double s = a->red_before != a->red_after ? 1000 : 0;
    int tiers = a->red_before ? 1 : SOL_NB_TIERS; /* tier 0 lists the red flags */
    for (int t = 0; t < tiers; t++) {
        if (strcmp(a->top_before[t], a->top_after[t]) != 0)
            s += 100 + 10 * a->cf_after[t]; /* a stronger new top weighs more */
        else
            s += 100 * fabs(a->cf_after[t] - a->cf_before[t]);
    }
    /* Whole hundredths only: float noise must not reorder the list. */
    return floor(s * 100 + 0.5) / 100;
}

static int has_or(const sol_kb_cond *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (c[i].kind == SOL_KB_CE_OR || has_or(c[i].children, c[i].nchildren))
            return 1;
    return 0;
}

/* Does rule r fire on findings f: HELD, FAILED or OPAQUE? The model's
 * "unknown" (a finding the rule needs is absent) is a rule that does not
 * fire, as "failed" is, unless an or is involved: the model calls an or
 * with one unknown and one unanalysable branch unknown, though the second
 * branch may match. A pattern naming its finding among alternatives
 * (finding (name a|b) …) is judged as any of them. */
static sol_kb_result fires(const ctx *c, const sol_kb_rule *r, const sol_findings *f)
{
    sol_kb_result res = sol_kb_eval_whole_alternatives(c->kb, r, f, &c->facts);
    if (res == SOL_KB_UNKNOWN)
        return has_or(r->conds, r->nconds) ? SOL_KB_OPAQUE : SOL_KB_FAILED;
    return res;
}

static int is_screen(const sol_term *t) { return t->screen && strcmp(t->screen, "-") != 0; }

/* Could answering name = v change the score? Only a rule of the slice can
 * (the others produce nothing the beliefs depend on), so the slice's rules
 * that read the finding are judged with and without it; unanalysable ones
 * count as "could". Rules of the slice also read the screening items by a
 * variable name (the unanswered list, opening a screen's score): for a
 * screening item those are judged from the baseline run (nextbest_wild.h),
 * or, without a slice, such an item always could. */
static int could_matter(ctx *c, const sol_term *t, const size_t *readers, size_t nreaders,
                        const sol_findings *alt)
{
    int could = 0, screen = is_screen(t);

    if (c->exhaustive || (screen && !c->slice))
        return 1;
    for (size_t i = 0; i < nreaders && !could; i++) {
        const sol_kb_rule *r = sol_kb_unit_at(c->kb, readers[i]);
        signed char *a = &c->base_fires[readers[i]];
        if (*a < 0)
            *a = (signed char)fires(c, r, c->f);
        sol_kb_result b = fires(c, r, alt);
        could = *a != (signed char)b || *a == SOL_KB_OPAQUE;
    }
    if (!could && screen)
        could = sol_nb_wild_could(&c->wild, t->name, alt) != 0;
    return could;
}

/* The units of the slice (every unit without one) that name finding
 * `name`, into *out (malloc'd, caller frees). */
static int readers_of(const ctx *c, const char *name, size_t **out, size_t *n)
{
    size_t nu = sol_kb_unit_count(c->kb);
    *n = 0;
    *out = malloc((nu ? nu : 1) * sizeof **out);
    if (!*out)
        return SOL_ENOMEM;
    for (size_t i = 0; i < nu; i++)
        if ((!c->slice || c->slice[i]) && sol_probe_rule_reads(sol_kb_unit_at(c->kb, i), name))
            (*out)[(*n)++] = i;
    return SOL_OK;
}

/* ---- while a red flag stands: the findings that can move a red flag ---- */

typedef struct {
    const char **v;
    size_t n, cap;
} strset;

static int set_has(const strset *s, const char *x)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], x) == 0)
            return 1;
    return 0;
}

/* 1 when added, 0 when already there, SOL_ENOMEM. */
static int set_add(strset *s, const char *x)
{
    if (set_has(s, x))
        return 0;
    if (sol_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v))
        return SOL_ENOMEM;
    s->v[s->n++] = x;
    return 1;
}

/* What the rules of a slice read, so what a rule must produce to join it:
 * conclusions cs and templates ts; with every_vote, any evidence vote and
 * any focus (the belief slice: the beliefs fold every vote, and a focus
 * decides which module's votes are folded). */
typedef struct {
    strset cs, ts;
    int every_vote;
    int wild; /* some rule of the slice reads a finding not named literally */
} need;

/* Does rule r assert something in need? A call other than focus (modify,
 * retract …) is assumed to. */
static int produces(const sol_kb_rule *r, const need *n)
{
    for (size_t i = 0; i < r->nactions; i++) {
        const sol_kb_action *a = &r->actions[i];
        switch (a->kind) {
        case SOL_KB_ACT_EVIDENCE:
            if (n->every_vote || !a->conclusion || set_has(&n->cs, a->conclusion))
                return 1;
            break;
        case SOL_KB_ACT_CALL:
            if (n->every_vote || !a->tmpl || strcmp(a->tmpl, "focus") != 0)
                return 1;
            break;
        default:
            if (!a->tmpl || set_has(&n->ts, a->tmpl))
                return 1;
        }
    }
    return 0;
}

/* Add what condition c reads to n (n->wild when it reads a finding whose
 * name is not a literal); *all when it is not understood. A conclusion
 * named by a variable is the one the rule concludes about (the belief
 * arithmetic, arguing-against votes). A finding read makes any rule
 * asserting findings produce what is needed. */
static int reads(const sol_kb_cond *c, need *n, int *all, int *grew)
{
    int r = 0;
    switch (c->kind) {
    case SOL_KB_CE_FINDING:
        n->wild |= c->finding == NULL;
        r = set_add(&n->ts, "finding");
        break;
    case SOL_KB_CE_EVIDENCE:
    case SOL_KB_CE_BELIEF:
        if (c->conclusion)
            r = set_add(&n->cs, c->conclusion);
        break;
    case SOL_KB_CE_GATE:
    case SOL_KB_CE_PATTERN: r = set_add(&n->ts, c->tmpl ? c->tmpl : "gate"); break;
    case SOL_KB_CE_OTHER: *all = 1; break;
    default: break;
    }
    if (r < 0)
        return r;
    *grew |= r;
    for (size_t i = 0; i < c->nchildren; i++)
        if (reads(&c->children[i], n, all, grew) < 0)
            return SOL_ENOMEM;
    return SOL_OK;
}

/* in[i] = 1 for every rule that produces what n needs, and then what those
 * rules read, to a fixpoint; *all when the model cannot say. Frees n's
 * sets. */
static int slice_of(const sol_kb *kb, need *n, unsigned char **in, int *all)
{
    size_t nr = sol_kb_unit_count(kb);
    int rc = SOL_OK, grew = 1;
    *all = 0;
    *in = calloc(nr ? nr : 1, 1);
    if (!*in)
        rc = SOL_ENOMEM;
    while (grew && rc >= 0 && !*all) {
        grew = 0;
        for (size_t i = 0; i < nr && rc >= 0; i++) {
            const sol_kb_rule *r = sol_kb_unit_at(kb, i);
            if ((*in)[i] || !produces(r, n))
                continue;
            (*in)[i] = 1;
            grew = 1;
            for (size_t k = 0; k < r->nconds && rc >= 0; k++)
                rc = reads(&r->conds[k], n, all, &grew);
        }
    }
    free(n->cs.v);
    free(n->ts.v);
    return rc < 0 ? SOL_ENOMEM : SOL_OK;
}

/* The rules the red-flag conclusions depend on. */
static int red_flag_rules(const sol_kb *kb, const sol_catalog *cat, unsigned char **feeds,
                          int *all, int *wild)
{
    need n = {0};
    int rc = SOL_OK;
    for (size_t i = 0; i < sol_catalog_condition_count(cat) && rc >= 0; i++)
        if (sol_catalog_condition_at(cat, i)->tier_def->by_severity)
            rc = set_add(&n.cs, sol_catalog_condition_at(cat, i)->id);
    if (rc < 0) {
        free(n.cs.v);
        *feeds = NULL;
        return SOL_ENOMEM;
    }
    rc = slice_of(kb, &n, feeds, all);
    *wild = n.wild;
    return rc;
}

/* The belief slice: the rules every belief and support vote, hence the
 * score, depends on. A rule outside it asserts only facts no rule of the
 * slice reads (advice, recommendations, the unanswered list), so its
 * verdict cannot move the score. */
static int belief_rules(const sol_kb *kb, unsigned char **in, int *all)
{
    need n = {0};
    n.every_vote = 1;
    if (set_add(&n.ts, "belief") < 0) {
        *in = NULL;
        return SOL_ENOMEM;
    }
    return slice_of(kb, &n, in, all);
}

static int feeds_red_flag(const sol_kb *kb, const unsigned char *feeds, const char *finding)
{
    for (size_t i = 0; i < sol_kb_unit_count(kb); i++)
        if (feeds[i] && sol_probe_rule_reads(sol_kb_unit_at(kb, i), finding))
            return 1;
    return 0;
}

static int cmp_answer(const void *x, const void *y)
{
    const sol_nb_answer *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return 0;
}

static int cmp_item(const void *x, const void *y)
{
    const sol_nb_item *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return strcmp(a->finding, b->finding);
}

/* A trial of the findings alt (no provenance, no graph, no report: the
 * beliefs are read straight from the engine and ranked as the report ranks
 * them), scored against the baseline into *ans. */
static int trial(ctx *c, const sol_findings *alt, sol_nb_answer *ans)
{
    sol_belief *bel = NULL;
    size_t nbel = 0;
    char letters[SOL_NB_TIERS + 1];
    int rc = sol_engine_trial(sol_pipeline_engine(c->p), alt, &bel, &nbel, c->d);
    c->runs++;
    if (rc)
        return rc;
    memset(ans, 0, sizeof *ans);
    ans->red_before = sol_report_has_red_flag(c->base);
    tops(c->base, ans->top_before, ans->cf_before);
    sol_catalog_tier_letters(sol_pipeline_catalog(c->p), letters, sizeof letters);
    sol_report_tops_of(bel, nbel, sol_pipeline_catalog(c->p), letters, ans->top_after,
                       ans->cf_after, &ans->red_after);
    free(bel);
    ans->score = score_of(ans);
    return SOL_OK;
}

/* Answer t = v (alt: the baseline's findings, given that answer here),
 * when it could matter: a trial, and the answer added to it when it
 * changes the picture by a hundredth or more. */
static int try_value(ctx *c, const sol_term *t, const size_t *readers, size_t nreaders,
                     const sol_value *v, sol_findings *alt, sol_nb_item *it)
{
    sol_change ch;
    sol_nb_answer ans;
    int rc = sol_change_set1(&ch, t->name, v);
    if (!rc)
        rc = sol_change_apply_in(alt, &ch, 1);
    sol_change_clear(&ch);
    if (rc)
        return sol_diag_set(c->d, rc, "", 0, "out of memory");
    if (!could_matter(c, t, readers, nreaders, alt))
        return SOL_OK;
    rc = trial(c, alt, &ans);
    if (rc || ans.score < 1)
        return rc; /* less than a hundredth of certainty anywhere */
    if (sol_grow_one((void **)&it->answers, it->nanswers, sizeof *it->answers) ||
        sol_value_copy(&ans.value, v))
        return sol_diag_set(c->d, SOL_ENOMEM, "", 0, "out of memory");
    it->answers[it->nanswers++] = ans;
    if (ans.score > it->score)
        it->score = ans.score;
    return SOL_OK;
}

/* Try every plausible answer to term t; append an item when one matters. */
static int try_finding(ctx *c, sol_nextbest *nb, const sol_term *t)
{
    sol_value *vals = NULL;
    size_t nv = 0, *readers = NULL, nreaders = 0;
    sol_findings *alt = NULL;
    sol_nb_item it;
    int rc = readers_of(c, t->name, &readers, &nreaders);

    if (rc)
        return sol_diag_set(c->d, rc, "", 0, "out of memory");
    if (!c->exhaustive && !nreaders && !is_screen(t)) {
        free(readers); /* no answer could matter (could_matter) */
        return SOL_OK;
    }
    memset(&it, 0, sizeof it);
    it.finding = t->name;
    it.label = t->label;
    for (size_t i = 0; i < sol_findings_count(c->f); i++) {
        const sol_finding *x = sol_findings_at(c->f, i);
        it.asked |= strcmp(x->name, t->name) == 0 && x->value.kind == SOL_VAL_UNKNOWN;
    }
    if (!(alt = sol_findings_clone(c->f)) || sol_probe_values(&vals, &nv, c->kb, t)) {
        sol_probe_values_free(vals, nv);
        sol_findings_free(alt);
        free(readers);
        return sol_diag_set(c->d, SOL_ENOMEM, "", 0, "out of memory");
    }
    for (size_t v = 0; v < nv && !rc; v++)
        rc = try_value(c, t, readers, nreaders, &vals[v], alt, &it);
    sol_probe_values_free(vals, nv);
    sol_findings_free(alt);
    free(readers);
    if (rc || !it.nanswers) {
        sol_nb_item_clear(&it);
        return rc;
    }
    /* Stable: equal scores keep the vocabulary's order of values. */
    for (size_t i = 1; i < it.nanswers; i++)
        for (size_t k = i; k > 0 && cmp_answer(&it.answers[k - 1], &it.answers[k]) > 0; k--) {
            sol_nb_answer tmp = it.answers[k];
            it.answers[k] = it.answers[k - 1];
            it.answers[k - 1] = tmp;
        }
    if (sol_grow_one((void **)&nb->items, nb->nitems, sizeof *nb->items)) {
        sol_nb_item_clear(&it);
        return sol_diag_set(c->d, SOL_ENOMEM, "", 0, "out of memory");
    }
    nb->items[nb->nitems++] = it;
    return SOL_OK;
}

/* Have the engine skip, in trials, the right-hand sides of the rules
 * outside the belief slice: they assert nothing a trial reads. A
 * table-driven rule is kept when any of its instances is in the slice;
 * when an instance cannot be traced to its rule nothing is skipped. */
static int skip_outside(const sol_kb *kb, const unsigned char *belief, sol_engine *e)
{
    size_t nr = sol_kb_rule_count(kb), n = 0;
    unsigned char *keep = calloc(nr ? nr : 1, 1);
    const char **names = calloc(nr ? nr : 1, sizeof *names);
    int traced = 1, rc = SOL_ENOMEM;
    for (size_t i = 0; keep && names && i < sol_kb_unit_count(kb); i++) {
        const sol_kb_rule *r = sol_kb_unit_at(kb, i);
        long k = sol_kb_rule_index(kb, r->table_rule ? r->table_rule : r);
        traced &= k >= 0;
        if (k >= 0 && belief[i])
            keep[k] = 1;
    }
    for (size_t k = 0; keep && names && traced && k < nr; k++)
        if (!keep[k])
            names[n++] = sol_kb_rule_at(kb, k)->qname;
    if (keep && names)
        rc = sol_engine_trial_skip(e, names, n);
    free(keep);
    free((void *)names);
    return rc;
}

/* The belief slice into *own, and the slice could_matter judges with into
 * c->slice: while a red flag stands the red-flag slice (feeds), else the
 * belief slice; NULL when the model cannot say. The trials skip the rules
 * outside the belief slice. Nothing is pruned or skipped when exhaustive. */
static int pick_slice(ctx *c, unsigned char *feeds, int red_all, unsigned char **own)
{
    int all = 1;
    *own = NULL;
    if (c->exhaustive)
        return SOL_OK;
    if (belief_rules(c->kb, own, &all))
        return SOL_ENOMEM;
    c->slice = feeds && !red_all ? feeds : all ? NULL : *own;
    return all ? SOL_OK : skip_outside(c->kb, *own, sol_pipeline_engine(c->p));
}

/* The slices (pick_slice) and the baseline verdict cache of c. While a
 * red flag stands only red-flag changes score (score_of), so only the
 * findings some red-flag rule depends on are tried: *feeds, unless *all
 * or *wild say the model cannot tell them. */
static int set_up(ctx *c, unsigned char **feeds, unsigned char **slice, int *all, int *wild)
{
    size_t nu = sol_kb_unit_count(c->kb);
    if (!c->exhaustive && sol_report_has_red_flag(c->base) &&
        red_flag_rules(c->kb, sol_pipeline_catalog(c->p), feeds, all, wild))
        return SOL_ENOMEM;
    c->base_fires = malloc(nu + 1);
    if (!c->base_fires)
        return SOL_ENOMEM;
    memset(c->base_fires, -1, nu + 1);
    return pick_slice(c, *feeds, *all, slice);
}

static int compute(sol_nextbest **out, sol_pipeline *p, const sol_findings *f,
                   const sol_report *baseline, int exhaustive, sol_diag *d)
{
    sol_nextbest *nb = calloc(1, sizeof *nb);
    const char **names = NULL;
    size_t nnames = 0;
    unsigned char *sup = NULL, *feeds = NULL, *slice = NULL;
    int all = 1, wild = 1;
    ctx c;
    int rc = SOL_OK;

    *out = NULL;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.f = f;
    c.base = baseline;
    c.d = d;
    c.exhaustive = exhaustive;
    if (!nb)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    if ((rc = sol_pipeline_use_kb(p, d))) {
        free(nb);
        return rc;
    }
    c.kb = sol_pipeline_kb(p);
    if (sol_explain_superseded(sol_report_graph(baseline), &sup) ||
        sol_probe_read_findings(&names, &nnames, c.kb)) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        goto cleanup;
    }
    if (set_up(&c, &feeds, &slice, &all, &wild)) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        goto cleanup;
    }
    sol_explain_facts fctx = {sol_report_graph(baseline), sup, c.kb};
    c.facts.fact = sol_explain_fact_judge;
    c.facts.ctx = &fctx;
    c.wild = (sol_nb_wild){c.kb, c.slice, sol_report_graph(baseline), sup, f};
    for (size_t i = 0; i < nnames && !rc; i++) {
        const sol_term *t = sol_vocab_lookup(sol_pipeline_vocab(p), names[i]);
        if (!t || t->type == SOL_TYPE_DERIVED || sol_probe_known(f, names[i]))
            continue;
        if (!all && !wild && !feeds_red_flag(c.kb, feeds, names[i]))
            continue;
        rc = try_finding(&c, nb, t);
    }
    if (rc)
        goto cleanup;
    if (nb->nitems)
        sol_sort(nb->items, nb->nitems, sizeof *nb->items, cmp_item);
    nb->runs = c.runs;
    *out = nb;
    nb = NULL;
cleanup:
    /* the engine runs every rule again (the next assessment) */
    sol_engine_trial_skip(sol_pipeline_engine(p), NULL, 0);
    sol_nextbest_free(nb);
    free((void *)names);
    free(sup);
    free(feeds);
    free(slice);
    free(c.base_fires);
    return rc;
}

int sol_nextbest_compute(sol_nextbest **out, sol_pipeline *p, const sol_findings *f,
                         const sol_report *baseline, sol_diag *d)
{
    return compute(out, p, f, baseline, 0, d);
}

int sol_nextbest_compute_exhaustive(sol_nextbest **out, sol_pipeline *p, const sol_findings *f,
                                    const sol_report *baseline, sol_diag *d)
{
    return compute(out, p, f, baseline, 1, d);
}

void sol_nextbest_free(sol_nextbest *nb)
{
    if (!nb)
        return;
    for (size_t i = 0; i < nb->nitems; i++)
        sol_nb_item_clear(&nb->items[i]);
    free(nb->items);
    free(nb);
}

size_t sol_nextbest_count(const sol_nextbest *nb) { return nb ? nb->nitems : 0; }
const sol_nb_item *sol_nextbest_at(const sol_nextbest *nb, size_t i) { return &nb->items[i]; }
size_t sol_nextbest_runs(const sol_nextbest *nb) { return nb ? nb->runs : 0; }

/* What the clinician is told an answer does, as data (report.h): a red
 * flag raised or cleared, then per tier a new top or a certainty moved by
 * at least 0.005 (what "%.2f" can show). */
static void effects_of(sol_nb_answer *a)
{
    int red = a->red_before != a->red_after;
    a->neffects = 0;
    if (red)
        a->effects[a->neffects++] = (sol_nb_effect){
            a->red_after ? SOL_NB_RED_RAISED : SOL_NB_RED_CLEARED, 0};
    for (int t = red ? 1 : 0; t < SOL_NB_TIERS; t++) {
        if (strcmp(a->top_before[t], a->top_after[t]) != 0)
            a->effects[a->neffects++] = (sol_nb_effect){SOL_NB_TOP_CHANGED, t};
        else if (fabs(a->cf_after[t] - a->cf_before[t]) >= 0.005)
            a->effects[a->neffects++] = (sol_nb_effect){SOL_NB_CF_CHANGED, t};
    }
}

void sol_nextbest_attach(sol_nextbest *nb, sol_report *r)
{
    if (!nb)
        return;
    for (size_t i = 0; i < nb->nitems; i++)
        for (size_t k = 0; k < nb->items[i].nanswers; k++)
            effects_of(&nb->items[i].answers[k]);
    sol_report_set_next(r, nb->items, nb->nitems);
    nb->items = NULL;
    nb->nitems = 0;
    sol_nextbest_free(nb);
}
