/* kb_int.h — internals shared by kb.c (model), kb_read.c (s-expression reader,
 * arena) and kb_eval.c (evaluation). Not a public interface: other modules
 * include kb.h only. */
#ifndef SOL_KB_INT_H
#define SOL_KB_INT_H

#include "kb.h"

#include <stddef.h>
#include <string.h>

/* ---- Arena: every string and array of the model lives here ---- */

typedef struct kb_block kb_block;
typedef struct {
    kb_block *head;
} kb_arena;

void *kb_alloc(kb_arena *a, size_t n); /* zeroed; NULL on ENOMEM */
char *kb_strndup(kb_arena *a, const char *s, size_t n);
char *kb_strdup(kb_arena *a, const char *s);
void kb_arena_free(kb_arena *a);

/* A growable array, then moved into the arena. It starts in its own inline
 * room (most rules' lists are short), so building one costs no malloc. Not
 * to be copied by value while in use: p may point into it. */
#define KB_VEC_INLINE 512
typedef struct {
    void *p;
    size_t n, cap, size;
    max_align_t inl[KB_VEC_INLINE / sizeof(max_align_t)];
} kb_vec;

void kb_vec_init(kb_vec *v, size_t size);
void *kb_vec_push(kb_vec *v);                               /* zeroed slot or NULL */
void *kb_vec_finish(kb_vec *v, kb_arena *a, size_t *out_n); /* frees v */
void kb_vec_free(kb_vec *v);
void kb_vec_move(kb_vec *to, kb_vec *from); /* from is left empty */

/* ---- S-expressions with line numbers ---- */

typedef enum {
    KB_LIST,   /* ( … ) */
    KB_ATOM,   /* symbol, number, ?var, $?var, <-, => … */
    KB_STRING, /* "…" (text unescaped) */
    KB_AMP,    /* & */
    KB_BAR,    /* | */
    KB_TILDE,  /* ~ */
    KB_COLON,  /* : before ( */
    KB_EQUALS  /* = before ( */
} kb_ntype;

typedef struct kb_node kb_node;
struct kb_node {
    kb_ntype type;
    int line;
    char *text;     /* ATOM, STRING; NULL for LIST (kb_node_text) */
    kb_node **kids; /* LIST */
    size_t nkids;
    size_t tlen; /* length of its collapsed text (kb_node_measure) */
};

/* Read all top-level forms of text. Nodes are arena-allocated. On error
 * returns SOL_EPARSE naming file and line. */
int kb_read(kb_arena *a, const char *text, const char *file, kb_node ***out, size_t *out_n,
            sol_diag *d);

/* Atom text when n is an ATOM, else NULL. */
const char *kb_atom(const kb_node *n);
int kb_is_atom(const kb_node *n, const char *text);
int kb_is_var(const char *s); /* ?x or $?x (not bare ? / $?) */
/* s after its "MOD::" (first "::"), or s itself; NULL stays NULL. */
const char *kb_strip_module(const char *s);
/* 1 when n is a list whose head, module stripped, is name ((MOD::finding …)).
 * Asked of every list of a rule, so inline (strlen of a literal folds) and
 * the head's last letters are compared first. */
static inline int kb_head_is(const kb_node *n, const char *name)
{
    const kb_node *h = n->type == KB_LIST && n->nkids ? n->kids[0] : NULL;
    size_t len = strlen(name);

    return h && h->type == KB_ATOM && h->tlen >= len &&
           memcmp(h->text + h->tlen - len, name, len) == 0 &&
           strcmp(kb_strip_module(h->text), name) == 0;
}
int kb_is_number(const char *s, double *out);

/* Set n->tlen from its text or its members' tlen: every node made outside
 * the reader must be measured before its text (or a parent's) is taken. */
void kb_node_measure(kb_node *n);
/* Collapsed source text of a node / of a run of list members (arena). */
const char *kb_node_text(kb_arena *a, const kb_node *n);
const char *kb_nodes_text(kb_arena *a, kb_node *const *nodes, size_t n);

/* ---- Model building (kb.c drives, kb_rule.c reads defrules) ---- */

#define KB_MAX_TVARS 32

typedef struct {
    sol_kb *kb;
    kb_arena *a;
    const char *file;   /* current file (arena copy) */
    const char *module; /* current module (CLIPS keeps it across files) */
    sol_diag *d;
    kb_vec rules, modules, templates, functions;
    /* threshold variables of the rule being read: ?t -> threshold name */
    const char *tvar[KB_MAX_TVARS];
    const char *tname[KB_MAX_TVARS];
    size_t ntv;
} kb_builder;

int kb_oom(kb_builder *b, int line); /* records "out of memory" */
/* "MOD::name" -> module copy and name; bare name -> current module. */
int kb_split_name(kb_builder *b, const char *qname, const char **module, const char **name);
int kb_parse_defrule(kb_builder *b, const kb_node *n);
/* (Re)build kb->units from the rules and their instances. */
int kb_index_units(sol_kb *kb, sol_diag *d);

/* The model's handle (definition used by kb.c and kb_eval.c). */
struct sol_kb {
    kb_arena arena;
    sol_kb_rule *rules;
    size_t nrules;
    const char **modules;
    size_t nmodules;
    sol_kb_template *templates;
    size_t ntemplates;
    sol_kb_function *functions;
    size_t nfunctions;
    sol_kb_threshold *thresholds;
    size_t nthresholds;
    const char *thresholds_file;
    const sol_kb_rule **units; /* sol_kb_unit_at (kb_index_units) */
    size_t nunits;
    struct sol_catalog *thresholds_cat; /* held open while the model lives, so a
                                           catalogue loaded beside it shares the
                                           one parsed thresholds.tsv */
};

#endif
