/* explain.h — the explanation model: the chain behind one conclusion (or all
 * shown ones) as a tree walked out of the justification graph, from the
 * conclusion to the rules whose evidence moved its certainty, through the
 * derived facts they matched (Wells points, scores, other conclusions'
 * evidence) down to the input findings; plus the same firings as an ordered
 * story (for the teaching register) with the focus-stack phase of each and
 * the fact that matched each pattern. Rule metadata (file, line, doc) comes
 * from the knowledge-base model (kb.h).
 * Ownership: a sol_explain owns its nodes and steps; it borrows the report
 * (and through it the graph, findings and catalogue) and the kb, which must
 * outlive it. */
#ifndef SOL_EXPLAIN_H
#define SOL_EXPLAIN_H

#include <stdio.h>

#include "sol.h"
#include "catalog.h"
#include "graph.h"
#include "kb.h"
#include "report.h"

typedef enum {
    SOL_XN_CONCLUSION, /* a shown conclusion: kids are RULE nodes */
    SOL_XN_RULE,       /* one firing: kids are the facts it matched */
    SOL_XN_FACT,       /* a derived fact: kids are the firings that built it */
    SOL_XN_FINDING,    /* an input finding (leaf) */
    SOL_XN_KNOWLEDGE,  /* a host knowledge fact, e.g. a threshold (leaf) */
    SOL_XN_SEEN        /* a derived fact already expanded earlier in this tree (leaf) */
} sol_xkind;

typedef struct sol_xnode sol_xnode;
struct sol_xnode {
    sol_xkind kind;
    const sol_rconclusion *concl; /* CONCLUSION */
    const sol_rcontrib *contrib;  /* RULE right under a conclusion: its vote and
                                       the belief arithmetic; NULL elsewhere */
    long firing;                  /* RULE: firing index */
    const char *rule;             /* RULE: "MODULE::name" */
    const sol_kb_rule *kbrule;    /* RULE: model entry, NULL when the model lacks it */
    long fact;                    /* FACT, FINDING, KNOWLEDGE, SEEN: graph position */
    const sol_finding *finding;   /* FINDING */
    int exists;                   /* matched an (exists …) element: CLIPS keeps
                                       no basis fact for it, the model found it */
    size_t nkids;
    sol_xnode *kids;
};

/* A pattern of a firing's rule and the fact that matched it. */
typedef struct {
    const sol_kb_cond *cond; /* top-level condition of the rule */
    long fact;               /* graph position, -1 when no single fact
                                       (not, test, exists) */
} sol_xmatch;

/* One firing in the teaching story. */
typedef struct {
    long firing;               /* index in the run */
    const char *rule;          /* "MODULE::name" */
    const sol_kb_rule *kbrule; /* NULL when the model lacks it */
    char module[64];           /* module the rule belongs to */
    int phase;                 /* 1-based place of module in the focus
                                       order, 0 when not in it (MAIN) */
    size_t nmatch;
    sol_xmatch *match; /* one per top-level condition */
    size_t nknown;
    long *known; /* derived facts of the story present
                                       just before this firing */
} sol_xstep;

typedef struct sol_explain sol_explain;

/* Build the explanation of conclusion cond (NULL: every shown conclusion,
 * in report order). kb may be NULL (no file/line/doc from the model). A
 * conclusion that is in the catalogue but not shown gives a model with no
 * roots. Caller frees *out. */
int sol_explain_build(sol_explain **out, const sol_report *r, const sol_kb *kb,
                      const sol_condition *cond, sol_diag *d);
void sol_explain_free(sol_explain *x); /* NULL is a no-op */

const sol_report *sol_explain_report(const sol_explain *x);
const sol_kb *sol_explain_kb(const sol_explain *x);
/* The conclusion asked for, or NULL for all. */
const sol_condition *sol_explain_asked(const sol_explain *x);
size_t sol_explain_root_count(const sol_explain *x);
const sol_xnode *sol_explain_root_at(const sol_explain *x, size_t i);
/* Firings of the story in firing order. */
size_t sol_explain_step_count(const sol_explain *x);
const sol_xstep *sol_explain_step_at(const sol_explain *x, size_t i);
/* The input findings the story starts from (indices into the findings, sorted). */
size_t sol_explain_finding_count(const sol_explain *x);
size_t sol_explain_finding_at(const sol_explain *x, size_t i);
/* Module names in focus-stack order (from the rule that calls focus). */
size_t sol_explain_phase_count(const sol_explain *x);
const char *sol_explain_phase_at(const sol_explain *x, size_t i);

/* Resolve a conclusion argument (its id, e.g. possible-dvt, or its code,
 * e.g. A1, any case). Unknown: SOL_EUSAGE with the closest ids in d. */
int sol_explain_resolve(const sol_condition **out, const sol_catalog *cat, const char *arg,
                        sol_diag *d);

/* ---- justification-graph helpers shared with why-not and next-best ---- */

/* When fact pos replaced an earlier version of itself (a modify: the firing
 * that asserted it matched a fact of the same template with the same first
 * slot), that earlier fact's position; else -1. */
long sol_explain_previous(const sol_graph *g, size_t pos);
/* (*out)[p]: the firing that replaced fact p by a later version of itself
 * (a modify, as sol_explain_previous finds it), or -1 when none did; one
 * entry per graph fact.
 * The caller frees *out. SOL_OK or SOL_ENOMEM. */
int sol_explain_fact_deaths(const sol_graph *g, long **out);
/* superseded[pos] = 1 for every fact a later version replaced. *out is
 * malloc'd (one byte per fact); caller frees. */
int sol_explain_superseded(const sol_graph *g, unsigned char **out);
/* A fact as CLIPS would print it: (relation (slot value) …). */
const char *sol_explain_fact_text(const sol_gfact *f, char *buf, size_t len);
/* Judge a non-finding pattern of the kb model against the current facts
 * of a graph (sol_kb_facts callback); ctx is a sol_explain_facts. */
typedef struct {
    const sol_graph *g;
    const unsigned char *superseded;
    const sol_kb *kb;
} sol_explain_facts;
sol_kb_result sol_explain_fact_judge(void *ctx, const sol_kb_rule *r, const sol_kb_cond *c);

/* Words or CLIPS: by default the writers show facts in clinical words (the
 * finding, the vote, the belief) and patterns as phrases; clips 1 shows the
 * CLIPS fact and pattern syntax instead (for expert-systems courses). */
void sol_explain_set_clips(sol_explain *x, int clips);
int sol_explain_clips(const sol_explain *x);

/* Fact at graph position pos as the writers show it: "finding NAME = V
 * (line N, PATH)", "derived vote of R04d: for …", "knowledge cut-off …" (in
 * CLIPS syntax when clips is set); "-" for pos < 0. Returns buf. */
const char *sol_explain_fact_words(const sol_explain *x, long pos, char *buf, size_t len);

/* Writers of the model (write_explain.c, write_dot.c). teach: 0 terse
 * (for physiotherapists), 1 teaching narrative (firing order). */
int sol_write_explain(FILE *out, const sol_explain *x, int teach);
/* Graphviz digraph: findings (ellipse) -> rules (box) -> derived facts ->
 * conclusions (doubleoctagon); red flags red and bold. */
int sol_write_dot(FILE *out, const sol_explain *x);
/* JSON (write_json.c, docs/schema/explain.schema.json): the chain of every
 * conclusion as a tree and, with teach, the steps in firing order. */
int sol_write_json_explain(FILE *out, const sol_explain *x, int teach);

#endif
