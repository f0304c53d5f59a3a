/* cmd_lint.c — `soleus lint [--rules DIR] [--knowledge DIR] [--list-checks]`:
 * prints every knowledge-base problem as "FILE:LINE: error|warning: text
 * [check]" and a count; exit 1 when there is any error. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lint.h"

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus lint [--rules DIR] "
                    "[--knowledge DIR] [--list-checks]\n");
    return SOL_EXIT_USAGE;
}

static int list_checks(void)
{
    size_t n;
    const sol_lint_check *c = sol_lint_checks(&n);

    for (size_t i = 0; i < n; i++)
        printf("%-24s %-7s %s\n", c[i].name,
               c[i].severity == SOL_LINT_ERROR ? "error" : "warning",
               c[i].meaning);
    return SOL_EXIT_OK;
}

int sol_cmd_lint(const sol_paths *p, int argc, char **argv)
{
    const char *rules = p->rules_dir, *knowledge = p->knowledge_dir;
    sol_diag d = { "", 0, "" };
    sol_lint *l = NULL;
    char buf[2048];
    size_t errors, warnings;
    int rc;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
            rules = argv[++i];
        else if (strcmp(argv[i], "--knowledge") == 0 && i + 1 < argc)
            knowledge = argv[++i];
        else if (strcmp(argv[i], "--list-checks") == 0)
            return list_checks();
        else
            return usage();
    }
    rc = sol_lint_run(&l, rules, knowledge, &d);
    if (rc != SOL_OK) {
        sol_cli_print_diag(&d);
        return sol_cli_exit_status(rc);
    }
    for (size_t i = 0; i < sol_lint_count(l); i++)
        printf("%s\n", sol_lint_format(sol_lint_at(l, i), buf, sizeof buf));
    errors = sol_lint_error_count(l);
    warnings = sol_lint_warning_count(l);
    printf("lint: %zu error%s, %zu warning%s\n", errors, errors == 1 ? "" : "s",
           warnings, warnings == 1 ? "" : "s");
    sol_lint_free(l);
    /* A lost write is caught by sol_cli_finish in main.c. */
    return errors ? SOL_EXIT_FINDINGS : SOL_EXIT_OK;
}
