/* cmd_assess.c — `soleus assess [--format text|json|summary] FILE`: one record in,
 * the ranked, explained assessment out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nextbest.h"
#include "pipeline.h"
#include "writers.h"

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus assess [--format text|json|summary] [--no-next] FILE\n");
    return SOL_EXIT_USAGE;
}

int sol_cmd_assess(const sol_paths *paths, int argc, char **argv)
{
    const char *format = "text", *file = NULL;
    int want_next = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
            format = argv[++i];
        else if (strncmp(argv[i], "--format=", 9) == 0)
            format = argv[i] + 9;
        else if (strcmp(argv[i], "--no-next") == 0)
            want_next = 0;
        else if (argv[i][0] == '-' && argv[i][1])
            return usage();
        else if (!file)
            file = argv[i];
        else
            return usage();
    }
    if (!file || (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "summary")))
        return usage();

    sol_diag d = {0};
    sol_pipeline *p = NULL;
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    sol_nextbest *nb = NULL;
    char *id = NULL;
    int rc = sol_pipeline_new(&p, paths->rules_dir, paths->knowledge_dir, &d);
    if (rc)
        goto cleanup;
    if ((rc = sol_pipeline_read_assess(p, file, &f, &id, &a, &d)))
        goto cleanup;
    /* "What to assess next" re-assesses the record once per plausible answer
     * of every unrecorded finding a rule reads; --no-next skips it. */
    if (want_next && (rc = sol_nextbest_compute(&nb, p, f, a->report, &d)))
        goto cleanup;
    if (strcmp(format, "json") == 0)
        rc = sol_write_json_with(stdout, a->report, nb);
    else if (strcmp(format, "summary") == 0)
        rc = sol_write_summary_with(stdout, a->report, nb);
    else
        rc = sol_write_text_with(stdout, a->report, nb);
    if (rc)
        rc = sol_diag_set(&d, rc, "", 0, "cannot write the report");
cleanup:
    if (rc)
        sol_cli_print_diag(&d);
    sol_nextbest_free(nb);
    sol_assessment_free(a);
    sol_findings_free(f);
    free(id);
    sol_pipeline_free(p);
    return sol_cli_exit_status(rc);
}
