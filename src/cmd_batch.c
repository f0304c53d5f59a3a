/* cmd_batch.c — `soleus batch [--next] [--paths LIST] [FILE|DIR|-]...`: many
 * records, one JSON line each, through one pipeline (batch.h). With no
 * FILE, or "-", records are a stream of <assessment> documents on stdin. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"
#include "cli.h"
#include "notes.h"

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus batch [--input xml|fhir] [--next] [--paths LIST|-] "
                    "[FILE|DIR|-]...\n");
    return SOL_EXIT_USAGE;
}

int sol_cmd_batch(const sol_paths *paths, int argc, char **argv)
{
    const char *list = NULL;
    int want_next = 0, ninputs = 0, took;
    sol_input input = SOL_INPUT_XML;
    for (int i = 1; i < argc; i++) {
        if ((took = sol_cli_take_input(&i, argc, argv, &input)) < 0)
            return usage();
        else if (took)
            continue;
        else if (strcmp(argv[i], "--next") == 0)
            want_next = 1;
        else if (strcmp(argv[i], "--paths") == 0 && i + 1 < argc)
            list = argv[++i];
        else if (strncmp(argv[i], "--paths=", 8) == 0)
            list = argv[i] + 8;
        else if (strcmp(argv[i], "--") == 0)
            break;
        else if (argv[i][0] == '-' && argv[i][1])
            return usage();
        else
            ninputs++;
    }

    sol_diag d = {0};
    sol_pipeline *p = NULL;
    sol_batch *b = NULL;
    FILE *lf = NULL;
    int rc = sol_pipeline_new(&p, paths->rules_dir, paths->knowledge_dir, &d);
    if (rc)
        goto cleanup;
    /* Many records pay back the pattern compiler's start-up. */
    sol_notes_use_jit(sol_pipeline_notes(p));
    if ((rc = sol_batch_new(&b, p, stdout, want_next))) {
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
    int past_options = 0;
    for (int i = 1; i < argc && rc == SOL_OK; i++) {
        if (!past_options && (strcmp(argv[i], "--paths") == 0 || strcmp(argv[i], "--input") == 0)) {
            i++;
            continue;
        }
        if (!past_options && strcmp(argv[i], "--") == 0) {
            past_options = 1;
            continue;
        }
        if (!past_options && argv[i][0] == '-' && argv[i][1])
            continue;
        struct stat st;
        if (strcmp(argv[i], "-") == 0 && input == SOL_INPUT_FHIR)
            rc = sol_diag_set(&d, SOL_EUSAGE, "-", 0, "a stream on standard input is XML "
                              "only; give FHIR records as files, a folder or --paths");
        else if (strcmp(argv[i], "-") == 0)
            rc = sol_batch_stream(b, stdin, "-", &d);
        else if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = sol_batch_dir(b, argv[i], &d);
        else
            rc = sol_batch_file(b, argv[i], &d);
    }
    if (rc == SOL_OK && !list && ninputs == 0 && input == SOL_INPUT_FHIR)
        rc = sol_diag_set(&d, SOL_EUSAGE, "-", 0, "a stream on standard input is XML only; "
                          "give FHIR records as files, a folder or --paths");
    else if (rc == SOL_OK && !list && ninputs == 0)
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
    return sol_cli_exit_status(rc);
}
