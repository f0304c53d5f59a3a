/* cmd_rules.c — `soleus rules [--format text|md]`: the knowledge base in
 * plain English, generated from the rule source (kb.c) with labels from the
 * vocabulary and the catalogue. docs/knowledge-base.md is its Markdown. */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "kb.h"
#include "kb_text.h"
#include "tooljson.h"
#include "vocab.h"

#define USAGE "rules [--format text|md|json] [ID...]"

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

    sol_cli_opts o;
    rc = sol_cli_parse(&o, p, argc, argv, "format", USAGE);
    if (!rc && !sol_cli_one_of(o.format, "text md json"))
        rc = sol_cli_usage(USAGE);
    if (rc) {
        sol_cli_opts_free(&o);
        return rc < 0 ? SOL_EXIT_OK : rc;
    }
    if (o.format)
        format = o.format;
    rules = o.paths.rules_dir;
    knowledge = o.paths.knowledge_dir;
    snprintf(path, sizeof path, "%s/vocabulary.tsv", knowledge);
    rc = sol_kb_load(&kb, rules, knowledge, &d);
    if (rc == SOL_OK)
        rc = sol_vocab_load(&v, path, &d);
    if (rc == SOL_OK)
        rc = sol_catalog_load(&cat, knowledge, &d);
    sol_kb_text_format fmt = strcmp(format, "md") == 0 ? SOL_KB_TEXT_MARKDOWN : SOL_KB_TEXT_PLAIN;
    if (rc == SOL_OK && strcmp(format, "json") == 0) {
        /* the same selection as the text: an unknown id is a usage error */
        rc = sol_kb_write_rules(NULL, kb, v, cat, fmt, (const char *const *)o.args, o.nargs, &d);
        if (rc == SOL_OK)
            rc = sol_write_json_rules(stdout, kb, v, cat, (const char *const *)o.args, o.nargs);
    } else if (rc == SOL_OK && o.nargs)
        rc = sol_kb_write_rules(stdout, kb, v, cat, fmt, (const char *const *)o.args, o.nargs, &d);
    else if (rc == SOL_OK)
        rc = sol_kb_write_english(stdout, kb, v, cat, fmt);
    if ((rc == SOL_EWRITE || rc == SOL_EIO) && !d.msg[0])
        rc = sol_diag_set(&d, SOL_EWRITE, "", 0, "cannot write the output");
    if (rc != SOL_OK)
        sol_cli_print_diag(&d);
    sol_catalog_free(cat);
    sol_vocab_free(v);
    sol_kb_free(kb);
    sol_cli_opts_free(&o);
    return sol_cli_exit_status(rc);
}
