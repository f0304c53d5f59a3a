/* glance.h — the report at a glance, derived from the report model for every
 * human-facing writer (text, HTML): the action first (refer now, refer soon,
 * refer, or no red flag on the answers given), the leading tissue state and
 * driver, the single most useful next question, the Wells total and band,
 * which screening questions could still change the action, the findings read
 * from the notes and the recorded findings no rule used; and how the
 * sections group what they list (a recommendation once for all it serves,
 * withheld advice by reason, population tendencies after the other checks,
 * the nearest miss of an empty tier), so the writers only walk it.
 * A sol_glance borrows the report it was built from, which must outlive it;
 * it owns only its own arrays. */
#ifndef SOL_GLANCE_H
#define SOL_GLANCE_H

#include "report.h"

typedef enum {
    SOL_ACTION_NONE = 0,   /* no red flag on the answers given */
    SOL_ACTION_REFER,      /* non-urgent referral (a red flag, not urgent) */
    SOL_ACTION_REFER_SOON, /* urgent: the same or next day */
    SOL_ACTION_REFER_NOW   /* emergency */
} sol_action;

typedef struct sol_glance sol_glance;

/* Without the next-best ranking in r there is no next question, and every
 * unanswered screening question counts as able to change the action.
 * Caller frees *out. */
int sol_glance_build(sol_glance **out, const sol_report *r, sol_diag *d);
void sol_glance_free(sol_glance *g); /* NULL is a no-op */

sol_action sol_glance_action(const sol_glance *g);
/* The red flags behind the action (the most urgent first), NULL when none. */
const sol_rconclusion *sol_glance_flag(const sol_glance *g);
/* Top tissue state and top driver, NULL when that tier has none. */
const sol_rconclusion *sol_glance_tissue(const sol_glance *g);
const sol_rconclusion *sol_glance_driver(const sol_glance *g);
/* The single most useful next question (first of the next-best ranking that
 * can change the action when a red flag stands), NULL when none. */
const sol_nb_item *sol_glance_next(const sol_glance *g);

/* The total of the score knowledge/score-bands.tsv bands, and its band
 * (the row; the catalogue owns it); 0 when the rules built no such score. */
int sol_glance_score(const sol_glance *g, long long *total, const sol_score_band **band);

/* Unanswered screening questions that could change the action (all of them
 * when no red flag stands); i indexes sol_report_unanswered_at. */
size_t sol_glance_unanswered_count(const sol_glance *g);
const sol_runanswered *sol_glance_unanswered_at(const sol_glance *g, size_t i);

/* Findings read from the notes (current and historical), in record order. */
size_t sol_glance_note_count(const sol_glance *g);
const sol_finding *sol_glance_note_at(const sol_glance *g, size_t i);

/* Recorded findings (structured or from notes, current, with a value) that
 * no rule read: the clinician's picture only. */
size_t sol_glance_unused_count(const sol_glance *g);
const sol_finding *sol_glance_unused_at(const sol_glance *g, size_t i);

/* The referral recommended for the red flag behind the action, or NULL. */
const sol_rrec *sol_glance_referral(const sol_glance *g);

/* A recommendation as the reports list it: once, naming every conclusion it
 * serves (holding treatment for two red flags is one line). */
typedef struct {
    const sol_rrec *rr; /* its first entry in report order */
    size_t nfor;
    const char **fors; /* the conclusions it serves, in report order */
    size_t nflags;
    const char **flags; /* a safety measure: the red flags it serves */
} sol_grec;
size_t sol_glance_rec_count(const sol_glance *g);
const sol_grec *sol_glance_rec_at(const sol_glance *g, size_t i);

/* Recommendations a contraindication holds back, one group per reason (none
 * while management is suppressed: then everything is held already). */
typedef struct {
    const sol_rwithheld *wh;   /* the first: its reason and sources */
    const sol_rconclusion *by; /* the conclusion it is withheld for, or NULL (a
                                   gate state: wh->because names it) */
    size_t n;
    const sol_rwithheld **items;
} sol_gwithheld;
size_t sol_glance_withheld_count(const sol_glance *g);
const sol_gwithheld *sol_glance_withheld_at(const sol_glance *g, size_t i);

/* The suggested checks in the order shown: the population tendencies (S4)
 * after the others. */
size_t sol_glance_check_count(const sol_glance *g);
const sol_radvice *sol_glance_check_at(const sol_glance *g, size_t i);

/* The nearest miss of tier (index in tiers.tsv listing order) when it reached
 * no conclusion: the best next-best answer that would reach one there
 * (*answer set), else NULL. */
const sol_nb_item *sol_glance_nearest(const sol_glance *g, int tier,
                                      const sol_nb_answer **answer);

#endif
