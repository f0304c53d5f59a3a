/* kb_rule.c — reads one defrule into the model: its doc string, slot
 * constraints (literals, a|b, ~a, numeric tests against constants or
 * thresholds), conditional elements with their lines, and the facts its
 * right-hand side asserts. kb.c drives it over every construct. */
#include "kb_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const sol_kb_constraint any_constraint = {SOL_KB_CONS_ANY, NULL, 0, NULL, 0, NULL, ""};

/* strcmp(s, lit) == 0, the first letters compared inline: the chains of
 * names below are asked of every condition, slot and action. */
static int str_is(const char *s, const char *lit)
{
    return s[0] == lit[0] && strcmp(s, lit) == 0;
}

int kb_oom(kb_builder *b, int line)
{
    return sol_diag_set(b->d, SOL_ENOMEM, b->file, line, "out of memory");
}

/* ---- slot constraints ---- */

static const char *threshold_of_var(const kb_builder *b, const char *var)
{
    for (size_t i = 0; i < b->ntv; i++)
        if (strcmp(b->tvar[i], var) == 0)
            return b->tname[i];
    return NULL;
}

static int op_parse(const char *s, sol_kb_op *out)
{
    static const struct {
        const char *t;
        sol_kb_op op;
    } ops[] = {
        {"<", SOL_KB_LT},  {"<=", SOL_KB_LE}, {">", SOL_KB_GT},
        {">=", SOL_KB_GE}, {"=", SOL_KB_EQ},  {"<>", SOL_KB_NE},
    };
    for (size_t i = 0; s && i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(s, ops[i].t) == 0) {
            *out = ops[i].op;
            return 1;
        }
    return 0;
}

static sol_kb_op op_flip(sol_kb_op op)
{
    switch (op) {
    case SOL_KB_LT: return SOL_KB_GT;
    case SOL_KB_LE: return SOL_KB_GE;
    case SOL_KB_GT: return SOL_KB_LT;
    case SOL_KB_GE: return SOL_KB_LE;
    default: return op;
    }
}

/* A constraint under construction. */
typedef struct {
    kb_vec in, notin, tests;
    int opaque;
    const char *var; /* the slot's variable; a predicate must use it */
} cons_acc;

/* Not memset: the vectors' inline room need not be cleared. */
static void acc_init(cons_acc *c)
{
    c->opaque = 0;
    c->var = NULL;
    kb_vec_init(&c->in, sizeof(const char *));
    kb_vec_init(&c->notin, sizeof(const char *));
    kb_vec_init(&c->tests, sizeof(sol_kb_numtest));
}

static void acc_free(cons_acc *c)
{
    kb_vec_free(&c->in);
    kb_vec_free(&c->notin);
    kb_vec_free(&c->tests);
}

static int acc_value(kb_vec *v, const char *text)
{
    const char **slot = kb_vec_push(v);

    if (!slot)
        return SOL_ENOMEM;
    *slot = text;
    return SOL_OK;
}

/* One numeric test (op x y) where one side is c->var (or, when c->var is
 * NULL, the first variable that is not a threshold variable). */
static int acc_numtest(kb_builder *b, cons_acc *c, const kb_node *pred)
{
    sol_kb_op op;
    const char *x, *y, *other;
    sol_kb_numtest *t;

    if (pred->nkids != 3 || !op_parse(kb_atom(pred->kids[0]), &op))
        return c->opaque = 1, SOL_OK;
    x = kb_atom(pred->kids[1]);
    y = kb_atom(pred->kids[2]);
    if (!x || !y)
        return c->opaque = 1, SOL_OK;
    if (!c->var && kb_is_var(x) && !threshold_of_var(b, x))
        c->var = x;
    else if (!c->var && kb_is_var(y) && !threshold_of_var(b, y))
        c->var = y;
    if (c->var && strcmp(x, c->var) == 0) {
        other = y;
    } else if (c->var && strcmp(y, c->var) == 0) {
        other = x;
        op = op_flip(op);
    } else {
        return c->opaque = 1, SOL_OK;
    }
    t = kb_vec_push(&c->tests);
    if (!t)
        return SOL_ENOMEM;
    t->op = op;
    if (kb_is_number(other, &t->value)) {
        t->resolved = 1;
    } else if (kb_is_var(other) && threshold_of_var(b, other)) {
        const sol_kb_threshold *th;

        t->threshold = threshold_of_var(b, other);
        th = sol_kb_threshold_find(b->kb, t->threshold);
        if (th) {
            t->value = th->value;
            t->resolved = 1;
        }
    } else {
        c->opaque = 1;
    }
    return SOL_OK;
}

/* A predicate :(…): numeric tests (possibly under and), eq, neq; type
 * checks (numberp …) restrict nothing we model. */
static int acc_predicate(kb_builder *b, cons_acc *c, const kb_node *pred)
{
    const char *f = pred->type == KB_LIST && pred->nkids ? kb_atom(pred->kids[0]) : NULL;
    sol_kb_op op;
    int rc = SOL_OK;

    if (!f)
        return c->opaque = 1, SOL_OK;
    if (str_is(f, "and")) {
        for (size_t i = 1; i < pred->nkids && rc == SOL_OK; i++)
            rc = acc_predicate(b, c, pred->kids[i]);
        return rc;
    }
    if (str_is(f, "numberp") || str_is(f, "integerp") || str_is(f, "floatp"))
        return SOL_OK;
    if ((str_is(f, "eq") || str_is(f, "neq")) && pred->nkids >= 3 && c->var &&
        kb_is_atom(pred->kids[1], c->var)) {
        int neg = f[0] == 'n';

        if (!neg && pred->nkids != 3)
            return c->opaque = 1, SOL_OK;
        for (size_t i = 2; i < pred->nkids && rc == SOL_OK; i++) {
            const kb_node *k = pred->kids[i];

            if ((k->type != KB_ATOM && k->type != KB_STRING) || kb_is_var(k->text))
                return c->opaque = 1, SOL_OK;
            rc = acc_value(neg ? &c->notin : &c->in, k->text);
        }
        return rc;
    }
    if (op_parse(f, &op))
        return acc_numtest(b, c, pred);
    c->opaque = 1;
    return SOL_OK;
}

/* Finish the accumulator into out (values in the arena). */
static int acc_finish(kb_builder *b, cons_acc *c, sol_kb_constraint *out)
{
    int kinds = (c->in.n > 0) + (c->notin.n > 0) + (c->tests.n > 0);

    out->var = c->var;
    if (c->opaque || kinds > 1) {
        out->kind = SOL_KB_CONS_OPAQUE;
    } else if (c->in.n) {
        out->kind = SOL_KB_CONS_IN;
        out->values = kb_vec_finish(&c->in, b->a, &out->nvalues);
    } else if (c->notin.n) {
        out->kind = SOL_KB_CONS_NOT_IN;
        out->values = kb_vec_finish(&c->notin, b->a, &out->nvalues);
    } else if (c->tests.n) {
        out->kind = SOL_KB_CONS_NUM;
        out->tests = kb_vec_finish(&c->tests, b->a, &out->ntests);
    } else {
        out->kind = SOL_KB_CONS_ANY;
    }
    if ((out->kind == SOL_KB_CONS_IN || out->kind == SOL_KB_CONS_NOT_IN) && !out->values)
        return SOL_ENOMEM;
    if (out->kind == SOL_KB_CONS_NUM && !out->tests)
        return SOL_ENOMEM;
    return SOL_OK;
}

/* Analyse the constraint nodes k[0..n) of one slot: terms joined by & and |,
 * each maybe negated with ~; a leading ?var& binds the whole. */
static int parse_constraint(kb_builder *b, kb_node *const *k, size_t n, sol_kb_constraint *out)
{
    cons_acc c;
    size_t i = 0, disjuncts = 1, terms = 0;
    int rc = SOL_OK, positive_only = 1;

    acc_init(&c);
    *out = any_constraint;
    out->text = n ? kb_nodes_text(b->a, k, n) : "";
    if (!out->text)
        return SOL_ENOMEM;
    /* Leading variable: ?v alone, or ?v& … */
    if (n && k[0]->type == KB_ATOM && kb_is_var(k[0]->text)) {
        c.var = k[0]->text;
        if (n == 1)
            goto done;
        if (k[1]->type != KB_AMP) {
            c.opaque = 1; /* multifield: ?a ?b */
            goto done;
        }
        i = 2;
    } else if (n == 1 && kb_is_atom(k[0], "?")) {
        goto done;
    }
    while (i < n && rc == SOL_OK) {
        int neg = 0;

        while (i < n && k[i]->type == KB_TILDE) {
            neg = !neg;
            i++;
        }
        if (i >= n) {
            c.opaque = 1;
            break;
        }
        terms++;
        if (k[i]->type == KB_COLON && i + 1 < n) {
            if (neg)
                c.opaque = 1;
            else
                rc = acc_predicate(b, &c, k[i + 1]);
            positive_only = 0;
            i += 2;
        } else if ((k[i]->type == KB_ATOM && !kb_is_var(k[i]->text) &&
                    strcmp(k[i]->text, "?") != 0 && strcmp(k[i]->text, "$?") != 0) ||
                   k[i]->type == KB_STRING) {
            rc = acc_value(neg ? &c.notin : &c.in, k[i]->text);
            if (neg)
                positive_only = 0;
            i++;
        } else {
            c.opaque = 1; /* join variable, =(…), multifield, nested list */
            break;
        }
        if (i < n) {
            if (k[i]->type == KB_BAR)
                disjuncts++;
            else if (k[i]->type != KB_AMP)
                c.opaque = 1;
            i++;
            if (i >= n)
                c.opaque = 1;
        }
    }
    /* a|b is IN; but a&b, or | mixed with anything else, is not modelled. */
    if (disjuncts > 1 && (!positive_only || disjuncts != terms))
        c.opaque = 1;
    if (disjuncts == 1 && c.in.n > 1)
        c.opaque = 1;
done:
    if (rc == SOL_OK)
        rc = acc_finish(b, &c, out);
    acc_free(&c);
    return rc;
}

static const char *cons_literal(const sol_kb_constraint *c)
{
    return c->kind == SOL_KB_CONS_IN && c->nvalues == 1 && !c->var ? c->values[0] : NULL;
}

/* ---- conditional elements ---- */

static int parse_ce(kb_builder *b, const kb_node *n, const char *binds, sol_kb_cond *out);

static int parse_ce_list(kb_builder *b, kb_node *const *k, size_t n, const sol_kb_cond **out,
                         size_t *out_n)
{
    kb_vec v;
    int rc = SOL_OK;
    size_t had;

    kb_vec_init(&v, sizeof(sol_kb_cond));
    for (size_t i = 0; i < n && rc == SOL_OK; i++) {
        const char *binds = NULL;
        sol_kb_cond *c;

        if (k[i]->type == KB_ATOM && kb_is_var(k[i]->text) && i + 2 < n &&
            kb_is_atom(k[i + 1], "<-")) {
            binds = k[i]->text;
            i += 2;
        }
        c = kb_vec_push(&v);
        rc = c ? parse_ce(b, k[i], binds, c) : kb_oom(b, k[i]->line);
    }
    had = v.n;
    *out = kb_vec_finish(&v, b->a, out_n);
    if (rc == SOL_OK && had && !*out)
        rc = kb_oom(b, n ? k[0]->line : 0);
    return rc;
}

static int parse_pattern(kb_builder *b, const kb_node *n, sol_kb_cond *c)
{
    kb_vec slots;
    int rc = SOL_OK;
    size_t had;
    const char *t = kb_strip_module(kb_atom(n->kids[0]));

    c->tmpl = t;
    if (str_is(t, "finding"))
        c->kind = SOL_KB_CE_FINDING;
    else if (str_is(t, "evidence"))
        c->kind = SOL_KB_CE_EVIDENCE;
    else if (str_is(t, "belief"))
        c->kind = SOL_KB_CE_BELIEF;
    else if (str_is(t, "condition"))
        c->kind = SOL_KB_CE_CONDITION;
    else if (str_is(t, "gate"))
        c->kind = SOL_KB_CE_GATE;
    else if (str_is(t, "threshold"))
        c->kind = SOL_KB_CE_THRESHOLD;
    else
        c->kind = SOL_KB_CE_PATTERN;
    c->value = &any_constraint;
    kb_vec_init(&slots, sizeof(sol_kb_slot));
    for (size_t i = 1; i < n->nkids && rc == SOL_OK; i++) {
        const kb_node *s = n->kids[i];
        sol_kb_slot *slot;

        if (s->type != KB_LIST || s->nkids == 0 || !kb_atom(s->kids[0]))
            continue; /* ordered fact field: not modelled */
        slot = kb_vec_push(&slots);
        if (!slot) {
            rc = kb_oom(b, s->line);
            break;
        }
        slot->name = s->kids[0]->text;
        rc = parse_constraint(b, s->kids + 1, s->nkids - 1, &slot->c);
        if (rc != SOL_OK)
            rc = kb_oom(b, s->line);
    }
    had = slots.n;
    c->slots = kb_vec_finish(&slots, b->a, &c->nslots);
    if (rc == SOL_OK && had && !c->slots)
        rc = kb_oom(b, n->line);
    for (size_t i = 0; i < c->nslots; i++) {
        const sol_kb_slot *s = &c->slots[i];
        const char *lit = cons_literal(&s->c);

        if (c->kind == SOL_KB_CE_FINDING && str_is(s->name, "name"))
            c->finding = lit;
        else if (c->kind == SOL_KB_CE_FINDING && str_is(s->name, "value"))
            c->value = &s->c;
        else if (str_is(s->name, "conclusion") ||
                 (c->kind == SOL_KB_CE_CONDITION && str_is(s->name, "id")))
            c->conclusion = lit;
        else if (str_is(s->name, "polarity"))
            c->polarity = lit;
        else if (c->kind == SOL_KB_CE_THRESHOLD && str_is(s->name, "name"))
            c->threshold = lit;
    }
    return rc;
}

static int parse_test(kb_builder *b, const kb_node *n, sol_kb_cond *c)
{
    sol_kb_constraint *v = kb_alloc(b->a, sizeof *v);
    cons_acc acc;
    int rc = SOL_OK;

    if (!v)
        return kb_oom(b, n->line);
    acc_init(&acc);
    if (n->nkids == 2 && n->kids[1]->type == KB_LIST)
        rc = acc_predicate(b, &acc, n->kids[1]);
    else
        acc.opaque = 1;
    if (rc == SOL_OK)
        rc = acc_finish(b, &acc, v);
    acc_free(&acc);
    if (rc != SOL_OK)
        return kb_oom(b, n->line);
    if (v->kind != SOL_KB_CONS_NUM && v->kind != SOL_KB_CONS_IN && v->kind != SOL_KB_CONS_NOT_IN)
        v->kind = SOL_KB_CONS_OPAQUE;
    v->text = c->text;
    c->value = v;
    return SOL_OK;
}

static int parse_ce(kb_builder *b, const kb_node *n, const char *binds, sol_kb_cond *c)
{
    const char *head;

    c->line = n->line;
    c->binds = binds;
    c->value = &any_constraint;
    c->text = kb_node_text(b->a, n);
    if (!c->text)
        return kb_oom(b, n->line);
    head = n->type == KB_LIST && n->nkids ? kb_atom(n->kids[0]) : NULL;
    if (!head) {
        c->kind = SOL_KB_CE_OTHER;
        return SOL_OK;
    }
    if (str_is(head, "test")) {
        c->kind = SOL_KB_CE_TEST;
        return parse_test(b, n, c);
    }
    if (str_is(head, "not") || str_is(head, "and") || str_is(head, "logical") ||
        str_is(head, "or") || str_is(head, "exists") || str_is(head, "forall")) {
        switch (head[0]) {
        case 'n': c->kind = SOL_KB_CE_NOT; break;
        case 'o': c->kind = SOL_KB_CE_OR; break;
        case 'e': c->kind = SOL_KB_CE_EXISTS; break;
        case 'f': c->kind = SOL_KB_CE_OTHER; break;
        default: c->kind = SOL_KB_CE_AND; break;
        }
        if (c->kind == SOL_KB_CE_NOT && n->nkids != 2)
            c->kind = SOL_KB_CE_OTHER;
        return parse_ce_list(b, n->kids + 1, n->nkids - 1, &c->children, &c->nchildren);
    }
    return parse_pattern(b, n, c);
}

/* Record (threshold (name T) (value ?t)) anywhere in the LHS, so numeric
 * tests on ?t can be resolved whatever the CE order. */
static void collect_tvars(kb_builder *b, const kb_node *n)
{
    if (n->type != KB_LIST || n->nkids == 0)
        return;
    if (kb_head_is(n, "threshold")) {
        const char *name = NULL, *var = NULL;

        for (size_t i = 1; i < n->nkids; i++) {
            const kb_node *s = n->kids[i];

            if (s->type != KB_LIST || s->nkids != 2)
                continue;
            if (kb_is_atom(s->kids[0], "name") && kb_atom(s->kids[1]) &&
                !kb_is_var(s->kids[1]->text))
                name = s->kids[1]->text;
            if (kb_is_atom(s->kids[0], "value") && kb_atom(s->kids[1]) &&
                kb_is_var(s->kids[1]->text))
                var = s->kids[1]->text;
        }
        if (name && var && b->ntv < KB_MAX_TVARS) {
            b->tvar[b->ntv] = var;
            b->tname[b->ntv++] = name;
        }
        return;
    }
    for (size_t i = 0; i < n->nkids; i++)
        collect_tvars(b, n->kids[i]);
}

/* ---- right-hand side ---- */

static const char *fact_slot(const kb_node *fact, const char *slot)
{
    for (size_t i = 1; i < fact->nkids; i++) {
        const kb_node *s = fact->kids[i];

        if (s->type == KB_LIST && s->nkids == 2 && kb_is_atom(s->kids[0], slot) &&
            (s->kids[1]->type == KB_ATOM || s->kids[1]->type == KB_STRING) &&
            !kb_is_var(s->kids[1]->text))
            return s->kids[1]->text;
    }
    return NULL;
}

static int add_fact_action(kb_builder *b, kb_vec *acts, const kb_node *fact)
{
    sol_kb_action *a;
    const char *t;

    if (fact->type != KB_LIST || fact->nkids == 0 || !kb_atom(fact->kids[0]))
        return SOL_OK;
    a = kb_vec_push(acts);
    if (!a)
        return kb_oom(b, fact->line);
    t = kb_strip_module(fact->kids[0]->text);
    a->line = fact->line;
    a->tmpl = t;
    a->text = kb_node_text(b->a, fact);
    if (!a->text)
        return kb_oom(b, fact->line);
    if (str_is(t, "evidence")) {
        a->kind = SOL_KB_ACT_EVIDENCE;
        a->conclusion = fact_slot(fact, "conclusion");
        a->polarity = fact_slot(fact, "polarity");
        a->strength = fact_slot(fact, "strength");
        a->family = fact_slot(fact, "rule");
    } else if (str_is(t, "advice")) {
        a->kind = SOL_KB_ACT_ADVICE;
        a->finding = fact_slot(fact, "finding");
        a->because = fact_slot(fact, "because");
    } else if (str_is(t, "recommendation")) {
        a->kind = SOL_KB_ACT_RECOMMENDATION;
        a->id = fact_slot(fact, "id");
        a->conclusion = fact_slot(fact, "for");
    } else if (str_is(t, "gate")) {
        a->kind = SOL_KB_ACT_GATE;
        a->state = fact_slot(fact, "state");
        a->because = fact_slot(fact, "because");
    } else {
        a->kind = SOL_KB_ACT_ASSERT;
    }
    return SOL_OK;
}

/* Every (assert …) at any depth below n. */
static int find_asserts(kb_builder *b, kb_vec *acts, const kb_node *n)
{
    int rc = SOL_OK;

    if (n->type != KB_LIST)
        return SOL_OK;
    if (n->nkids && kb_is_atom(n->kids[0], "assert")) {
        for (size_t i = 1; i < n->nkids && rc == SOL_OK; i++)
            rc = add_fact_action(b, acts, n->kids[i]);
        return rc;
    }
    for (size_t i = 0; i < n->nkids && rc == SOL_OK; i++)
        rc = find_asserts(b, acts, n->kids[i]);
    return rc;
}

static int parse_rhs(kb_builder *b, kb_node *const *k, size_t n, sol_kb_rule *r)
{
    kb_vec acts;
    int rc = SOL_OK;
    size_t had;

    kb_vec_init(&acts, sizeof(sol_kb_action));
    for (size_t i = 0; i < n && rc == SOL_OK; i++) {
        const kb_node *x = k[i];

        if (x->type == KB_LIST && x->nkids && kb_atom(x->kids[0]) &&
            !kb_is_atom(x->kids[0], "assert")) {
            sol_kb_action *a = kb_vec_push(&acts);

            if (!a) {
                rc = kb_oom(b, x->line);
                break;
            }
            a->kind = SOL_KB_ACT_CALL;
            a->line = x->line;
            a->tmpl = x->kids[0]->text;
            a->text = kb_node_text(b->a, x);
            if (!a->text)
                rc = kb_oom(b, x->line);
            /* The arguments that are plain atoms ((focus A B) gives A, B). */
            a->args = kb_alloc(b->a, x->nkids * sizeof *a->args);
            if (rc == SOL_OK && !a->args)
                rc = kb_oom(b, x->line);
            for (size_t j = 1; rc == SOL_OK && j < x->nkids; j++)
                if (x->kids[j]->type == KB_ATOM)
                    ((const char **)a->args)[a->nargs++] = x->kids[j]->text;
        }
        if (rc == SOL_OK)
            rc = find_asserts(b, &acts, x);
    }
    had = acts.n;
    r->actions = kb_vec_finish(&acts, b->a, &r->nactions);
    if (rc == SOL_OK && had && !r->actions)
        rc = kb_oom(b, r->line);
    return rc;
}

/* ---- constructs ---- */

static char *trim_copy(kb_arena *a, const char *s, size_t n)
{
    s = sol_trim(s, &n);
    return kb_strndup(a, s, n);
}

/* "id | S1,L16 | rationale": three |-separated parts (a | inside the
 * rationale stays in it). */
static int parse_doc(kb_builder *b, sol_kb_rule *r, int line)
{
    const char *doc = r->doc, *p1, *p2;
    const char *src;
    kb_vec v;
    size_t had;

    p1 = strchr(doc, '|');
    p2 = p1 ? strchr(p1 + 1, '|') : NULL;
    r->id = trim_copy(b->a, doc, p1 ? (size_t)(p1 - doc) : strlen(doc));
    if (!r->id)
        return kb_oom(b, line);
    if (!p1)
        return SOL_OK;
    src = trim_copy(b->a, p1 + 1, p2 ? (size_t)(p2 - p1 - 1) : strlen(p1 + 1));
    if (!src)
        return kb_oom(b, line);
    if (p2) {
        r->rationale = trim_copy(b->a, p2 + 1, strlen(p2 + 1));
        if (!r->rationale)
            return kb_oom(b, line);
        if (!*r->rationale)
            r->rationale = NULL;
    }
    kb_vec_init(&v, sizeof(const char *));
    if (strcmp(src, "-") != 0) {
        for (const char *s = src; *s;) {
            const char *e = strchr(s, ',');
            size_t len = e ? (size_t)(e - s) : strlen(s);
            const char **slot;
            char *id = trim_copy(b->a, s, len);

            if (!id || !(slot = kb_vec_push(&v))) {
                kb_vec_free(&v);
                return kb_oom(b, line);
            }
            if (*id)
                *slot = id;
            else
                v.n--; /* empty item between commas */
            s = e ? e + 1 : s + len;
        }
    }
    had = v.n;
    r->sources = kb_vec_finish(&v, b->a, &r->nsources);
    if (had && !r->sources)
        return kb_oom(b, line);
    r->doc_ok = *r->id && *src && r->rationale && (r->nsources > 0 || strcmp(src, "-") == 0);
    return SOL_OK;
}

int kb_split_name(kb_builder *b, const char *qname, const char **module, const char **name)
{
    const char *p = strstr(qname, "::");

    if (p) {
        *module = kb_strndup(b->a, qname, (size_t)(p - qname));
        *name = p + 2;
        return *module ? SOL_OK : SOL_ENOMEM;
    }
    *module = b->module;
    *name = qname;
    return SOL_OK;
}

int kb_parse_defrule(kb_builder *b, const kb_node *n)
{
    sol_kb_rule *r;
    size_t i = 2, lhs, lm, ln;
    int rc;
    char *q;

    if (n->nkids < 2 || !kb_atom(n->kids[1]))
        return sol_diag_set(b->d, SOL_EPARSE, b->file, n->line, "defrule without a name");
    r = kb_vec_push(&b->rules);
    if (!r)
        return kb_oom(b, n->line);
    r->file = b->file;
    r->line = n->line;
    r->src = n;
    if (kb_split_name(b, n->kids[1]->text, &r->module, &r->name) != SOL_OK)
        return kb_oom(b, n->line);
    lm = strlen(r->module);
    ln = strlen(r->name);
    q = kb_alloc(b->a, lm + ln + 3);
    if (!q)
        return kb_oom(b, n->line);
    memcpy(q, r->module, lm);
    memcpy(q + lm, "::", 2);
    memcpy(q + lm + 2, r->name, ln + 1);
    r->qname = q;
    if (i < n->nkids && n->kids[i]->type == KB_STRING) {
        r->doc = n->kids[i++]->text;
        rc = parse_doc(b, r, n->line);
        if (rc != SOL_OK)
            return rc;
    }
    if (i < n->nkids && n->kids[i]->type == KB_LIST && n->kids[i]->nkids >= 1 &&
        kb_is_atom(n->kids[i]->kids[0], "declare")) {
        const kb_node *dcl = n->kids[i++];

        for (size_t j = 1; j < dcl->nkids; j++) {
            const kb_node *s = dcl->kids[j];
            double v;

            if (s->type == KB_LIST && s->nkids == 2 && kb_is_atom(s->kids[0], "salience")) {
                r->has_salience = 1;
                if (kb_is_number(kb_atom(s->kids[1]), &v))
                    r->salience = (int)v;
            }
        }
    }
    for (lhs = i; i < n->nkids && !kb_is_atom(n->kids[i], "=>"); i++)
        ;
    if (i == n->nkids)
        return sol_diag_set(b->d, SOL_EPARSE, b->file, n->line, "defrule %s has no =>", r->qname);
    r->rhs_line = n->kids[i]->line;
    b->ntv = 0;
    for (size_t j = lhs; j < i; j++)
        collect_tvars(b, n->kids[j]);
    rc = parse_ce_list(b, n->kids + lhs, i - lhs, &r->conds, &r->nconds);
    if (rc == SOL_OK)
        rc = parse_rhs(b, n->kids + i + 1, n->nkids - i - 1, r);
    return rc;
}
