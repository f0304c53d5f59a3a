/* graph.h — the justification graph of one run: every fact the engine held
 * (input findings, knowledge facts, derived facts) and every rule firing with
 * the facts that matched it and the facts it asserted. Built by engine.c from
 * CLIPS's own record of activations; read by report.c and the explainers.
 * A sol_graph owns everything reachable from the structs it returns. */
#ifndef SOL_GRAPH_H
#define SOL_GRAPH_H

#include "sol.h"

typedef struct {
    long long index; /* CLIPS fact index (unique within one run) */
    char *relation;  /* template name without module: "finding", "evidence" … */
    size_t nslots;
    char **slot_names;
    sol_value *slot_values; /* multislots are one SYMBOL of space-joined fields */
    int firing;             /* index of the firing that asserted it; -1 = host */
    int finding;            /* index into the run's sol_findings, else -1 */
} sol_gfact;

typedef struct {
    char *rule; /* "MODULE::name" */
    size_t nbasis;
    size_t *basis; /* graph fact positions that matched the rule */
    size_t nadded;
    size_t *added; /* graph fact positions the firing asserted */
} sol_firing;

typedef struct sol_graph sol_graph;

sol_graph *sol_graph_new(void);
void sol_graph_free(sol_graph *g); /* NULL is a no-op */

/* Memory that lives as long as g, for the strings and arrays of its facts
 * (a bump allocator: a run snapshots thousands of small strings, and a
 * malloc and free for each was most of the cost of provenance). NULL when
 * out of memory. */
void *sol_graph_alloc(sol_graph *g, size_t n);
/* s[0..n) and a NUL, in g's memory. */
char *sol_graph_strndup(sol_graph *g, const char *s, size_t n);
/* A new graph whose first facts are base's (their text shared, not
 * copied: base lives until the last graph built on it is freed). base must
 * not change afterwards. The engine starts every run from the knowledge
 * facts this way instead of copying them again. */
int sol_graph_new_from(sol_graph **out, sol_graph *base);
/* Add *f (f is left zeroed). Its strings, slot arrays and symbol values
 * must come from sol_graph_alloc of g: the graph frees them with itself. */
int sol_graph_add_fact(sol_graph *g, sol_gfact *f, size_t *out_pos);
/* basis: CLIPS fact indices (unknown ones are skipped). */
int sol_graph_add_firing(sol_graph *g, const char *rule, const long long *basis, size_t nbasis,
                         size_t *out_pos);
int sol_graph_firing_add(sol_graph *g, size_t firing, size_t fact_pos);

size_t sol_graph_fact_count(const sol_graph *g);
const sol_gfact *sol_graph_fact_at(const sol_graph *g, size_t pos);
/* Position of the fact with that CLIPS index, or -1. */
long sol_graph_find_index(const sol_graph *g, long long index);
size_t sol_graph_firing_count(const sol_graph *g);
const sol_firing *sol_graph_firing_at(const sol_graph *g, size_t i);

/* A slot's value, or NULL when the fact has no such slot. */
const sol_value *sol_gfact_slot(const sol_gfact *f, const char *slot);
/* A slot's symbol text, or "" when absent or not a symbol. */
const char *sol_gfact_sym(const sol_gfact *f, const char *slot);

/* The input findings (indices into the run's findings, sorted, unique) that
 * fact pos rests on, following firings back transitively. *out is malloc'd,
 * caller frees. */
int sol_graph_findings_under(const sol_graph *g, size_t pos, size_t **out, size_t *out_n);

#endif
