/* lint.h — static checks of the knowledge base: rules (read through the kb
 * model) against the vocabulary, catalogues and thresholds in knowledge/.
 * The checks are a library so tests can run them on fixture knowledge bases;
 * `soleus lint` prints the messages. See docs/audit.md for every check.
 * A sol_lint owns every message and string it hands out. */
#ifndef SOL_LINT_H
#define SOL_LINT_H

#include <stddef.h>

#include "sol.h"

typedef enum { SOL_LINT_ERROR, SOL_LINT_WARNING } sol_lint_severity;

typedef struct {
    const char *file; /* file the message is about; "" when none */
    int line;         /* 0 when the whole file is meant */
    sol_lint_severity severity;
    const char *check; /* check name, e.g. "unknown-source" */
    const char *text;  /* what is wrong, naming the item */
} sol_lint_msg;

typedef struct {
    const char *name;           /* e.g. "unknown-source" */
    sol_lint_severity severity; /* severity of its messages */
    const char *meaning;        /* one line: what it finds and why it matters */
} sol_lint_check;

typedef struct sol_lint sol_lint;

/* Lint the knowledge base in rules_dir and knowledge_dir. A file that does
 * not load becomes an error message (check "load"), not a failure, and the
 * checks that need it are skipped. Messages are sorted by file, line and
 * check. Returns SOL_OK, or SOL_ENOMEM (d says so, *out is NULL). On success
 * the caller frees *out with sol_lint_free. */
int sol_lint_run(sol_lint **out, const char *rules_dir, const char *knowledge_dir, sol_diag *d);
void sol_lint_free(sol_lint *l); /* NULL is a no-op */

size_t sol_lint_count(const sol_lint *l);
const sol_lint_msg *sol_lint_at(const sol_lint *l, size_t i);
size_t sol_lint_error_count(const sol_lint *l);
size_t sol_lint_warning_count(const sol_lint *l);

/* "FILE:LINE: error: text [check]" into buf (truncated to len); returns buf. */
const char *sol_lint_format(const sol_lint_msg *m, char *buf, size_t len);

/* Every check, in a fixed order; *n gets the count. Static storage. */
const sol_lint_check *sol_lint_checks(size_t *n);

#endif
