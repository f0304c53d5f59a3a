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
    SOL_EXIT_OK = 0,         /* assessed / command succeeded */
    SOL_EXIT_FINDINGS = 1,   /* lint found errors, coverage found gaps */
    SOL_EXIT_USAGE = 2,      /* bad command line */
    SOL_EXIT_UNREADABLE = 3, /* input file missing, unreadable or too large */
    SOL_EXIT_INVALID = 4,    /* malformed, hostile or invalid record */
    SOL_EXIT_INTERNAL = 5,   /* knowledge base or engine failure */
    SOL_EXIT_WRITE = 6       /* output lost: disk full, closed or broken stdout */
};

/* Where rules/ and knowledge/ live (default: SOLEUS_HOME env, else the
 * install share dir, else the current directory). */
typedef struct {
    const char *rules_dir;
    const char *knowledge_dir;
} sol_paths;

/* Map a sol_err to an exit status (one place). */
int sol_cli_exit_status(int err);
/* Print "soleus: FILE:LINE: message" (or without FILE/LINE) to stderr,
 * control characters escaped (see sol_escape_ctl). */
void sol_cli_print_diag(const sol_diag *d);
/* The last step of every command (main.c): flush stdout and check it. A
 * success (0 or 1) whose output was lost becomes SOL_EXIT_WRITE with one
 * message on stderr; any other status is kept. */
int sol_cli_finish(int status);
/* The end of a one-shot command's pipeline. The process is about to exit and
 * the OS frees its memory at once, far faster than tearing CLIPS, the schema
 * and the note patterns down piece by piece (8M of the 63M instructions an
 * `assess` took), so the pipeline is kept in a static, where leak checkers
 * see it as reachable; with SOLEUS_FREE_AT_EXIT=1 (make leakcheck, make asan)
 * it is freed, so that the teardown stays checked. Commands that live on
 * (batch, serve) free theirs. */
void sol_cli_pipeline_done(sol_pipeline *p);

/* One record opened for a command that explains it: the pipeline (which
 * owns the rule model, sol_pipeline_kb), the record's findings and assessment, and, when concl is not NULL,
 * that conclusion resolved first (so a misspelt one is reported before the
 * record is read). On failure d says why; sol_cli_case_close is safe either
 * way. */
typedef struct {
    sol_pipeline *p;
    sol_findings *f;
    sol_assessment *a;
    char *id;
    const sol_condition *cond;
} sol_cli_case;

int sol_cli_case_open(sol_cli_case *c, const char *rules_dir, const char *knowledge_dir,
                      const char *file, const char *concl, sol_diag *d);
/* The same for a record in the given input format (--input xml|fhir). */
int sol_cli_case_open_as(sol_cli_case *c, sol_input in, const char *rules_dir,
                         const char *knowledge_dir, const char *file, const char *concl,
                         sol_diag *d);
void sol_cli_case_close(sol_cli_case *c);

/* Options of every command, parsed by one getopt_long table (sol_cli_parse):
 * options may come anywhere on the line, "--opt=V" or "--opt V", and "--"
 * ends them. Operands (record files, conclusions, rule ids, cases) keep their
 * order in args; "-" as a record means standard input. */
typedef struct {
    const char *format;   /* --format, NULL when not given */
    const char *style;    /* --style (explain) */
    const char *output;   /* --output FILE (coverage) */
    const char *prefix;   /* --prefix DIR (coverage LCOV paths) */
    int no_next;          /* --no-next (assess) */
    int list_checks;      /* --list-checks (lint) */
    int clips;            /* --clips: CLIPS fact syntax (explain) */
    sol_input input;      /* --input xml|fhir (record readers); XML when absent */
    const char **changes; /* --set/--unset values, in order */
    int *unset;           /* unset[i]: changes[i] came from --unset */
    size_t nchanges;
    char **args; /* operands, in order (points into argv) */
    size_t nargs;
    sol_paths paths; /* --rules/--knowledge, else the caller's */
    /* batch */
    int next;               /* --next: each line carries the next-best checks */
    const char *paths_list; /* --paths LIST|- */
    /* questionnaire */
    const char *response; /* --response RECORD */
    const char *authored; /* --authored YYYY-MM-DD */
    int bundle;           /* --bundle */
    /* serve: numbers stay text, checked by the command */
    const char *listen, *base_url, *threads, *max_connections, *max_body, *timeout;
    const char **trust_keys; /* --trust-key ISSUER=PEM, in order */
    size_t ntrust_keys;
    int quiet; /* --quiet */
    /* new */
    const char *case_name; /* --case NAME */
    int schema;            /* --schema */
    /* the global options (main.c, before the command) */
    int help, version, bash_completion;
} sol_cli_opts;

/* Parse argv (argv[0] is the command name) with the options named in allowed,
 * a space-separated list such as "format no-next" (--rules, --knowledge and
 * --help are always accepted). On a usage error prints "soleus: CMD: …" and
 * the usage line to stderr and returns SOL_EXIT_USAGE; when the knowledge
 * base folder cannot be found, says how to point at it and returns
 * SOL_EXIT_UNREADABLE; after printing --help, returns -1 (exit 0); else 0. Free with sol_cli_opts_free either way. */
int sol_cli_parse(sol_cli_opts *o, const sol_paths *p, int argc, char **argv, const char *allowed,
                  const char *usage);
/* The options before the command (main.c), from the same table: --rules,
 * --knowledge, --help, --version, --bash-completion; parsing stops at the
 * first operand, the command, whose index is *cmd (argc when none). Prints
 * "soleus: unknown option '…' (try --help)" and returns SOL_EXIT_USAGE on a
 * bad one, else 0; sets o->help, o->version, o->bash_completion and
 * o->paths (NULL members when not given). Free with sol_cli_opts_free. */
int sol_cli_parse_global(sol_cli_opts *o, int argc, char **argv, int *cmd);
void sol_cli_opts_free(sol_cli_opts *o);
/* 1 when value is one of the space-separated words of list (NULL value: 1). */
int sol_cli_one_of(const char *value, const char *list);
/* A usage error: "soleus: usage: soleus USAGE" on stderr; returns SOL_EXIT_USAGE. */
int sol_cli_usage(const char *usage);

int sol_cmd_assess(const sol_paths *p, int argc, char **argv);
int sol_cmd_batch(const sol_paths *p, int argc, char **argv);
int sol_cmd_explain(const sol_paths *p, int argc, char **argv);
int sol_cmd_why_not(const sol_paths *p, int argc, char **argv);
int sol_cmd_what_if(const sol_paths *p, int argc, char **argv);
int sol_cmd_rules(const sol_paths *p, int argc, char **argv);
int sol_cmd_lint(const sol_paths *p, int argc, char **argv);
int sol_cmd_coverage(const sol_paths *p, int argc, char **argv);
int sol_cmd_questionnaire(const sol_paths *p, int argc, char **argv);
int sol_cmd_serve(const sol_paths *p, int argc, char **argv);
int sol_cmd_new(const sol_paths *p, int argc, char **argv);
int sol_cmd_check(const sol_paths *p, int argc, char **argv);

#endif
