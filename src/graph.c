/* graph.c — storage for the justification graph of one run (see graph.h).
 * Facts are kept in assertion order; firings refer to facts by position. */
#include "graph.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A block of the graph's fact memory; blocks are chained and freed with
 * the graph. */
typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    max_align_t data[];
} arena_block;

#define ARENA_BLOCK (16 * 1024)

struct sol_graph {
    sol_gfact *facts;
    size_t nfacts, capfacts;
    sol_firing *firings;
    size_t nfirings, capfirings;
    arena_block *arena;     /* facts' strings and arrays (sol_graph_alloc) */
    struct sol_graph *base; /* whose strings the first facts share, or NULL */
    int refs;               /* this graph and the graphs built on it */
};

sol_graph *sol_graph_new(void)
{
    sol_graph *g = calloc(1, sizeof(sol_graph));
    if (g)
        g->refs = 1;
    return g;
}

int sol_graph_new_from(sol_graph **out, sol_graph *base)
{
    sol_graph *g = sol_graph_new();
    *out = NULL;
    if (!g || sol_grow((void **)&g->facts, &g->capfacts, base->nfacts + 16, sizeof(sol_gfact))) {
        free(g);
        return SOL_ENOMEM;
    }
    memcpy(g->facts, base->facts, base->nfacts * sizeof(sol_gfact));
    g->nfacts = base->nfacts;
    g->base = base;
    /* atomic: a graph may be freed on another thread than its engine's */
    __atomic_add_fetch(&base->refs, 1, __ATOMIC_RELAXED);
    *out = g;
    return SOL_OK;
}

void *sol_graph_alloc(sol_graph *g, size_t n)
{
    const size_t align = sizeof(max_align_t);
    arena_block *b = g->arena;
    n = (n + align - 1) / align * align;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = g->arena;
        g->arena = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

char *sol_graph_strndup(sol_graph *g, const char *s, size_t n)
{
    char *p = sol_graph_alloc(g, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void sol_graph_free(sol_graph *g)
{
    if (!g || __atomic_sub_fetch(&g->refs, 1, __ATOMIC_ACQ_REL) > 0)
        return;
    sol_graph_free(g->base);
    for (arena_block *b = g->arena, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    for (size_t i = 0; i < g->nfirings; i++)
        free(g->firings[i].added);
    free(g->facts);
    free(g->firings);
    free(g);
}

int sol_graph_add_fact(sol_graph *g, sol_gfact *f, size_t *out_pos)
{
    if (sol_grow((void **)&g->facts, &g->capfacts, g->nfacts + 1, sizeof(sol_gfact)))
        return SOL_ENOMEM;
    g->facts[g->nfacts] = *f;
    memset(f, 0, sizeof(*f));
    if (out_pos)
        *out_pos = g->nfacts;
    g->nfacts++;
    return SOL_OK;
}

long sol_graph_find_index(const sol_graph *g, long long index)
{
    /* Facts arrive in increasing index order: binary search. */
    size_t lo = 0, hi = g->nfacts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->facts[mid].index < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < g->nfacts && g->facts[lo].index == index)
        return (long)lo;
    return -1;
}

int sol_graph_add_firing(sol_graph *g, const char *rule, const long long *basis, size_t nbasis,
                         size_t *out_pos)
{
    if (sol_grow((void **)&g->firings, &g->capfirings, g->nfirings + 1, sizeof(sol_firing)))
        return SOL_ENOMEM;
    sol_firing *fi = &g->firings[g->nfirings];
    memset(fi, 0, sizeof(*fi));
    /* in the graph's arena, like the facts' text */
    fi->rule = sol_graph_strndup(g, rule, strlen(rule));
    fi->basis = nbasis ? sol_graph_alloc(g, nbasis * sizeof(size_t)) : NULL;
    if (!fi->rule || (nbasis && !fi->basis))
        return SOL_ENOMEM;
    for (size_t i = 0; i < nbasis; i++) {
        long pos = sol_graph_find_index(g, basis[i]);
        if (pos >= 0)
            fi->basis[fi->nbasis++] = (size_t)pos;
    }
    if (out_pos)
        *out_pos = g->nfirings;
    g->nfirings++;
    return SOL_OK;
}

int sol_graph_firing_add(sol_graph *g, size_t firing, size_t fact_pos)
{
    sol_firing *fi = &g->firings[firing];
    if (sol_grow_one((void **)&fi->added, fi->nadded, sizeof *fi->added))
        return SOL_ENOMEM;
    fi->added[fi->nadded++] = fact_pos;
    g->facts[fact_pos].firing = (int)firing;
    return SOL_OK;
}

size_t sol_graph_fact_count(const sol_graph *g) { return g->nfacts; }
const sol_gfact *sol_graph_fact_at(const sol_graph *g, size_t pos) { return &g->facts[pos]; }
size_t sol_graph_firing_count(const sol_graph *g) { return g->nfirings; }
const sol_firing *sol_graph_firing_at(const sol_graph *g, size_t i) { return &g->firings[i]; }

const sol_value *sol_gfact_slot(const sol_gfact *f, const char *slot)
{
    for (size_t i = 0; i < f->nslots; i++)
        if (strcmp(f->slot_names[i], slot) == 0)
            return &f->slot_values[i];
    return NULL;
}

const char *sol_gfact_sym(const sol_gfact *f, const char *slot)
{
    const sol_value *v = sol_gfact_slot(f, slot);
    return v && v->kind == SOL_VAL_SYMBOL && v->sym ? v->sym : "";
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

int sol_graph_findings_under(const sol_graph *g, size_t pos, size_t **out, size_t *out_n)
{
    int rc = SOL_ENOMEM;
    size_t *stack = NULL, nstack = 0, capstack = 0;
    size_t *res = NULL, nres = 0, capres = 0;
    unsigned char *seen = calloc(g->nfacts ? g->nfacts : 1, 1);
    if (!seen)
        goto cleanup;
    if (sol_grow((void **)&stack, &capstack, 1, sizeof(size_t)))
        goto cleanup;
    stack[nstack++] = pos;
    while (nstack) {
        size_t p = stack[--nstack];
        if (seen[p])
            continue;
        seen[p] = 1;
        const sol_gfact *f = &g->facts[p];
        if (f->finding >= 0) {
            if (sol_grow((void **)&res, &capres, nres + 1, sizeof(size_t)))
                goto cleanup;
            res[nres++] = (size_t)f->finding;
        }
        if (f->firing < 0)
            continue;
        const sol_firing *fi = &g->firings[f->firing];
        if (sol_grow((void **)&stack, &capstack, nstack + fi->nbasis, sizeof(size_t)))
            goto cleanup;
        for (size_t i = 0; i < fi->nbasis; i++)
            stack[nstack++] = fi->basis[i];
    }
    if (nres)
        sol_sort(res, nres, sizeof(size_t), cmp_size);
    *out = res;
    *out_n = nres;
    res = NULL;
    rc = SOL_OK;
cleanup:
    free(stack);
    free(res);
    free(seen);
    return rc;
}
