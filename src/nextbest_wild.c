/* nextbest_wild.c — judging the rules that name findings by a variable, for
 * next-best (nextbest_wild.h). Anything the baseline run cannot settle
 * counts as "could": a trial is then run, which is always exact. */
#include "nextbest_wild.h"

#include <stdlib.h>
#include <string.h>

#include "explain.h"

typedef struct {
    const sol_nb_wild *w;
    const sol_kb_rule *r; /* the rule being walked */
    const char *name;     /* the finding answered */
    unsigned char *gone;  /* per fact of g: asserted by a firing the answer undoes */
    size_t ngone;
} walk_ctx;

static const sol_kb_slot *slot_of(const sol_kb_cond *c, const char *name)
{
    for (size_t i = 0; i < c->nslots; i++)
        if (strcmp(c->slots[i].name, name) == 0)
            return &c->slots[i];
    return NULL;
}

/* Is name one of the space-separated words of v (a multislot is one symbol
 * of its fields)? */
static int has_word(const sol_value *v, const char *name)
{
    size_t n = strlen(name);
    if (!v || v->kind != SOL_VAL_SYMBOL || !v->sym)
        return 0;
    for (const char *p = v->sym; (p = strstr(p, name)) != NULL; p++)
        if ((p == v->sym || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return 1;
    return 0;
}

static int mentions(const sol_gfact *f, const char *name)
{
    for (size_t i = 0; i < f->nslots; i++)
        if (has_word(&f->slot_values[i], name))
            return 1;
    return 0;
}

/* The pattern among cs[0..n) (not a finding pattern, not nested) that binds
 * var in a slot, and that slot's name; NULL when none. */
static const sol_kb_cond *binder_in(const sol_kb_cond *cs, size_t n, const char *var,
                                    const char **slot)
{
    for (size_t i = 0; i < n; i++) {
        const sol_kb_cond *c = &cs[i];
        if (c->kind == SOL_KB_CE_FINDING || !c->tmpl)
            continue;
        for (size_t k = 0; k < c->nslots; k++)
            if (c->slots[k].c.var && strcmp(c->slots[k].c.var, var) == 0) {
                *slot = c->slots[k].name;
                return c;
            }
    }
    return NULL;
}

/* Can finding pattern c, whose name is not a literal, read x->name? Its
 * name is one of alternatives, or a variable a knowledge pattern binds
 * (among its siblings cs, or at the top of the rule; only at the top when
 * top_only), whose facts in the baseline say which names. 1, 0, or -1 when
 * the model cannot tell. */
static int can_read(const walk_ctx *x, const sol_kb_cond *c, const sol_kb_cond *cs, size_t n,
                    int top_only)
{
    const sol_kb_slot *s = slot_of(c, "name");
    const sol_kb_cond *b = NULL;
    const char *slot = NULL;
    if (!s)
        return -1;
    if (s->c.kind == SOL_KB_CONS_IN) {
        for (size_t i = 0; i < s->c.nvalues; i++)
            if (strcmp(s->c.values[i], x->name) == 0)
                return 1;
        return 0;
    }
    if (s->c.kind != SOL_KB_CONS_ANY || !s->c.var)
        return -1;
    if (!top_only)
        b = binder_in(cs, n, s->c.var, &slot);
    if (!b)
        b = binder_in(x->r->conds, x->r->nconds, s->c.var, &slot);
    if (!b)
        return -1;
    for (size_t p = 0; p < sol_graph_fact_count(x->w->g); p++) {
        const sol_gfact *f = sol_graph_fact_at(x->w->g, p);
        if (!x->w->superseded[p] && strcmp(f->relation, b->tmpl) == 0 &&
            has_word(sol_gfact_slot(f, slot), x->name))
            return 1;
    }
    return 0;
}

static int fired(const sol_graph *g, const sol_kb_rule *r)
{
    for (size_t i = 0; i < sol_graph_firing_count(g); i++)
        if (strcmp(sol_graph_firing_at(g, i)->rule, r->qname) == 0)
            return 1;
    return 0;
}

/* An answer makes (not (finding (name ?n))) false for ?n = the finding:
 * the firings of x->r that matched a fact naming it are undone, and what
 * they asserted is gone. */
static void undo_firings(walk_ctx *x)
{
    const sol_graph *g = x->w->g;
    for (size_t i = 0; i < sol_graph_firing_count(g); i++) {
        const sol_firing *fi = sol_graph_firing_at(g, i);
        int hit = 0;
        if (strcmp(fi->rule, x->r->qname) != 0)
            continue;
        for (size_t k = 0; k < fi->nbasis && !hit; k++)
            hit = mentions(sol_graph_fact_at(g, fi->basis[k]), x->name);
        for (size_t k = 0; hit && k < fi->nadded; k++) {
            x->ngone += !x->gone[fi->added[k]];
            x->gone[fi->added[k]] = 1;
        }
    }
}

/* One finding pattern c whose name is not a literal: 1 when the answer
 * could change x->r's firings in a way not accounted for. Only the
 * finding's presence may matter (no value test, no value bound); then
 * under a not the firings it blocked are undone (undo_firings), and inside
 * the rule's only condition, an exists, a rule that already fired fires
 * no more. */
static int wild_pattern(walk_ctx *x, const sol_kb_cond *c, const sol_kb_cond *cs, size_t n,
                        int neg, int in_exists)
{
    int rd = can_read(x, c, cs, n, neg);
    if (rd == 0)
        return 0;
    if (rd < 0 || c->value->kind != SOL_KB_CONS_ANY || c->value->var)
        return 1;
    if (neg && !in_exists) {
        undo_firings(x);
        return 0;
    }
    return neg || !in_exists || x->r->nconds != 1 || x->r->conds[0].kind != SOL_KB_CE_EXISTS ||
           !fired(x->w->g, x->r);
}

static int walk(walk_ctx *x, const sol_kb_cond *cs, size_t n, int neg, int in_exists)
{
    for (size_t i = 0; i < n; i++) {
        const sol_kb_cond *c = &cs[i];
        int could = 0;
        switch (c->kind) {
        case SOL_KB_CE_NOT: could = walk(x, c->children, c->nchildren, !neg, in_exists); break;
        case SOL_KB_CE_EXISTS: could = walk(x, c->children, c->nchildren, neg, 1); break;
        case SOL_KB_CE_AND:
        case SOL_KB_CE_OR: could = walk(x, c->children, c->nchildren, neg, in_exists); break;
        case SOL_KB_CE_OTHER: could = 1; break;
        case SOL_KB_CE_FINDING:
            could = !c->finding && wild_pattern(x, c, cs, n, neg, in_exists);
            break;
        default: break;
        }
        if (could)
            return 1;
    }
    return 0;
}

/* The templates of the gone facts, distinct. */
typedef struct {
    const char *v[8];
    size_t n;
} rels;

/* Does a pattern among cs (any depth) read one of the templates in g? */
static int touches(const rels *g, const sol_kb_cond *cs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (touches(g, cs[i].children, cs[i].nchildren))
            return 1;
        for (size_t k = 0; cs[i].tmpl && k < g->n; k++)
            if (strcmp(g->v[k], cs[i].tmpl) == 0)
                return 1;
    }
    return 0;
}

/* Could a positive pattern among cs (not inside a not or an exists, whose
 * verdicts are compared instead) have matched a gone fact? Then an
 * activation is lost even when the rule's verdict stands. */
static int matched_gone(const sol_kb_rule *q, const sol_kb_cond *cs, size_t n,
                        const sol_kb_facts *gone)
{
    for (size_t i = 0; i < n; i++) {
        const sol_kb_cond *c = &cs[i];
        if (c->kind == SOL_KB_CE_AND || c->kind == SOL_KB_CE_OR) {
            if (matched_gone(q, c->children, c->nchildren, gone))
                return 1;
        } else if (c->kind != SOL_KB_CE_FINDING && c->kind != SOL_KB_CE_THRESHOLD && c->tmpl &&
                   gone->fact(gone->ctx, q, c) != SOL_KB_FAILED) {
            return 1;
        }
    }
    return 0;
}

/* With the gone facts gone (and the answer given), would any rule of the
 * slice that reads their templates judge otherwise? A gone vote or belief
 * is read by the trial itself. 1, 0 or SOL_ENOMEM. */
static int gone_matters(const sol_nb_wild *w, const unsigned char *gone, const sol_findings *alt)
{
    size_t nf = sol_graph_fact_count(w->g);
    unsigned char *after = malloc(nf ? nf : 1), *only = malloc(nf ? nf : 1);
    int could = 0;
    if (!after || !only) {
        free(after);
        free(only);
        return SOL_ENOMEM;
    }
    rels g = {{0}, 0};
    for (size_t p = 0; p < nf; p++) {
        const char *rel = sol_graph_fact_at(w->g, p)->relation;
        size_t k = 0;
        after[p] = w->superseded[p] | gone[p];
        only[p] = !gone[p];
        if (!gone[p])
            continue;
        could |= strcmp(rel, "evidence") == 0 || strcmp(rel, "belief") == 0;
        while (k < g.n && strcmp(g.v[k], rel) != 0)
            k++;
        if (k == g.n && g.n < sizeof g.v / sizeof *g.v)
            g.v[g.n++] = rel;
        else if (k == g.n)
            could = 1; /* too many kinds of fact to follow */
    }
    sol_explain_facts xb = {w->g, w->superseded, w->kb}, xa = {w->g, after, w->kb},
                      xg = {w->g, only, w->kb};
    sol_kb_facts before = {sol_explain_fact_judge, &xb}, now = {sol_explain_fact_judge, &xa},
                 lost = {sol_explain_fact_judge, &xg};
    for (size_t i = 0; i < sol_kb_unit_count(w->kb) && !could; i++) {
        const sol_kb_rule *q = sol_kb_unit_at(w->kb, i);
        if (!w->slice[i] || !touches(&g, q->conds, q->nconds))
            continue;
        sol_kb_result a = sol_kb_eval_whole(w->kb, q, w->base, &before);
        sol_kb_result b = sol_kb_eval_whole(w->kb, q, alt, &now);
        could = a != b || a == SOL_KB_OPAQUE || matched_gone(q, q->conds, q->nconds, &lost);
    }
    free(after);
    free(only);
    return could;
}

int sol_nb_wild_could(const sol_nb_wild *w, const char *name, const sol_findings *alt)
{
    size_t nf = sol_graph_fact_count(w->g);
    walk_ctx x = {w, NULL, name, calloc(nf ? nf : 1, 1), 0};
    int could = 0;
    if (!x.gone)
        return SOL_ENOMEM;
    for (size_t i = 0; i < sol_kb_unit_count(w->kb) && !could; i++) {
        x.r = sol_kb_unit_at(w->kb, i);
        could = w->slice[i] && walk(&x, x.r->conds, x.r->nconds, 0, 0);
    }
    if (!could && x.ngone)
        could = gone_matters(w, x.gone, alt);
    free(x.gone);
    return could;
}
