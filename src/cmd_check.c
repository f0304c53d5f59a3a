/* cmd_check.c — `soleus check FILE...`: every problem of each record, not
 * only the first, as "FILE:LINE: error: message" (with what was expected and
 * a "did you mean"), plus a note for every value converted from a unit form,
 * then one verdict line per file. Nothing is assessed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pipeline.h"
#include "record.h"
#include "vocab.h"

#define USAGE "check [--input xml|fhir] FILE|-..."

/* A FHIR record: the reader stops at its first problem, named by JSON path. */
static int check_fhir(sol_pipeline *pl, const char *file)
{
    sol_diag d = {"", 0, ""};
    sol_findings *f = NULL;
    char *id = NULL;
    int rc = sol_pipeline_read_as(pl, SOL_INPUT_FHIR, file, &f, &id, &d);
    if (rc == SOL_OK)
        printf("%s: ok, ready to assess\n", file);
    else
        printf("%s: error: %s\n%s: 1 error\n", d.file[0] ? d.file : file, d.msg, file);
    sol_findings_free(f);
    free(id);
    return sol_cli_exit_status(rc);
}

/* Any invalid record gives 4 (what check is for), else the worst other. */
static int worse(int have, int now)
{
    if (have == SOL_EXIT_INVALID || now == SOL_EXIT_INVALID)
        return SOL_EXIT_INVALID;
    return now > have ? now : have;
}

int sol_cmd_check(const sol_paths *p, int argc, char **argv)
{
    char vpath[1024], schema[1024];
    sol_diag d = {"", 0, ""};
    sol_vocab *v = NULL;
    sol_cli_opts o;
    int status = sol_cli_parse(&o, p, argc, argv, "input", USAGE), rc;

    if (!status && !o.nargs)
        status = sol_cli_usage(USAGE);
    if (status) {
        sol_cli_opts_free(&o);
        return status < 0 ? SOL_EXIT_OK : status;
    }
    p = &o.paths;
    if (o.input == SOL_INPUT_FHIR) {
        sol_pipeline *pl = NULL;
        rc = sol_pipeline_new(&pl, p->rules_dir, p->knowledge_dir, &d);
        if (rc != SOL_OK) {
            sol_cli_print_diag(&d);
            sol_cli_opts_free(&o);
            return sol_cli_exit_status(rc);
        }
        for (size_t i = 0; i < o.nargs; i++)
            status = worse(status, check_fhir(pl, o.args[i]));
        sol_cli_pipeline_done(pl);
        sol_cli_opts_free(&o);
        return status;
    }
    snprintf(vpath, sizeof vpath, "%s/vocabulary.tsv", p->knowledge_dir);
    snprintf(schema, sizeof schema, "%s/record.rng", p->knowledge_dir);
    rc = sol_vocab_load(&v, vpath, &d);
    if (rc != SOL_OK) {
        sol_cli_print_diag(&d);
        sol_cli_opts_free(&o);
        return sol_cli_exit_status(rc);
    }
    for (size_t n = 0; n < o.nargs; n++) {
        const char *file = o.args[n];
        sol_record_problems all = {0};
        size_t nerr = 0;

        memset(&d, 0, sizeof d);
        rc = sol_record_check(&all, file, schema, v, &d);
        for (size_t k = 0; k < all.n; k++) {
            const sol_record_problem *pr = &all.items[k];
            nerr += pr->error;
            if (pr->d.line > 0)
                printf("%s:%d: %s: %s\n", pr->d.file, pr->d.line, pr->error ? "error" : "note",
                       pr->d.msg);
            else
                printf("%s: %s: %s\n", pr->d.file, pr->error ? "error" : "note", pr->d.msg);
        }
        if (rc == SOL_OK)
            printf("%s: ok, ready to assess\n", file);
        else
            printf("%s: %zu error%s\n", file, nerr ? nerr : 1, nerr == 1 || !nerr ? "" : "s");
        status = worse(status, sol_cli_exit_status(rc));
        sol_record_problems_clear(&all);
    }
    sol_vocab_free(v);
    sol_cli_opts_free(&o);
    return status; /* main's sol_cli_finish flushes: a write failure exits 6 */
}
