/* lint_int.h — what lint.c (driver, messages) shares with lint_checks.c
 * (the checks). Not a public interface: other modules include lint.h. */
#ifndef SOL_LINT_INT_H
#define SOL_LINT_INT_H

#include "catalog.h"
#include "kb.h"
#include "lint.h"
#include "vocab.h"

#define LINT_PATH 1024

typedef struct {
    const char *rules_dir;
    const char *knowledge_dir;
    const sol_kb *kb;       /* NULL when the rules did not load */
    const sol_vocab *vocab; /* NULL when vocabulary.tsv did not load */
    const sol_catalog *cat; /* NULL when a catalogue did not load */
    char vocab_path[LINT_PATH];
    char conditions_path[LINT_PATH];
    char recommendations_path[LINT_PATH];
    char thresholds_path[LINT_PATH];
    sol_lint *out;
    int nomem; /* set when a message could not be stored */
} lint_ctx;

/* Record one message; severity comes from the check table. */
void lint_add(lint_ctx *c, const char *file, int line, const char *check, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Run every check that the loaded parts allow. */
void lint_run_checks(lint_ctx *c);

#endif
