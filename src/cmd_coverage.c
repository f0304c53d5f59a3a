/* cmd_coverage.c — `soleus coverage [--format text|lcov] [--output FILE]
 * CASE...`: assesses every record and reports rule coverage. A CASE is a
 * record file or a folder holding record.xml. Exit 1 when a rule never fired. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "coverage.h"
#include "pipeline.h"
#include "tooljson.h"

#define USAGE "coverage [--format text|lcov|json] [--output FILE] [--prefix DIR] CASE..."

/* Case name: the folder of a case's record.xml, else the file's base name. */
static void case_name(const char *path, char *out, size_t len)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (strcmp(base, "record.xml") == 0 && slash) {
        const char *p = slash;
        while (p > path && p[-1] != '/')
            p--;
        snprintf(out, len, "%.*s", (int)(slash - p), p);
        return;
    }
    size_t n = strlen(base);
    if (n >= len)
        n = len - 1;
    memcpy(out, base, n);
    out[n] = '\0';
    char *dot = strrchr(out, '.');
    if (dot && strcmp(dot, ".xml") == 0)
        *dot = '\0';
}

int sol_cmd_coverage(const sol_paths *paths, int argc, char **argv)
{
    sol_cli_opts o;
    int st = sol_cli_parse(&o, paths, argc, argv, "format output prefix", USAGE);
    if (!st && (!o.nargs || !sol_cli_one_of(o.format, "text lcov json")))
        st = sol_cli_usage(USAGE);
    if (st) {
        sol_cli_opts_free(&o);
        return st < 0 ? SOL_EXIT_OK : st;
    }
    const char *format = o.format ? o.format : "text", *output = o.output;
    paths = &o.paths;
    sol_diag d = {0};
    sol_pipeline *p = NULL;
    sol_coverage *cov = NULL;
    FILE *out = stdout;
    int rc = sol_pipeline_new(&p, paths->rules_dir, paths->knowledge_dir, &d);
    if (!rc)
        rc = sol_pipeline_use_kb(p, &d);
    if (rc)
        goto cleanup;
    if ((rc = sol_coverage_new(&cov, sol_pipeline_kb(p)))) {
        sol_diag_set(&d, rc, "", 0, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < o.nargs; i++) {
        char path[2048], name[256];
        struct stat st;
        if (stat(o.args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            size_t n = strlen(o.args[i]);
            while (n > 1 && o.args[i][n - 1] == '/')
                n--; /* "tests/cases/tc1/" names the case tc1 */
            snprintf(path, sizeof path, "%.*s/record.xml", (int)n, o.args[i]);
        } else
            snprintf(path, sizeof path, "%s", o.args[i]);
        case_name(path, name, sizeof name);
        sol_findings *f = NULL;
        char *id = NULL;
        sol_assessment *a = NULL;
        rc = sol_pipeline_read_assess(p, path, &f, &id, &a, &d);
        if (!rc && (rc = sol_coverage_add(cov, name, a->findings, a->graph)))
            sol_diag_set(&d, rc, "", 0, "out of memory");
        sol_assessment_free(a);
        sol_findings_free(f);
        free(id);
        if (rc)
            goto cleanup;
    }
    if (output && !(out = fopen(output, "w"))) {
        rc = sol_diag_set(&d, SOL_EWRITE, output, 0, "cannot write the coverage file: %s",
                          strerror(errno));
        out = stdout;
        goto cleanup;
    }
    rc = strcmp(format, "lcov") == 0 ? sol_coverage_write_lcov_prefix(out, cov, o.prefix)
         : strcmp(format, "json") == 0
             ? sol_write_json_coverage(out, cov, sol_pipeline_catalog(p))
             : sol_coverage_write_text(out, cov, sol_pipeline_catalog(p));
    if (rc)
        rc = sol_diag_set(&d, SOL_EWRITE, output ? output : "", 0,
                          "cannot write the coverage report");
cleanup:
    if (out != stdout && fclose(out) != 0 && !rc)
        rc = sol_diag_set(&d, SOL_EWRITE, output, 0, "cannot write the coverage file");
    int status = sol_cli_exit_status(rc);
    if (rc)
        sol_cli_print_diag(&d);
    else {
        size_t never = 0;
        for (size_t i = 0; i < sol_coverage_rule_count(cov); i++)
            never += sol_coverage_rule_at(cov, i)->fired == 0;
        if (never) {
            fprintf(stderr, "soleus: coverage: %zu rule(s) never fired\n", never);
            status = SOL_EXIT_FINDINGS;
        }
    }
    sol_coverage_free(cov);
    sol_cli_pipeline_done(p);
    sol_cli_opts_free(&o);
    return status;
}
