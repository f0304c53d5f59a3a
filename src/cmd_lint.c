/* cmd_lint.c — `soleus lint [--rules DIR] [--knowledge DIR] [--list-checks]`:
 * prints every knowledge-base problem as "FILE:LINE: error|warning: text
 * [check]" and a count; exit 1 when there is any error. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lint.h"
#include "tooljson.h"

#define USAGE "lint [--format text|json] [--list-checks] [--rules DIR] [--knowledge DIR]"

static int list_checks(void)
{
    size_t n;
    const sol_lint_check *c = sol_lint_checks(&n);

    for (size_t i = 0; i < n; i++)
        printf("%-24s %-7s %s\n", c[i].name,
               c[i].severity == SOL_LINT_ERROR ? "error" : "warning", c[i].meaning);
    return SOL_EXIT_OK;
}

int sol_cmd_lint(const sol_paths *p, int argc, char **argv)
{
    const char *rules = p->rules_dir, *knowledge = p->knowledge_dir;
    sol_diag d = {"", 0, ""};
    sol_lint *l = NULL;
    char buf[2048];
    size_t errors, warnings;
    int rc;

    sol_cli_opts o;
    rc = sol_cli_parse(&o, p, argc, argv, "list-checks format", USAGE);
    int json = o.format && strcmp(o.format, "json") == 0;
    if (!rc && (o.nargs || !sol_cli_one_of(o.format, "text json")))
        rc = sol_cli_usage(USAGE);
    rules = o.paths.rules_dir;
    knowledge = o.paths.knowledge_dir;
    int list = o.list_checks;
    sol_cli_opts_free(&o);
    if (rc)
        return rc < 0 ? SOL_EXIT_OK : rc;
    if (list)
        return list_checks();
    rc = sol_lint_run(&l, rules, knowledge, &d);
    if (rc != SOL_OK) {
        sol_cli_print_diag(&d);
        return sol_cli_exit_status(rc);
    }
    if (json) {
        int bad = sol_write_json_lint(stdout, l);
        errors = sol_lint_error_count(l);
        sol_lint_free(l);
        return bad ? SOL_EXIT_INTERNAL : errors ? SOL_EXIT_FINDINGS : SOL_EXIT_OK;
    }
    for (size_t i = 0; i < sol_lint_count(l); i++)
        printf("%s\n", sol_lint_format(sol_lint_at(l, i), buf, sizeof buf));
    errors = sol_lint_error_count(l);
    warnings = sol_lint_warning_count(l);
    printf("lint: %zu error%s, %zu warning%s\n", errors, errors == 1 ? "" : "s", warnings,
           warnings == 1 ? "" : "s");
    sol_lint_free(l);
    /* A lost write is caught by sol_cli_finish in main.c. */
    return errors ? SOL_EXIT_FINDINGS : SOL_EXIT_OK;
}
