/* cmd_assess.c — `soleus assess [--format text|html|json] FILE`: one record in, the
 * ranked, explained assessment out (`--format summary`, one line per fact, is
 * the golden tests' oracle, not a report for clinicians). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "kb.h"
#include "nextbest.h"
#include "probe.h"
#include "runner.h"
#include "pipeline.h"
#include "writers.h"

/* On a terminal: its width ($COLUMNS, else the window size) and colour
 * unless NO_COLOR is set; otherwise 80 columns, plain. */
static const sol_text_opts *text_opts(sol_text_opts *o)
{
    const char *cols = getenv("COLUMNS"), *nc = getenv("NO_COLOR");
    o->width = 80;
    o->color = 0;
    if (!isatty(STDOUT_FILENO))
        return o;
    o->color = !(nc && *nc);
    if (cols && atoi(cols) >= 40)
        o->width = atoi(cols);
#ifdef TIOCGWINSZ
    else {
        struct winsize ws;
        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
            o->width = ws.ws_col;
    }
#endif
    return o;
}

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus assess [--format text|html|json] [--no-next] FILE\n");
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
    if (!file || (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "summary")
                  && strcmp(format, "html")))
        return usage();

    sol_diag d = {0};
    sol_pipeline *p = NULL;
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    sol_nextbest *nb = NULL;
    char *id = NULL;
    sol_kb *kb = NULL;
    sol_text_opts topts;
    sol_runner *runner = NULL;
    const char **reads = NULL;
    size_t nreads = 0;
    int rc = sol_pipeline_new(&p, paths->rules_dir, paths->knowledge_dir, &d);
    if (rc)
        goto cleanup;
    if ((rc = sol_pipeline_read_assess(p, file, &f, &id, &a, &d)))
        goto cleanup;
    /* Which findings some rule reads: the report lists the recorded ones no
     * rule uses (the clinician's picture only). */
    if ((rc = sol_kb_load(&kb, paths->rules_dir, paths->knowledge_dir, &d)))
        goto cleanup;
    if ((rc = sol_probe_read_findings(&reads, &nreads, kb))) {
        sol_diag_set(&d, rc, "", 0, "out of memory");
        goto cleanup;
    }
    sol_report_set_rule_reads(a->report, reads, nreads);
    /* "What to assess next" re-assesses the record once per plausible answer
     * of every unrecorded finding a rule reads; --no-next skips it. */
    if (want_next && (rc = sol_nextbest_compute(&nb, p, f, a->report, &d)))
        goto cleanup;
    if (strcmp(format, "json") == 0)
        rc = sol_write_json_with(stdout, a->report, nb);
    else if (strcmp(format, "summary") == 0)
        rc = sol_write_summary_with(stdout, a->report, nb);
    else if (strcmp(format, "html") == 0) {
        if ((rc = sol_runner_load(&runner, paths->knowledge_dir, &d)))
            goto cleanup;
        rc = sol_write_html(stdout, a->report, nb, runner);
    }
    else
        rc = sol_write_text_opts(stdout, a->report, nb, text_opts(&topts));
    if (rc)
        sol_diag_set(&d, rc, "", 0, "cannot write the report");
cleanup:
    if (rc)
        sol_cli_print_diag(&d);
    sol_nextbest_free(nb);
    sol_assessment_free(a);
    free((void *)reads);
    sol_kb_free(kb);
    sol_runner_free(runner);
    sol_findings_free(f);
    free(id);
    sol_pipeline_free(p);
    return sol_cli_exit_status(rc);
}
