/* kb.h — the knowledge-base MODEL: what the rules say, read from the
 * rules/ .clp source text itself (not from CLIPS), with file and line of every
 * rule, conditional element and action. The pipeline loads it once beside the
 * engine (sol_pipeline_kb) for why-not, next-best, coverage, explain and
 * `soleus rules`; lint loads its own. tests/unit/test_differential.c holds
 * its evaluator equal to CLIPS.
 * Ownership: a sol_kb owns every string, array and struct reachable from the
 * pointers it hands out; they live until sol_kb_free. Nothing is copied to the
 * caller, so the caller frees nothing but the sol_kb. */
#ifndef SOL_KB_H
#define SOL_KB_H

#include "sol.h"
#include "findings.h"

typedef struct sol_kb sol_kb;

/* Comparison of a numeric test ?v&:(op ?v N); (op N ?v) is stored flipped. */
typedef enum { SOL_KB_LT, SOL_KB_LE, SOL_KB_GT, SOL_KB_GE, SOL_KB_EQ, SOL_KB_NE } sol_kb_op;

typedef struct {
    sol_kb_op op;
    double value;          /* the constant, or the threshold's value */
    const char *threshold; /* compared with a (threshold (name T)) value: T; else NULL */
    int resolved;          /* 1: value is known (a constant, or T is in thresholds.tsv) */
} sol_kb_numtest;

typedef enum {
    SOL_KB_CONS_ANY = 0, /* slot absent, a bare ?var or a wildcard */
    SOL_KB_CONS_IN,      /* one of values[]: a literal, a|b, :(eq ?v a) */
    SOL_KB_CONS_NOT_IN,  /* none of values[]: ~a, ~a&~b, :(neq ?v a) */
    SOL_KB_CONS_NUM,     /* every tests[] holds (a range when two) */
    SOL_KB_CONS_OPAQUE   /* something else: not analysable */
} sol_kb_cons_kind;

/* A slot constraint. values are literal texts: symbols, numbers as written
 * (e.g. "30", "2.5"), strings without quotes. */
typedef struct {
    sol_kb_cons_kind kind;
    const char *const *values;
    size_t nvalues;
    const sol_kb_numtest *tests;
    size_t ntests;
    const char *var;  /* variable the slot binds ("?v"), or NULL */
    const char *text; /* the constraint as written, "" when absent */
} sol_kb_constraint;

typedef struct {
    const char *name; /* slot name */
    sol_kb_constraint c;
} sol_kb_slot;

typedef enum {
    SOL_KB_CE_FINDING,   /* (finding (name N) (value C)) */
    SOL_KB_CE_EVIDENCE,  /* (evidence (conclusion C) (polarity P) …) */
    SOL_KB_CE_BELIEF,    /* (belief (conclusion C) (cf …)) */
    SOL_KB_CE_CONDITION, /* (condition (id C) (tier …) …): catalogue fact */
    SOL_KB_CE_GATE,      /* (gate …) */
    SOL_KB_CE_THRESHOLD, /* (threshold (name T) (value ?t)) */
    SOL_KB_CE_PATTERN,   /* a pattern on any other template */
    SOL_KB_CE_NOT,       /* (not X): children[0] */
    SOL_KB_CE_AND,       /* (and …), (logical …) */
    SOL_KB_CE_OR,        /* (or …) */
    SOL_KB_CE_EXISTS,    /* (exists …) */
    SOL_KB_CE_TEST,      /* (test …) */
    SOL_KB_CE_OTHER      /* forall, or anything not understood */
} sol_kb_ce_kind;

typedef struct sol_kb_cond sol_kb_cond;
struct sol_kb_cond {
    sol_kb_ce_kind kind;
    int line;          /* line of the CE's opening parenthesis */
    const char *text;  /* source text, whitespace collapsed to single spaces */
    const char *binds; /* fact variable of ?f <- (…), or NULL */
    /* Patterns (FINDING … PATTERN): */
    const char *tmpl; /* template name without module */
    const sol_kb_slot *slots;
    size_t nslots;
    /* Shortcuts into slots (NULL when the slot is absent or not a literal): */
    const char *finding;            /* FINDING: the name; NULL when not a literal */
    const sol_kb_constraint *value; /* FINDING: value constraint (never NULL;
                                       kind ANY when the slot is absent) */
    const char *conclusion;         /* EVIDENCE/BELIEF: conclusion; CONDITION: id */
    const char *polarity;           /* EVIDENCE: polarity */
    const char *threshold;          /* THRESHOLD: name */
    /* TEST: a simple numeric test (op ?v N) is kept as a NUM constraint on
     * value->var; else value->kind is OPAQUE. */
    /* NOT, AND, OR, EXISTS, OTHER: */
    const sol_kb_cond *children;
    size_t nchildren;
};

typedef enum {
    SOL_KB_ACT_EVIDENCE,       /* (assert (evidence …)) */
    SOL_KB_ACT_ADVICE,         /* (assert (advice …)) */
    SOL_KB_ACT_RECOMMENDATION, /* (assert (recommendation …)) */
    SOL_KB_ACT_GATE,           /* (assert (gate …)) */
    SOL_KB_ACT_ASSERT,         /* assert of any other template */
    SOL_KB_ACT_CALL            /* any other top-level call: focus, modify … */
} sol_kb_act_kind;

/* One RHS action. Asserts are found at any depth (inside if/then too); one
 * action per asserted fact. Slot fields are the literal text, or NULL when
 * the slot is absent or not a literal (e.g. a variable). */
typedef struct {
    sol_kb_act_kind kind;
    int line;
    const char *text;        /* source text of the fact, or of the call */
    const char *tmpl;        /* asserted template, or the called function */
    const char *conclusion;  /* EVIDENCE: conclusion; RECOMMENDATION: for */
    const char *polarity;    /* EVIDENCE: support|oppose|prior */
    const char *strength;    /* EVIDENCE: strong|moderate|weak|prior */
    const char *family;      /* EVIDENCE: the brief id the vote carries (rule slot) */
    const char *id;          /* RECOMMENDATION: id */
    const char *finding;     /* ADVICE: finding */
    const char *because;     /* ADVICE, GATE: because */
    const char *state;       /* GATE: state */
    const char *const *args; /* CALL: its arguments that are atoms, in order
                                ((focus SCREEN REDFLAG …): the phase order) */
    size_t nargs;
} sol_kb_action;

typedef struct sol_kb_rule_s {
    const char *module;         /* e.g. TISSUE */
    const char *name;           /* without module */
    const char *qname;          /* MODULE::name */
    const char *file;           /* rules_dir/NN-x.clp as opened */
    int line;                   /* line of "(defrule" */
    const char *doc;            /* doc string, NULL when none */
    int doc_ok;                 /* 1: doc has three non-empty |-separated parts */
    const char *id;             /* the rule's own id: the family plus a, b, c… in
                               file order when the family has several rules
                               (R07a), else the family; NULL when no doc */
    const char *family;         /* doc part 1, the brief's id: Rnn or X-name */
    const char *const *sources; /* doc part 2, split at commas; "-" gives none */
    size_t nsources;
    const char *rationale; /* doc part 3; NULL when missing */
    int has_salience;
    int salience;
    const sol_kb_cond *conds; /* top-level conditional elements, in order */
    size_t nconds;
    const sol_kb_action *actions;
    size_t nactions;
    int rhs_line; /* line of "=>" */
    /* A table-driven rule (its findings are named by a knowledge fact's
     * slots, e.g. SCREEN::score-wells-item) is expanded by sol_kb_expand
     * into one instance per row of its table: */
    int table; /* 1: expanded; rows[] are its instances */
    const struct sol_kb_rule_s *rows;
    size_t nrows;
    const struct sol_kb_rule_s *table_rule; /* an instance: the rule it
                                               instantiates, else NULL */
    const char *row_file;                   /* an instance: its row (knowledge/wells.tsv) */
    int row_line;
    const void *src; /* internal: the rule's source form */
} sol_kb_rule;

typedef struct {
    const char *module;
    const char *name;
    const char *file;
    int line;
    const char *const *slots; /* slot and multislot names, in order */
    size_t nslots;
} sol_kb_template;

typedef struct {
    const char *module;
    const char *name;
    const char *file;
    int line;
} sol_kb_function;

typedef struct {
    const char *name;
    double value;
    int line; /* line in thresholds.tsv */
} sol_kb_threshold;

/* Parse every .clp file of rules_dir in name order. knowledge_dir (may be NULL)
 * supplies thresholds.tsv, read and checked by the catalogue (catalog.h)
 * as every command reads it; a missing file is an error. Errors (unreadable file, unbalanced parentheses, unterminated
 * string, malformed defrule/deftemplate) return SOL_EIO or SOL_EPARSE with
 * file and line in d. On success the caller frees *out with sol_kb_free. */
int sol_kb_load(sol_kb **out, const char *rules_dir, const char *knowledge_dir, sol_diag *d);
/* The same from one buffer (tests); name is used as the file name. */
int sol_kb_parse(sol_kb **out, const char *text, const char *name, sol_diag *d);
void sol_kb_free(sol_kb *kb); /* NULL is a no-op */

/* One knowledge fact the host asserts from a table row: template, slot
 * names and values as text (a multislot's fields space-separated), and the
 * row it came from (file, line, sources, words; NULL/0 when not a row). */
typedef struct {
    const char *tmpl;
    const char *const *slots;
    const char *const *values;
    size_t nslots;
    const char *file;
    int line;
    const char *sources;
    const char *why;
    unsigned integer; /* bit i: values[i] is a whole number (points) */
    int fact_only;    /* 1: asserted, but sol_kb_expand passes it by */
} sol_kb_row;

/* The table rows of knowledge/ the host asserts as facts and the model
 * expands rules over: referrals.tsv (referral), must-not-miss.tsv ask rows
 * (must-ask, one per question), wells.tsv (wells-item, wells-measure) and
 * sign-sets.tsv (sign-set), in that order. The pipeline asserts exactly
 * these; lint expands its model over the same. The must-ask rows are
 * fact_only: SCREEN::ask-must-not-miss-question only lists a question as
 * unanswered, and expanding it would make every asked finding a next-best
 * candidate of its own, which is the screen's job, not next-best's. Free
 * with sol_kb_rows_free. */
typedef struct {
    sol_kb_row *rows;
    size_t n;
    char **strs; /* owned copies the rows point into */
    size_t nstrs, cap, rcap;
} sol_kb_rows;

struct sol_catalog;
int sol_kb_rows_build(sol_kb_rows *out, const struct sol_catalog *cat, const char *knowledge_dir,
                      sol_diag *d);
void sol_kb_rows_free(sol_kb_rows *r);

/* Expand every table-driven rule over rows (the knowledge facts the host
 * asserts): a rule with a top-level pattern on a template that has rows,
 * one of whose variables a finding pattern reads, gets one instance per
 * matching row (per way of matching, for a multifield such as
 * (members $? ?a $? ?b $?)), with the row's values in place of the
 * variables and the table pattern left out. Strings are copied. */
int sol_kb_expand(sol_kb *kb, const sol_kb_row *rows, size_t nrows, sol_diag *d);

/* The units the evaluator judges: every rule in definition order, a
 * table-driven rule replaced by its instances. Why-not, next-best, the
 * findings rules read and the differential test walk these. */
size_t sol_kb_unit_count(const sol_kb *kb);
const sol_kb_rule *sol_kb_unit_at(const sol_kb *kb, size_t i);

size_t sol_kb_rule_count(const sol_kb *kb);
const sol_kb_rule *sol_kb_rule_at(const sol_kb *kb, size_t i);
/* By "MODULE::name", or by bare name when unique; NULL when absent. */
const sol_kb_rule *sol_kb_rule_find(const sol_kb *kb, const char *name);
/* 1 when selector is rule r's own id (R07a) or its family (R07), any case. */
int sol_kb_rule_selected(const sol_kb_rule *r, const char *selector);
/* Index of a rule in definition order, or -1. */
long sol_kb_rule_index(const sol_kb *kb, const sol_kb_rule *r);

/* Modules in the order their defmodule appears (files in name order). */
size_t sol_kb_module_count(const sol_kb *kb);
const char *sol_kb_module_at(const sol_kb *kb, size_t i);

size_t sol_kb_template_count(const sol_kb *kb);
const sol_kb_template *sol_kb_template_at(const sol_kb *kb, size_t i);
size_t sol_kb_function_count(const sol_kb *kb);
const sol_kb_function *sol_kb_function_at(const sol_kb *kb, size_t i);

size_t sol_kb_threshold_count(const sol_kb *kb);
const sol_kb_threshold *sol_kb_threshold_at(const sol_kb *kb, size_t i);
const sol_kb_threshold *sol_kb_threshold_find(const sol_kb *kb, const char *name);
/* Path of thresholds.tsv when it was read, else NULL. */
const char *sol_kb_thresholds_file(const sol_kb *kb);

/* The first EVIDENCE action of r for that conclusion (and polarity, unless
 * polarity is NULL), or NULL. */
const sol_kb_action *sol_kb_rule_asserts(const sol_kb_rule *r, const char *conclusion,
                                         const char *polarity);

/* ---- Evaluating conditions against findings ---- */

typedef enum {
    SOL_KB_FAILED = 0,  /* the findings contradict it */
    SOL_KB_HELD = 1,    /* the findings satisfy it */
    SOL_KB_UNKNOWN = 2, /* a finding it needs is absent (not recorded,
                               or recorded as unknown) */
    SOL_KB_OPAQUE = 3   /* cannot be judged from the model */
} sol_kb_result;

/* Judge a non-finding pattern (evidence, belief, condition, gate, other).
 * Return one of sol_kb_result. */
typedef sol_kb_result (*sol_kb_fact_fn)(void *ctx, const sol_kb_rule *r, const sol_kb_cond *c);

/* What is known besides the findings: fact judges every non-finding pattern
 * (explain.h's sol_explain_fact_judge judges them against a run's facts). A
 * NULL sol_kb_facts means nothing is known: evidence patterns fail, other
 * patterns are OPAQUE. THRESHOLD patterns hold when the threshold is in
 * thresholds.tsv. */
typedef struct {
    sol_kb_fact_fn fact;
    void *ctx;
} sol_kb_facts;

/* Evaluate top-level condition cond_i of rule rule_i. Only current-context
 * findings with a known value count, as in the engine. Semantics follow
 * CLIPS: (not X) holds when X fails or its finding is absent ("not known to
 * be"); or holds when any part holds; and fails when any part fails. Out of
 * range indices give SOL_KB_OPAQUE. */
sol_kb_result sol_kb_eval_condition(const sol_kb *kb, size_t rule_i, size_t cond_i,
                                    const sol_findings *f, const sol_kb_facts *facts);
/* Evaluate any condition node c of rule r (e.g. a child of an or). */
sol_kb_result sol_kb_eval_cond(const sol_kb *kb, const sol_kb_rule *r, const sol_kb_cond *c,
                               const sol_findings *f, const sol_kb_facts *facts);
/* All top-level conditions of the rule, combined as an and. */
sol_kb_result sol_kb_eval_rule(const sol_kb *kb, size_t rule_i, const sol_findings *f,
                               const sol_kb_facts *facts);
/* The same for any rule or unit r of kb. */
sol_kb_result sol_kb_eval_whole(const sol_kb *kb, const sol_kb_rule *r, const sol_findings *f,
                                const sol_kb_facts *facts);
/* The same, judging a finding pattern whose name is one of alternatives,
 * (finding (name a|b) (value yes)), as any of those findings (held when
 * one holds, else unknown when one is absent, else failed) rather than
 * opaque; still opaque when that name is joined with another pattern.
 * Next-best's pruning uses it. */
sol_kb_result sol_kb_eval_whole_alternatives(const sol_kb *kb, const sol_kb_rule *r,
                                             const sol_findings *f, const sol_kb_facts *facts);
/* Does one value satisfy a constraint? HELD, FAILED, or OPAQUE when the
 * constraint is not analysable. */
sol_kb_result sol_kb_constraint_match(const sol_kb_constraint *c, const sol_value *v);

/* The finding pattern among c[0..n) and their children that binds var in
 * its value slot, or NULL: what a (test …) on var is about. (CLIPS keeps a
 * variable bound inside a not/exists local to it, so the first binder found
 * is the one in scope.) */
const sol_kb_cond *sol_kb_binder(const sol_kb_cond *c, size_t n, const char *var);
const char *sol_kb_result_name(sol_kb_result r);   /* "held", "failed" … */
const char *sol_kb_op_text(sol_kb_op op);          /* ">", ">=" … */
const char *sol_kb_ce_kind_name(sol_kb_ce_kind k); /* "finding", "not" … */

#endif
