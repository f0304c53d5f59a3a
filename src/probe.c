/* probe.c — the finding changes the explainers try (probe.h): parsing
 * --set/--unset, applying changes to a copy of the findings, and the values
 * worth trying for a finding, read from the constants in the rules. */
#include "probe.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sol_change_clear(sol_change *c)
{
    if (!c)
        return;
    free(c->name);
    for (size_t i = 0; i < c->nvalues; i++)
        sol_value_clear(&c->values[i]);
    free(c->values);
    memset(c, 0, sizeof *c);
}

int sol_change_set1(sol_change *out, const char *name, const sol_value *v)
{
    memset(out, 0, sizeof *out);
    out->name = sol_strdup(name);
    out->values = calloc(1, sizeof *out->values);
    if (!out->name || !out->values || sol_value_copy(&out->values[0], v)) {
        sol_change_clear(out);
        return SOL_ENOMEM;
    }
    out->nvalues = 1;
    return SOL_OK;
}

const char *sol_change_text(const sol_change *c, char *buf, size_t len)
{
    size_t used;

    if (c->unset) {
        snprintf(buf, len, "%s unset", c->name);
        return buf;
    }
    snprintf(buf, len, "%s =", c->name);
    for (size_t i = 0; i < c->nvalues; i++) {
        char v[64];
        used = strlen(buf);
        snprintf(buf + used, len - used, " %s", sol_value_text(&c->values[i], v, sizeof v));
    }
    return buf;
}

/* ---- close names for "did you mean" (util.c) ---- */

const char *sol_probe_close_names(const char *word, const char *const *candidates, size_t n,
                                  size_t max, char *buf, size_t len)
{
    return sol_close_names(word, candidates, n, max, buf, len);
}

int sol_change_parse(sol_change *out, const sol_vocab *v, const char *arg, int unset, sol_diag *d)
{
    const char *eq = unset ? NULL : strchr(arg, '=');
    char name[256];
    const sol_term *t;
    sol_value *vals = NULL;
    size_t nvals = 0;
    int rc = SOL_OK;

    memset(out, 0, sizeof *out);
    if (!unset && !eq)
        return sol_diag_set(d, SOL_EUSAGE, "", 0, "--set expects FINDING=VALUE, got '%s'", arg);
    snprintf(name, sizeof name, "%.*s", (int)(eq ? (size_t)(eq - arg) : strlen(arg)), arg);
    t = sol_vocab_lookup(v, name);
    if (!t) {
        const char **names = calloc(sol_vocab_count(v) + 1, sizeof *names);
        char close[512] = "";
        if (names) {
            for (size_t i = 0; i < sol_vocab_count(v); i++)
                names[i] = sol_vocab_at(v, i)->name;
            sol_probe_close_names(name, names, sol_vocab_count(v), 5, close, sizeof close);
            free(names);
        }
        return sol_diag_set(d, SOL_EUSAGE, "", 0, "unknown finding '%s'%s%s%s", name,
                            *close ? " (did you mean: " : "", close, *close ? ")" : "");
    }
    if (t->type == SOL_TYPE_DERIVED)
        return sol_diag_set(d, SOL_EINVALID, "", 0,
                            "finding '%s' is derived by Soleus and cannot be set", name);
    if (unset)
        goto done;
    vals = calloc(t->nvalues > 1 ? t->nvalues : 1, sizeof *vals);
    if (!vals)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    rc = sol_vocab_parse_value(t, eq + 1, vals, &nvals, d);
    if (rc) {
        char msg[sizeof d->msg];
        snprintf(msg, sizeof msg, "%s", d->msg);
        sol_diag_set(d, rc, "", 0, "--set: %s", msg);
        goto cleanup;
    }
    if (nvals == 1 && vals[0].kind == SOL_VAL_UNKNOWN) {
        rc = sol_diag_set(d, SOL_EINVALID, "", 0,
                          "--set %s=unknown: use --unset %s (unknown is never asserted)", name,
                          name);
        goto cleanup;
    }
done:
    out->name = sol_strdup(name);
    if (!out->name) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        goto cleanup;
    }
    out->unset = unset;
    out->values = vals;
    out->nvalues = nvals;
    vals = NULL;
    nvals = 0;
cleanup:
    for (size_t i = 0; i < nvals; i++)
        sol_value_clear(&vals[i]);
    free(vals);
    return rc;
}

int sol_change_check(const sol_change *ch, size_t n, sol_diag *d)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            char a[256], b[256];

            if (strcmp(ch[i].name, ch[j].name) != 0)
                continue;
            return sol_diag_set(d, SOL_EUSAGE, "", 0,
                                "finding '%s' is changed twice ('%s', then '%s'): give "
                                "at most one --set or --unset per finding",
                                ch[i].name, sol_change_text(&ch[i], a, sizeof a),
                                sol_change_text(&ch[j], b, sizeof b));
        }
    return SOL_OK;
}

int sol_change_apply_in(sol_findings *f, const sol_change *ch, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sol_findings_remove(f, ch[i].name);
        if (ch[i].unset)
            continue;
        for (size_t k = 0; k < ch[i].nvalues; k++) {
            sol_finding x;
            memset(&x, 0, sizeof x);
            x.name = ch[i].name;
            x.value = ch[i].values[k];
            x.origin = SOL_ORIGIN_WHATIF;
            x.context = SOL_CTX_CURRENT;
            x.path = (char *)"what-if";
            if (sol_findings_add(f, &x))
                return SOL_ENOMEM;
        }
    }
    return SOL_OK;
}

int sol_change_apply(sol_findings **out, const sol_findings *base, const sol_change *ch, size_t n)
{
    sol_findings *f = sol_findings_clone(base);

    *out = NULL;
    if (!f || sol_change_apply_in(f, ch, n)) {
        sol_findings_free(f);
        return SOL_ENOMEM;
    }
    *out = f;
    return SOL_OK;
}

int sol_probe_known(const sol_findings *f, const char *name)
{
    for (size_t i = 0; i < sol_findings_count(f); i++) {
        const sol_finding *x = sol_findings_at(f, i);
        if (strcmp(x->name, name) == 0 && x->context == SOL_CTX_CURRENT &&
            x->value.kind != SOL_VAL_UNKNOWN && x->value.kind != SOL_VAL_NONE)
            return 1;
    }
    return 0;
}

/* ---- what the rules read ---- */

/* The name constraint of a finding pattern that names its finding among
 * alternatives, (finding (name a|b) …); NULL for any other condition. */
static const sol_kb_constraint *alternatives(const sol_kb_cond *c)
{
    if (c->kind != SOL_KB_CE_FINDING || c->finding)
        return NULL;
    for (size_t k = 0; k < c->nslots; k++)
        if (strcmp(c->slots[k].name, "name") == 0)
            return c->slots[k].c.kind == SOL_KB_CONS_IN ? &c->slots[k].c : NULL;
    return NULL;
}

/* Does finding pattern p name `name`, alone or among alternatives? */
static int names(const sol_kb_cond *p, const char *name)
{
    const sol_kb_constraint *alt = alternatives(p);
    if (p->finding)
        return strcmp(p->finding, name) == 0;
    for (size_t i = 0; alt && i < alt->nvalues; i++)
        if (strcmp(alt->values[i], name) == 0)
            return 1;
    return 0;
}

/* The finding pattern a condition tests: itself, or for a (test …) the
 * pattern that binds the tested variable. NULL when none. */
static const sol_kb_cond *cond_pattern(const sol_kb_rule *r, const sol_kb_cond *c)
{
    if (c->kind == SOL_KB_CE_FINDING)
        return c;
    if (c->kind == SOL_KB_CE_TEST && c->value && c->value->var) {
        const sol_kb_cond *b = sol_kb_binder(r->conds, r->nconds, c->value->var);
        return b && b->kind == SOL_KB_CE_FINDING ? b : NULL;
    }
    return NULL;
}

static int cond_reads(const sol_kb_rule *r, const sol_kb_cond *c, const char *name)
{
    const sol_kb_cond *p = cond_pattern(r, c);
    if (p && names(p, name))
        return 1;
    for (size_t i = 0; i < c->nchildren; i++)
        if (cond_reads(r, &c->children[i], name))
            return 1;
    return 0;
}

int sol_probe_rule_reads(const sol_kb_rule *r, const char *name)
{
    for (size_t i = 0; i < r->nconds; i++)
        if (cond_reads(r, &r->conds[i], name))
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int collect_names(const sol_kb_cond *c, const char ***arr, size_t *n, size_t *cap)
{
    const sol_kb_constraint *alt = alternatives(c);
    size_t k = c->kind == SOL_KB_CE_FINDING && c->finding ? 1 : alt ? alt->nvalues : 0;
    if (k && sol_grow((void **)arr, cap, *n + k, sizeof **arr))
        return SOL_ENOMEM;
    for (size_t i = 0; i < k; i++)
        (*arr)[(*n)++] = c->finding ? c->finding : alt->values[i];
    for (size_t i = 0; i < c->nchildren; i++)
        if (collect_names(&c->children[i], arr, n, cap))
            return SOL_ENOMEM;
    return SOL_OK;
}

int sol_probe_read_findings(const char ***out, size_t *out_n, const sol_kb *kb)
{
    const char **arr = NULL;
    size_t n = 0, cap = 0, keep = 0;

    *out = NULL;
    *out_n = 0;
    for (size_t i = 0; i < sol_kb_unit_count(kb); i++) {
        const sol_kb_rule *r = sol_kb_unit_at(kb, i);
        for (size_t k = 0; k < r->nconds; k++)
            if (collect_names(&r->conds[k], &arr, &n, &cap)) {
                free((void *)arr);
                return SOL_ENOMEM;
            }
    }
    if (n)
        sol_sort((void *)arr, n, sizeof *arr, cmp_str);
    for (size_t i = 0; i < n; i++)
        if (!keep || strcmp(arr[keep - 1], arr[i]) != 0)
            arr[keep++] = arr[i];
    *out = arr;
    *out_n = keep;
    return SOL_OK;
}

/* ---- values worth trying ---- */

typedef struct {
    double *v;
    size_t n, cap;
} numlist;

static int num_push(numlist *l, double x)
{
    if (sol_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return SOL_ENOMEM;
    l->v[l->n++] = x;
    return SOL_OK;
}

/* "Just past" a constant: 1 for integers; for reals a tenth of the
 * constant's order of magnitude (3 -> 0.1, 30 -> 1), at least 0.1. */
static double step_for(const sol_term *t, double x)
{
    double mag;

    if (t->type == SOL_TYPE_INT)
        return 1.0;
    mag = fabs(x) < 1.0 ? 1.0 : pow(10.0, floor(log10(fabs(x))));
    return mag / 10.0 < 0.1 ? 0.1 : mag / 10.0;
}

static int add_test(numlist *l, const sol_term *t, const sol_kb_numtest *nt)
{
    double s;

    if (!nt->resolved)
        return SOL_OK;
    s = step_for(t, nt->value);
    switch (nt->op) {
    case SOL_KB_GT:
    case SOL_KB_LE: return num_push(l, nt->value) || num_push(l, nt->value + s);
    case SOL_KB_LT:
    case SOL_KB_GE: return num_push(l, nt->value - s) || num_push(l, nt->value);
    default:
        return num_push(l, nt->value - s) || num_push(l, nt->value) || num_push(l, nt->value + s);
    }
}

/* A literal that is a number, as CLIPS reads it. */
static int literal_number(const char *s, double *out)
{
    char *end = NULL;

    if (!s || !*s)
        return 0;
    *out = strtod(s, &end);
    return end && *end == '\0';
}

static int add_constraint(numlist *l, const sol_term *t, const sol_kb_constraint *c)
{
    double x;

    if (c->kind == SOL_KB_CONS_NUM) {
        for (size_t i = 0; i < c->ntests; i++)
            if (add_test(l, t, &c->tests[i]))
                return SOL_ENOMEM;
    } else if (c->kind == SOL_KB_CONS_IN || c->kind == SOL_KB_CONS_NOT_IN) {
        for (size_t i = 0; i < c->nvalues; i++)
            if (literal_number(c->values[i], &x) &&
                (num_push(l, x) || num_push(l, x + step_for(t, x))))
                return SOL_ENOMEM;
    }
    return SOL_OK;
}

static int collect_nums(numlist *l, const sol_term *t, const sol_kb_rule *r, const sol_kb_cond *c)
{
    const sol_kb_cond *p = cond_pattern(r, c);

    if (p && names(p, t->name) && c->value && add_constraint(l, t, c->value))
        return SOL_ENOMEM;
    for (size_t i = 0; i < c->nchildren; i++)
        if (collect_nums(l, t, r, &c->children[i]))
            return SOL_ENOMEM;
    return SOL_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int sym_value(sol_value *v, const char *s)
{
    memset(v, 0, sizeof *v);
    v->kind = SOL_VAL_SYMBOL;
    v->sym = sol_strdup(s);
    return v->sym ? SOL_OK : SOL_ENOMEM;
}

void sol_probe_values_free(sol_value *vals, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sol_value_clear(&vals[i]);
    free(vals);
}

int sol_probe_values(sol_value **out, size_t *out_n, const sol_kb *kb, const sol_term *t)
{
    static const char *const yesno[] = {"yes", "no"};
    numlist l = {NULL, 0, 0};
    sol_value *vals = NULL;
    size_t n = 0;
    int rc = SOL_ENOMEM;

    *out = NULL;
    *out_n = 0;
    if (t->type == SOL_TYPE_DERIVED)
        return SOL_OK;
    if (t->type == SOL_TYPE_BOOL || t->type == SOL_TYPE_ENUM || t->type == SOL_TYPE_SET) {
        const char *const *names = t->type == SOL_TYPE_BOOL ? yesno : t->values;
        size_t nn = t->type == SOL_TYPE_BOOL ? 2 : t->nvalues;
        vals = calloc(nn ? nn : 1, sizeof *vals);
        if (!vals)
            goto cleanup;
        for (; n < nn; n++)
            if (sym_value(&vals[n], names[n]))
                goto cleanup;
        rc = SOL_OK;
        goto cleanup;
    }
    for (size_t i = 0; i < sol_kb_unit_count(kb); i++) {
        const sol_kb_rule *r = sol_kb_unit_at(kb, i);
        for (size_t k = 0; k < r->nconds; k++)
            if (collect_nums(&l, t, r, &r->conds[k]))
                goto cleanup;
    }
    if (l.n == 0 && num_push(&l, t->min))
        goto cleanup;
    for (size_t i = 0; i < l.n; i++) {
        if (t->type == SOL_TYPE_INT)
            l.v[i] = round(l.v[i]);
        else
            l.v[i] = round(l.v[i] * 1000.0) / 1000.0; /* no binary noise: 3.1, not 3.0999… */
        l.v[i] = l.v[i] < t->min ? t->min : l.v[i] > t->max ? t->max : l.v[i];
    }
    sol_sort(l.v, l.n, sizeof *l.v, cmp_double);
    vals = calloc(l.n, sizeof *vals);
    if (!vals)
        goto cleanup;
    for (size_t i = 0; i < l.n; i++) {
        if (n && l.v[i] == l.v[i - 1])
            continue;
        if (t->type == SOL_TYPE_INT) {
            vals[n].kind = SOL_VAL_INTEGER;
            vals[n].i = (long long)l.v[i];
        } else {
            vals[n].kind = SOL_VAL_REAL;
            vals[n].r = l.v[i];
        }
        n++;
    }
    rc = SOL_OK;
cleanup:
    free(l.v);
    if (rc) {
        sol_probe_values_free(vals, n);
        return rc;
    }
    *out = vals;
    *out_n = n;
    return SOL_OK;
}
