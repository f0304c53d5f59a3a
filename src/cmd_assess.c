/* cmd_assess.c — `soleus assess [--format text|json|summary] FILE...`: each
 * record in, its ranked, explained assessment out ("-" reads stdin). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nextbest.h"
#include "pipeline.h"
#include "writers.h"

#define USAGE "assess [--input xml|fhir] [--format text|json|summary] [--no-next] FILE|-..."

/* One record: read, assess, write. */
static int assess_one(sol_pipeline *p, sol_input input, const char *format, int want_next,
                      const char *file)
{
    sol_diag d = {0};
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    sol_nextbest *nb = NULL;
    char *id = NULL;
    int rc;
    if ((rc = sol_pipeline_read_assess_as(p, input, file, &f, &id, &a, &d)))
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
    return sol_cli_exit_status(rc);
}

int sol_cmd_assess(const sol_paths *paths, int argc, char **argv)
{
    sol_cli_opts o;
    int status = sol_cli_parse(&o, paths, argc, argv, "format no-next input", USAGE);

    if (!status && (!o.nargs || !sol_cli_one_of(o.format, "text json summary")))
        status = sol_cli_usage(USAGE);
    if (status) {
        sol_cli_opts_free(&o);
        return status < 0 ? SOL_EXIT_OK : status;
    }
    /* Several records: each report in turn (text ones a blank line apart);
     * a record that fails is reported and the others are still assessed;
     * the first failure's status is the exit status. */
    const char *format = o.format ? o.format : "text";
    sol_diag d = {0};
    sol_pipeline *p = NULL;
    int rc = sol_pipeline_new(&p, o.paths.rules_dir, o.paths.knowledge_dir, &d);
    if (rc) {
        sol_cli_print_diag(&d);
        sol_cli_opts_free(&o);
        return sol_cli_exit_status(rc);
    }
    for (size_t i = 0; i < o.nargs; i++) {
        if (i && strcmp(format, "json") != 0)
            printf("\n");
        fflush(stdout);
        int st = assess_one(p, o.input, format, !o.no_next, o.args[i]);
        if (st && !status)
            status = st;
    }
    sol_pipeline_free(p);
    sol_cli_opts_free(&o);
    return status;
}
