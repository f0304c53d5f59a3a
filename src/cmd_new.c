/* cmd_new.c — `soleus new [--case NAME]`: a blank record with every finding
 * of the vocabulary, commented, on stdout; `soleus new --schema`: the record
 * schema generated from the vocabulary (knowledge/record.rng). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "template.h"
#include "vocab.h"

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus new [--case NAME] | soleus new --schema\n");
    return SOL_EXIT_USAGE;
}

/* The record id pattern of the schema, so the template always checks. */
static int id_ok(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 64 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                  "0123456789") == 0)
        return 0;
    return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "0123456789_.-") == n;
}

int sol_cmd_new(const sol_paths *p, int argc, char **argv)
{
    const char *id = NULL;
    int schema = 0, rc;
    char path[1024];
    sol_diag d = { "", 0, "" };
    sol_vocab *v = NULL;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--case") == 0 && i + 1 < argc)
            id = argv[++i];
        else if (strncmp(argv[i], "--case=", 7) == 0)
            id = argv[i] + 7;
        else if (strcmp(argv[i], "--schema") == 0)
            schema = 1;
        else
            return usage();
    }
    if (id && !id_ok(id)) {
        fprintf(stderr, "soleus: new: case name '%s' is not a record id: letters, "
                        "digits, '_', '.' and '-' only, starting with a letter or "
                        "digit, at most 64\n", id);
        return SOL_EXIT_USAGE;
    }
    snprintf(path, sizeof path, "%s/vocabulary.tsv", p->knowledge_dir);
    rc = sol_vocab_load(&v, path, &d);
    if (rc == SOL_OK)
        rc = schema ? sol_template_schema(stdout, v) : sol_template_record(stdout, v, id);
    if (rc == SOL_OK && fflush(stdout) != 0)
        rc = sol_diag_set(&d, SOL_EWRITE, "", 0, "cannot write the output");
    if ((rc == SOL_EIO || rc == SOL_EWRITE) && !d.msg[0])
        sol_diag_set(&d, rc, "", 0, "cannot write the output");
    if (rc != SOL_OK)
        sol_cli_print_diag(&d);
    sol_vocab_free(v);
    return sol_cli_exit_status(rc);
}
