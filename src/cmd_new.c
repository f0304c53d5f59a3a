/* cmd_new.c — `soleus new [--case NAME]`: a blank record with every finding
 * of the vocabulary, commented, on stdout; `soleus new --schema`: the record
 * schema generated from the vocabulary (knowledge/record.rng). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "template.h"
#include "vocab.h"

#define USAGE "new [--case NAME] | soleus new --schema"

/* The record id pattern of the schema, so the template always checks. */
static int id_ok(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 64 ||
        strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                  "0123456789") == 0)
        return 0;
    return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "0123456789_.-") == n;
}

int sol_cmd_new(const sol_paths *p, int argc, char **argv)
{
    sol_cli_opts o;
    int rc = sol_cli_parse(&o, p, argc, argv, "case schema", USAGE);
    const char *id = o.case_name;
    char path[1024];
    sol_diag d = {"", 0, ""};
    sol_vocab *v = NULL;

    if (!rc && o.nargs)
        rc = sol_cli_usage(USAGE);
    if (rc) {
        sol_cli_opts_free(&o);
        return rc < 0 ? SOL_EXIT_OK : rc;
    }
    if (id && !id_ok(id)) {
        fprintf(stderr,
                "soleus: new: case name '%s' is not a record id: letters, "
                "digits, '_', '.' and '-' only, starting with a letter or "
                "digit, at most 64\n",
                id);
        sol_cli_opts_free(&o);
        return SOL_EXIT_USAGE;
    }
    snprintf(path, sizeof path, "%s/vocabulary.tsv", o.paths.knowledge_dir);
    rc = sol_vocab_load(&v, path, &d);
    if (rc == SOL_OK)
        rc = o.schema ? sol_template_schema(stdout, v) : sol_template_record(stdout, v, id);
    if (rc == SOL_OK && fflush(stdout) != 0)
        rc = sol_diag_set(&d, SOL_EWRITE, "", 0, "cannot write the output");
    if ((rc == SOL_EIO || rc == SOL_EWRITE) && !d.msg[0])
        sol_diag_set(&d, rc, "", 0, "cannot write the output");
    if (rc != SOL_OK)
        sol_cli_print_diag(&d);
    sol_vocab_free(v);
    sol_cli_opts_free(&o);
    return sol_cli_exit_status(rc);
}
