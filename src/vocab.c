/* vocab.c — loads knowledge/vocabulary.tsv and units.tsv (vocab.h) through
 * the table reader and turns the text of a recorded value into typed
 * sol_values. The loader is strict: every row needs a legal section, type,
 * domain and screen, or loading stops with the file and line of the first
 * problem. */
#include "vocab.h"
#include "table.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define VOCAB_COLUMNS "name section type domain unit screen sources label"

/* One term and the storage behind its const pointers (the strings of the
 * vocabulary table, which the vocabulary keeps open). */
typedef struct {
    sol_term t;
    char *domain; /* enum/set: a copy of the domain, split at '|' */
    char **vals;  /* enum/set members (point into domain) */
} vocab_entry;

/* One row form of units.tsv while loading. */
typedef struct {
    const char *unit;
    sol_unitform f;
} unit_row;

struct sol_vocab {
    vocab_entry *e;
    size_t n, cap;
    const sol_term **by_name; /* terms sorted by name, for lookup */
    const sol_table *table;   /* vocabulary.tsv */
    const sol_table *units;   /* units.tsv, or NULL when there is none */
    sol_unitform *forms;      /* every form, grouped by unit; terms point in */
    char **written;           /* the forms' written words (owned) */
    size_t nforms;
};

static const char *const SECTIONS[] = {"patient", "history",       "screening", "examination",
                                       "running", "special-tests", NULL};

const char *sol_type_name(sol_type t)
{
    switch (t) {
    case SOL_TYPE_BOOL: return "bool";
    case SOL_TYPE_ENUM: return "enum";
    case SOL_TYPE_SET: return "set";
    case SOL_TYPE_INT: return "int";
    case SOL_TYPE_REAL: return "real";
    case SOL_TYPE_DERIVED: return "derived";
    }
    return "?";
}

static int type_from_name(const char *s, sol_type *out)
{
    for (int t = SOL_TYPE_BOOL; t <= SOL_TYPE_DERIVED; t++)
        if (strcmp(s, sol_type_name((sol_type)t)) == 0) {
            *out = (sol_type)t;
            return 1;
        }
    return 0;
}

/* Lower-case kebab token: [a-z0-9]+(-[a-z0-9]+)*. Names and members. */
static int is_token(const char *s)
{
    if (!*s || *s == '-')
        return 0;
    for (const char *p = s; *p; p++) {
        if (*p == '-') {
            if (p[1] == '-' || p[1] == '\0')
                return 0;
        } else if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p))) {
            return 0;
        }
    }
    return 1;
}

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

static void vocab_entry_free(vocab_entry *e)
{
    free(e->domain);
    free(e->vals);
}

void sol_vocab_free(sol_vocab *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++)
        vocab_entry_free(&v->e[i]);
    free(v->e);
    free(v->by_name);
    for (size_t i = 0; i < v->nforms; i++)
        free(v->written[i]);
    free(v->written);
    free(v->forms);
    sol_table_close(v->units);
    sol_table_close(v->table);
    free(v);
}

/* Fill e->t from the columns; message into d on error. */
static int parse_entry(vocab_entry *e, const char *const *col, const char *file, int line,
                       sol_diag *d)
{
    sol_term *t = &e->t;
    const char *domain = col[3];
    static const char *const screens[] = {"s4", "wells", "s4,wells", "-", NULL};

    if (!is_token(col[0]))
        return sol_diag_set(d, SOL_EPARSE, file, line,
                            "name '%s' is not a lower-case kebab-case word", col[0]);
    if (!in_list(col[1], SECTIONS))
        return sol_diag_set(d, SOL_EPARSE, file, line,
                            "finding '%s': section '%s' is not one of "
                            "patient|history|screening|examination|running|"
                            "special-tests",
                            col[0], col[1]);
    if (!type_from_name(col[2], &t->type))
        return sol_diag_set(d, SOL_EPARSE, file, line,
                            "finding '%s': type '%s' is not one of "
                            "bool|enum|set|int|real|derived",
                            col[0], col[2]);
    if (!in_list(col[5], screens))
        return sol_diag_set(d, SOL_EPARSE, file, line,
                            "finding '%s': screen '%s' is not one of "
                            "s4|wells|s4,wells|-",
                            col[0], col[5]);
    t->name = col[0];
    t->section = col[1];
    t->unit = col[4];
    t->screen = col[5];
    t->sources = col[6];
    t->label = col[7];
    t->line = line;

    switch (t->type) {
    case SOL_TYPE_BOOL:
    case SOL_TYPE_DERIVED:
        if (strcmp(domain, "-") != 0)
            return sol_diag_set(d, SOL_EPARSE, file, line,
                                "finding '%s': a %s finding takes domain '-'", col[0], col[2]);
        break;
    case SOL_TYPE_ENUM:
    case SOL_TYPE_SET: {
        size_t n = 1;
        char *p;

        for (const char *q = col[3]; *q; q++)
            n += *q == '|';
        e->vals = calloc(n, sizeof *e->vals);
        e->domain = sol_strdup(col[3]);
        if (!e->vals || !e->domain)
            return sol_diag_set(d, SOL_ENOMEM, file, line, "out of memory");
        n = 0;
        for (p = e->domain;;) {
            char *bar = strchr(p, '|');
            if (bar)
                *bar = '\0';
            if (!is_token(p) || strcmp(p, "unknown") == 0)
                return sol_diag_set(d, SOL_EPARSE, file, line,
                                    "finding '%s': member '%s' must be a "
                                    "kebab-case word other than 'unknown'",
                                    col[0], p);
            for (size_t k = 0; k < n; k++)
                if (strcmp(e->vals[k], p) == 0)
                    return sol_diag_set(d, SOL_EPARSE, file, line,
                                        "finding '%s': member '%s' listed "
                                        "twice",
                                        col[0], p);
            e->vals[n++] = p;
            if (!bar)
                break;
            p = bar + 1;
        }
        if (t->type == SOL_TYPE_SET && n < 1)
            return sol_diag_set(d, SOL_EPARSE, file, line, "finding '%s': empty member list",
                                col[0]);
        t->values = (const char *const *)e->vals;
        t->nvalues = n;
        break;
    }
    case SOL_TYPE_INT:
    case SOL_TYPE_REAL: {
        char buf[128];
        char *dots;

        snprintf(buf, sizeof buf, "%s", domain);
        dots = strstr(buf, "..");
        if (!dots)
            return sol_diag_set(d, SOL_EPARSE, file, line,
                                "finding '%s': domain '%s' is not min..max", col[0], domain);
        *dots = '\0';
        if (!sol_table_number(buf, &t->min) || !sol_table_number(dots + 2, &t->max) ||
            t->min > t->max ||
            (t->type == SOL_TYPE_INT && (t->min != floor(t->min) || t->max != floor(t->max))))
            return sol_diag_set(d, SOL_EPARSE, file, line,
                                "finding '%s': domain '%s' is not a valid "
                                "%s range min..max",
                                col[0], domain, col[2]);
        break;
    }
    }
    return SOL_OK;
}

static int cmp_term(const void *a, const void *b)
{
    const sol_term *ta = *(const sol_term *const *)a;
    const sol_term *tb = *(const sol_term *const *)b;
    return strcmp(ta->name, tb->name);
}

static int cmp_unit_row(const void *a, const void *b)
{
    const unit_row *x = a, *y = b;
    int c = strcmp(x->unit, y->unit);
    return c ? c : (x < y ? -1 : x > y);
}

/* Free the written words rows[0..n) own. */
static void free_rows(unit_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free((char *)rows[i].f.written);
    free(rows);
}

/* units.tsv next to the vocabulary at vpath: absent is fine (numbers then
 * take no unit), malformed is an error naming the line. Each term then
 * points at the forms of its unit. */
static int load_units(sol_vocab *v, const char *vpath, sol_diag *d)
{
    char path[1024];
    const char *slash = strrchr(vpath, '/');
    unit_row *rows = NULL;
    size_t nrows = 0, cap = 0;
    int rc;

    snprintf(path, sizeof path, "%.*sunits.tsv", slash ? (int)(slash - vpath + 1) : 0, vpath);
    rc = sol_table_open(&v->units, path, "unit written factor:number", SOL_TABLE_OPTIONAL, d);
    for (size_t i = 0; rc == SOL_OK && i < sol_table_count(v->units); i++) {
        const sol_table_row *r = sol_table_at(v->units, i);
        double factor = 0;

        sol_table_number(r->col[2], &factor);
        if (factor <= 0)
            rc = sol_diag_set(d, SOL_EPARSE, path, r->line,
                              "factor '%s' is not a positive number", r->col[2]);
        for (const char *w = r->col[1]; rc == SOL_OK;) {
            size_t k = strcspn(w, "|");

            if (k == 0)
                rc = sol_diag_set(d, SOL_EPARSE, path, r->line, "empty written form");
            else if (sol_grow((void **)&rows, &cap, nrows + 1, sizeof *rows) ||
                     !(rows[nrows].f.written = strndup(w, k)))
                rc = sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
            else {
                rows[nrows].unit = r->col[0];
                rows[nrows++].f.factor = factor;
            }
            if (!w[k])
                break;
            w += k + 1;
        }
    }
    if (rc == SOL_OK && nrows) {
        sol_sort(rows, nrows, sizeof *rows, cmp_unit_row);
        v->forms = malloc(nrows * sizeof *v->forms);
        v->written = malloc(nrows * sizeof *v->written);
        if (!v->forms || !v->written)
            rc = sol_diag_set(d, SOL_ENOMEM, path, 0, "out of memory");
    }
    if (rc != SOL_OK) {
        free_rows(rows, nrows);
        return rc;
    }
    for (size_t i = 0; i < nrows; i++) {
        v->forms[i] = rows[i].f;
        v->written[i] = (char *)rows[i].f.written;
    }
    v->nforms = nrows;
    /* each term's forms: the run of its unit in the sorted rows, found by
     * a binary search */
    for (size_t i = 0; i < v->n; i++) {
        sol_term *t = &v->e[i].t;
        size_t lo = 0, hi = nrows;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(rows[mid].unit, t->unit) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < nrows && strcmp(rows[k].unit, t->unit) == 0; k++) {
            if (!t->nforms)
                t->forms = &v->forms[k];
            t->nforms++;
        }
    }
    free(rows);
    return SOL_OK;
}

int sol_vocab_load(sol_vocab **out, const char *path, sol_diag *d)
{
    sol_vocab *v = calloc(1, sizeof *v);
    size_t n, *dup = NULL;
    int rc;

    *out = NULL;
    if (!v)
        return sol_diag_set(d, SOL_ENOMEM, path, 0, "out of memory");
    if ((rc = sol_table_open(&v->table, path, VOCAB_COLUMNS, 0, d)))
        goto cleanup;
    n = sol_table_count(v->table);
    if (n == 0) {
        rc = sol_diag_set(d, SOL_EPARSE, path, 0, "no findings defined");
        goto cleanup;
    }
    v->e = calloc(n, sizeof *v->e);
    if (!v->e) {
        rc = sol_diag_set(d, SOL_ENOMEM, path, 0, "out of memory");
        goto cleanup;
    }
    v->cap = n;
    if ((rc = sol_table_first_dups(&dup, v->table, 0))) {
        rc = sol_diag_set(d, rc, path, 0, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        const sol_table_row *r = sol_table_at(v->table, i);
        vocab_entry *e = &v->e[v->n++]; /* owned from here on, even if it fails */

        if ((rc = parse_entry(e, r->col, path, r->line, d)))
            goto cleanup;
        if (dup[i] != SOL_NO_DUP) {
            rc = sol_diag_set(d, SOL_EPARSE, path, r->line,
                              "finding '%s' already defined at line %d", e->t.name,
                              v->e[dup[i]].t.line);
            goto cleanup;
        }
    }
    v->by_name = malloc(v->n * sizeof *v->by_name);
    if (!v->by_name) {
        rc = sol_diag_set(d, SOL_ENOMEM, path, 0, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < v->n; i++) /* v->e no longer moves */
        v->by_name[i] = &v->e[i].t;
    sol_sort(v->by_name, v->n, sizeof *v->by_name, cmp_term);
    rc = load_units(v, path, d);
    if (rc != SOL_OK)
        goto cleanup;
    *out = v;
    v = NULL;
    rc = SOL_OK;

cleanup:
    free(dup);
    sol_vocab_free(v);
    return rc;
}

size_t sol_vocab_count(const sol_vocab *v) { return v ? v->n : 0; }

const sol_term *sol_vocab_at(const sol_vocab *v, size_t i)
{
    return v && i < v->n ? &v->e[i].t : NULL;
}

const sol_term *sol_vocab_lookup(const sol_vocab *v, const char *name)
{
    size_t lo = 0, hi;

    if (!v || !name)
        return NULL;
    hi = v->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const sol_term *t = v->by_name[mid];
        int c = strcmp(name, t->name);
        if (c == 0)
            return t;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* " years" or "" for a unit column. */
static const char *unit_suffix(const sol_term *t, char *buf, size_t len)
{
    if (!t->unit || strcmp(t->unit, "-") == 0)
        return "";
    snprintf(buf, len, " %s", t->unit);
    return buf;
}

/* "a|b|c" into buf (truncated with "..." if long). */
static const char *members_text(const sol_term *t, char *buf, size_t len)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < t->nvalues; i++) {
        int n = snprintf(buf + used, len - used, "%s%s", i ? "|" : "", t->values[i]);
        if (n < 0 || (size_t)n >= len - used) {
            if (len > 4)
                memcpy(buf + len - 4, "...", 4);
            break;
        }
        used += (size_t)n;
    }
    return buf;
}

static int member_index(const sol_term *t, const char *s, size_t n)
{
    for (size_t i = 0; i < t->nvalues; i++)
        if (strlen(t->values[i]) == n && strncmp(t->values[i], s, n) == 0)
            return (int)i;
    return -1;
}

/* Value errors set only d->msg: file and line are the caller's to fill (and
 * are neither read nor changed here). */
static int value_error(sol_diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int value_error(sol_diag *d, const char *fmt, ...)
{
    va_list ap;

    if (d) {
        va_start(ap, fmt);
        vsnprintf(d->msg, sizeof d->msg, fmt, ap);
        va_end(ap);
    }
    return SOL_EINVALID;
}

#define FAIL(...) value_error(d, __VA_ARGS__)

static int make_symbol(sol_value *out, const char *s, size_t n, sol_diag *d)
{
    memset(out, 0, sizeof *out);
    out->sym = sol_strndup(s, n);
    if (!out->sym) {
        value_error(d, "out of memory");
        return SOL_ENOMEM;
    }
    out->kind = SOL_VAL_SYMBOL;
    return SOL_OK;
}

static int number_error(const sol_term *t, const char *s, sol_diag *d)
{
    char ub[64];
    return FAIL("finding '%s': wrong type: expected %s in %g..%g%s, "
                "got '%.60s'",
                t->name, t->type == SOL_TYPE_INT ? "a whole number" : "a number", t->min, t->max,
                unit_suffix(t, ub, sizeof ub), s);
}

/* The forms a number of t may be written with, "d|day|days" into buf. */
static const char *forms_text(const sol_term *t, char *buf, size_t len)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < t->nforms && used + 1 < len; i++) {
        int n = snprintf(buf + used, len - used, "%s%s", i ? "|" : "", t->forms[i].written);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return buf;
}

/* A number, optionally with a decimal comma and a unit form of units.tsv
 * ("2 weeks", "20%", "3,5 km"); note says what a converted text was read as. */
static int parse_number_value(const sol_term *t, const char *s, sol_value *out, char *note,
                              size_t notelen, sol_diag *d)
{
    char ub[64], num[64], fb[256];
    const char *p = s, *unit;
    size_t k = 0, commas = 0;
    double x, factor = 1;

    if (*p == '+' || *p == '-')
        num[k++] = *p++;
    while ((isdigit((unsigned char)*p) || *p == '.' || *p == ',') && k + 1 < sizeof num) {
        commas += *p == ',';
        num[k++] = *p == ',' ? '.' : *p;
        p++;
    }
    num[k] = '\0';
    for (unit = p; isspace((unsigned char)*unit); unit++)
        ;
    if (!*unit && !commas) { /* a plain number, exponent allowed */
        if (!sol_table_number(s, &x) || (t->type == SOL_TYPE_INT && strpbrk(s, ".eE")))
            return number_error(t, s, d);
    } else {
        if (commas > 1 || (commas && strchr(s, '.')) || !sol_table_number(num, &x))
            return number_error(t, s, d);
        if (*unit) {
            size_t i = 0;
            while (i < t->nforms && strcasecmp(t->forms[i].written, unit) != 0)
                i++;
            if (i < t->nforms)
                factor = t->forms[i].factor;
            else if (strcmp(t->unit, "-") != 0 && strcasecmp(t->unit, unit) == 0)
                factor = 1;
            else if (t->nforms)
                return FAIL("finding '%s': wrong type: cannot read '%.60s' as a "
                            "number of %s: write a number, optionally followed "
                            "by one of %s",
                            t->name, s, t->unit, forms_text(t, fb, sizeof fb));
            else
                return number_error(t, s, d);
        }
        x *= factor;
        if (t->type == SOL_TYPE_INT && x != floor(x)) {
            if (factor == 1) /* "3,5" for a whole number: refuse, no rounding */
                return number_error(t, s, d);
            x = floor(x + 0.5);
        }
        if (note)
            snprintf(note, notelen, "'%.60s' read as %g%s", s, x, unit_suffix(t, ub, sizeof ub));
    }
    if (x < t->min || x > t->max)
        return FAIL("finding '%s': value %s out of range %g..%g%s", t->name, s, t->min, t->max,
                    unit_suffix(t, ub, sizeof ub));
    memset(out, 0, sizeof *out);
    if (t->type == SOL_TYPE_INT) {
        out->kind = SOL_VAL_INTEGER;
        out->i = (long long)x;
    } else {
        out->kind = SOL_VAL_REAL;
        out->r = x;
    }
    return SOL_OK;
}

/* " (did you mean: female)" or "" for a value that is not a member. */
static const char *close_members(const sol_term *t, const char *s, size_t n, char *buf,
                                 size_t len)
{
    char word[128], close[256];

    snprintf(word, sizeof word, "%.*s", (int)(n < 100 ? n : 100), s);
    for (size_t i = 0; i < t->nvalues; i++)
        if (strcasecmp(word, t->values[i]) == 0) /* only the case is wrong */
            return snprintf(buf, len, " (did you mean: %s)", t->values[i]), buf;
    sol_close_names(word, t->values, t->nvalues, 3, close, sizeof close);
    if (*close)
        snprintf(buf, len, " (did you mean: %s)", close);
    else
        buf[0] = '\0';
    return buf;
}

const char *sol_vocab_close_names(const sol_vocab *v, const char *word, size_t max, char *buf,
                                  size_t len)
{
    const char **names = calloc(v && v->n ? v->n : 1, sizeof *names);

    buf[0] = '\0';
    if (!names || !v)
        return free(names), buf;
    for (size_t i = 0; i < v->n; i++)
        names[i] = v->e[i].t.name;
    sol_close_names(word, names, v->n, max, buf, len);
    free(names);
    return buf;
}

int sol_vocab_parse_value(const sol_term *t, const char *text, sol_value *out_vals, size_t *out_n,
                          sol_diag *d)
{
    return sol_vocab_parse_value_note(t, text, out_vals, out_n, NULL, 0, d);
}

int sol_vocab_parse_value_note(const sol_term *t, const char *text, sol_value *out_vals,
                               size_t *out_n, char *note, size_t notelen, sol_diag *d)
{
    char mb[512], dym[300];
    const char *s, *e;
    size_t len, n = 0;
    int rc = SOL_OK;

    *out_n = 0;
    if (note && notelen)
        note[0] = '\0';
    if (!t || !text)
        return FAIL("no value");
    len = strlen(text);
    s = sol_trim(text, &len);
    e = s + len;
    if (t->type == SOL_TYPE_DERIVED)
        return FAIL("finding '%s': derived finding, computed by Soleus; "
                    "do not record it",
                    t->name);
    if (len == 0)
        return FAIL("finding '%s': empty value: expected %s", t->name,
                    t->type == SOL_TYPE_BOOL ? "yes or no"
                    : t->type == SOL_TYPE_ENUM || t->type == SOL_TYPE_SET
                        ? members_text(t, mb, sizeof mb)
                        : "a number");
    if (len == 7 && strncmp(s, "unknown", 7) == 0) {
        memset(&out_vals[0], 0, sizeof out_vals[0]);
        out_vals[0].kind = SOL_VAL_UNKNOWN;
        *out_n = 1;
        return SOL_OK;
    }
    switch (t->type) {
    case SOL_TYPE_BOOL:
        if (!((len == 3 && strncmp(s, "yes", 3) == 0) || (len == 2 && strncmp(s, "no", 2) == 0)))
            return FAIL("finding '%s': wrong type: expected yes, no or "
                        "unknown, got '%.*s'%s",
                        t->name, (int)(len > 60 ? 60 : len), s,
                        (len == 3 && strncasecmp(s, "yes", 3) == 0)  ? " (did you mean: yes)"
                        : (len == 2 && strncasecmp(s, "no", 2) == 0) ? " (did you mean: no)"
                                                                     : "");
        rc = make_symbol(&out_vals[0], s, len, d);
        n = rc == SOL_OK;
        break;
    case SOL_TYPE_ENUM:
        if (member_index(t, s, len) < 0)
            return FAIL("finding '%s': '%.*s' is not an allowed value: "
                        "expected one of %s%s",
                        t->name, (int)(len > 60 ? 60 : len), s, members_text(t, mb, sizeof mb),
                        close_members(t, s, len, dym, sizeof dym));
        rc = make_symbol(&out_vals[0], s, len, d);
        n = rc == SOL_OK;
        break;
    case SOL_TYPE_SET: {
        const char *p = s;
        int has_none = 0;

        while (p < e && rc == SOL_OK) {
            const char *w = p;
            size_t wl;
            int idx;

            while (p < e && !isspace((unsigned char)*p))
                p++;
            wl = (size_t)(p - w);
            while (p < e && isspace((unsigned char)*p))
                p++;
            idx = member_index(t, w, wl);
            if (idx < 0) {
                rc = FAIL("finding '%s': '%.*s' is not an allowed value: "
                          "expected space-separated members of %s%s",
                          t->name, (int)(wl > 60 ? 60 : wl), w, members_text(t, mb, sizeof mb),
                          close_members(t, w, wl, dym, sizeof dym));
                break;
            }
            for (size_t k = 0; k < n; k++)
                if (strcmp(out_vals[k].sym, t->values[idx]) == 0) {
                    rc = FAIL("finding '%s': member '%s' given twice", t->name, t->values[idx]);
                    break;
                }
            if (rc != SOL_OK)
                break;
            has_none |= strcmp(t->values[idx], "none") == 0;
            rc = make_symbol(&out_vals[n], w, wl, d);
            if (rc == SOL_OK)
                n++;
        }
        if (rc == SOL_OK && has_none && n > 1)
            rc = FAIL("finding '%s': 'none' cannot be combined with other "
                      "members",
                      t->name);
        break;
    }
    case SOL_TYPE_INT:
    case SOL_TYPE_REAL: {
        char num[64];

        if (len >= sizeof num)
            return FAIL("finding '%s': wrong type: expected a number in "
                        "%g..%g, got a %zu-character value",
                        t->name, t->min, t->max, len);
        memcpy(num, s, len);
        num[len] = '\0';
        rc = parse_number_value(t, num, &out_vals[0], note, notelen, d);
        n = rc == SOL_OK;
        break;
    }
    case SOL_TYPE_DERIVED: break;
    }
    if (rc != SOL_OK) {
        for (size_t k = 0; k < n; k++)
            sol_value_clear(&out_vals[k]);
        return rc;
    }
    *out_n = n;
    return SOL_OK;
}
