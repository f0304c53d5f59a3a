/* cli.c — what every sub-command shares: the one mapping from error codes to
 * exit statuses, the one way a diagnostic is printed, and the one way a
 * record is opened for explaining. */
#include "cli.h"

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
    default: return SOL_EXIT_INTERNAL;
    }
}

void sol_cli_print_diag(const sol_diag *d)
{
    if (d->file[0] && d->line > 0)
        fprintf(stderr, "soleus: %s:%d: %s\n", d->file, d->line, d->msg);
    else if (d->file[0])
        fprintf(stderr, "soleus: %s: %s\n", d->file, d->msg);
    else
        fprintf(stderr, "soleus: %s\n", d->msg);
}

int sol_cli_case_open(sol_cli_case *c, const char *rules_dir, const char *knowledge_dir,
                      const char *file, const char *concl, sol_diag *d)
{
    return sol_cli_case_open_as(c, SOL_INPUT_XML, rules_dir, knowledge_dir, file, concl, d);
}

int sol_cli_take_input(int *i, int argc, char **argv, sol_input *in)
{
    const char *v;
    if (strcmp(argv[*i], "--input") == 0 && *i + 1 < argc)
        v = argv[++*i];
    else if (strncmp(argv[*i], "--input=", 8) == 0)
        v = argv[*i] + 8;
    else
        return 0;
    if (sol_input_parse(in, v) == SOL_OK)
        return 1;
    fprintf(stderr, "soleus: --input: expected xml or fhir, got '%s'\n", v);
    return -1;
}

int sol_cli_case_open_as(sol_cli_case *c, sol_input in, const char *rules_dir,
                         const char *knowledge_dir, const char *file, const char *concl,
                         sol_diag *d)
{
    int rc;

    memset(c, 0, sizeof *c);
    if ((rc = sol_pipeline_new(&c->p, rules_dir, knowledge_dir, d)))
        return rc;
    if (concl && (rc = sol_explain_resolve(&c->cond, sol_pipeline_catalog(c->p), concl, d)))
        return rc;
    if ((rc = sol_kb_load(&c->kb, rules_dir, knowledge_dir, d)))
        return rc;
    return sol_pipeline_read_assess_as(c->p, in, file, &c->f, &c->id, &c->a, d);
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
