/* cmd_batch.c — `soleus batch [--next] [--paths LIST] [FILE|DIR|-]...`: many
 * records, one JSON line each, through one pipeline (batch.h). With no
 * FILE, or "-", records are a stream of <assessment> documents on stdin. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"
#include "cli.h"
#include "notes.h"

#define USAGE "batch [--input xml|fhir] [--next] [--paths LIST|-] [FILE|DIR|-]..."

int sol_cmd_batch(const sol_paths *paths, int argc, char **argv)
{
    sol_cli_opts o;
    int st = sol_cli_parse(&o, paths, argc, argv, "input next paths", USAGE);
    if (st) {
        sol_cli_opts_free(&o);
        return st < 0 ? SOL_EXIT_OK : st;
    }
    const char *list = o.paths_list;
    sol_input input = o.input;

    sol_diag d = {0};
    sol_pipeline *p = NULL;
    sol_batch *b = NULL;
    FILE *lf = NULL;
    int rc = sol_pipeline_new(&p, o.paths.rules_dir, o.paths.knowledge_dir, &d);
    if (rc)
        goto cleanup;
    /* Many records pay back the pattern compiler's start-up. */
    sol_notes_use_jit(sol_pipeline_notes(p));
    if ((rc = sol_batch_new(&b, p, stdout, o.next))) {
        sol_diag_set(&d, rc, "", 0, "out of memory");
        goto cleanup;
    }
    sol_batch_set_input(b, input);
    if (list) {
        lf = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
        if (!lf) {
            rc = sol_diag_set(&d, SOL_EIO, list, 0, "cannot open the list of paths");
            goto cleanup;
        }
        if ((rc = sol_batch_paths(b, lf, &d)))
            goto cleanup;
    }
    for (size_t i = 0; i < o.nargs && rc == SOL_OK; i++) {
        const char *arg = o.args[i];
        struct stat st;
        if (strcmp(arg, "-") == 0 && input == SOL_INPUT_FHIR)
            rc = sol_diag_set(&d, SOL_EUSAGE, "-", 0,
                              "a stream on standard input is XML "
                              "only; give FHIR records as files, a folder or --paths");
        else if (strcmp(arg, "-") == 0)
            rc = sol_batch_stream(b, stdin, "-", &d);
        else if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
            rc = sol_batch_dir(b, arg, &d);
        else
            rc = sol_batch_file(b, arg, &d);
    }
    if (rc == SOL_OK && !list && o.nargs == 0 && input == SOL_INPUT_FHIR)
        rc = sol_diag_set(&d, SOL_EUSAGE, "-", 0,
                          "a stream on standard input is XML only; "
                          "give FHIR records as files, a folder or --paths");
    else if (rc == SOL_OK && !list && o.nargs == 0)
        rc = sol_batch_stream(b, stdin, "-", &d);
    if (rc == SOL_OK && fflush(stdout) != 0)
        rc = sol_diag_set(&d, SOL_EWRITE, "", 0, "cannot write the batch output");
cleanup:
    if (lf && lf != stdin)
        fclose(lf);
    if (rc)
        sol_cli_print_diag(&d);
    else if (b && sol_batch_failed(b)) {
        fprintf(stderr, "soleus: batch: %zu of %zu records failed (see the error lines)\n",
                sol_batch_failed(b), sol_batch_failed(b) + sol_batch_done(b));
        rc = sol_batch_worst(b);
    }
    sol_batch_free(b);
    sol_pipeline_free(p);
    sol_cli_opts_free(&o);
    return sol_cli_exit_status(rc);
}
