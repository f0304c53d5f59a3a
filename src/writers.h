/* writers.h — one writer per output format over the shared report model
 * (cmark style: text.c, json.c …). Each takes only the report (and its own
 * layout options), walks it, writes to out and returns 0 or a negative
 * sol_err. The next-best ranking, when the pipeline computed it
 * (sol_pipeline_assess_next), is part of the report. */
#ifndef SOL_WRITERS_H
#define SOL_WRITERS_H

#include <stdio.h>
#include "report.h"

#define SOL_NEXTBEST_SHOW 5 /* next-best findings the text and HTML list */

/* How the text report is laid out: lines wrapped at width (80 when output
 * is not a terminal), bold and colour only when color is 1. */
typedef struct {
    int width;
    int color;
} sol_text_opts;

/* Human-readable assessment: a summary (the action first), red flags, then
 * tiers, each with "because", and "ASSESS NEXT" when the report has the
 * next-best ranking. opts NULL: 80 columns, plain. */
int sol_write_text(FILE *out, const sol_report *r, const sol_text_opts *opts);

/* The same as JSON (sorted keys, stable order). */
int sol_write_json(FILE *out, const sol_report *r);
/* Where a record of a batch came from: its file (or "-" for standard
 * input), its number in the input (from 1) and the line it starts on. */
typedef struct {
    const char *source;
    long number;
    long line;
} sol_input_pos;

/* The sol_write_json object on one line with an "input" member (in).
 * What `soleus batch` writes for each record. */
int sol_write_json_line(FILE *out, const sol_report *r, const sol_input_pos *in);
/* The error line, streamed; invalid UTF-8 in message becomes U+FFFD. What
 * `soleus batch` writes. */
int sol_write_jsonl_error(FILE *out, const sol_input_pos *in, int line, int status,
                          const char *message);
/* One line per fact ("conclusion A 1 possible-dvt cf=0.97", "fired RULE" …)
 * for golden tests and scripts. */
int sol_write_summary(FILE *out, const sol_report *r);

/* One self-contained HTML page (no script, no network): the same content
 * and order as the text report, evidence folded under each conclusion,
 * print styles for A4, and the runner's page from runner (may be NULL: no
 * runner page). Text is escaped by libxml2's HTML serialiser (write_html.c
 * owns that use of libxml2). */
struct sol_runner;
int sol_write_html(FILE *out, const sol_report *r, const struct sol_runner *runner);

#endif
