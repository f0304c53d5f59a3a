/* cmd_why_not.c — `soleus why-not FILE CONCLUSION`: for a conclusion that
 * was not reached, the rules that could reach it, their conditions against
 * this case, and the smallest checked set of finding changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "explain.h"
#include "kb.h"
#include "pipeline.h"
#include "whynot.h"

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus why-not FILE CONCLUSION\n");
    return SOL_EXIT_USAGE;
}

int sol_cmd_why_not(const sol_paths *paths, int argc, char **argv)
{
    const char *file = NULL, *concl = NULL;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            return usage();
        if (!file)
            file = argv[i];
        else if (!concl)
            concl = argv[i];
        else
            return usage();
    }
    if (!file || !concl)
        return usage();

    sol_diag d = {0};
    sol_cli_case c;
    sol_whynot *w = NULL;
    int rc = sol_cli_case_open(&c, paths->rules_dir, paths->knowledge_dir, file, concl, &d);
    if (rc)
        goto cleanup;
    if ((rc = sol_whynot_build(&w, c.p, c.a->report, c.kb, c.cond, &d)))
        goto cleanup;
    if ((rc = sol_whynot_write_text(stdout, w)))
        rc = sol_diag_set(&d, rc, "", 0, "cannot write the analysis");
cleanup:
    if (rc)
        sol_cli_print_diag(&d);
    sol_whynot_free(w);
    sol_cli_case_close(&c);
    return sol_cli_exit_status(rc);
}
