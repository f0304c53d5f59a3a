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
    int span;               /* a note's byte span after AT (", bytes A-B") */
    int lines;              /* DOT labels: "NAME = VALUE\nnote, AT\n"QUOTE"" */
    int raw;                /* quote as it is (the output format escapes it);
                               else control characters escaped */
    const char *lq, *rq;    /* quote marks; NULL: '"' */
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

/* "Wells DVT score: 2 points, moderate band (moderate from 1, high from 3;
 * L1)", or NULL when the Wells rules did not run. */
const char *sol_wr_wells_text(const sol_glance *g, char *buf, size_t len);

#endif
