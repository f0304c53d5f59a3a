/* cmd_what_if.c — `soleus what-if FILE --set FINDING=VALUE ... --unset
 * FINDING ...`: re-assess the record with those findings changed (values
 * checked against the vocabulary) and print what the change does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pipeline.h"
#include "probe.h"
#include "whatif.h"

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus what-if FILE [--set FINDING=VALUE]... "
                    "[--unset FINDING]...\n");
    return SOL_EXIT_USAGE;
}

int sol_cmd_what_if(const sol_paths *paths, int argc, char **argv)
{
    const char *file = NULL;
    int nset = 0;
    for (int i = 1; i < argc; i++) {
        if ((strcmp(argv[i], "--set") == 0 || strcmp(argv[i], "--unset") == 0) && i + 1 < argc) {
            i++;
            nset++;
        } else if (strncmp(argv[i], "--set=", 6) == 0 || strncmp(argv[i], "--unset=", 8) == 0) {
            nset++;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage();
        } else if (!file) {
            file = argv[i];
        } else {
            return usage();
        }
    }
    if (!file || !nset)
        return usage();

    sol_diag d = {0};
    sol_pipeline *p = NULL;
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    sol_whatif *w = NULL;
    sol_change *ch = calloc((size_t)nset, sizeof *ch);
    size_t nch = 0;
    char *id = NULL;
    int rc = ch ? SOL_OK : sol_diag_set(&d, SOL_ENOMEM, "", 0, "out of memory");
    if (rc || (rc = sol_pipeline_new(&p, paths->rules_dir, paths->knowledge_dir, &d)))
        goto cleanup;
    /* Every change is checked against the vocabulary before any work. */
    for (int i = 1; i < argc; i++) {
        const char *arg = NULL;
        int unset = 0;
        if (strcmp(argv[i], "--set") == 0 || strcmp(argv[i], "--unset") == 0) {
            unset = argv[i][2] == 'u';
            arg = argv[++i];
        } else if (strncmp(argv[i], "--set=", 6) == 0) {
            arg = argv[i] + 6;
        } else if (strncmp(argv[i], "--unset=", 8) == 0) {
            unset = 1;
            arg = argv[i] + 8;
        } else {
            continue;
        }
        if ((rc = sol_change_parse(&ch[nch], sol_pipeline_vocab(p), arg, unset, &d)))
            goto cleanup;
        nch++;
    }
    if ((rc = sol_change_check(ch, nch, &d)))
        goto cleanup;
    if ((rc = sol_pipeline_read_assess(p, file, &f, &id, &a, &d)))
        goto cleanup;
    if ((rc = sol_whatif_run(&w, p, a->report, ch, nch, &d)))
        goto cleanup;
    if ((rc = sol_whatif_write_text(stdout, w, a->report, ch, nch)))
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
    sol_pipeline_free(p);
    return sol_cli_exit_status(rc);
}
