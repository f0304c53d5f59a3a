/* kb_eval.c — judges the model's conditions against a set of findings,
 * following CLIPS semantics but keeping "unknown" (the finding is absent)
 * apart from "failed", which is what why-not explanations need. */
#include "kb_int.h"

#include <string.h>

static int is_float_text(const char *s) { return strpbrk(s, ".eE") != NULL; }

/* Does literal text lit denote value v (as CLIPS would match it)? */
static int literal_equals(const char *lit, const sol_value *v)
{
    double x;

    switch (v->kind) {
    case SOL_VAL_SYMBOL: return v->sym && strcmp(lit, v->sym) == 0;
    case SOL_VAL_INTEGER:
        return kb_is_number(lit, &x) && !is_float_text(lit) && x == (double)v->i;
    case SOL_VAL_REAL: return kb_is_number(lit, &x) && is_float_text(lit) && x == v->r;
    default: return 0;
    }
}

static int numtest_holds(const sol_kb_numtest *t, double x)
{
    switch (t->op) {
    case SOL_KB_LT: return x < t->value;
    case SOL_KB_LE: return x <= t->value;
    case SOL_KB_GT: return x > t->value;
    case SOL_KB_GE: return x >= t->value;
    case SOL_KB_EQ: return x == t->value;
    case SOL_KB_NE: return x != t->value;
    }
    return 0;
}

sol_kb_result sol_kb_constraint_match(const sol_kb_constraint *c, const sol_value *v)
{
    double x;

    if (!c || !v)
        return SOL_KB_OPAQUE;
    switch (c->kind) {
    case SOL_KB_CONS_ANY: return SOL_KB_HELD;
    case SOL_KB_CONS_IN:
    case SOL_KB_CONS_NOT_IN:
        for (size_t i = 0; i < c->nvalues; i++)
            if (literal_equals(c->values[i], v))
                return c->kind == SOL_KB_CONS_IN ? SOL_KB_HELD : SOL_KB_FAILED;
        return c->kind == SOL_KB_CONS_IN ? SOL_KB_FAILED : SOL_KB_HELD;
    case SOL_KB_CONS_NUM:
        if (v->kind == SOL_VAL_INTEGER)
            x = (double)v->i;
        else if (v->kind == SOL_VAL_REAL)
            x = v->r;
        else
            return SOL_KB_FAILED;
        for (size_t i = 0; i < c->ntests; i++)
            if (!c->tests[i].resolved)
                return SOL_KB_OPAQUE;
        for (size_t i = 0; i < c->ntests; i++)
            if (!numtest_holds(&c->tests[i], x))
                return SOL_KB_FAILED;
        return SOL_KB_HELD;
    case SOL_KB_CONS_OPAQUE:
    default: return SOL_KB_OPAQUE;
    }
}

/* Match constraint c against every current, known value of finding name. */
static sol_kb_result match_finding(const char *name, const sol_kb_constraint *c,
                                   const sol_findings *f)
{
    int seen = 0, opaque = 0;

    for (size_t i = 0; f && i < sol_findings_count(f); i++) {
        const sol_finding *x = sol_findings_at(f, i);
        sol_kb_result r;

        if (!x->name || strcmp(x->name, name) != 0 || x->context != SOL_CTX_CURRENT ||
            x->value.kind == SOL_VAL_UNKNOWN || x->value.kind == SOL_VAL_NONE)
            continue;
        seen = 1;
        r = sol_kb_constraint_match(c, &x->value);
        if (r == SOL_KB_HELD)
            return SOL_KB_HELD;
        if (r == SOL_KB_OPAQUE)
            opaque = 1;
    }
    if (!seen)
        return SOL_KB_UNKNOWN;
    return opaque ? SOL_KB_OPAQUE : SOL_KB_FAILED;
}

const sol_kb_cond *sol_kb_binder(const sol_kb_cond *c, size_t n, const char *var)
{
    for (size_t i = 0; i < n; i++) {
        const sol_kb_cond *hit;

        if (c[i].kind == SOL_KB_CE_FINDING && c[i].finding && c[i].value->var &&
            strcmp(c[i].value->var, var) == 0)
            return &c[i];
        hit = sol_kb_binder(c[i].children, c[i].nchildren, var);
        if (hit)
            return hit;
    }
    return NULL;
}

/* How many slots of conditions c[0..n) (and their children) bind var. */
static size_t var_uses(const sol_kb_cond *c, size_t n, const char *var)
{
    size_t uses = 0;

    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < c[i].nslots; k++)
            uses += c[i].slots[k].c.var && strcmp(c[i].slots[k].c.var, var) == 0;
        uses += var_uses(c[i].children, c[i].nchildren, var);
    }
    return uses;
}

/* Does pattern c share a variable with another pattern of r (a join, such as
 * (condition (id ?a) (tier A)) with (evidence (conclusion ?a)))? Patterns are
 * judged one at a time on their literal slots, so a join is not honoured:
 * a pattern that fails on its literal slots fails under any join, but one
 * that holds may still find no partner, which only CLIPS can tell. */
static int joins(const sol_kb_rule *r, const sol_kb_cond *c)
{
    if (!r)
        return 1;
    for (size_t k = 0; k < c->nslots; k++)
        if (c->slots[k].c.var && var_uses(r->conds, r->nconds, c->slots[k].c.var) > 1)
            return 1;
    return 0;
}

/* (finding (name a|b …) …) as any of its names: held when one holds, else
 * unknown when one is absent, else failed; opaque when the name is joined
 * with another pattern or is not a list of literals. */
static sol_kb_result match_alternatives(const sol_kb_rule *r, const sol_kb_cond *c,
                                        const sol_findings *f)
{
    const sol_kb_constraint *name = NULL;
    int unknown = 0, opaque = 0;

    for (size_t k = 0; k < c->nslots; k++)
        if (strcmp(c->slots[k].name, "name") == 0)
            name = &c->slots[k].c;
    if (!r || !name || name->kind != SOL_KB_CONS_IN || joins(r, c))
        return SOL_KB_OPAQUE;
    for (size_t i = 0; i < name->nvalues; i++) {
        sol_kb_result res = match_finding(name->values[i], c->value, f);
        if (res == SOL_KB_HELD)
            return SOL_KB_HELD;
        unknown |= res == SOL_KB_UNKNOWN;
        opaque |= res == SOL_KB_OPAQUE;
    }
    return unknown ? SOL_KB_UNKNOWN : opaque ? SOL_KB_OPAQUE : SOL_KB_FAILED;
}

static sol_kb_result eval_pattern(const sol_kb_rule *r, const sol_kb_cond *c,
                                  const sol_kb_facts *facts)
{
    if (facts && facts->fact)
        return facts->fact(facts->ctx, r, c);
    /* nothing known: no evidence facts at all */
    return c->kind == SOL_KB_CE_EVIDENCE ? SOL_KB_FAILED : SOL_KB_OPAQUE;
}

/* alt: judge a finding pattern whose name is one of alternatives
 * (match_alternatives) instead of calling it opaque. */
static sol_kb_result eval_cond(const sol_kb *kb, const sol_kb_rule *r, const sol_kb_cond *c,
                               const sol_findings *f, const sol_kb_facts *facts, int alt)
{
    sol_kb_result res;
    int unknown = 0, opaque = 0;

    if (!c)
        return SOL_KB_OPAQUE;
    switch (c->kind) {
    case SOL_KB_CE_FINDING:
        if (!c->finding)
            return alt ? match_alternatives(r, c, f) : SOL_KB_OPAQUE;
        res = match_finding(c->finding, c->value, f);
        return res == SOL_KB_HELD && joins(r, c) ? SOL_KB_OPAQUE : res;
    case SOL_KB_CE_NOT:
        res = eval_cond(kb, r, &c->children[0], f, facts, alt);
        if (res == SOL_KB_OPAQUE)
            return SOL_KB_OPAQUE;
        return res == SOL_KB_HELD ? SOL_KB_FAILED : SOL_KB_HELD;
    case SOL_KB_CE_AND:
    case SOL_KB_CE_EXISTS:
        for (size_t i = 0; i < c->nchildren; i++) {
            res = eval_cond(kb, r, &c->children[i], f, facts, alt);
            if (res == SOL_KB_FAILED)
                return SOL_KB_FAILED;
            unknown |= res == SOL_KB_UNKNOWN;
            opaque |= res == SOL_KB_OPAQUE;
        }
        return unknown ? SOL_KB_UNKNOWN : opaque ? SOL_KB_OPAQUE : SOL_KB_HELD;
    case SOL_KB_CE_OR:
        for (size_t i = 0; i < c->nchildren; i++) {
            res = eval_cond(kb, r, &c->children[i], f, facts, alt);
            if (res == SOL_KB_HELD)
                return SOL_KB_HELD;
            unknown |= res == SOL_KB_UNKNOWN;
            opaque |= res == SOL_KB_OPAQUE;
        }
        return unknown ? SOL_KB_UNKNOWN : opaque ? SOL_KB_OPAQUE : SOL_KB_FAILED;
    case SOL_KB_CE_TEST: {
        const sol_kb_cond *b;

        if (c->value->kind == SOL_KB_CONS_OPAQUE || !c->value->var || !r)
            return SOL_KB_OPAQUE;
        b = sol_kb_binder(r->conds, r->nconds, c->value->var);
        return b ? match_finding(b->finding, c->value, f) : SOL_KB_OPAQUE;
    }
    case SOL_KB_CE_THRESHOLD:
        return c->threshold && sol_kb_threshold_find(kb, c->threshold) ? SOL_KB_HELD
                                                                       : SOL_KB_OPAQUE;
    case SOL_KB_CE_EVIDENCE:
    case SOL_KB_CE_BELIEF:
    case SOL_KB_CE_CONDITION:
    case SOL_KB_CE_GATE:
    case SOL_KB_CE_PATTERN:
        res = eval_pattern(r, c, facts);
        return res == SOL_KB_HELD && joins(r, c) ? SOL_KB_OPAQUE : res;
    case SOL_KB_CE_OTHER:
    default: return SOL_KB_OPAQUE;
    }
}

sol_kb_result sol_kb_eval_cond(const sol_kb *kb, const sol_kb_rule *r, const sol_kb_cond *c,
                               const sol_findings *f, const sol_kb_facts *facts)
{
    return eval_cond(kb, r, c, f, facts, 0);
}

sol_kb_result sol_kb_eval_condition(const sol_kb *kb, size_t rule_i, size_t cond_i,
                                    const sol_findings *f, const sol_kb_facts *facts)
{
    const sol_kb_rule *r = sol_kb_rule_at(kb, rule_i);

    if (!r || cond_i >= r->nconds)
        return SOL_KB_OPAQUE;
    return sol_kb_eval_cond(kb, r, &r->conds[cond_i], f, facts);
}

sol_kb_result sol_kb_eval_rule(const sol_kb *kb, size_t rule_i, const sol_findings *f,
                               const sol_kb_facts *facts)
{
    return sol_kb_eval_whole(kb, sol_kb_rule_at(kb, rule_i), f, facts);
}

/* A table-driven rule can fire when one of its rows can: held when any
 * instance holds, else unknown when any is unknown, else opaque when any is,
 * else failed (also with no rows: nothing to apply). */
static sol_kb_result eval_whole(const sol_kb *kb, const sol_kb_rule *r, const sol_findings *f,
                                const sol_kb_facts *facts, int alt)
{
    sol_kb_cond all;

    if (!r)
        return SOL_KB_OPAQUE;
    if (r->table) {
        int unknown = 0, opaque = 0;

        for (size_t i = 0; i < r->nrows; i++) {
            sol_kb_result res = eval_whole(kb, &r->rows[i], f, facts, alt);
            if (res == SOL_KB_HELD)
                return SOL_KB_HELD;
            unknown |= res == SOL_KB_UNKNOWN;
            opaque |= res == SOL_KB_OPAQUE;
        }
        return opaque ? SOL_KB_OPAQUE : unknown ? SOL_KB_UNKNOWN : SOL_KB_FAILED;
    }
    memset(&all, 0, sizeof all);
    all.kind = SOL_KB_CE_AND;
    all.children = r->conds;
    all.nchildren = r->nconds;
    return eval_cond(kb, r, &all, f, facts, alt);
}

sol_kb_result sol_kb_eval_whole(const sol_kb *kb, const sol_kb_rule *r, const sol_findings *f,
                                const sol_kb_facts *facts)
{
    return eval_whole(kb, r, f, facts, 0);
}

sol_kb_result sol_kb_eval_whole_alternatives(const sol_kb *kb, const sol_kb_rule *r,
                                             const sol_findings *f, const sol_kb_facts *facts)
{
    return eval_whole(kb, r, f, facts, 1);
}

const char *sol_kb_result_name(sol_kb_result r)
{
    switch (r) {
    case SOL_KB_FAILED: return "failed";
    case SOL_KB_HELD: return "held";
    case SOL_KB_UNKNOWN: return "unknown";
    case SOL_KB_OPAQUE: return "opaque";
    }
    return "?";
}

const char *sol_kb_op_text(sol_kb_op op)
{
    switch (op) {
    case SOL_KB_LT: return "<";
    case SOL_KB_LE: return "<=";
    case SOL_KB_GT: return ">";
    case SOL_KB_GE: return ">=";
    case SOL_KB_EQ: return "=";
    case SOL_KB_NE: return "<>";
    }
    return "?";
}

const char *sol_kb_ce_kind_name(sol_kb_ce_kind k)
{
    static const char *const names[] = {"finding",   "evidence", "belief", "condition", "gate",
                                        "threshold", "pattern",  "not",    "and",       "or",
                                        "exists",    "test",     "other"};
    return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}
