/* write_int.h — what the writers share and nothing else uses: how a
 * conclusion is named, how a finding is cited with its place in the record,
 * and the words for a next-best answer's effect. Pure formatting over the
 * report model (write_common.c); every function writes into the caller's
 * buffer and returns it. */
#ifndef SOL_WRITE_INT_H
#define SOL_WRITE_INT_H

#include "glance.h"
#include "report.h"

/* "label (code)" from the catalogue, or the id when it has no entry. */
const char *sol_wr_condition_name(const sol_report *r, const char *id, char *buf, size_t len);

/* How a writer cites a finding:
 *   record:  NAME = VALUE (AT)
 *   note:    NAME = VALUE (note, AT: "QUOTE")
 *   what-if: NAME = VALUE (what-if)
 * AT is the place in the record (line or FHIR path) as the writer shows or
 * links it, so the citation comes in two parts, before and after AT. */
typedef struct {
    int span;            /* a note's byte span after AT (", bytes A-B") */
    int lines;           /* DOT labels: "NAME = VALUE\nnote, AT\n"QUOTE"" */
    int raw;             /* quote as it is (the output format escapes it);
                               else control characters escaped */
    const char *lq, *rq; /* quote marks; NULL: '"' */
} sol_wr_cite_style;

/* The parts of f's citation with its value written as val (caller's units);
 * returns 1 when AT goes between pre and post, 0 when there is none. */
int sol_wr_cite_parts(const sol_finding *f, const char *val, const sol_wr_cite_style *st,
                      char *pre, size_t prelen, char *post, size_t postlen);
/* The whole citation with AT given. */
const char *sol_wr_cite(const sol_finding *f, const char *val, const char *at,
                        const sol_wr_cite_style *st, char *buf, size_t len);

/* What a next-best answer does, in words ("red flag raised: possible-dvt
 * (A1) 0.60; top driver: none -> driver-overstride (K1) 0.80"), from its
 * effects (report.h). */
const char *sol_wr_effect_text(const sol_report *r, const sol_nb_answer *a, char *buf,
                               size_t len);

/* "refer now (emergency)", "refer soon (urgent)", "refer (non-urgent)",
 * "no red flag on the answers given". */
const char *sol_wr_action_text(const sol_glance *g);

/* A value with its vocabulary unit: "120 days", "3.5 km", "yes". */
const char *sol_wr_value(const sol_report *r, const char *finding, const sol_value *v, char *buf,
                         size_t len);

/* "visit 2, 2026-03-14, A. Physio" from the record's visit details, or ""
 * when it gave none. Returns buf. */
const char *sol_wr_visit_text(const sol_report *r, char *buf, size_t len);

/* The sources of the rules that support conclusion id (a red flag), each
 * once, comma-separated into buf: what a safety measure serving the flag
 * cites. Returns buf. */
const char *sol_wr_flag_sources(const sol_report *r, const char *id, char *buf, size_t len);

/* The banded score and its band with every cut-off and the sources, from
 * knowledge/score-bands.tsv ("Wells DVT score: 2 points, moderate band
 * (moderate from 1, high from 3; L1)"), or NULL when the rules built no
 * such score. */
/* A tier's title (knowledge/tiers.tsv) in capitals (upper: text headings)
 * or in lower case (run into a sentence), into buf. */
const char *sol_wr_tier_title(const sol_tier *t, int upper, char *buf, size_t len);

const char *sol_wr_score_text(const sol_report *r, const sol_glance *g, char *buf, size_t len);

#endif
