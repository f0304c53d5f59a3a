/* kb_read.c — the small reader under the knowledge-base model: an arena for
 * the model's memory, an s-expression reader for CLIPS source that keeps
 * line numbers and splits constraint connectives (& | ~ : =) into tokens, and
 * the collapsed source text of a node. */
#include "kb_int.h"

#include <errno.h>
#include <math.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define KB_MAX_DEPTH 200
#define KB_BLOCK_MIN 16384

struct kb_block {
    kb_block *next;
    size_t used, cap;
    max_align_t data[];
};

void *kb_alloc(kb_arena *a, size_t n)
{
    kb_block *b = a->head;
    size_t al = alignof(max_align_t);
    void *p;

    n = (n + al - 1) / al * al;
    if (n == 0)
        n = al;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > KB_BLOCK_MIN ? n : KB_BLOCK_MIN;

        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    p = (char *)b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *kb_strndup(kb_arena *a, const char *s, size_t n)
{
    char *p = kb_alloc(a, n + 1);

    if (p)
        memcpy(p, s, n);
    return p;
}

char *kb_strdup(kb_arena *a, const char *s) { return s ? kb_strndup(a, s, strlen(s)) : NULL; }

void kb_arena_free(kb_arena *a)
{
    while (a && a->head) {
        kb_block *next = a->head->next;

        free(a->head);
        a->head = next;
    }
}

void kb_vec_init(kb_vec *v, size_t size)
{
    v->p = NULL;
    v->n = v->cap = 0;
    v->size = size;
}

void *kb_vec_push(kb_vec *v)
{
    void *slot;

    if (sol_grow(&v->p, &v->cap, v->n + 1, v->size))
        return NULL;
    slot = (char *)v->p + v->n * v->size;
    memset(slot, 0, v->size);
    v->n++;
    return slot;
}

void *kb_vec_finish(kb_vec *v, kb_arena *a, size_t *out_n)
{
    void *p = NULL;

    *out_n = 0;
    if (v->n) {
        p = kb_alloc(a, v->n * v->size);
        if (p) {
            memcpy(p, v->p, v->n * v->size);
            *out_n = v->n;
        }
    }
    kb_vec_free(v);
    return p;
}

void kb_vec_free(kb_vec *v)
{
    free(v->p);
    v->p = NULL;
    v->n = v->cap = 0;
}

/* ---- reader ---- */

typedef struct {
    kb_arena *a;
    const char *s; /* whole text */
    size_t i;      /* position */
    int line;
    const char *file;
    sol_diag *d;
} reader;

static int is_delim(char c)
{
    return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v' || c == '(' || c == ')' || c == '"' || c == ';' || c == '&' || c == '|' ||
           c == '~';
}

/* Skip blanks and ; comments, counting lines. */
static void skip_space(reader *r)
{
    for (;;) {
        char c = r->s[r->i];

        if (c == '\n') {
            r->line++;
            r->i++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            r->i++;
        } else if (c == ';') {
            while (r->s[r->i] && r->s[r->i] != '\n')
                r->i++;
        } else {
            return;
        }
    }
}

static kb_node *new_node(reader *r, kb_ntype t, int line)
{
    kb_node *n = kb_alloc(r->a, sizeof *n);

    if (n) {
        n->type = t;
        n->line = line;
    }
    return n;
}

static int oom(reader *r)
{
    return sol_diag_set(r->d, SOL_ENOMEM, r->file, r->line, "out of memory");
}

static int read_string(reader *r, kb_node **out)
{
    int line = r->line;
    size_t start = ++r->i, len = 0;
    kb_node *n;
    char *t;

    /* First pass: find the end and the unescaped length. */
    for (size_t j = start;; j++) {
        char c = r->s[j];

        if (c == '\0')
            return sol_diag_set(r->d, SOL_EPARSE, r->file, line, "unterminated string");
        if (c == '"')
            break;
        if (c == '\\' && r->s[j + 1])
            j++;
        len++;
    }
    n = new_node(r, KB_STRING, line);
    t = n ? kb_alloc(r->a, len + 1) : NULL;
    if (!t)
        return oom(r);
    len = 0;
    while (r->s[r->i] != '"') {
        if (r->s[r->i] == '\\' && r->s[r->i + 1])
            r->i++;
        if (r->s[r->i] == '\n')
            r->line++;
        t[len++] = r->s[r->i++];
    }
    r->i++; /* closing quote */
    n->text = t;
    *out = n;
    return SOL_OK;
}

static int read_node(reader *r, kb_node **out, int depth);

static int read_list(reader *r, kb_node **out, int depth)
{
    int line = r->line, rc;
    kb_node *n = new_node(r, KB_LIST, line);
    kb_vec kids;

    if (!n)
        return oom(r);
    if (depth > KB_MAX_DEPTH)
        return sol_diag_set(r->d, SOL_EPARSE, r->file, line, "nesting deeper than %d levels",
                            KB_MAX_DEPTH);
    r->i++; /* ( */
    kb_vec_init(&kids, sizeof(kb_node *));
    for (;;) {
        kb_node **slot, *kid = NULL;

        skip_space(r);
        if (r->s[r->i] == '\0') {
            kb_vec_free(&kids);
            return sol_diag_set(r->d, SOL_EPARSE, r->file, line,
                                "unbalanced parenthesis: '(' is never closed");
        }
        if (r->s[r->i] == ')') {
            r->i++;
            break;
        }
        rc = read_node(r, &kid, depth + 1);
        if (rc != SOL_OK) {
            kb_vec_free(&kids);
            return rc;
        }
        slot = kb_vec_push(&kids);
        if (!slot) {
            kb_vec_free(&kids);
            return oom(r);
        }
        *slot = kid;
    }
    rc = kids.n != 0;
    n->kids = kb_vec_finish(&kids, r->a, &n->nkids);
    if (rc && !n->kids)
        return oom(r);
    *out = n;
    return SOL_OK;
}

/* Read one form at r->i (not a ')', not end of text). */
static int read_node(reader *r, kb_node **out, int depth)
{
    char c = r->s[r->i];
    kb_ntype t;
    kb_node *n;
    size_t start;

    if (c == '(')
        return read_list(r, out, depth);
    if (c == '"')
        return read_string(r, out);
    switch (c) {
    case '&': t = KB_AMP; break;
    case '|': t = KB_BAR; break;
    case '~': t = KB_TILDE; break;
    case ':': t = r->s[r->i + 1] == '(' ? KB_COLON : KB_ATOM; break;
    case '=': t = r->s[r->i + 1] == '(' ? KB_EQUALS : KB_ATOM; break;
    default: t = KB_ATOM; break;
    }
    n = new_node(r, t, r->line);
    if (!n)
        return oom(r);
    if (t != KB_ATOM) {
        n->text = kb_strndup(r->a, r->s + r->i, 1);
        r->i++;
    } else {
        start = r->i;
        while (!is_delim(r->s[r->i]))
            r->i++;
        n->text = kb_strndup(r->a, r->s + start, r->i - start);
    }
    if (!n->text)
        return oom(r);
    *out = n;
    return SOL_OK;
}

/* ---- source text of a node, whitespace collapsed ---- */

static int is_connective(kb_ntype t)
{
    return t == KB_AMP || t == KB_BAR || t == KB_TILDE || t == KB_COLON || t == KB_EQUALS;
}

static void put_node(sol_buf *s, const kb_node *n)
{
    if (n->type == KB_LIST) {
        sol_buf_add(s, "(", 1);
        for (size_t i = 0; i < n->nkids; i++) {
            if (i > 0 && !is_connective(n->kids[i - 1]->type) && n->kids[i]->type != KB_AMP &&
                n->kids[i]->type != KB_BAR)
                sol_buf_add(s, " ", 1);
            put_node(s, n->kids[i]);
        }
        sol_buf_add(s, ")", 1);
    } else if (n->type == KB_STRING) {
        sol_buf_add(s, "\"", 1);
        for (const char *c = n->text; *c; c++) {
            if (*c == '"' || *c == '\\')
                sol_buf_add(s, "\\", 1);
            sol_buf_add(s, c, 1);
        }
        sol_buf_add(s, "\"", 1);
    } else {
        sol_buf_puts(s, n->text);
    }
}

/* Text of nodes[0..n) joined as in a list body. */
const char *kb_nodes_text(kb_arena *a, kb_node *const *nodes, size_t n)
{
    kb_node fake = {KB_LIST, 0, NULL, (kb_node **)nodes, n};
    sol_buf s = {0};
    const char *out;

    put_node(&s, &fake);
    if (s.failed || s.len < 2) {
        sol_buf_free(&s);
        return NULL;
    }
    out = kb_strndup(a, s.s + 1, s.len - 2); /* without the outer ( ) */
    sol_buf_free(&s);
    return out;
}

const char *kb_node_text(kb_arena *a, const kb_node *n)
{
    return kb_nodes_text(a, (kb_node *const *)&n, 1);
}

int kb_read(kb_arena *a, const char *text, const char *file, kb_node ***out, size_t *out_n,
            sol_diag *d)
{
    reader r = {a, text, 0, 1, file, d};
    kb_vec forms;
    int rc = SOL_OK;

    *out = NULL;
    *out_n = 0;
    kb_vec_init(&forms, sizeof(kb_node *));
    for (;;) {
        kb_node **slot, *n = NULL;

        skip_space(&r);
        if (text[r.i] == '\0')
            break;
        if (text[r.i] == ')') {
            rc = sol_diag_set(d, SOL_EPARSE, file, r.line,
                              "unbalanced parenthesis: ')' closes nothing");
            goto cleanup;
        }
        rc = read_node(&r, &n, 0);
        if (rc != SOL_OK)
            goto cleanup;
        slot = kb_vec_push(&forms);
        if (!slot) {
            rc = oom(&r);
            goto cleanup;
        }
        *slot = n;
    }
    rc = forms.n != 0;
    *out = kb_vec_finish(&forms, a, out_n);
    rc = rc && !*out ? oom(&r) : SOL_OK;
cleanup:
    kb_vec_free(&forms);
    return rc;
}

const char *kb_atom(const kb_node *n) { return n && n->type == KB_ATOM ? n->text : NULL; }

int kb_is_atom(const kb_node *n, const char *text)
{
    return n && n->type == KB_ATOM && strcmp(n->text, text) == 0;
}

int kb_is_var(const char *s)
{
    if (!s)
        return 0;
    if (s[0] == '$')
        s++;
    return s[0] == '?' && s[1] != '\0';
}

int kb_is_number(const char *s, double *out)
{
    char *end;
    double v;

    if (!s || !*s)
        return 0;
    if (!(s[0] == '-' || s[0] == '+' || s[0] == '.' || (s[0] >= '0' && s[0] <= '9')))
        return 0;
    errno = 0;
    v = strtod(s, &end);
    if (*end || end == s || errno || !isfinite(v))
        return 0;
    if (out)
        *out = v;
    return 1;
}
