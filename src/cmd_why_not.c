/* cmd_why_not.c — `soleus why-not [--input xml|fhir] FILE CONCLUSION`: for a conclusion that
 * was not reached, the rules that could reach it, their conditions against
 * this case, and the smallest checked set of finding changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "explain.h"
#include "kb.h"
#include "pipeline.h"
#include "tooljson.h"
#include "whynot.h"

#define USAGE "why-not [--input xml|fhir] [--format text|json] FILE|- CONCLUSION"

int sol_cmd_why_not(const sol_paths *paths, int argc, char **argv)
{
    sol_cli_opts o;
    int st = sol_cli_parse(&o, paths, argc, argv, "format input", USAGE);
    if (!st && (o.nargs != 2 || !sol_cli_one_of(o.format, "text json")))
        st = sol_cli_usage(USAGE);
    if (st) {
        sol_cli_opts_free(&o);
        return st < 0 ? SOL_EXIT_OK : st;
    }
    const char *file = o.args[0], *concl = o.args[1];
    paths = &o.paths;
    sol_diag d = {0};
    sol_cli_case c;
    sol_whynot *w = NULL;
    int rc = sol_cli_case_open_as(&c, o.input, paths->rules_dir, paths->knowledge_dir, file,
                                  concl, &d);
    if (rc)
        goto cleanup;
    if ((rc = sol_whynot_build(&w, c.p, c.a->report, c.cond, &d)))
        goto cleanup;
    if ((rc = o.format && strcmp(o.format, "json") == 0
                  ? sol_write_json_whynot(stdout, w, sol_pipeline_vocab(c.p),
                                          sol_pipeline_catalog(c.p))
                  : sol_whynot_write_text(stdout, w)))
        rc = sol_diag_set(&d, rc, "", 0, "cannot write the analysis");
cleanup:
    if (rc)
        sol_cli_print_diag(&d);
    sol_whynot_free(w);
    sol_cli_case_close(&c);
    sol_cli_opts_free(&o);
    return sol_cli_exit_status(rc);
}
