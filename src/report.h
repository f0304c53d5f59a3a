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
    const char *rule;        /* MODULE::name */
    const char *rule_id;     /* the rule's own id (R07a; R19, X-name) */
    const char *rule_family; /* the brief's id (R07) */
    const char *sources;     /* "S5,S4,L10" */
    const char *rationale;
    const char *row; /* a vote of a table row (sign-sets.tsv): the
                                  table, else NULL; row_line its line */
    int row_line;
    const char *polarity;    /* support|oppose|prior */
    const char *strength;    /* strong|moderate|weak|prior */
    double cf;               /* signed cf of this evidence */
    double before, after;    /* belief before/after combining it (either may be
                                  negative: a vote against can open a belief) */
    int population;          /* 1: its rule is a population tendency only
                                  (knowledge/population.tsv) */
    const char *counted_as;  /* not combined, as it shares a sign with this counted
                                  vote (its brief id; "?" when unnamed); NULL: folded
                                  into the belief, before/after valid */
    const char *shared_sign; /* the basis token both votes rest on, else NULL */
    size_t firing;           /* firing that asserted the evidence */
    size_t nfindings;
    size_t *findings; /* indices into the findings, sorted */
} sol_rcontrib;

typedef struct {
    const char *id;
    const sol_condition *cond; /* catalogue entry (never NULL) */
    char tier;
    double cf;          /* combined certainty factor */
    int rank;           /* 1-based within its tier */
    int deferred;       /* T/K held back while a red flag stands */
    size_t belief_fact; /* graph position of the final belief fact */
    size_t ncontrib;
    sol_rcontrib *contrib; /* in combination order */
    const char *held_by;   /* brief id of a rule that held the combined
                                  belief at a ceiling (X-belief-ceiling), else NULL */
    double held_from;      /* the belief before it was held (valid when held_by) */
} sol_rconclusion;

typedef struct {
    const sol_recommendation *rec;
    const char *for_id; /* conclusion it serves ("" for safety net) */
    const char *rule;   /* MODULE::name that recommended it */
    const char *rule_id;
    const char *sources; /* the rule's sources (a referrals.tsv row's, when
                                  the rule applies that table) */
} sol_rrec;

typedef struct {
    const char *finding; /* vocabulary name */
    const char *label;
    const char *screen; /* s4|wells */
    int asked;          /* 1: the record says "unknown"; 0: not recorded */
    const char *quote;  /* a note named it only through a negation's list
                                  scope: its words, for the clinician to confirm */
    int line;           /* that note's line */
} sol_runanswered;

typedef struct {
    const char *finding;
    const char *label;
    const char *because; /* conclusion or reason symbol */
    const char *rule;
    const char *rule_id;
    int population; /* 1: from a population tendency rule (knowledge/population.tsv) */
    int withheld;   /* 1: a red flag stands, so no further test on the
                                  leg is suggested until medical clearance (R58) */
} sol_radvice;

/* A recommendation withheld by a contraindication (knowledge/
 * contraindications.tsv): GATE blocked it while `because` stands. */
typedef struct {
    const sol_recommendation *rec;
    const char *because; /* a conclusion id or a GATE state */
    const char *reason;  /* the table's reason */
    const char *sources;
} sol_rwithheld;

/* ---- what to assess next (nextbest.h ranks it; the pipeline attaches it) ---- */

#define SOL_NB_TIERS 4 /* tiers compared (knowledge/tiers.tsv, in order) */

/* How one answer changes the picture, one part per kind; tier indexes
 * the listing order of knowledge/tiers.tsv (0: the red flags), and the conclusions and certainties are the answer's
 * top_before/top_after and cf_before/cf_after of that tier. */
typedef enum {
    SOL_NB_RED_RAISED,  /* a red flag now stands (tier 0's new top) */
    SOL_NB_RED_CLEARED, /* no red flag stands any more */
    SOL_NB_TOP_CHANGED, /* the tier's top conclusion is another (or none) */
    SOL_NB_CF_CHANGED   /* the same top, its certainty moved by 0.005 or more */
} sol_nb_effect_kind;

typedef struct {
    sol_nb_effect_kind kind;
    int tier;
} sol_nb_effect;

/* One answer that would change the picture. Per tier (index in the listing
 * order of knowledge/tiers.tsv): the top conclusion before and with this
 * answer. */
typedef struct {
    sol_value value;
    double score; /* 1000 red-flag change, 100 (+10 x its certainty)
                                   per tier whose top changes, else 100 x the
                                   top's certainty change */
    int red_before, red_after;
    char top_before[SOL_NB_TIERS][64]; /* "" when the tier has no conclusion */
    char top_after[SOL_NB_TIERS][64];
    double cf_before[SOL_NB_TIERS], cf_after[SOL_NB_TIERS];
    size_t neffects;
    sol_nb_effect effects[SOL_NB_TIERS + 1]; /* what a clinician is told, in order */
} sol_nb_answer;

typedef struct {
    const char *finding; /* vocabulary name */
    const char *label;
    int asked;    /* 1: recorded as unknown; 0: not recorded */
    double score; /* best answer's score */
    size_t nanswers;
    sol_nb_answer *answers; /* the answers that change something, best first */
} sol_nb_item;

/* Free what item it owns (its answers), not it. */
void sol_nb_item_clear(sol_nb_item *it);

typedef struct sol_report sol_report;

/* rules: rule names and doc strings (from the engine), n of them, sorted
 * by name (strcmp): the report finds each fired rule's by binary search. */
typedef struct {
    const char *name;
    const char *doc;
    const char *uid; /* the rule's own id (R07a, sol_rule_uids), or
                                  NULL: then the doc's id is shown */
} sol_ruledoc;

int sol_report_build(sol_report **out, const char *record_id, const char *record_file,
                     const sol_findings *f, const sol_graph *g, const sol_catalog *cat,
                     const sol_vocab *vocab, const sol_ruledoc *rules, size_t nrules,
                     sol_diag *d);
void sol_report_free(sol_report *r); /* NULL is a no-op */

const char *sol_report_record_id(const sol_report *r);
const char *sol_report_record_file(const sol_report *r);
const sol_findings *sol_report_findings(const sol_report *r);
const sol_graph *sol_report_graph(const sol_report *r);
const sol_vocab *sol_report_vocab(const sol_report *r);
const sol_catalog *sol_report_catalog(const sol_report *r);

/* What a report would rank from bare beliefs (a trial run): for each tier
 * of tiers (e.g. "ATKX") the top conclusion's id ("" when none) and cf, and
 * whether a red flag stands, by the same rules as sol_report_build. */
void sol_report_tops_of(const sol_belief *b, size_t n, const sol_catalog *cat, const char *tiers,
                        char top[][64], double cf[], int *red_flag);

/* Conclusions sorted: red flags by urgency then severity (severity.tsv),
 * then T, K, X by cf; equal cf shares a rank. */
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
/* Recommendations blocked by a contraindication, in table order. */
size_t sol_report_withheld_count(const sol_report *r);
const sol_rwithheld *sol_report_withheld_at(const sol_report *r, size_t i);
size_t sol_report_advice_count(const sol_report *r);
const sol_radvice *sol_report_advice_at(const sol_report *r, size_t i);

/* The record's optional visit details (copied; NULL or "" for absent):
 * date YYYY-MM-DD, clinician, visit number. 0 or SOL_ENOMEM. */
int sol_report_set_visit(sol_report *r, const char *date, const char *clinician,
                         const char *visit);
/* Each NULL when the record did not give it. */
const char *sol_report_date(const sol_report *r);
const char *sol_report_clinician(const sol_report *r);
const char *sol_report_visit(const sol_report *r);

/* The next-best ranking of this record: the report takes items (n of them,
 * from malloc; each cleared with sol_nb_item_clear) and frees them. Set by
 * the pipeline (sol_pipeline_assess_next). */
void sol_report_set_next(sol_report *r, sol_nb_item *items, size_t n);
/* 1 when the ranking was computed (it may hold no item), 0 when not asked. */
int sol_report_has_next(const sol_report *r);
/* Ranked findings, best first. */
size_t sol_report_next_count(const sol_report *r);
const sol_nb_item *sol_report_next_at(const sol_report *r, size_t i);

/* The finding names some rule reads (from the knowledge-base model), so the
 * writers can list recorded findings that no rule uses. Borrowed: names
 * must outlive the report. Not set: only findings a firing matched count as
 * used. */
void sol_report_set_rule_reads(sol_report *r, const char *const *names, size_t n);
/* 1 when some rule reads finding name; -1 when the reads were not set. */
int sol_report_rule_reads(const sol_report *r, const char *name);

/* The rules (MODULE::name) that apply a table row per firing (kb.h's
 * table-driven rules): a writer names the findings such a firing matched,
 * since the rule alone does not say which row it applied. Borrowed. */
void sol_report_set_table_rules(sol_report *r, const char *const *names, size_t n);
int sol_report_table_rule(const sol_report *r, const char *qname);

/* Split a rule doc string "id | sources | rationale" into its parts (copied
 * into the caller's buffers, trimmed; rationale may be NULL when only the id
 * and sources are wanted). Returns 0 when well-formed. */
int sol_ruledoc_parse(const char *doc, char *id, size_t idlen, char *sources, size_t srclen,
                      char *rationale, size_t ratlen);

#endif
