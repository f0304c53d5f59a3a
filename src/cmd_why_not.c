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
    sol_pipeline *p = NULL;
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    sol_kb *kb = NULL;
    sol_whynot *w = NULL;
    const sol_condition *cond = NULL;
    char *id = NULL;
    int rc = sol_pipeline_new(&p, paths->rules_dir, paths->knowledge_dir, &d);
    if (rc)
        goto cleanup;
    if ((rc = sol_explain_resolve(&cond, sol_pipeline_catalog(p), concl, &d)))
        goto cleanup;
    if ((rc = sol_kb_load(&kb, paths->rules_dir, paths->knowledge_dir, &d)))
        goto cleanup;
    if ((rc = sol_pipeline_read_assess(p, file, &f, &id, &a, &d)))
        goto cleanup;
    if ((rc = sol_whynot_build(&w, p, a->report, kb, cond, &d)))
        goto cleanup;
    if ((rc = sol_whynot_write_text(stdout, w)))
        sol_diag_set(&d, rc, "", 0, "cannot write the analysis");
cleanup:
    if (rc)
        sol_cli_print_diag(&d);
    sol_whynot_free(w);
    sol_kb_free(kb);
    sol_assessment_free(a);
    sol_findings_free(f);
    free(id);
    sol_pipeline_free(p);
    return sol_cli_exit_status(rc);
}
