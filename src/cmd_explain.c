/* cmd_explain.c — `soleus explain FILE [CONCLUSION] [--style terse|teach]
 * [--format text|dot]`: the reasoning chain behind one conclusion, or every
 * shown conclusion, as a tree, a teaching narrative or a Graphviz picture. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "explain.h"
#include "kb.h"
#include "pipeline.h"

#define USAGE                                                                                    \
    "explain [--input xml|fhir] [--style terse|teach] [--format text|dot|json] [--clips] FILE|- [CONCLUSION]"

int sol_cmd_explain(const sol_paths *paths, int argc, char **argv)
{
    sol_cli_opts o;
    int st = sol_cli_parse(&o, paths, argc, argv, "style format clips input", USAGE);
    if (!st && (o.nargs < 1 || o.nargs > 2 || !sol_cli_one_of(o.style, "terse teach") ||
                !sol_cli_one_of(o.format, "text dot json")))
        st = sol_cli_usage(USAGE);
    if (st) {
        sol_cli_opts_free(&o);
        return st < 0 ? SOL_EXIT_OK : st;
    }
    const char *style = o.style ? o.style : "terse", *format = o.format ? o.format : "text";
    const char *file = o.args[0], *concl = o.nargs > 1 ? o.args[1] : NULL;
    paths = &o.paths;
    sol_diag d = {0};
    sol_cli_case c;
    sol_explain *x = NULL;
    int rc = sol_cli_case_open_as(&c, o.input, paths->rules_dir, paths->knowledge_dir, file,
                                  concl, &d);
    if (rc)
        goto cleanup;
    if ((rc = sol_pipeline_use_kb(c.p, &d)) ||
        (rc = sol_explain_build(&x, c.a->report, sol_pipeline_kb(c.p), c.cond, &d)))
        goto cleanup;
    sol_explain_set_clips(x, o.clips);
    if (strcmp(format, "dot") == 0)
        rc = sol_write_dot(stdout, x);
    else if (strcmp(format, "json") == 0)
        rc = sol_write_json_explain(stdout, x, strcmp(style, "teach") == 0);
    else
        rc = sol_write_explain(stdout, x, strcmp(style, "teach") == 0);
    if (rc)
        rc = sol_diag_set(&d, rc, "", 0, "cannot write the explanation");
cleanup:
    if (rc)
        sol_cli_print_diag(&d);
    sol_explain_free(x);
    sol_cli_case_close(&c);
    sol_cli_opts_free(&o);
    return sol_cli_exit_status(rc);
}
