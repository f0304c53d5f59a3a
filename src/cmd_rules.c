/* cmd_rules.c — `soleus rules [--format text|md]`: the knowledge base in
 * plain English, generated from the rule source (kb.c) with labels from the
 * vocabulary and the catalogue. docs/knowledge-base.md is its Markdown. */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "kb.h"
#include "kb_text.h"
#include "vocab.h"

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus rules [--format text|md] "
                    "[--rules DIR] [--knowledge DIR]\n");
    return SOL_EXIT_USAGE;
}

int sol_cmd_rules(const sol_paths *p, int argc, char **argv)
{
    const char *format = "text", *rules = p->rules_dir;
    const char *knowledge = p->knowledge_dir;
    char path[1024];
    sol_diag d = { "", 0, "" };
    sol_kb *kb = NULL;
    sol_vocab *v = NULL;
    sol_catalog *cat = NULL;
    int rc;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
            format = argv[++i];
        else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
            rules = argv[++i];
        else if (strcmp(argv[i], "--knowledge") == 0 && i + 1 < argc)
            knowledge = argv[++i];
        else
            return usage();
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "md") != 0)
        return usage();
    snprintf(path, sizeof path, "%s/vocabulary.tsv", knowledge);
    rc = sol_kb_load(&kb, rules, knowledge, &d);
    if (rc == SOL_OK)
        rc = sol_vocab_load(&v, path, &d);
    if (rc == SOL_OK)
        rc = sol_catalog_load(&cat, knowledge, &d);
    if (rc == SOL_OK)
        rc = sol_kb_write_english(stdout, kb, v, cat,
                                  strcmp(format, "md") == 0 ?
                                  SOL_KB_TEXT_MARKDOWN : SOL_KB_TEXT_PLAIN);
    if (rc == SOL_EWRITE)
        sol_diag_set(&d, rc, "", 0, "cannot write the output");
    if (rc != SOL_OK)
        sol_cli_print_diag(&d);
    sol_catalog_free(cat);
    sol_vocab_free(v);
    sol_kb_free(kb);
    return sol_cli_exit_status(rc);
}
