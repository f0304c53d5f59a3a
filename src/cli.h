/* cli.h — the sub-commands main.c dispatches to. Each takes the arguments
 * after its own name (argv[0] is the command name), prints its output to
 * stdout and its single error message to stderr as
 * "soleus: FILE:LINE: message", and returns an exit status below. */
#ifndef SOL_CLI_H
#define SOL_CLI_H

#include "sol.h"
#include "catalog.h"
#include "kb.h"
#include "pipeline.h"

enum {
    SOL_EXIT_OK = 0,        /* assessed / command succeeded */
    SOL_EXIT_FINDINGS = 1,  /* lint found errors, coverage found gaps */
    SOL_EXIT_USAGE = 2,     /* bad command line */
    SOL_EXIT_UNREADABLE = 3,/* input file missing, unreadable or too large */
    SOL_EXIT_INVALID = 4,   /* malformed, hostile or invalid record */
    SOL_EXIT_INTERNAL = 5   /* knowledge base or engine failure */
};

/* Where rules/ and knowledge/ live (default: SOLEUS_HOME env, else the
 * install share dir, else the current directory). */
typedef struct {
    const char *rules_dir;
    const char *knowledge_dir;
} sol_paths;

/* Map a sol_err to an exit status (one place). */
int sol_cli_exit_status(int err);
/* Print "soleus: FILE:LINE: message" (or without FILE/LINE) to stderr. */
void sol_cli_print_diag(const sol_diag *d);

/* One record opened for a command that explains it: the pipeline, the rule
 * model, the record's findings and assessment, and, when concl is not NULL,
 * that conclusion resolved first (so a misspelt one is reported before the
 * record is read). On failure d says why; sol_cli_case_close is safe either
 * way. */
typedef struct {
    sol_pipeline *p;
    sol_kb *kb;
    sol_findings *f;
    sol_assessment *a;
    char *id;
    const sol_condition *cond;
} sol_cli_case;

int sol_cli_case_open(sol_cli_case *c, const char *rules_dir, const char *knowledge_dir,
                      const char *file, const char *concl, sol_diag *d);
void sol_cli_case_close(sol_cli_case *c);

int sol_cmd_assess(const sol_paths *p, int argc, char **argv);
int sol_cmd_batch(const sol_paths *p, int argc, char **argv);
int sol_cmd_explain(const sol_paths *p, int argc, char **argv);
int sol_cmd_why_not(const sol_paths *p, int argc, char **argv);
int sol_cmd_what_if(const sol_paths *p, int argc, char **argv);
int sol_cmd_rules(const sol_paths *p, int argc, char **argv);
int sol_cmd_lint(const sol_paths *p, int argc, char **argv);
int sol_cmd_coverage(const sol_paths *p, int argc, char **argv);

#endif
