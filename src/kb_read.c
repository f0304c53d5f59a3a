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

/* A new block for an allocation of n (rounded) bytes. */
static void *alloc_block(kb_arena *a, size_t n)
{
    size_t cap = n > KB_BLOCK_MIN ? n : KB_BLOCK_MIN;
    kb_block *b = malloc(sizeof *b + cap);

    if (!b)
        return NULL;
    b->used = n;
    b->cap = cap;
    b->next = a->head;
    a->head = b;
    return b->data;
}

/* Uninitialised arena memory: the reader fills every byte it asks for.
 * Inline, as the reader asks for every node. */
static inline void *alloc_raw(kb_arena *a, size_t n)
{
    kb_block *b = a->head;
    size_t al = alignof(max_align_t);
    void *p;

    n = n ? (n + al - 1) / al * al : al;
    if (!b || b->cap - b->used < n)
        return alloc_block(a, n);
    p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

void *kb_alloc(kb_arena *a, size_t n)
{
    void *p = alloc_raw(a, n);

    if (p)
        memset(p, 0, n ? n : 1);
    return p;
}

char *kb_strndup(kb_arena *a, const char *s, size_t n)
{
    char *p = alloc_raw(a, n + 1);

    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
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
    v->p = v->inl;
    v->n = 0;
    v->cap = sizeof v->inl / size;
    v->size = size;
}

/* Double the room: the first time out of the inline room, then realloc. */
static int vec_grow(kb_vec *v)
{
    size_t cap = v->cap ? v->cap * 2 : 16;
    void *p;

    if (cap > ((size_t)-1) / 2 / v->size)
        return SOL_ENOMEM;
    p = v->p == (void *)v->inl ? malloc(cap * v->size) : realloc(v->p, cap * v->size);
    if (!p)
        return SOL_ENOMEM;
    if (v->p == (void *)v->inl)
        memcpy(p, v->inl, v->n * v->size);
    v->p = p;
    v->cap = cap;
    return SOL_OK;
}

void *kb_vec_push(kb_vec *v)
{
    void *slot;

    if (v->n == v->cap && vec_grow(v))
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
        p = alloc_raw(a, v->n * v->size);
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
    if (v->p != (void *)v->inl)
        free(v->p);
    v->p = v->inl;
    v->n = 0;
    v->cap = sizeof v->inl / v->size;
}

void kb_vec_move(kb_vec *to, kb_vec *from)
{
    *to = *from;
    if (from->p == (void *)from->inl)
        to->p = to->inl;
    kb_vec_init(from, from->size);
}

/* ---- reader ---- */

typedef struct {
    kb_arena *a;
    const char *s; /* whole text */
    size_t i;      /* position */
    int line;
    const char *file;
    sol_diag *d;
    /* Members of the lists being read, innermost last: one array for the
     * whole text, so a list costs one arena copy of its members and no
     * malloc of its own. */
    kb_node **stack;
    size_t nstack, capstack;
    /* An arena copy of the text: atoms and strings are NUL-terminated in
     * place there (strings unescaped), so their text is never copied on its
     * own. The reader itself reads s, whose delimiters are intact. */
    char *copy;
} reader;

/* Characters that end an atom. */
static const unsigned char delim[256] = {
    ['\0'] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1, ['\v'] = 1,
    ['('] = 1,  [')'] = 1, ['"'] = 1,  [';'] = 1,  ['&'] = 1,  ['|'] = 1,  ['~'] = 1,
};

/* Skip blanks and ; comments, counting lines. The scanning loops here work
 * on local copies of the position: through r, every char read could alias
 * r->i, which would then be stored and reloaded at each character. */
static inline void skip_space(reader *r)
{
    const char *s = r->s + r->i;
    int line = r->line;

    for (;;) {
        char c = *s;

        if (c == '\n') {
            line++;
            s++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            s++;
        } else if (c == ';') {
            const char *e = strchr(s, '\n');

            s = e ? e : s + strlen(s);
        } else {
            break;
        }
    }
    r->i = (size_t)(s - r->s);
    r->line = line;
}

static kb_node *new_node(reader *r, kb_ntype t, int line, char *text, size_t tlen)
{
    kb_node *n = alloc_raw(r->a, sizeof *n);

    if (n) {
        n->type = t;
        n->line = line;
        n->text = text;
        n->kids = NULL;
        n->nkids = 0;
        n->tlen = tlen;
    }
    return n;
}

static int oom(reader *r)
{
    return sol_diag_set(r->d, SOL_ENOMEM, r->file, r->line, "out of memory");
}

static inline int push_node(reader *r, kb_node *n)
{
    if (r->nstack == r->capstack &&
        sol_grow((void **)&r->stack, &r->capstack, r->nstack + 1, sizeof *r->stack))
        return oom(r);
    r->stack[r->nstack++] = n;
    return SOL_OK;
}

/* Move the members pushed since mark into the arena (NULL when none). */
static int pop_nodes(reader *r, size_t mark, kb_node ***out, size_t *out_n)
{
    size_t n = r->nstack - mark;

    *out = NULL;
    *out_n = 0;
    if (n) {
        *out = alloc_raw(r->a, n * sizeof **out);
        if (!*out)
            return oom(r);
        memcpy(*out, r->stack + mark, n * sizeof **out);
        *out_n = n;
    }
    r->nstack = mark;
    return SOL_OK;
}

static int is_connective(kb_ntype t)
{
    return t == KB_AMP || t == KB_BAR || t == KB_TILDE || t == KB_COLON || t == KB_EQUALS;
}

/* A space between two list members, except after a connective and before
 * & or | (?x&~a, :(…)). */
static int spaced(const kb_node *prev, const kb_node *next)
{
    return !is_connective(prev->type) && next->type != KB_AMP && next->type != KB_BAR;
}

static int read_string(reader *r, kb_node **out)
{
    const char *start = r->s + r->i + 1, *c = start;
    size_t nesc = 0, nquote = 0, len;
    int lines = 0;
    kb_node *n;

    /* Find the end, counting escapes (\x stands for x) and lines; strcspn
     * skips the plain runs in between. */
    for (;;) {
        c += strcspn(c, "\"\\\n");
        if (*c == '"')
            break;
        if (*c == '\0' || (*c == '\\' && c[1] == '\0'))
            return sol_diag_set(r->d, SOL_EPARSE, r->file, r->line, "unterminated string");
        if (*c == '\\') {
            nesc++;
            c++;
            nquote += *c == '"' || *c == '\\';
        }
        lines += *c == '\n';
        c++;
    }
    len = (size_t)(c - start) - nesc;
    /* quoted, with " and \ escaped again */
    n = new_node(r, KB_STRING, r->line, r->copy + (start - r->s), len + nquote + 2);
    if (!n)
        return oom(r);
    if (nesc) {
        char *t = n->text;

        for (const char *x = start; x < c; x++) {
            if (*x == '\\')
                x++;
            *t++ = *x;
        }
    }
    n->text[len] = '\0';
    r->i = (size_t)(c - r->s) + 1; /* past the closing quote */
    r->line += lines;
    *out = n;
    return SOL_OK;
}

static int read_node(reader *r, kb_node **out, int depth);

static int read_list(reader *r, kb_node **out, int depth)
{
    int line = r->line, rc;
    kb_node *n = new_node(r, KB_LIST, line, NULL, 0);
    size_t mark = r->nstack;

    if (!n)
        return oom(r);
    if (depth > KB_MAX_DEPTH)
        return sol_diag_set(r->d, SOL_EPARSE, r->file, line, "nesting deeper than %d levels",
                            KB_MAX_DEPTH);
    r->i++;      /* ( */
    n->tlen = 2; /* measured as its members arrive (kb_node_measure) */
    for (;;) {
        kb_node *kid = NULL;

        skip_space(r);
        if (r->s[r->i] == '\0')
            return sol_diag_set(r->d, SOL_EPARSE, r->file, line,
                                "unbalanced parenthesis: '(' is never closed");
        if (r->s[r->i] == ')') {
            r->i++;
            break;
        }
        rc = read_node(r, &kid, depth + 1);
        if (rc == SOL_OK)
            rc = push_node(r, kid);
        if (rc != SOL_OK)
            return rc;
        n->tlen += kid->tlen + (r->nstack - mark > 1 && spaced(r->stack[r->nstack - 2], kid));
    }
    rc = pop_nodes(r, mark, &n->kids, &n->nkids);
    *out = n;
    return rc;
}

/* Read one form at r->i (not a ')', not end of text). */
static int read_node(reader *r, kb_node **out, int depth)
{
    static char connective_text[][2] = {"&", "|", "~", ":", "="};
    const char *start = r->s + r->i, *end = start + 1;
    kb_ntype t;
    kb_node *n;
    char *text;

    if (*start == '(')
        return read_list(r, out, depth);
    if (*start == '"')
        return read_string(r, out);
    switch (*start) {
    case '&': t = KB_AMP; break;
    case '|': t = KB_BAR; break;
    case '~': t = KB_TILDE; break;
    case ':': t = start[1] == '(' ? KB_COLON : KB_ATOM; break;
    case '=': t = start[1] == '(' ? KB_EQUALS : KB_ATOM; break;
    default: t = KB_ATOM; break;
    }
    if (t == KB_ATOM) {
        for (end = start; !delim[(unsigned char)*end];)
            end++;
        text = r->copy + (start - r->s);
        text[end - start] = '\0';
    } else {
        /* not in place: the NUL would land on the next token */
        text = connective_text[t - KB_AMP];
    }
    n = new_node(r, t, r->line, text, (size_t)(end - start));
    if (!n)
        return oom(r);
    r->i = (size_t)(end - r->s);
    *out = n;
    return SOL_OK;
}

/* ---- source text of a node, whitespace collapsed ---- */

/* Length of the members' text, from their measured lengths: the text is
 * then written once, straight into the arena. */
static size_t nodes_len(kb_node *const *k, size_t n)
{
    size_t len = 0;

    for (size_t i = 0; i < n; i++)
        len += k[i]->tlen + (i > 0 && spaced(k[i - 1], k[i]));
    return len;
}

void kb_node_measure(kb_node *n)
{
    if (n->type == KB_LIST) {
        n->tlen = nodes_len(n->kids, n->nkids) + 2;
    } else if (n->type == KB_STRING) {
        n->tlen = 2;
        for (const char *c = n->text; *c; c++)
            n->tlen += 1 + (*c == '"' || *c == '\\');
    } else {
        n->tlen = strlen(n->text);
    }
}

static char *put_nodes(char *p, kb_node *const *k, size_t n);

static char *put_node(char *p, const kb_node *n)
{
    if (n->type == KB_LIST) {
        *p++ = '(';
        p = put_nodes(p, n->kids, n->nkids);
        *p++ = ')';
    } else if (n->type == KB_STRING) {
        *p++ = '"';
        for (const char *c = n->text; *c; c++) {
            if (*c == '"' || *c == '\\')
                *p++ = '\\';
            *p++ = *c;
        }
        *p++ = '"';
    } else {
        memcpy(p, n->text, n->tlen);
        p += n->tlen;
    }
    return p;
}

static char *put_nodes(char *p, kb_node *const *k, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && spaced(k[i - 1], k[i]))
            *p++ = ' ';
        p = put_node(p, k[i]);
    }
    return p;
}

/* Text of nodes[0..n) joined as in a list body. */
const char *kb_nodes_text(kb_arena *a, kb_node *const *nodes, size_t n)
{
    size_t len = nodes_len(nodes, n);
    char *out = alloc_raw(a, len + 1);

    if (out)
        *put_nodes(out, nodes, n) = '\0';
    return out;
}

const char *kb_node_text(kb_arena *a, const kb_node *n)
{
    return kb_nodes_text(a, (kb_node *const *)&n, 1);
}

int kb_read(kb_arena *a, const char *text, const char *file, kb_node ***out, size_t *out_n,
            sol_diag *d)
{
    reader r = {a, text, 0, 1, file, d, NULL, 0, 0, NULL};
    size_t len = strlen(text);
    int rc = SOL_OK;

    *out = NULL;
    *out_n = 0;
    if (!(r.copy = alloc_raw(a, len + 1)))
        return oom(&r);
    memcpy(r.copy, text, len + 1);
    for (;;) {
        kb_node *n = NULL;

        skip_space(&r);
        if (text[r.i] == '\0')
            break;
        if (text[r.i] == ')') {
            rc = sol_diag_set(d, SOL_EPARSE, file, r.line,
                              "unbalanced parenthesis: ')' closes nothing");
            break;
        }
        rc = read_node(&r, &n, 0);
        if (rc == SOL_OK)
            rc = push_node(&r, n);
        if (rc != SOL_OK)
            break;
    }
    if (rc == SOL_OK)
        rc = pop_nodes(&r, 0, out, out_n);
    free(r.stack);
    return rc;
}

const char *kb_atom(const kb_node *n) { return n && n->type == KB_ATOM ? n->text : NULL; }

int kb_is_atom(const kb_node *n, const char *text)
{
    return n && n->type == KB_ATOM && n->text[0] == text[0] && strcmp(n->text, text) == 0;
}

const char *kb_strip_module(const char *s)
{
    /* a plain scan: names are short, and this is asked of every list head */
    for (const char *c = s; c && *c; c++)
        if (c[0] == ':' && c[1] == ':')
            return c + 2;
    return s;
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
