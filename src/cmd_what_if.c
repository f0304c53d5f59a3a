/* cmd_what_if.c — `soleus what-if FILE --set FINDING=VALUE ... --unset
 * FINDING ...`: re-assess the record with those findings changed (values
 * checked against the vocabulary) and print what the change does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pipeline.h"
#include "probe.h"
#include "tooljson.h"
#include "whatif.h"

#define USAGE                                                                                    \
    "what-if [--input xml|fhir] [--format text|json] FILE|- [--set FINDING=VALUE]... [--unset FINDING]..."

int sol_cmd_what_if(const sol_paths *paths, int argc, char **argv)
{
    sol_cli_opts o;
    int st = sol_cli_parse(&o, paths, argc, argv, "set unset format input", USAGE);
    if (!st && (o.nargs != 1 || !o.nchanges || !sol_cli_one_of(o.format, "text json")))
        st = sol_cli_usage(USAGE);
    if (st) {
        sol_cli_opts_free(&o);
        return st < 0 ? SOL_EXIT_OK : st;
    }
    const char *file = o.args[0];
    size_t nset = o.nchanges;
    paths = &o.paths;
    sol_diag d = {0};
    sol_pipeline *p = NULL;
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    sol_whatif *w = NULL;
    sol_change *ch = calloc(nset, sizeof *ch);
    size_t nch = 0;
    char *id = NULL;
    int rc = ch ? SOL_OK : sol_diag_set(&d, SOL_ENOMEM, "", 0, "out of memory");
    if (rc || (rc = sol_pipeline_new(&p, paths->rules_dir, paths->knowledge_dir, &d)))
        goto cleanup;
    /* Every change is checked against the vocabulary before any work. */
    for (size_t i = 0; i < o.nchanges; i++) {
        const char *arg = o.changes[i];
        int unset = o.unset[i];
        if ((rc = sol_change_parse(&ch[nch], sol_pipeline_vocab(p), arg, unset, &d)))
            goto cleanup;
        nch++;
    }
    if ((rc = sol_change_check(ch, nch, &d)))
        goto cleanup;
    if ((rc = sol_pipeline_read_assess_as(p, o.input, file, &f, &id, &a, &d)))
        goto cleanup;
    if ((rc = sol_whatif_run(&w, p, a->report, ch, nch, &d)))
        goto cleanup;
    if ((rc = o.format && strcmp(o.format, "json") == 0
                  ? sol_write_json_whatif(stdout, w, a->report, ch, nch)
                  : sol_whatif_write_text(stdout, w, a->report, ch, nch)))
        rc = sol_diag_set(&d, rc, "", 0, "cannot write the comparison");
cleanup:
    if (rc)
        sol_cli_print_diag(&d);
    sol_whatif_free(w);
    sol_assessment_free(a);
    sol_findings_free(f);
    for (size_t i = 0; i < nch; i++)
        sol_change_clear(&ch[i]);
    free(ch);
    free(id);
    sol_cli_pipeline_done(p);
    sol_cli_opts_free(&o);
    return sol_cli_exit_status(rc);
}
