/* batch.h — many records through one pipeline: files, directories, a list
 * of paths, or a stream of concatenated <assessment> documents, each
 * assessed in input order and written as one JSON line (JSON Lines). A
 * record that fails becomes an error line and the batch goes on. The
 * pipeline (CLIPS environment, schema, note patterns, knowledge facts) is
 * the caller's, built once; a sol_batch holds no global state, so one per
 * thread works.
 * Ownership: the pipeline and the FILEs stay the caller's. */
#ifndef SOL_BATCH_H
#define SOL_BATCH_H

#include <stdio.h>

#include "sol.h"
#include "pipeline.h"

typedef struct sol_batch sol_batch;

/* want_next: also rank what to assess next for each record (slow: dozens
 * of trial runs a record). */
int sol_batch_new(sol_batch **out, sol_pipeline *p, FILE *out_json, int want_next);
void sol_batch_free(sol_batch *b); /* NULL is a no-op */

/* Each returns SOL_OK, or SOL_EIO when the output cannot be written (then
 * the batch should stop; d says why). A failed record is not an error of
 * these calls: it is written as an error line and counted. */
int sol_batch_file(sol_batch *b, const char *path, sol_diag *d);
/* Read record files (and *.json in directories) as FHIR instead of XML. */
void sol_batch_set_input(sol_batch *b, sol_input in);
/* Every *.xml under dir, depth first, names in byte order. */
int sol_batch_dir(sol_batch *b, const char *dir, sol_diag *d);
/* One path a line (blank lines skipped); each a file or a directory. */
int sol_batch_paths(sol_batch *b, FILE *in, sol_diag *d);
/* Concatenated <assessment> documents (each may start with an XML
 * declaration; whitespace, comments and declarations between them are
 * skipped). name ("-" for stdin) stands for the source in the output.
 * Finding lines are counted from the record's own first line; the output's
 * input.line is where the record starts in the stream. */
int sol_batch_stream(sol_batch *b, FILE *in, const char *name, sol_diag *d);

size_t sol_batch_done(const sol_batch *b);   /* records assessed */
size_t sol_batch_failed(const sol_batch *b); /* error lines written */
/* The most severe error of a failed record (a sol_err), SOL_OK if none. */
int sol_batch_worst(const sol_batch *b);

#endif
