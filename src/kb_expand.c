/* kb_expand.c — expands a table-driven rule over the rows of its table. A
 * rule such as SCREEN::score-wells-item reads its finding through variables
 * bound by a knowledge fact ((wells-item (finding ?f) (value ?v)) then
 * (finding (name ?f) (value ?v))), which the model cannot judge. For each
 * row (each knowledge fact the pipeline asserts from knowledge/) the rule's
 * source is rewritten with the row's values in place of the variables, the
 * table pattern dropped (the row is that fact), and read again as an
 * ordinary rule: one instance per row, with literal findings, which why-not,
 * next-best, coverage of findings, lint and the differential test judge. */
#include "kb_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BIND 32
#define MAX_TABLE_CES 4
#define MAX_WORDS 32

typedef struct {
    const char *var[MAX_BIND];
    const char *val[MAX_BIND];
    size_t n;
} bindings;

typedef struct {
    sol_kb *kb;
    const sol_kb_rule *rule;
    const kb_node *src;
    const sol_kb_row *rows;
    size_t nrows;
    const char *const *tmpls; /* the rows' templates, each once */
    size_t ntmpls;
    const kb_node *tce[MAX_TABLE_CES]; /* the table patterns, in order */
    size_t ntce;
    const sol_kb_row *used[MAX_TABLE_CES]; /* the row each one matched */
    kb_vec out;                            /* sol_kb_rule instances */
    sol_diag *d;
    int rc;
} expander;

static const char *bound(const bindings *b, const char *var)
{
    for (size_t i = b->n; i-- > 0;)
        if (strcmp(b->var[i], var) == 0)
            return b->val[i];
    return NULL;
}

/* Bind var to val, or check an earlier binding; 0 when they disagree. */
static int bind(bindings *b, const char *var, const char *val)
{
    const char *had = bound(b, var);

    if (had)
        return strcmp(had, val) == 0;
    if (b->n == MAX_BIND)
        return 0;
    b->var[b->n] = var;
    b->val[b->n++] = val;
    return 1;
}

static int has_rows(const expander *x, const char *tmpl)
{
    for (size_t i = 0; i < x->ntmpls; i++)
        if (strcmp(x->tmpls[i], tmpl) == 0)
            return 1;
    return 0;
}

/* The templates of the rows (not fact_only), each once: asked of every
 * condition of every rule, so not the rows themselves. */
static int row_templates(const sol_kb_row *rows, size_t nrows, const char ***out, size_t *out_n)
{
    const char **t = malloc((nrows ? nrows : 1) * sizeof *t);
    size_t n = 0, k;

    if (!t)
        return SOL_ENOMEM;
    for (size_t i = 0; i < nrows; i++) {
        if (rows[i].fact_only)
            continue;
        for (k = n; k-- > 0 && strcmp(t[k], rows[i].tmpl) != 0;)
            ;
        if (k == (size_t)-1)
            t[n++] = rows[i].tmpl;
    }
    *out = t;
    *out_n = n;
    return SOL_OK;
}

/* Does var occur in a finding pattern anywhere under n? */
static int reaches_finding(const kb_node *n, const char *var, int in_finding)
{
    if (n->type == KB_ATOM)
        return in_finding && strcmp(n->text, var) == 0;
    if (n->type != KB_LIST)
        return 0;
    if (kb_head_is(n, "finding"))
        in_finding = 1;
    for (size_t i = 0; i < n->nkids; i++)
        if (reaches_finding(n->kids[i], var, in_finding))
            return 1;
    return 0;
}

/* A table pattern: a pattern on a template with rows whose slots are only
 * variables, literals and multifield sequences of them, one of whose
 * variables a finding pattern reads. */
static int is_table_ce(const expander *x, const kb_node *ce)
{
    int feeds = 0;

    if (ce->type != KB_LIST || ce->nkids < 2 || !kb_atom(ce->kids[0]) ||
        !has_rows(x, kb_strip_module(ce->kids[0]->text)))
        return 0;
    for (size_t i = 1; i < ce->nkids; i++) {
        const kb_node *s = ce->kids[i];

        if (s->type != KB_LIST || s->nkids < 1 || !kb_atom(s->kids[0]))
            return 0;
        for (size_t k = 1; k < s->nkids; k++) {
            if (s->kids[k]->type != KB_ATOM)
                return 0;
            if (s->kids[k]->text[0] == '?' && kb_is_var(s->kids[k]->text))
                for (size_t j = 0; j < x->src->nkids; j++)
                    feeds |= x->src->kids[j] != ce &&
                             reaches_finding(x->src->kids[j], s->kids[k]->text, 0);
        }
    }
    return feeds;
}

/* The words of the row's value of slot name (a multislot has several). */
static size_t row_words(const sol_kb_row *row, const char *slot, char *buf, size_t len,
                        const char **w)
{
    size_t n = 0;

    for (size_t i = 0; i < row->nslots; i++) {
        if (strcmp(row->slots[i], slot) != 0)
            continue;
        snprintf(buf, len, "%s", row->values[i]);
        for (char *save = NULL, *t = strtok_r(buf, " ", &save); t && n < MAX_WORDS;
             t = strtok_r(NULL, " ", &save))
            w[n++] = t;
        return n;
    }
    return (size_t)-1;
}

static void next_ce(expander *x, size_t ce_i, bindings *b);

/* Match the pattern fields p[0..np) of slot slot_i against words w[0..nw),
 * then the remaining slots; every way of matching goes on (a multifield
 * with two single variables yields every ordered pair). */
static void match_slot(expander *x, size_t ce_i, size_t slot_i, const sol_kb_row *row,
                       kb_node *const *p, size_t np, const char *const *w, size_t nw,
                       bindings *b);

static void match_slots(expander *x, size_t ce_i, size_t slot_i, const sol_kb_row *row,
                        bindings *b)
{
    const kb_node *ce = x->tce[ce_i];
    char buf[1024];
    const char *w[MAX_WORDS];
    size_t nw;

    if (slot_i == ce->nkids) {
        x->used[ce_i] = row;
        next_ce(x, ce_i + 1, b);
        return;
    }
    nw = row_words(row, ce->kids[slot_i]->kids[0]->text, buf, sizeof buf, w);
    if (nw == (size_t)-1)
        return; /* the row has no such slot: it cannot match */
    match_slot(x, ce_i, slot_i, row, ce->kids[slot_i]->kids + 1, ce->kids[slot_i]->nkids - 1, w,
               nw, b);
}

static void match_slot(expander *x, size_t ce_i, size_t slot_i, const sol_kb_row *row,
                       kb_node *const *p, size_t np, const char *const *w, size_t nw, bindings *b)
{
    size_t mark = b->n;
    const char *t;

    if (x->rc)
        return;
    if (np == 0) {
        if (nw == 0)
            match_slots(x, ce_i, slot_i + 1, row, b);
        return;
    }
    t = p[0]->text;
    if (strncmp(t, "$?", 2) == 0) { /* any run of words (not bound: unused here) */
        for (size_t k = 0; k <= nw; k++)
            match_slot(x, ce_i, slot_i, row, p + 1, np - 1, w + k, nw - k, b);
        return;
    }
    if (nw == 0)
        return;
    if (t[0] == '?' ? bind(b, t, w[0]) : strcmp(t, w[0]) == 0)
        match_slot(x, ce_i, slot_i, row, p + 1, np - 1, w + 1, nw - 1, b);
    b->n = mark;
}

/* ---- building one instance ---- */

static kb_node *subst(expander *x, const kb_node *n, const bindings *b);

static kb_node *new_node(expander *x, kb_ntype type, int line, const char *text)
{
    kb_node *c = kb_alloc(&x->kb->arena, sizeof *c);

    if (c) {
        c->type = type;
        c->line = line;
        c->text = text ? kb_strdup(&x->kb->arena, text) : NULL;
        if (text && !c->text)
            return NULL;
        if (text)
            kb_node_measure(c);
    }
    return c;
}

/* n with every bound variable replaced by its row value (row values are
 * symbols or numbers, so they are atoms). */
static kb_node *subst(expander *x, const kb_node *n, const bindings *b)
{
    kb_node *c;
    const char *v;

    if (n->type == KB_ATOM && (v = bound(b, n->text)) != NULL)
        return new_node(x, KB_ATOM, n->line, v);
    if (n->type != KB_LIST)
        return (kb_node *)n; /* shared: nodes are never changed */
    c = new_node(x, KB_LIST, n->line, NULL);
    if (!c || !(c->kids = kb_alloc(&x->kb->arena, (n->nkids ? n->nkids : 1) * sizeof *c->kids)))
        return NULL;
    for (size_t i = 0; i < n->nkids; i++)
        if (!(c->kids[c->nkids++] = subst(x, n->kids[i], b)))
            return NULL;
    kb_node_measure(c); /* its text, like a read list's, is taken when asked */
    return c;
}

static int is_table_node(const expander *x, const kb_node *n)
{
    for (size_t i = 0; i < x->ntce; i++)
        if (x->tce[i] == n)
            return 1;
    return 0;
}

/* The rule's source with the rows' values in, the table patterns (and their
 * ?f <- binders) left out, and a doc string naming the row's sources and
 * words; read as a rule into the instance list. */
static void emit(expander *x, const bindings *b)
{
    const kb_node *src = x->src;
    const sol_kb_row *row = x->used[0];
    kb_node *n = new_node(x, KB_LIST, src->line, NULL);
    kb_builder bld;
    char doc[2048];
    size_t i = 2;
    int rc;

    if (!n || !(n->kids = kb_alloc(&x->kb->arena, (src->nkids + 1) * sizeof *n->kids))) {
        x->rc = sol_diag_set(x->d, SOL_ENOMEM, x->rule->file, src->line, "out of memory");
        return;
    }
    n->kids[n->nkids++] = src->kids[0];
    n->kids[n->nkids++] = src->kids[1];
    if (i < src->nkids && src->kids[i]->type == KB_STRING)
        i++;
    snprintf(doc, sizeof doc, "%s | %s | %s", x->rule->id ? x->rule->id : "?",
             row->sources && *row->sources ? row->sources : "-",
             row->why && *row->why ? row->why : (x->rule->rationale ? x->rule->rationale : ""));
    if (!(n->kids[n->nkids++] = new_node(x, KB_STRING, src->line, doc)))
        goto oom;
    for (; i < src->nkids; i++) {
        const kb_node *k = src->kids[i];

        if (is_table_node(x, k))
            continue;
        if (k->type == KB_ATOM && kb_is_var(k->text) && i + 2 < src->nkids &&
            kb_is_atom(src->kids[i + 1], "<-") && is_table_node(x, src->kids[i + 2])) {
            i += 2;
            continue;
        }
        if (!(n->kids[n->nkids++] = subst(x, k, b)))
            goto oom;
    }
    kb_node_measure(n);
    memset(&bld, 0, sizeof bld);
    bld.kb = x->kb;
    bld.a = &x->kb->arena;
    bld.file = x->rule->file;
    bld.module = x->rule->module;
    bld.d = x->d;
    kb_vec_move(&bld.rules, &x->out);
    kb_vec_init(&bld.modules, sizeof(const char *));
    kb_vec_init(&bld.templates, sizeof(sol_kb_template));
    kb_vec_init(&bld.functions, sizeof(sol_kb_function));
    rc = kb_parse_defrule(&bld, n);
    kb_vec_move(&x->out, &bld.rules);
    if (rc == SOL_OK) {
        sol_kb_rule *r = &((sol_kb_rule *)x->out.p)[x->out.n - 1];

        r->line = x->rule->line;
        r->id = x->rule->id;
        r->family = x->rule->family;
        r->table_rule = x->rule;
        r->row_file = kb_strdup(&x->kb->arena, row->file);
        r->row_line = row->line;
        if (!r->row_file)
            rc = sol_diag_set(x->d, SOL_ENOMEM, x->rule->file, src->line, "out of memory");
    }
    x->rc = rc;
    return;
oom:
    x->rc = sol_diag_set(x->d, SOL_ENOMEM, x->rule->file, src->line, "out of memory");
}

static void next_ce(expander *x, size_t ce_i, bindings *b)
{
    if (x->rc)
        return;
    if (ce_i == x->ntce) {
        emit(x, b);
        return;
    }
    for (size_t i = 0; i < x->nrows && !x->rc; i++)
        if (!x->rows[i].fact_only &&
            strcmp(x->rows[i].tmpl, kb_strip_module(x->tce[ce_i]->kids[0]->text)) == 0)
            match_slots(x, ce_i, 1, &x->rows[i], b);
}

static int expand_rule(sol_kb *kb, sol_kb_rule *r, const sol_kb_row *rows, size_t nrows,
                       const char *const *tmpls, size_t ntmpls, sol_diag *d)
{
    expander x;
    bindings b = {{0}, {0}, 0};
    size_t had;

    memset(&x, 0, sizeof x);
    x.kb = kb;
    x.rule = r;
    x.src = r->src;
    x.rows = rows;
    x.nrows = nrows;
    x.tmpls = tmpls;
    x.ntmpls = ntmpls;
    x.d = d;
    for (size_t i = 2; i < x.src->nkids && !kb_is_atom(x.src->kids[i], "=>"); i++)
        if (is_table_ce(&x, x.src->kids[i]) && x.ntce < MAX_TABLE_CES)
            x.tce[x.ntce++] = x.src->kids[i];
    if (x.ntce == 0)
        return SOL_OK;
    kb_vec_init(&x.out, sizeof(sol_kb_rule));
    next_ce(&x, 0, &b);
    had = x.out.n;
    r->rows = kb_vec_finish(&x.out, &kb->arena, &r->nrows);
    if (x.rc == SOL_OK && had && !r->rows)
        x.rc = sol_diag_set(d, SOL_ENOMEM, r->file, r->line, "out of memory");
    r->table = x.rc == SOL_OK;
    return x.rc;
}

int sol_kb_expand(sol_kb *kb, const sol_kb_row *rows, size_t nrows, sol_diag *d)
{
    const char **tmpls = NULL;
    size_t ntmpls = 0;
    int rc = SOL_OK;

    if (row_templates(rows, nrows, &tmpls, &ntmpls))
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    for (size_t i = 0; kb && rc == SOL_OK && i < kb->nrules; i++)
        if (kb->rules[i].src && !kb->rules[i].table)
            rc = expand_rule(kb, &kb->rules[i], rows, nrows, tmpls, ntmpls, d);
    free(tmpls);
    if (kb && rc == SOL_OK)
        rc = kb_index_units(kb, d);
    return rc;
}
