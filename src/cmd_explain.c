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

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus explain FILE [CONCLUSION] [--style terse|teach] "
                    "[--format text|dot]\n");
    return SOL_EXIT_USAGE;
}

/* "--name VALUE" or "--name=VALUE" at argv[*i]; 1 when it matched. */
static int option(char **argv, int argc, int *i, const char *name, const char **out)
{
    size_t n = strlen(name);
    if (strcmp(argv[*i], name) == 0 && *i + 1 < argc) {
        *out = argv[++*i];
        return 1;
    }
    if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
        *out = argv[*i] + n + 1;
        return 1;
    }
    return 0;
}

int sol_cmd_explain(const sol_paths *paths, int argc, char **argv)
{
    const char *style = "terse", *format = "text", *file = NULL, *concl = NULL;
    for (int i = 1; i < argc; i++) {
        if (option(argv, argc, &i, "--style", &style) || option(argv, argc, &i, "--format", &format))
            continue;
        if (argv[i][0] == '-' && argv[i][1])
            return usage();
        if (!file)
            file = argv[i];
        else if (!concl)
            concl = argv[i];
        else
            return usage();
    }
    if (!file || (strcmp(style, "terse") && strcmp(style, "teach")) ||
        (strcmp(format, "text") && strcmp(format, "dot")))
        return usage();

    sol_diag d = {0};
    sol_cli_case c;
    sol_explain *x = NULL;
    int rc = sol_cli_case_open(&c, paths->rules_dir, paths->knowledge_dir, file, concl, &d);
    if (rc)
        goto cleanup;
    if ((rc = sol_explain_build(&x, c.a->report, c.kb, c.cond, &d)))
        goto cleanup;
    if (strcmp(format, "dot") == 0)
        rc = sol_write_dot(stdout, x);
    else
        rc = sol_write_explain(stdout, x, strcmp(style, "teach") == 0);
    if (rc)
        rc = sol_diag_set(&d, rc, "", 0, "cannot write the explanation");
cleanup:
    if (rc)
        sol_cli_print_diag(&d);
    sol_explain_free(x);
    sol_cli_case_close(&c);
    return sol_cli_exit_status(rc);
}
