/* cmd_check.c — `soleus check FILE...`: every problem of each record, not
 * only the first, as "FILE:LINE: error: message" (with what was expected and
 * a "did you mean"), plus a note for every value converted from a unit form,
 * then one verdict line per file. Nothing is assessed. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "record.h"
#include "vocab.h"

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus check FILE...\n");
    return SOL_EXIT_USAGE;
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
    sol_diag d = { "", 0, "" };
    sol_vocab *v = NULL;
    int status = SOL_EXIT_OK, nfiles = 0, rc;

    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1])
            return usage();
        else
            nfiles++;
    if (!nfiles)
        return usage();
    snprintf(vpath, sizeof vpath, "%s/vocabulary.tsv", p->knowledge_dir);
    snprintf(schema, sizeof schema, "%s/record.rng", p->knowledge_dir);
    rc = sol_vocab_load(&v, vpath, &d);
    if (rc != SOL_OK) {
        sol_cli_print_diag(&d);
        return sol_cli_exit_status(rc);
    }
    for (int i = 1; i < argc; i++) {
        sol_record_problems all = { 0 };
        size_t nerr = 0;

        memset(&d, 0, sizeof d);
        rc = sol_record_check(&all, argv[i], schema, v, &d);
        for (size_t k = 0; k < all.n; k++) {
            const sol_record_problem *pr = &all.items[k];
            nerr += pr->error;
            if (pr->d.line > 0)
                printf("%s:%d: %s: %s\n", pr->d.file, pr->d.line,
                       pr->error ? "error" : "note", pr->d.msg);
            else
                printf("%s: %s: %s\n", pr->d.file, pr->error ? "error" : "note",
                       pr->d.msg);
        }
        if (rc == SOL_OK)
            printf("%s: ok, ready to assess\n", argv[i]);
        else
            printf("%s: %zu error%s\n", argv[i], nerr ? nerr : 1,
                   nerr == 1 || !nerr ? "" : "s");
        status = worse(status, sol_cli_exit_status(rc));
        sol_record_problems_clear(&all);
    }
    sol_vocab_free(v);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "soleus: cannot write the output\n");
        return SOL_EXIT_INTERNAL;
    }
    return status;
}
