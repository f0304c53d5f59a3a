/* cli.c — what every sub-command shares: the one mapping from error codes to
 * exit statuses, the one way a diagnostic is printed, and the one way a
 * record is opened for explaining. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"

int sol_cli_exit_status(int err)
{
    switch (err) {
    case SOL_OK: return SOL_EXIT_OK;
    case SOL_EUSAGE: return SOL_EXIT_USAGE;
    case SOL_EIO: return SOL_EXIT_UNREADABLE;
    case SOL_EPARSE:
    case SOL_EINVALID:
    case SOL_ELIMIT: return SOL_EXIT_INVALID;
    case SOL_ENOTFOUND: return SOL_EXIT_USAGE;
    case SOL_EWRITE: return SOL_EXIT_WRITE;
    default: return SOL_EXIT_INTERNAL;
    }
}

void sol_cli_print_diag(const sol_diag *d)
{
    /* A refused value is echoed in the message: escaped, it cannot forge a
     * line ("...\rsoleus: record OK") or drive the terminal. */
    char file[4 * sizeof d->file], msg[4 * sizeof d->msg];

    sol_escape_ctl(file, sizeof file, d->file);
    sol_escape_ctl(msg, sizeof msg, d->msg);
    if (file[0] && d->line > 0)
        fprintf(stderr, "soleus: %s:%d: %s\n", file, d->line, msg);
    else if (file[0])
        fprintf(stderr, "soleus: %s: %s\n", file, msg);
    else
        fprintf(stderr, "soleus: %s\n", msg);
}

int sol_cli_finish(int status)
{
    errno = 0;
    int flushed = fflush(stdout) == 0, err = errno;
    if (flushed && !ferror(stdout))
        return status;
    if (status == SOL_EXIT_OK || status == SOL_EXIT_FINDINGS) {
        fprintf(stderr, "soleus: cannot write to standard output%s%s\n", err ? ": " : "",
                err ? strerror(err) : "");
        return SOL_EXIT_WRITE;
    }
    return status;
}

int sol_cli_case_open(sol_cli_case *c, const char *rules_dir, const char *knowledge_dir,
                      const char *file, const char *concl, sol_diag *d)
{
    int rc;

    memset(c, 0, sizeof *c);
    if ((rc = sol_pipeline_new(&c->p, rules_dir, knowledge_dir, d)))
        return rc;
    if (concl && (rc = sol_explain_resolve(&c->cond, sol_pipeline_catalog(c->p), concl, d)))
        return rc;
    if ((rc = sol_kb_load(&c->kb, rules_dir, knowledge_dir, d)))
        return rc;
    return sol_pipeline_read_assess(c->p, file, &c->f, &c->id, &c->a, d);
}

void sol_cli_case_close(sol_cli_case *c)
{
    sol_assessment_free(c->a);
    sol_findings_free(c->f);
    free(c->id);
    sol_kb_free(c->kb);
    sol_pipeline_free(c->p);
    memset(c, 0, sizeof *c);
}
