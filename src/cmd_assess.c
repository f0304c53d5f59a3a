/* cmd_assess.c — `soleus assess [--format text|html|json] FILE...`: each
 * record in, its ranked, explained assessment out ("-" reads stdin).
 * `--format summary`, one line per fact, is the golden tests' oracle, not a
 * report for clinicians. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "pipeline.h"
#include "runner.h"
#include "writers.h"

#define USAGE "assess [--input xml|fhir] [--format text|html|json|summary] [--no-next] FILE|-..."

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

/* What every record of one call shares: the pipeline and, for HTML, the
 * runner's wording. */
typedef struct {
    sol_pipeline *p;
    sol_runner *runner;
} assess_ctx;

/* One record: read, assess, write. */
static int assess_one(assess_ctx *x, sol_input input, const char *format, int want_next,
                      const char *file)
{
    sol_diag d = {0};
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    sol_text_opts topts;
    char *id = NULL;
    int rc;
    if ((rc = sol_pipeline_read_assess_as(x->p, input, file, &f, &id, &a, &d)))
        goto cleanup;
    /* "What to assess next" re-assesses the record once per plausible answer
     * of every unrecorded finding a rule reads; --no-next skips it. */
    if (want_next && (rc = sol_pipeline_assess_next(x->p, a, &d)))
        goto cleanup;
    if (strcmp(format, "json") == 0)
        rc = sol_write_json(stdout, a->report);
    else if (strcmp(format, "summary") == 0)
        rc = sol_write_summary(stdout, a->report);
    else if (strcmp(format, "html") == 0)
        rc = sol_write_html(stdout, a->report, x->runner);
    else
        rc = sol_write_text(stdout, a->report, text_opts(&topts));
    if (rc)
        rc = sol_diag_set(&d, rc, "", 0, "cannot write the report");
cleanup:
    if (rc)
        sol_cli_print_diag(&d);
    sol_assessment_free(a);
    sol_findings_free(f);
    free(id);
    return sol_cli_exit_status(rc);
}

int sol_cmd_assess(const sol_paths *paths, int argc, char **argv)
{
    sol_cli_opts o;
    int status = sol_cli_parse(&o, paths, argc, argv, "format no-next input", USAGE);

    if (!status && (!o.nargs || !sol_cli_one_of(o.format, "text html json summary")))
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
    assess_ctx x = {0};
    int rc = sol_pipeline_new(&x.p, o.paths.rules_dir, o.paths.knowledge_dir, &d);
    if (rc == SOL_OK && strcmp(format, "html") == 0)
        rc = sol_runner_load(&x.runner, o.paths.knowledge_dir, &d);
    if (rc) {
        sol_cli_print_diag(&d);
        status = sol_cli_exit_status(rc);
    }
    for (size_t i = 0; !rc && i < o.nargs; i++) {
        if (i && strcmp(format, "json") != 0)
            printf("\n");
        fflush(stdout);
        int st = assess_one(&x, o.input, format, !o.no_next, o.args[i]);
        if (st && !status)
            status = st;
    }
    sol_runner_free(x.runner);
    sol_cli_pipeline_done(x.p);
    sol_cli_opts_free(&o);
    return status;
}
