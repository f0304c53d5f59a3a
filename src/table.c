/* table.c — reads the knowledge tables (table.h): one set of rules for
 * comments, blank lines, cells, column counts and typed cells, and one
 * parsed copy of each file per process, kept in a small locked list so the
 * catalogue, the vocabulary, the rule model and the tools share it. */
#include "table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sol_table {
    char *path, *columns; /* the cache key */
    char *buf;            /* the file, split in place; rows point in */
    sol_table_row *rows;
    size_t n, cap;
    unsigned refs;
    sol_table *next;
};

/* One declared column. */
typedef struct {
    char name[64];
    const char *choices; /* "a|b|c" inside the spec, or NULL */
    size_t nchoices;     /* length of choices */
    int number;          /* 1: a :number cell */
    int opt;             /* 1: written "[name" */
} col_spec;

/* The columns as messages name them ("a b [c]"), at most this long. */
#define SHOWN_MAX 512

typedef struct {
    col_spec col[SOL_TABLE_MAX_COLS];
    int min, max; /* cells a row may have */
} table_spec;

/* The columns as messages name them, built only for a message. */
static const char *shown(const table_spec *s, char *buf)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < s->max && used < SHOWN_MAX; i++)
        used += (size_t)snprintf(buf + used, SHOWN_MAX - used, "%s%s%s%s", used ? " " : "",
                                 s->col[i].opt ? "[" : "", s->col[i].name,
                                 s->col[i].opt ? "]" : "");
    return buf;
}

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static sol_table *cache; /* every open table */
static size_t parses;

static int parse_spec(table_spec *s, const char *columns)
{
    const char *p = columns;
    size_t used = 0;

    memset(s, 0, sizeof *s);
    s->min = -1;
    while (*p) {
        size_t len = strcspn(p, " "), name;
        col_spec *c = &s->col[s->max];
        int opt = *p == '[';

        if (len == 0) {
            p++;
            continue;
        }
        if (s->max == SOL_TABLE_MAX_COLS)
            return -1;
        if (opt && s->min < 0)
            s->min = s->max;
        name = strcspn(p, ": ]");
        if (name - opt >= sizeof c->name)
            return -1;
        memcpy(c->name, p + opt, name - opt);
        if (p[name] == ':') {
            const char *t = p + name + 1;
            size_t tl = strcspn(t, " ]");

            if (tl == 6 && strncmp(t, "number", 6) == 0)
                c->number = 1;
            else {
                c->choices = t;
                c->nchoices = tl;
            }
        }
        c->opt = opt;
        /* what shown() will write: the list must fit a message */
        used += (used ? 1 : 0) + (opt ? 2 : 0) + strlen(c->name);
        if (used >= SHOWN_MAX)
            return -1;
        s->max++;
        p += len;
    }
    if (s->min < 0)
        s->min = s->max;
    return s->max ? 0 : -1;
}

int sol_table_number(const char *s, double *out)
{
    char *end;
    const char *p = s;

    if (*p == '-' || *p == '+')
        p++;
    if (!isdigit((unsigned char)*p))
        return 0;
    for (const char *q = p; *q; q++)
        if (!(isdigit((unsigned char)*q) || *q == '.' || *q == 'e' || *q == 'E' || *q == '-' ||
              *q == '+'))
            return 0;
    errno = 0;
    *out = strtod(s, &end);
    return *end == '\0' && errno == 0 && isfinite(*out);
}

int sol_table_error(sol_diag *d, int code, const sol_table *t, int line, const char *fmt, ...)
{
    char msg[sizeof d->msg];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return sol_diag_set(d, code, t ? t->path : "", line, "%s", msg);
}

/* Is cell one of the words of c->choices? */
static int chosen(const col_spec *c, const char *cell)
{
    size_t n = strlen(cell);

    for (const char *p = c->choices, *e = p + c->nchoices; p < e;) {
        size_t k = strcspn(p, "| ]");

        if (k == n && strncmp(p, cell, n) == 0)
            return 1;
        p += k + 1;
    }
    return 0;
}

/* "a, b or c" from "a|b|c". */
static void choice_list(const col_spec *c, char *buf, size_t len)
{
    size_t used = 0, k;

    buf[0] = '\0';
    for (const char *p = c->choices, *e = p + c->nchoices; p < e && used < len; p += k + 1) {
        k = strcspn(p, "| ]");
        used += (size_t)snprintf(buf + used, len - used, "%s%.*s",
                                 used == 0    ? ""
                                 : p + k >= e ? " or "
                                              : ", ",
                                 (int)k, p);
    }
}

static int check_row(const sol_table *t, const table_spec *s, const sol_table_row *r, int n,
                     sol_diag *d)
{
    char list[256], cols[SHOWN_MAX];

    if (n < s->min || n > s->max)
        return sol_table_error(d, SOL_EPARSE, t, r->line,
                               "expected %d tab-separated columns (%s), found %d",
                               n < s->min ? s->min : s->max, shown(s, cols), n);
    for (int i = 0; i < n; i++) {
        const col_spec *c = &s->col[i];
        double v;

        if (r->col[i][0] == '\0')
            return sol_table_error(d, SOL_EPARSE, t, r->line,
                                   "column %d is empty (columns: %s; write - for none)", i + 1,
                                   shown(s, cols));
        if (c->number && !sol_table_number(r->col[i], &v))
            return sol_table_error(d, SOL_EPARSE, t, r->line, "%s '%s': expected a number",
                                   c->name, r->col[i]);
        if (c->choices && !chosen(c, r->col[i])) {
            choice_list(c, list, sizeof list);
            return sol_table_error(d, SOL_EPARSE, t, r->line, "%s '%s': expected %s", c->name,
                                   r->col[i], list);
        }
    }
    return SOL_OK;
}

static int parse(sol_table *t, const table_spec *s, size_t len, sol_diag *d)
{
    char *p;
    int line = 0;
    size_t bad;

    if (strlen(t->buf) != len)
        return sol_table_error(d, SOL_EPARSE, t, sol_line_at(t->buf, strlen(t->buf)),
                               "a NUL byte in a text file");
    if ((bad = sol_utf8_invalid_at((const unsigned char *)t->buf, len)) != len)
        return sol_table_error(d, SOL_EPARSE, t, sol_line_at(t->buf, bad), "not valid UTF-8");
    for (char *cursor = t->buf; (p = sol_next_line(&cursor, &line)) != NULL;) {
        sol_table_row r;
        int n = 0;
        int rc;

        memset(&r, 0, sizeof r);
        r.line = line;
        for (char *f = p;;) {
            char *tab = strchr(f, '\t');

            if (tab)
                *tab = '\0';
            if (n < SOL_TABLE_MAX_COLS) {
                size_t k = strlen(f);
                char *cell = f + (sol_trim(f, &k) - f);
                cell[k] = '\0';
                r.col[n] = cell;
            }
            n++;
            if (!tab)
                break;
            f = tab + 1;
        }
        r.ncols = n < SOL_TABLE_MAX_COLS ? n : SOL_TABLE_MAX_COLS;
        if ((rc = check_row(t, s, &r, n, d)))
            return rc;
        if (sol_grow((void **)&t->rows, &t->cap, t->n + 1, sizeof *t->rows))
            return sol_table_error(d, SOL_ENOMEM, t, line, "out of memory");
        t->rows[t->n++] = r;
    }
    return SOL_OK;
}

static void table_free(sol_table *t)
{
    if (!t)
        return;
    free(t->path);
    free(t->columns);
    free(t->buf);
    free(t->rows);
    free(t);
}

/* Read and parse path; the cache lock is held. */
static int load(sol_table **out, const char *path, const char *columns, unsigned flags,
                sol_diag *d)
{
    table_spec s;
    size_t len = 0;
    sol_table *t;
    int rc;

    *out = NULL;
    if (parse_spec(&s, columns))
        return sol_diag_set(d, SOL_EUSAGE, path, 0, "bad column list '%s'", columns);
    if ((flags & SOL_TABLE_OPTIONAL) && access(path, F_OK) != 0 && errno == ENOENT)
        return SOL_OK;
    if (!(t = calloc(1, sizeof *t)) || !(t->path = sol_strdup(path)) ||
        !(t->columns = sol_strdup(columns))) {
        table_free(t);
        return sol_diag_set(d, SOL_ENOMEM, path, 0, "out of memory");
    }
    rc = sol_read_file(&t->buf, &len, path, SOL_TABLE_MAX_BYTES, d);
    if (rc == SOL_OK)
        rc = parse(t, &s, len, d);
    parses++;
    if (rc) {
        table_free(t);
        return rc;
    }
    *out = t;
    return SOL_OK;
}

int sol_table_open(const sol_table **out, const char *path, const char *columns, unsigned flags,
                   sol_diag *d)
{
    sol_table *t;
    int rc = SOL_OK;

    *out = NULL;
    pthread_mutex_lock(&cache_lock);
    for (t = cache; t; t = t->next)
        if (strcmp(t->path, path) == 0 && strcmp(t->columns, columns) == 0)
            break;
    if (!t && (rc = load(&t, path, columns, flags, d)) == SOL_OK && t) {
        t->next = cache;
        cache = t;
    }
    if (t)
        t->refs++;
    pthread_mutex_unlock(&cache_lock);
    *out = t;
    return rc;
}

void sol_table_close(const sol_table *ct)
{
    sol_table **pp;

    if (!ct)
        return;
    pthread_mutex_lock(&cache_lock);
    for (pp = &cache; *pp && *pp != ct; pp = &(*pp)->next)
        ;
    if (*pp && --(*pp)->refs == 0) {
        sol_table *t = *pp;

        *pp = t->next;
        table_free(t);
    }
    pthread_mutex_unlock(&cache_lock);
}

size_t sol_table_count(const sol_table *t) { return t ? t->n : 0; }

const sol_table_row *sol_table_at(const sol_table *t, size_t i)
{
    return t && i < t->n ? &t->rows[i] : NULL;
}

const char *sol_table_path(const sol_table *t) { return t ? t->path : NULL; }

int sol_table_first_dups(size_t **out, const sol_table *t, int col)
{
    size_t n = sol_table_count(t);
    const char **names = malloc((n ? n : 1) * sizeof *names);
    *out = NULL;
    if (!names)
        return SOL_ENOMEM;
    for (size_t i = 0; i < n; i++)
        names[i] = t->rows[i].col[col] ? t->rows[i].col[col] : "";
    int rc = sol_first_dups(out, names, n);
    free(names);
    return rc;
}

size_t sol_table_parse_count(void)
{
    size_t n;

    pthread_mutex_lock(&cache_lock);
    n = parses;
    pthread_mutex_unlock(&cache_lock);
    return n;
}
