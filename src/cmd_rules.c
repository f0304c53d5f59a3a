/* cmd_rules.c — `soleus rules [--format text|md]`: the knowledge base in
 * plain English, generated from the pipeline's rule model (kb.c) with labels
 * from its vocabulary and catalogue. docs/knowledge-base.md is its Markdown. */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "kb.h"
#include "kb_text.h"
#include "pipeline.h"
#include "tooljson.h"
#include "vocab.h"

#define USAGE "rules [--format text|md|json] [ID...]"

int sol_cmd_rules(const sol_paths *p, int argc, char **argv)
{
    const char *format = "text";
    sol_diag d = {"", 0, ""};
    sol_pipeline *pl = NULL;
    const sol_kb *kb = NULL;
    const sol_vocab *v = NULL;
    const sol_catalog *cat = NULL;
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
    rc = sol_pipeline_new(&pl, o.paths.rules_dir, o.paths.knowledge_dir, &d);
    if (rc == SOL_OK)
        rc = sol_pipeline_use_kb(pl, &d);
    if (rc == SOL_OK) {
        kb = sol_pipeline_kb(pl);
        v = sol_pipeline_vocab(pl);
        cat = sol_pipeline_catalog(pl);
    }
    sol_kb_text_format fmt = strcmp(format, "md") == 0 ? SOL_KB_TEXT_MARKDOWN : SOL_KB_TEXT_PLAIN;
    if (rc == SOL_OK && strcmp(format, "json") == 0) {
        /* the same selection as the text: an unknown id is a usage error */
        rc = sol_kb_write_rules(NULL, kb, v, cat, fmt, (const char *const *)o.args, o.nargs, &d);
        if (rc == SOL_OK)
            rc = sol_write_json_rules(stdout, kb, v, cat, (const char *const *)o.args, o.nargs);
    } else if (rc == SOL_OK && o.nargs)
        rc = sol_kb_write_rules(stdout, kb, v, cat, fmt, (const char *const *)o.args, o.nargs,
                                &d);
    else if (rc == SOL_OK)
        rc = sol_kb_write_english(stdout, kb, v, cat, fmt);
    if ((rc == SOL_EWRITE || rc == SOL_EIO) && !d.msg[0])
        rc = sol_diag_set(&d, SOL_EWRITE, "", 0, "cannot write the output");
    if (rc != SOL_OK)
        sol_cli_print_diag(&d);
    sol_cli_pipeline_done(pl);
    sol_cli_opts_free(&o);
    return sol_cli_exit_status(rc);
}
