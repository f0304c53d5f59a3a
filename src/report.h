/* report.h — the report model of one assessment, shared by every writer.
 * Built from the justification graph, the findings and the catalogues; holds
 * conclusions ranked by tier and certainty, each with the arithmetic of its
 * certainty factor and the findings and sources behind every contribution.
 * A sol_report owns everything reachable from the structs it returns; it
 * borrows the findings, vocabulary, catalogue and graph, which must outlive it. */
#ifndef SOL_REPORT_H
#define SOL_REPORT_H

#include "sol.h"
#include "catalog.h"
#include "engine.h"
#include "findings.h"
#include "graph.h"
#include "vocab.h"

/* One rule's vote on a conclusion and what it did to the belief. */
typedef struct {
    const char *rule;          /* MODULE::name */
    const char *rule_id;       /* brief id (R19) or X-name */
    const char *sources;       /* "S5,S4,L10" */
    const char *rationale;
    const char *polarity;      /* support|oppose|prior */
    const char *strength;      /* strong|moderate|weak|prior */
    double cf;                 /* signed cf of this evidence */
    double before, after;      /* belief before/after combining it (either may be
                                  negative: a vote against can open a belief) */
    int combined;              /* 1: folded into the belief (before/after valid) */
    size_t firing;             /* firing that asserted the evidence */
    size_t nfindings;
    size_t *findings;          /* indices into the findings, sorted */
} sol_rcontrib;

typedef struct {
    const char *id;
    const sol_condition *cond; /* catalogue entry (never NULL) */
    char tier;
    double cf;                 /* combined certainty factor */
    int rank;                  /* 1-based within its tier */
    int deferred;              /* T/K held back while a red flag stands */
    size_t belief_fact;        /* graph position of the final belief fact */
    size_t ncontrib;
    sol_rcontrib *contrib;     /* in combination order */
} sol_rconclusion;

typedef struct {
    const sol_recommendation *rec;
    const char *for_id;        /* conclusion it serves ("" for safety net) */
    const char *rule;          /* MODULE::name that recommended it */
    const char *rule_id;
    const char *sources;       /* the rule's sources */
    size_t firing;
} sol_rrec;

typedef struct {
    const char *finding;       /* vocabulary name */
    const char *label;
    const char *screen;        /* s4|wells */
    int asked;                 /* 1: the record says "unknown"; 0: not recorded */
} sol_runanswered;

typedef struct {
    const char *finding;
    const char *label;
    const char *because;       /* conclusion or reason symbol */
    const char *rule;
    const char *rule_id;
    int population;            /* 1: from a population tendency rule (R55-R57) */
    int withheld;              /* 1: a red flag stands, so no further test on the
                                  leg is suggested until medical clearance (R58) */
} sol_radvice;

typedef struct sol_report sol_report;

/* rules: rule names and doc strings (from the engine), n of them. */
typedef struct {
    const char *name;
    const char *doc;
} sol_ruledoc;

int sol_report_build(sol_report **out, const char *record_id, const char *record_file,
                     const sol_findings *f, const sol_graph *g, const sol_catalog *cat,
                     const sol_vocab *vocab, const sol_ruledoc *rules, size_t nrules,
                     sol_diag *d);
void sol_report_free(sol_report *r);   /* NULL is a no-op */

const char *sol_report_record_id(const sol_report *r);
const char *sol_report_record_file(const sol_report *r);
const sol_findings *sol_report_findings(const sol_report *r);
const sol_graph *sol_report_graph(const sol_report *r);
const sol_vocab *sol_report_vocab(const sol_report *r);
const sol_catalog *sol_report_catalog(const sol_report *r);

/* What a report would rank from bare beliefs (a trial run): for each tier
 * of tiers (e.g. "ATKX") the top conclusion's id ("" when none) and cf, and
 * whether a red flag stands, by the same rules as sol_report_build. */
void sol_report_tops_of(const sol_belief *b, size_t n, const sol_catalog *cat,
                        const char *tiers, char top[][64], double cf[], int *red_flag);

/* Conclusions sorted: red flags by urgency then cf, then T, K, X by cf. */
size_t sol_report_conclusion_count(const sol_report *r);
const sol_rconclusion *sol_report_conclusion_at(const sol_report *r, size_t i);
const sol_rconclusion *sol_report_conclusion(const sol_report *r, const char *id);
/* 1 when a red flag (tier A with urgency emergency/urgent/non-urgent) stands. */
int sol_report_has_red_flag(const sol_report *r);
/* 1 when management advice is suppressed (R58), and by which conclusions. */
int sol_report_suppressed(const sol_report *r);
size_t sol_report_recommendation_count(const sol_report *r);
const sol_rrec *sol_report_recommendation_at(const sol_report *r, size_t i);
size_t sol_report_unanswered_count(const sol_report *r);
const sol_runanswered *sol_report_unanswered_at(const sol_report *r, size_t i);
size_t sol_report_advice_count(const sol_report *r);
const sol_radvice *sol_report_advice_at(const sol_report *r, size_t i);

/* 1 for the sex and seated-work tendency rules (R55-R57, S4): they may only
 * reorder tests and nudge priors, and the writers label them as population
 * tendencies with the contrary evidence (L11). */
int sol_rule_is_population(const char *rule_id);

/* Split a rule doc string "id | sources | rationale" into its parts (copied
 * into the caller's buffers, trimmed). Returns 0 when well-formed. */
int sol_ruledoc_parse(const char *doc, char *id, size_t idlen, char *sources,
                      size_t srclen, char *rationale, size_t ratlen);

#endif
