/* engine.h — the only module that talks to CLIPS. Loads rules/NN-*.clp, turns
 * findings and knowledge into facts with the fact API (record text never
 * becomes CLIPS source), runs with a firing cap, and records each firing's
 * rule, matched facts and asserted facts into a sol_graph. One engine can be
 * reset and reused for many records. */
#ifndef SOL_ENGINE_H
#define SOL_ENGINE_H

#include "sol.h"
#include "findings.h"
#include "graph.h"

#define SOL_ENGINE_MAX_FIRINGS 20000

typedef struct sol_engine sol_engine;

typedef struct {
    const char *slot;
    sol_value value;
} sol_slotval;

typedef struct {
    const char *name; /* "MODULE::name" */
    const char *doc;  /* doc string, "" if none */
} sol_rule_info;

/* The binary rule image in a rules directory (CLIPS bsave), and beside it
 * SOL_ENGINE_IMAGE ".sum": a hash of the rule files it was built from,
 * then each rule's doc string (which an image drops) as "name<TAB>doc". */
#define SOL_ENGINE_IMAGE "soleus.img"

/* Load the rules of rules_dir: from the binary image when its sum matches
 * the *.clp files, CLIPS accepts it and every rule's doc string is beside
 * it; else every rule file (*.clp) in name order. Either way the rules and
 * their doc strings are the same. Errors carry CLIPS's message. */
int sol_engine_new(sol_engine **out, const char *rules_dir, sol_diag *d);
void sol_engine_free(sol_engine *e); /* NULL is a no-op */

/* 1 when the loaded rules define MAIN::tmpl (optional knowledge facts are
 * only given to rule sets that declare their template). */
int sol_engine_has_template(const sol_engine *e, const char *tmpl);
/* 1 when the rules' template tmpl has slot and the slot allows the symbol
 * sym (a slot without allowed-symbols allows any); 0 otherwise. */
int sol_engine_slot_allows(const sol_engine *e, const char *tmpl, const char *slot,
                           const char *sym);

/* Remember a knowledge fact (copied) to assert after every reset. */
int sol_engine_add_knowledge(sol_engine *e, const char *tmpl, const sol_slotval *slots, size_t n,
                             sol_diag *d);

/* Reset, assert knowledge and the current-context findings, run. On success
 * *out is the justification graph (caller frees). SOL_ELIMIT when the firing
 * cap is hit. */
int sol_engine_run(sol_engine *e, const sol_findings *f, sol_graph **out, sol_diag *d);

/* A conclusion's final belief as a trial reads it straight from the engine
 * (no provenance, no graph, no report). */
typedef struct {
    char conclusion[64];
    double cf;   /* the final belief fact's cf */
    int support; /* 1: some support vote was cast */
} sol_belief;

/* A trial run for "what to assess next": reset, assert, run without
 * provenance, then read the beliefs. *out (malloc'd, caller frees) holds
 * one entry per conclusion that has a belief fact or a support vote. */
int sol_engine_trial(sol_engine *e, const sol_findings *f, sol_belief **out, size_t *out_n,
                     sol_diag *d);

/* Rules the trials may leave out (names "MODULE::name"; a name the rules
 * do not define is ignored; n = 0 leaves none out): in a trial they fire
 * in their turn but their right-hand sides are skipped. Only for rules
 * that assert nothing a belief or support vote depends on, which is what
 * a trial reads: next-best names the rules outside its belief slice. */
int sol_engine_trial_skip(sol_engine *e, const char *const *names, size_t n);

/* The loaded rules, in definition order. Strings owned by the engine. */
size_t sol_engine_rule_count(const sol_engine *e);
const sol_rule_info *sol_engine_rule_at(const sol_engine *e, size_t i);

#endif
