/* main.c — parses the global options and dispatches to a sub-command.
 * Nothing else happens here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifndef SOL_DATADIR
#define SOL_DATADIR "/usr/local/share/soleus"
#endif

typedef struct {
    const char *name;
    int (*run)(const sol_paths *, int, char **);
    const char *help;
} command;

/* Sorted by name. */
static const command commands[] = {
    {"assess", sol_cmd_assess, "assess [--format text|json|summary] [--no-next] FILE   ranked, explained assessment"},
    {"batch", sol_cmd_batch, "batch [--next] [--paths LIST|-] [FILE|DIR|-]...   many records, one JSON line each"},
    {"coverage", sol_cmd_coverage, "coverage [--format text|lcov] [--output FILE] CASE...   rule coverage of a corpus"},
    {"explain", sol_cmd_explain, "explain FILE [CONCLUSION] [--style terse|teach] [--format text|dot]   the reasoning chain"},
    {"lint", sol_cmd_lint, "lint [--list-checks]   static checks of the knowledge base"},
    {"rules", sol_cmd_rules, "rules [--format text|md]   the knowledge base in plain English"},
    {"what-if", sol_cmd_what_if, "what-if FILE --set FINDING=VALUE... --unset FINDING...   re-assess with changed findings"},
    {"why-not", sol_cmd_why_not, "why-not FILE CONCLUSION   what it would take to reach a conclusion"},
};

static void usage(FILE *out)
{
    fprintf(out, "Usage: soleus [--rules DIR] [--knowledge DIR] COMMAND [ARGS]\n"
                 "Decision support for calf pain in runners. Suggests; never diagnoses.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %s\n", commands[i].help);
    fprintf(out, "\nOptions:\n"
                 "  --rules DIR       rule files (default: $SOLEUS_HOME/rules, ./rules, %s/rules)\n"
                 "  --knowledge DIR   knowledge files (same search as --rules)\n"
                 "  --help            show this help and exit\n"
                 "  --version         show the version and exit\n"
                 "\nExit status: 0 done, 1 lint/coverage findings, 2 usage error,\n"
                 "3 unreadable input, 4 invalid record, 5 internal error.\n",
            SOL_DATADIR);
}

/* Default data home: $SOLEUS_HOME, else the working tree, else the install. */
static const char *data_home(void)
{
    const char *home = getenv("SOLEUS_HOME");
    if (home && *home)
        return home;
    if (access("rules/00-templates.clp", R_OK) == 0)
        return ".";
    return SOL_DATADIR;
}

int main(int argc, char **argv)
{
    static char rules[1024], knowledge[1024];
    sol_paths paths = {NULL, NULL};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return SOL_EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("soleus %s\n"
                   "Decision support for calf pain in runners; not a diagnostic device.\n"
                   "Knowledge base sources: see knowledge/sources.tsv.\n",
                   SOL_VERSION);
            return SOL_EXIT_OK;
        } else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
            paths.rules_dir = argv[++i];
        } else if (strcmp(argv[i], "--knowledge") == 0 && i + 1 < argc) {
            paths.knowledge_dir = argv[++i];
        } else {
            fprintf(stderr, "soleus: unknown option '%s' (try --help)\n", argv[i]);
            return SOL_EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return SOL_EXIT_USAGE;
    }
    const char *home = data_home();
    if (!paths.rules_dir) {
        snprintf(rules, sizeof rules, "%s/rules", home);
        paths.rules_dir = rules;
    }
    if (!paths.knowledge_dir) {
        snprintf(knowledge, sizeof knowledge, "%s/knowledge", home);
        paths.knowledge_dir = knowledge;
    }
    for (size_t c = 0; c < sizeof commands / sizeof *commands; c++) {
        if (strcmp(argv[i], commands[c].name) != 0)
            continue;
        /* "soleus COMMAND --help": that command's usage on stdout, exit 0. */
        for (int k = i + 1; k < argc; k++)
            if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
                printf("Usage: soleus [--rules DIR] [--knowledge DIR] %s\n"
                       "Decision support for a qualified clinician; it suggests, it does "
                       "not diagnose.\nSee soleus --help for the exit status.\n",
                       commands[c].help);
                return SOL_EXIT_OK;
            }
        return commands[c].run(&paths, argc - i, argv + i);
    }
    fprintf(stderr, "soleus: unknown command '%s' (try --help)\n", argv[i]);
    return SOL_EXIT_USAGE;
}
