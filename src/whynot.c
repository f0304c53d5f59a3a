/* whynot.c — why a conclusion was not reached (whynot.h). Candidate rules
 * and their conditions come from the knowledge-base model; conditions are
 * judged with sol_kb_eval_cond against the findings and the run's derived
 * facts; the change sets are checked by re-assessing the case, and derived
 * conditions (a Wells total, another conclusion's evidence) are met by a
 * small greedy search over the findings the rules behind them read. */
#include "whynot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"

#define SEARCH_ROUNDS 3     /* extra finding changes tried for derived conditions */
#define SEARCH_MAX_RUNS 600 /* re-assessments per search round, at most */

struct sol_whynot {
    sol_pipeline *p;
    const sol_report *r;
    const sol_kb *kb;
    const sol_condition *cond;
    const sol_rconclusion *reached;
    sol_wn_rule *rules;
    size_t nrules;
    long best;
    unsigned char *superseded;
    sol_explain_facts fctx;
    sol_kb_facts facts;
    sol_diag *d;
};

/* A change set under construction. */
typedef struct {
    sol_change *ch;
    size_t n;
    int derived; /* derived conditions it cannot meet by itself */
    int bad;     /* conflicting or impossible */
} plan;

typedef struct {
    const sol_kb_constraint *c;
    int want; /* 1: must hold, 0: must fail */
} req;

static void plan_free(plan *p)
{
    for (size_t i = 0; i < p->n; i++)
        sol_change_clear(&p->ch[i]);
    free(p->ch);
    memset(p, 0, sizeof *p);
}

static int changes_equal(const sol_change *a, const sol_change *b)
{
    if (a->unset != b->unset || a->nvalues != b->nvalues)
        return 0;
    for (size_t i = 0; i < a->nvalues; i++)
        if (!sol_value_equal(&a->values[i], &b->values[i]))
            return 0;
    return 1;
}

/* Move *c into p; the same finding changed two ways makes the plan bad. */
static int plan_take(plan *p, sol_change *c)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->ch[i].name, c->name) == 0) {
            if (!changes_equal(&p->ch[i], c))
                p->bad = 1;
            sol_change_clear(c);
            return SOL_OK;
        }
    if (sol_grow_one((void **)&p->ch, p->n, sizeof *p->ch)) {
        sol_change_clear(c);
        return SOL_ENOMEM;
    }
    p->ch[p->n++] = *c;
    memset(c, 0, sizeof *c);
    return SOL_OK;
}

static int plan_concat(plan *dst, plan *src)
{
    int rc = SOL_OK;
    for (size_t i = 0; i < src->n && !rc; i++)
        rc = plan_take(dst, &src->ch[i]);
    dst->derived += src->derived;
    dst->bad |= src->bad;
    plan_free(src);
    return rc;
}

static size_t plan_cost(const plan *p) { return p->n + (size_t)p->derived; }

/* ---- choosing values ---- */

static int numeric(const sol_value *v, double *x)
{
    if (v->kind == SOL_VAL_INTEGER)
        *x = (double)v->i;
    else if (v->kind == SOL_VAL_REAL)
        *x = v->r;
    else
        return 0;
    return 1;
}

/* A value of finding name meeting every requirement: the one nearest the
 * recorded value, else nearest the first number the requirements name,
 * else the first in vocabulary order. 1 when found. */
static int choose_value(sol_whynot *w, const char *name, const req *reqs, size_t nreq,
                        sol_value *out)
{
    const sol_term *t = sol_vocab_lookup(sol_pipeline_vocab(w->p), name);
    const sol_finding *cur = sol_findings_find(sol_report_findings(w->r), name);
    sol_value *vals = NULL;
    size_t n = 0;
    double ref = 0, x, best_d = INFINITY;
    int have_ref = 0;
    long best = -1;

    if (!t || sol_probe_values(&vals, &n, w->kb, t))
        return 0;
    if (cur && numeric(&cur->value, &ref))
        have_ref = 1;
    for (size_t k = 0; !have_ref && k < nreq; k++)
        if (reqs[k].c->kind == SOL_KB_CONS_NUM && reqs[k].c->ntests &&
            reqs[k].c->tests[0].resolved) {
            ref = reqs[k].c->tests[0].value;
            have_ref = 1;
        }
    for (size_t i = 0; i < n; i++) {
        int ok = 1;
        if (cur && sol_value_equal(&cur->value, &vals[i]))
            continue;
        for (size_t k = 0; k < nreq && ok; k++)
            ok = sol_kb_constraint_match(reqs[k].c, &vals[i]) ==
                 (reqs[k].want ? SOL_KB_HELD : SOL_KB_FAILED);
        if (!ok)
            continue;
        double dist = have_ref && numeric(&vals[i], &x) ? fabs(x - ref) : (double)i;
        if (dist < best_d) {
            best_d = dist;
            best = (long)i;
        }
    }
    if (best >= 0)
        sol_value_copy(out, &vals[best]);
    sol_probe_values_free(vals, n);
    return best >= 0 && (out->kind != SOL_VAL_SYMBOL || out->sym);
}

/* A change of finding name meeting reqs, into p. */
static int plan_finding(sol_whynot *w, const char *name, const req *reqs, size_t nreq, int want,
                        plan *p)
{
    sol_value v = {SOL_VAL_NONE, NULL, 0, 0};
    sol_change c;
    int rc;

    if (!choose_value(w, name, reqs, nreq, &v)) {
        if (want) {
            p->bad = 1;
            return SOL_OK;
        }
        /* Nothing contradicts it: leave it unrecorded ("not known to be"). */
        memset(&c, 0, sizeof c);
        c.unset = 1;
        if (!(c.name = sol_strdup(name)))
            return SOL_ENOMEM;
        return plan_take(p, &c);
    }
    rc = sol_change_set1(&c, name, &v);
    sol_value_clear(&v);
    return rc ? rc : plan_take(p, &c);
}

static sol_kb_result eval(sol_whynot *w, const sol_kb_rule *r, const sol_kb_cond *c)
{
    return sol_kb_eval_cond(w->kb, r, c, sol_report_findings(w->r), &w->facts);
}

/* The cheapest change set making c hold (want 1) or fail (want 0). */
static int plan_cond(sol_whynot *w, const sol_kb_rule *r, const sol_kb_cond *c, int want,
                     plan *out)
{
    sol_kb_result res = eval(w, r, c);
    int rc = SOL_OK;

    memset(out, 0, sizeof *out);
    if (want ? res == SOL_KB_HELD : (res == SOL_KB_FAILED || res == SOL_KB_UNKNOWN))
        return SOL_OK;
    switch (c->kind) {
    case SOL_KB_CE_FINDING: {
        req q = {c->value, want};
        if (!c->finding) {
            out->derived++;
            return SOL_OK;
        }
        return plan_finding(w, c->finding, &q, 1, want, out);
    }
    case SOL_KB_CE_TEST: {
        const sol_kb_cond *b = c->value && c->value->var
                                   ? sol_kb_binder(r->conds, r->nconds, c->value->var)
                                   : NULL;
        if (!b || c->value->kind != SOL_KB_CONS_NUM) {
            out->derived++;
            return SOL_OK;
        }
        req q[2] = {{b->value, 1}, {c->value, want}};
        return plan_finding(w, b->finding, q, 2, want, out);
    }
    case SOL_KB_CE_NOT: return plan_cond(w, r, &c->children[0], !want, out);
    case SOL_KB_CE_AND:
    case SOL_KB_CE_EXISTS:
    case SOL_KB_CE_OR: {
        int all = (c->kind == SOL_KB_CE_OR) ? !want : want; /* every part must change */
        int first = 1;
        for (size_t i = 0; i < c->nchildren && !rc; i++) {
            plan sub;
            if ((rc = plan_cond(w, r, &c->children[i], want, &sub)))
                break;
            if (all) {
                rc = plan_concat(out, &sub);
            } else if (first || (!sub.bad && (out->bad || plan_cost(&sub) < plan_cost(out)))) {
                plan_free(out);
                *out = sub;
                first = 0;
            } else {
                plan_free(&sub);
            }
        }
        return rc;
    }
    case SOL_KB_CE_THRESHOLD:
        out->bad = 1; /* a missing threshold is a knowledge-base error */
        return SOL_OK;
    default: out->derived++; return SOL_OK;
    }
}

/* ---- checking by re-assessment ---- */

static const sol_rconclusion *shown(const sol_report *r, const char *id)
{
    return sol_report_conclusion(r, id);
}

static int rule_fired(const sol_graph *g, const char *qname)
{
    for (size_t i = 0; i < sol_graph_firing_count(g); i++)
        if (strcmp(sol_graph_firing_at(g, i)->rule, qname) == 0)
            return 1;
    return 0;
}

/* How close rule r is to firing in an assessment: conditions held, plus a
 * fraction for numeric derived facts approaching their cut-off; far above
 * everything when it fires (and a little more when the conclusion is then
 * reached). */
static double objective(sol_whynot *w, const sol_kb_rule *r, const sol_assessment *a)
{
    unsigned char *sup = NULL;
    double score = 0;

    if (rule_fired(a->graph, r->qname))
        return shown(a->report, w->cond->id) ? 1001.0 : 1000.0;
    if (sol_explain_superseded(a->graph, &sup))
        return 0;
    sol_explain_facts ctx = {a->graph, sup, w->kb};
    sol_kb_facts facts = {sol_explain_fact_judge, &ctx};
    for (size_t i = 0; i < r->nconds; i++) {
        const sol_kb_cond *c = &r->conds[i];
        if (sol_kb_eval_cond(w->kb, r, c, a->findings, &facts) == SOL_KB_HELD) {
            score += 1;
            continue;
        }
        if (c->kind != SOL_KB_CE_PATTERN && c->kind != SOL_KB_CE_BELIEF)
            continue;
        /* Nearness of a numeric slot, e.g. a Wells total short of its band. */
        double best = 0;
        for (size_t p = 0; p < sol_graph_fact_count(a->graph); p++) {
            const sol_gfact *f = sol_graph_fact_at(a->graph, p);
            if (sup[p] || strcmp(f->relation, c->tmpl) != 0)
                continue;
            double gap = 0;
            int ok = 1;
            for (size_t s = 0; s < c->nslots && ok; s++) {
                const sol_kb_constraint *k = &c->slots[s].c;
                const sol_value *v = sol_gfact_slot(f, c->slots[s].name);
                double x;
                if (k->kind == SOL_KB_CONS_IN || k->kind == SOL_KB_CONS_NOT_IN)
                    ok = v && sol_kb_constraint_match(k, v) == SOL_KB_HELD;
                else if (k->kind == SOL_KB_CONS_NUM && v && numeric(v, &x))
                    for (size_t t = 0; t < k->ntests; t++)
                        gap += k->tests[t].resolved ? fabs(x - k->tests[t].value) : 0;
            }
            if (ok && 0.5 / (1 + gap) > best)
                best = 0.5 / (1 + gap);
        }
        score += best;
    }
    free(sup);
    return score;
}

static int assess_with(sol_whynot *w, const sol_change *ch, size_t n, sol_assessment **out)
{
    sol_findings *f = NULL;
    int rc = sol_change_apply(&f, sol_report_findings(w->r), ch, n);

    *out = NULL;
    if (rc)
        return sol_diag_set(w->d, rc, "", 0, "out of memory");
    rc = sol_pipeline_assess(w->p, sol_report_record_id(w->r), sol_report_record_file(w->r), f,
                             out, w->d);
    sol_findings_free(f);
    return rc;
}

/* ---- the findings behind a rule's derived conditions ---- */

typedef struct {
    char (*k)[128];
    size_t n;
} keyset;

static int keys_has(const keyset *s, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->k[i], key) == 0)
            return 1;
    return 0;
}

static int keys_add(keyset *s, const char *key, int *added)
{
    if (keys_has(s, key))
        return SOL_OK;
    if (sol_grow_one((void **)&s->k, s->n, sizeof *s->k))
        return SOL_ENOMEM;
    snprintf(s->k[s->n++], 128, "%s", key);
    if (added)
        *added = 1;
    return SOL_OK;
}

/* The key of the facts a pattern needs: template, or evidence/C. A belief
 * about C is made from the evidence about C. */
static void need_key(const sol_kb_cond *c, char *buf, size_t len)
{
    if ((c->kind == SOL_KB_CE_EVIDENCE || c->kind == SOL_KB_CE_BELIEF) && c->conclusion)
        snprintf(buf, len, "evidence/%s", c->conclusion);
    else if (c->kind == SOL_KB_CE_BELIEF)
        snprintf(buf, len, "evidence");
    else
        snprintf(buf, len, "%s", c->tmpl ? c->tmpl : "");
}

static int need_patterns(const sol_kb_cond *c, size_t n, keyset *need, int *added)
{
    for (size_t i = 0; i < n; i++) {
        char key[128];
        if (c[i].kind == SOL_KB_CE_PATTERN || c[i].kind == SOL_KB_CE_EVIDENCE ||
            c[i].kind == SOL_KB_CE_BELIEF || c[i].kind == SOL_KB_CE_GATE) {
            need_key(&c[i], key, sizeof key);
            if (keys_add(need, key, added))
                return SOL_ENOMEM;
        }
        if (need_patterns(c[i].children, c[i].nchildren, need, added))
            return SOL_ENOMEM;
    }
    return SOL_OK;
}

/* Does rule r make (assert, or modify) facts with one of the needed keys? */
static int produces(const sol_kb_rule *r, const keyset *need)
{
    for (size_t i = 0; i < r->nactions; i++) {
        const sol_kb_action *a = &r->actions[i];
        char key[128];
        if (a->kind == SOL_KB_ACT_EVIDENCE) {
            snprintf(key, sizeof key, "evidence/%s", a->conclusion ? a->conclusion : "");
            if (keys_has(need, "evidence") || (a->conclusion && keys_has(need, key)))
                return 1;
        } else if (a->kind == SOL_KB_ACT_CALL && a->tmpl && strcmp(a->tmpl, "modify") == 0 &&
                   a->text) {
            char var[64] = "";
            sscanf(a->text, "(modify %63s", var);
            for (size_t k = 0; k < r->nconds; k++)
                if (r->conds[k].binds && strcmp(r->conds[k].binds, var) == 0 &&
                    r->conds[k].tmpl && keys_has(need, r->conds[k].tmpl))
                    return 1;
        } else if (a->kind != SOL_KB_ACT_CALL && a->tmpl && keys_has(need, a->tmpl)) {
            return 1;
        }
    }
    return 0;
}

/* Finding names the rules behind r's derived conditions read, sorted. */
static int upstream(sol_whynot *w, const sol_kb_rule *r, const char ***out, size_t *out_n)
{
    keyset need = {NULL, 0};
    unsigned char *used = calloc(sol_kb_unit_count(w->kb) + 1, 1);
    const char **names = NULL, **all = NULL;
    size_t n = 0, nall = 0;
    int rc = SOL_ENOMEM, added = 1;

    *out = NULL;
    *out_n = 0;
    if (!used || need_patterns(r->conds, r->nconds, &need, NULL))
        goto cleanup;
    while (added) {
        added = 0;
        for (size_t i = 0; i < sol_kb_unit_count(w->kb); i++) {
            const sol_kb_rule *q = sol_kb_unit_at(w->kb, i);
            if (used[i] || !produces(q, &need))
                continue;
            used[i] = 1;
            if (need_patterns(q->conds, q->nconds, &need, &added))
                goto cleanup;
            added = 1;
        }
    }
    if (sol_probe_read_findings(&all, &nall, w->kb))
        goto cleanup;
    names = calloc(nall + 1, sizeof *names);
    if (!names)
        goto cleanup;
    for (size_t k = 0; k < nall; k++)
        for (size_t i = 0; i < sol_kb_unit_count(w->kb); i++)
            if (used[i] && sol_probe_rule_reads(sol_kb_unit_at(w->kb, i), all[k])) {
                names[n++] = all[k];
                break;
            }
    *out = names;
    *out_n = n;
    names = NULL;
    rc = SOL_OK;
cleanup:
    free(need.k);
    free(used);
    free((void *)all);
    free((void *)names);
    return rc;
}

/* Add up to SEARCH_ROUNDS changes that bring the conclusion closer. */
static int search_more(sol_whynot *w, sol_wn_rule *wr, double cur)
{
    const char **names = NULL;
    size_t nnames = 0;
    int rc = upstream(w, wr->rule, &names, &nnames);

    for (int round = 0; !rc && round < SEARCH_ROUNDS && cur < 1000.0; round++) {
        sol_change best = {NULL, 0, NULL, 0}, trial[64];
        double best_obj = cur;
        size_t runs = 0;
        if (wr->nchanges + 1 > sizeof trial / sizeof *trial)
            break;
        if (wr->nchanges)
            memcpy(trial, wr->changes, wr->nchanges * sizeof *trial);
        for (size_t i = 0; i < nnames && !rc && runs < SEARCH_MAX_RUNS; i++) {
            const sol_term *t = sol_vocab_lookup(sol_pipeline_vocab(w->p), names[i]);
            const sol_finding *was = sol_findings_find(sol_report_findings(w->r), names[i]);
            sol_value *vals = NULL;
            size_t nv = 0, k;
            for (k = 0; k < wr->nchanges; k++)
                if (strcmp(wr->changes[k].name, names[i]) == 0)
                    break;
            if (k < wr->nchanges || !t || sol_probe_values(&vals, &nv, w->kb, t))
                continue;
            for (size_t v = 0; v < nv && !rc && runs < SEARCH_MAX_RUNS; v++) {
                sol_assessment *a = NULL;
                if (was && sol_value_equal(&was->value, &vals[v]))
                    continue;
                if ((rc = sol_change_set1(&trial[wr->nchanges], names[i], &vals[v])))
                    break;
                rc = assess_with(w, trial, wr->nchanges + 1, &a);
                runs++;
                /* On a tie, answering an unrecorded finding beats overturning one. */
                double obj = rc ? 0 : objective(w, wr->rule, a) - (was ? 1e-6 : 0);
                if (!rc && obj > best_obj + 1e-9) {
                    best_obj = obj;
                    sol_change_clear(&best);
                    best = trial[wr->nchanges];
                } else {
                    sol_change_clear(&trial[wr->nchanges]);
                }
                sol_assessment_free(a);
            }
            sol_probe_values_free(vals, nv);
        }
        if (rc || !best.name)
            break;
        if (sol_grow_one((void **)&wr->changes, wr->nchanges, sizeof *wr->changes)) {
            sol_change_clear(&best);
            rc = SOL_ENOMEM;
            break;
        }
        wr->changes[wr->nchanges++] = best;
        cur = best_obj;
    }
    free((void *)names);
    return rc;
}

/* Re-assess with the rule's changes (searching more when its derived
 * conditions are unmet) and record whether the conclusion is reached. */
static int try_rule(sol_whynot *w, sol_wn_rule *wr)
{
    sol_assessment *a = NULL;
    int rc = assess_with(w, wr->changes, wr->nchanges, &a);
    double obj = rc ? 0 : objective(w, wr->rule, a);

    if (!rc && wr->unmet_derived && obj < 1000.0) {
        sol_assessment_free(a);
        a = NULL;
        if (!(rc = search_more(w, wr, obj)))
            rc = assess_with(w, wr->changes, wr->nchanges, &a);
    }
    if (!rc) {
        const sol_rconclusion *c = shown(a->report, w->cond->id);
        wr->tried = 1;
        wr->fires = rule_fired(a->graph, wr->rule->qname);
        wr->reached = wr->fires && c != NULL;
        wr->cf = c ? c->cf : 0;
        /* the combined belief, newest version: why a firing rule may still
         * leave the conclusion unshown */
        for (size_t i = 0; i < sol_graph_fact_count(a->graph); i++) {
            const sol_gfact *f = sol_graph_fact_at(a->graph, i);
            const sol_value *v;
            if (strcmp(f->relation, "belief") != 0 ||
                strcmp(sol_gfact_sym(f, "conclusion"), w->cond->id) != 0 ||
                !(v = sol_gfact_slot(f, "cf")))
                continue;
            wr->has_belief = 1;
            wr->belief = v->kind == SOL_VAL_REAL      ? v->r
                         : v->kind == SOL_VAL_INTEGER ? (double)v->i
                                                      : 0;
        }
    }
    sol_assessment_free(a);
    return rc;
}

/* ---- building ---- */

static int flatten(sol_whynot *w, sol_wn_rule *wr, const sol_kb_cond *c, size_t n, int depth)
{
    for (size_t i = 0; i < n; i++) {
        sol_wn_cond *nc;
        if (c[i].kind == SOL_KB_CE_THRESHOLD)
            continue; /* its value shows in the test that uses it */
        if (sol_grow_one((void **)&wr->conds, wr->nconds, sizeof *wr->conds))
            return SOL_ENOMEM;
        nc = &wr->conds[wr->nconds++];
        nc->cond = &c[i];
        nc->depth = depth;
        nc->result = eval(w, wr->rule, &c[i]);
        /* and/or list their parts; not/exists read as one phrase. */
        if ((c[i].kind == SOL_KB_CE_AND || c[i].kind == SOL_KB_CE_OR) &&
            flatten(w, wr, c[i].children, c[i].nchildren, depth + 1))
            return SOL_ENOMEM;
    }
    return SOL_OK;
}

static int add_rule(sol_whynot *w, const sol_kb_rule *r, const sol_kb_action *vote)
{
    const sol_graph *g = sol_report_graph(w->r);
    sol_wn_rule *nr;
    plan pl;
    sol_kb_cond all;

    if (sol_grow_one((void **)&w->rules, w->nrules, sizeof *w->rules))
        return SOL_ENOMEM;
    nr = &w->rules[w->nrules++];
    memset(nr, 0, sizeof *nr);
    nr->rule = r;
    nr->vote = vote;
    nr->result = sol_kb_eval_whole(w->kb, r, sol_report_findings(w->r), &w->facts);
    /* a table row's instance fired when its rule did and its row held */
    nr->fired = rule_fired(g, r->qname) && (!r->table_rule || nr->result == SOL_KB_HELD);
    if (flatten(w, nr, r->conds, r->nconds, 0))
        return SOL_ENOMEM;
    memset(&all, 0, sizeof all);
    all.kind = SOL_KB_CE_AND;
    all.children = r->conds;
    all.nchildren = r->nconds;
    if (plan_cond(w, r, &all, 1, &pl))
        return SOL_ENOMEM;
    nr->changes = pl.ch;
    nr->nchanges = nr->ndirect = pl.n;
    nr->unmet_derived = pl.bad ? -1 : pl.derived;
    return SOL_OK;
}

static size_t recorded_changed(const sol_whynot *w, const sol_wn_rule *wr)
{
    size_t n = 0;
    for (size_t i = 0; i < wr->nchanges; i++)
        n += sol_probe_known(sol_report_findings(w->r), wr->changes[i].name) != 0;
    return n;
}

/* Fewer changes; then fewer recorded values overturned; then changes read
 * straight off the rule's own conditions over ones found by searching. */
static int better(const sol_whynot *w, const sol_wn_rule *a, const sol_wn_rule *b)
{
    size_t ra = recorded_changed(w, a), rb = recorded_changed(w, b);
    if (a->nchanges != b->nchanges)
        return a->nchanges < b->nchanges;
    if (ra != rb)
        return ra < rb;
    return a->nchanges - a->ndirect < b->nchanges - b->ndirect;
}

int sol_whynot_build(sol_whynot **out, sol_pipeline *p, const sol_report *r,
                     const sol_condition *cond, sol_diag *d)
{
    int rc = sol_pipeline_use_kb(p, d);
    if (rc)
        return rc;
    const sol_kb *kb = sol_pipeline_kb(p);
    sol_whynot *w = calloc(1, sizeof *w);

    *out = NULL;
    if (!w || sol_explain_superseded(sol_report_graph(r), &w->superseded)) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        goto cleanup;
    }
    w->p = p;
    w->r = r;
    w->kb = kb;
    w->cond = cond;
    w->best = -1;
    w->d = d;
    w->reached = sol_report_conclusion(r, cond->id);
    w->fctx.g = sol_report_graph(r);
    w->fctx.superseded = w->superseded;
    w->fctx.kb = kb;
    w->facts.fact = sol_explain_fact_judge;
    w->facts.ctx = &w->fctx;
    for (size_t i = 0; i < sol_kb_unit_count(kb); i++) {
        const sol_kb_rule *kr = sol_kb_unit_at(kb, i);
        const sol_kb_action *vote = sol_kb_rule_asserts(kr, cond->id, "support");
        if (vote && add_rule(w, kr, vote)) {
            rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
            goto cleanup;
        }
    }
    /* Cheapest lower bound first; skip rules that cannot beat the best. */
    for (size_t pass = 0; !w->reached && pass < w->nrules; pass++) {
        long pick = -1;
        for (size_t i = 0; i < w->nrules; i++) {
            const sol_wn_rule *x = &w->rules[i];
            if (x->tried || x->unmet_derived < 0)
                continue;
            size_t lb = x->nchanges + (size_t)x->unmet_derived;
            if (w->best >= 0 && lb > w->rules[w->best].nchanges)
                continue;
            if (pick < 0 || lb < w->rules[pick].nchanges + (size_t)w->rules[pick].unmet_derived)
                pick = (long)i;
        }
        if (pick < 0)
            break;
        if ((rc = try_rule(w, &w->rules[pick])))
            goto cleanup;
        if (w->rules[pick].reached &&
            (w->best < 0 || better(w, &w->rules[pick], &w->rules[w->best])))
            w->best = pick;
    }
    *out = w;
    w = NULL;
cleanup:
    sol_whynot_free(w);
    return rc;
}

void sol_whynot_free(sol_whynot *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->nrules; i++) {
        for (size_t k = 0; k < w->rules[i].nchanges; k++)
            sol_change_clear(&w->rules[i].changes[k]);
        free(w->rules[i].changes);
        free(w->rules[i].conds);
    }
    free(w->rules);
    free(w->superseded);
    free(w);
}

const sol_condition *sol_whynot_condition(const sol_whynot *w) { return w->cond; }
const sol_report *sol_whynot_report(const sol_whynot *w) { return w->r; }
const sol_rconclusion *sol_whynot_reached(const sol_whynot *w) { return w->reached; }
size_t sol_whynot_rule_count(const sol_whynot *w) { return w->nrules; }
const sol_wn_rule *sol_whynot_rule_at(const sol_whynot *w, size_t i) { return &w->rules[i]; }
long sol_whynot_best(const sol_whynot *w) { return w->best; }
