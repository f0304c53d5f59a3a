/* writers.h — one writer per output format over the shared report model
 * (cmark style: text.c, json.c …). Each writes to out and returns 0 or a
 * negative sol_err. */
#ifndef SOL_WRITERS_H
#define SOL_WRITERS_H

#include <stdio.h>
#include "report.h"

/* Human-readable assessment: red flags first, then tiers, each with "because". */
int sol_write_text(FILE *out, const sol_report *r);
/* The same as JSON (sorted keys, stable order). */
int sol_write_json(FILE *out, const sol_report *r);
/* Where a record of a batch came from: its file (or "-" for standard
 * input), its number in the input (from 1) and the line it starts on. */
typedef struct {
    const char *source;
    long number;
    long line;
} sol_input_pos;

struct sol_nextbest;
/* The sol_write_json object on one line with an "input" member (in),
 * through a jansson tree; next may be NULL. The benchmark's reference for
 * sol_write_jsonl. */
int sol_write_json_line(FILE *out, const sol_report *r, const struct sol_nextbest *next,
                        const sol_input_pos *in);
/* The same line streamed straight to out (write_jsonl.c): no tree is built;
 * what `soleus batch` writes. */
int sol_write_jsonl(FILE *out, const sol_report *r, const struct sol_nextbest *next,
                    const sol_input_pos *in);
/* The error line, streamed; invalid UTF-8 in message becomes U+FFFD. What
 * `soleus batch` writes. */
int sol_write_jsonl_error(FILE *out, const sol_input_pos *in, int line, int status,
                          const char *message);
/* One line per fact ("conclusion A 1 possible-dvt cf=0.97", "fired RULE" …)
 * for golden tests and scripts. */
int sol_write_summary(FILE *out, const sol_report *r);

/* Shared helper: "name = value (line N)" or, for a note finding,
 * "name = value (note, line N: \"quote\")" into buf. */
const char *sol_format_finding(const sol_finding *f, char *buf, size_t len);

#endif
