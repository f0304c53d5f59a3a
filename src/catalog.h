/* catalog.h — the clinician-reviewed catalogues in knowledge/: conditions
 * (conclusions), recommendations, sources, strength→certainty factors,
 * thresholds, the safety tables and the listing policy (tiers, urgencies,
 * phases, population tendencies, referrals), each read through table.h.
 * A sol_catalog owns every string reachable from the structs it returns. */
#ifndef SOL_CATALOG_H
#define SOL_CATALOG_H

#include "sol.h"

/* tiers.tsv: how the conclusions of one tier are listed. */
typedef struct {
    char tier;         /* the letter conditions.tsv uses */
    int rank;          /* listing order, 1 first */
    const char *name;  /* one conclusion of the tier: "tissue state" */
    const char *title; /* section heading: "Calf tissue state" */
    int by_severity;   /* 1: by urgency then severity.tsv, never certainty */
    int on_support;    /* 1: listed with any support; 0: with positive belief */
    int deferred;      /* 1: deferred while management is suppressed */
    int managed;       /* 1: lint wants a MANAGE rule for each conclusion */
    int line;
} sol_tier;

typedef struct {
    const char *id;      /* e.g. possible-dvt */
    const char *code;    /* brief id: A1, T2, K8, X1 */
    char tier;           /* 'A', 'T', 'K' or 'X' */
    const char *urgency; /* emergency|urgent|non-urgent|differential|- */
    int suppresses;      /* 1: a supported conclusion suppresses management */
    const char *label;
    const char *description;
    const char *sources;      /* comma list */
    int line;                 /* line in conditions.tsv */
    int severity;             /* rank in severity.tsv (1 = listed first); 0 = none */
    int red_flag;             /* 1: its urgency is a red flag (urgency.tsv) */
    int urgency_rank;         /* rank of its urgency in urgency.tsv (1 = most urgent) */
    const sol_tier *tier_def; /* its row of tiers.tsv (never NULL) */
} sol_condition;

/* urgency.tsv: one urgency of conditions.tsv. */
typedef struct {
    const char *urgency; /* emergency, ..., "-" */
    int rank;            /* 1 = most urgent */
    int red_flag;        /* 1: a supported conclusion of it is a red flag */
    const char *action;  /* refer-now|refer-soon|refer|none */
    int line;
} sol_urgency;

typedef struct {
    const char *id;
    const char
        *phase; /* first-aid|range-of-motion|loading|gait|load|neural|referral|safety-net|... */
    const char *label;
    const char *text;
    const char *contested; /* NULL when not contested, else why (cites a source) */
    const char *sources;
    int line;
} sol_recommendation;

typedef struct {
    const char *id;   /* S1..S5, L1..L19 */
    const char *kind; /* seed|published */
    const char *citation;
    const char *note;
    const char *level; /* guideline|study|review|opinion, NULL when not given */
    int line;
} sol_source;

typedef struct {
    const char *strength; /* strong|moderate|weak|prior */
    double cf;
    const char *levels; /* evidence levels that allow it: "a,b", "*" (any), NULL (not declared) */
    int line;           /* line in strengths.tsv */
} sol_strength;

/* contraindications.tsv: a recommendation never given while `by` stands. */
typedef struct {
    const char *recommendation;
    const char *by; /* a conclusion id or a GATE state (the pipeline checks it
                                against the rules' state template) */
    const char *reason;
    const char *sources;
    int line;
} sol_contraindication;

/* must-not-miss.tsv: one presentation, trigger or benign finding. */
typedef struct {
    const char *conclusion; /* a red flag's id, or "*" for benign rows */
    const char *kind;       /* present | ask | benign */
    const char *id;
    const char *when;     /* ask: trigger "name=value"; else "-" */
    const char *findings; /* present/benign: "name=value ..."; ask: "name ..." */
    const char *sources;
    int line;
} sol_mnm;

/* thresholds.tsv: a numeric cut-off the rules read as a (threshold) fact. */
typedef struct {
    const char *name;
    double value;
    const char *unit;
    const char *status; /* confirmed | default */
    const char *sources;
    const char *note;
    int line; /* line in thresholds.tsv */
} sol_threshold;

/* referrals.tsv: the referral a supported conclusion gets. */
typedef struct {
    const char *conclusion;
    const char *recommendation;
    const char *sources;
    const char *why;
    int line;
} sol_referral;

/* wells.tsv: one item of the Wells DVT score (SCREEN::score-wells-item and
 * score-wells-measure apply the rows). */
typedef struct {
    const char *finding;  /* key */
    const char *value;    /* the answer that scores, or NULL for a measurement */
    const char *at_least; /* a measurement: the cut-off of thresholds.tsv, else NULL */
    int points;
    const char *sources;
    const char *why;
    int line;
} sol_wells_item;

/* sign-sets.tsv: any two of the members present are a vote (the generic
 * sign-pair rules apply the rows). */
typedef struct {
    const char *id;    /* key */
    const char *phase; /* redflag | chain */
    const char *conclusion;
    const char *rule; /* the brief rule id the votes carry */
    const char *strength;
    const char *votes;   /* each-pair | once */
    const char *value;   /* the value each member must have */
    const char *members; /* findings, space-separated */
    const char *sources;
    const char *why;
    int line;
} sol_sign_set;

/* score-bands.tsv: how the total of a score the rules build reads as a band. */
typedef struct {
    const char *score; /* the (score (name N)) fact */
    const char *band;  /* the word the reports show */
    const char *from;  /* a threshold of thresholds.tsv, or "-" (the lowest band) */
    const char *label; /* the score as a reader knows it */
    const char *sources;
    int line;
    double at; /* the threshold's value; -HUGE_VAL for "-" */
} sol_score_band;

typedef struct sol_catalog sol_catalog;

/* Load tiers.tsv, urgency.tsv, phases.tsv, population.tsv, conditions.tsv,
 * recommendations.tsv, sources.tsv, strengths.tsv, severity.tsv,
 * contraindications.tsv, must-not-miss.tsv, referrals.tsv, thresholds.tsv,
 * wells.tsv and sign-sets.tsv
 * from dir. Errors name file and line. Caller frees *out. */
int sol_catalog_load(sol_catalog **out, const char *dir, sol_diag *d);
/* A catalogue of dir/thresholds.tsv alone (for the rule model), read and
 * checked exactly as sol_catalog_load does. Caller frees *out. */
int sol_catalog_load_thresholds(sol_catalog **out, const char *dir, sol_diag *d);
void sol_catalog_free(sol_catalog *c); /* NULL is a no-op */

size_t sol_catalog_condition_count(const sol_catalog *c);
const sol_condition *sol_catalog_condition_at(const sol_catalog *c, size_t i);
const sol_condition *sol_catalog_condition(const sol_catalog *c, const char *id);
size_t sol_catalog_recommendation_count(const sol_catalog *c);
const sol_recommendation *sol_catalog_recommendation_at(const sol_catalog *c, size_t i);
const sol_recommendation *sol_catalog_recommendation(const sol_catalog *c, const char *id);
size_t sol_catalog_source_count(const sol_catalog *c);
const sol_source *sol_catalog_source_at(const sol_catalog *c, size_t i);
const sol_source *sol_catalog_source(const sol_catalog *c, const char *id);
size_t sol_catalog_strength_count(const sol_catalog *c);
const sol_strength *sol_catalog_strength(const sol_catalog *c, const char *strength);
size_t sol_catalog_threshold_count(const sol_catalog *c);
const sol_threshold *sol_catalog_threshold_at(const sol_catalog *c, size_t i);
/* The threshold named name, or NULL. */
const sol_threshold *sol_catalog_threshold(const sol_catalog *c, const char *name);
size_t sol_catalog_score_band_count(const sol_catalog *c);
const sol_score_band *sol_catalog_score_band_at(const sol_catalog *c, size_t i);
/* The evidence levels a source may carry (sources.tsv column 5), NULL-ended. */
extern const char *const sol_evidence_levels[];
/* 1 when strengths.tsv lets a source of this level carry this strength: the
 * level is listed in the strength's third column, the column is "*" or
 * absent, or the strength is unknown. A source without a level (NULL) may
 * carry only what every level may carry. */
int sol_catalog_strength_allows(const sol_catalog *c, const char *strength, const char *level);
/* 1 when strengths.tsv declares allowed levels for any strength. */
int sol_catalog_levels_declared(const sol_catalog *c);
const sol_strength *sol_catalog_strength_at(const sol_catalog *c, size_t i);
size_t sol_catalog_contraindication_count(const sol_catalog *c);
const sol_contraindication *sol_catalog_contraindication_at(const sol_catalog *c, size_t i);
size_t sol_catalog_mnm_count(const sol_catalog *c);
const sol_mnm *sol_catalog_mnm_at(const sol_catalog *c, size_t i);
/* cf of a strength name, or 0.0 when unknown. */
double sol_catalog_cf(const sol_catalog *c, const char *strength);

size_t sol_catalog_referral_count(const sol_catalog *c);
const sol_referral *sol_catalog_referral_at(const sol_catalog *c, size_t i);
/* The row of referrals.tsv for a conclusion and recommendation, or NULL. */
const sol_referral *sol_catalog_referral(const sol_catalog *c, const char *conclusion,
                                         const char *recommendation);

size_t sol_catalog_wells_item_count(const sol_catalog *c);
const sol_wells_item *sol_catalog_wells_item_at(const sol_catalog *c, size_t i);
const sol_wells_item *sol_catalog_wells_item(const sol_catalog *c, const char *finding);
size_t sol_catalog_sign_set_count(const sol_catalog *c);
const sol_sign_set *sol_catalog_sign_set_at(const sol_catalog *c, size_t i);
const sol_sign_set *sol_catalog_sign_set(const sol_catalog *c, const char *id);

/* The tiers in listing order (tiers.tsv); sol_catalog_tier(c, 'T') looks
 * one up by letter, NULL when unknown. */
size_t sol_catalog_tier_count(const sol_catalog *c);
const sol_tier *sol_catalog_tier_at(const sol_catalog *c, size_t i);
const sol_tier *sol_catalog_tier(const sol_catalog *c, char tier);
/* The n-th tier, in listing order, whose conclusions explain the pain
 * (ordered by certainty and managed): 0 the tissue state, 1 the driver; the
 * leads a summary names. NULL when there are fewer. */
const sol_tier *sol_catalog_tier_lead(const sol_catalog *c, size_t n);
/* The tier letters in listing order ("ATKX"), at most len - 1 of them. */
const char *sol_catalog_tier_letters(const sol_catalog *c, char *buf, size_t len);
/* An urgency's row of urgency.tsv; NULL when unknown. */
const sol_urgency *sol_catalog_urgency(const sol_catalog *c, const char *urgency);
/* Rank of a management phase in phases.tsv (1 first); unknown phases get
 * one past the last, so they are listed after every known one. */
int sol_catalog_phase_rank(const sol_catalog *c, const char *phase);
/* The phases in order, for lint: name and line of the i-th. */
/* 1 when a measure of phase that serves a red flag names the red flag
 * beside it (phases.tsv column 4). */
int sol_catalog_phase_cites_red_flag(const sol_catalog *c, const char *phase);
size_t sol_catalog_phase_count(const sol_catalog *c);
const char *sol_catalog_phase_at(const sol_catalog *c, size_t i, int *line);
/* 1 when the brief rule family (R55) is a population tendency only
 * (population.tsv). */
int sol_catalog_is_population(const sol_catalog *c, const char *family);
/* The population rule families, for lint: id and line of the i-th. */
size_t sol_catalog_population_count(const sol_catalog *c);
const char *sol_catalog_population_at(const sol_catalog *c, size_t i, int *line);

#endif
