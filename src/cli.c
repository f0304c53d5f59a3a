/* cli.c — what every sub-command shares: the one mapping from error codes to
 * exit statuses, the one way a diagnostic is printed, and the one way a
 * record is opened for explaining. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "explain.h"

int sol_cli_exit_status(int err)
{
    switch (err) {
    case SOL_OK: return SOL_EXIT_OK;
    case SOL_EUSAGE: return SOL_EXIT_USAGE;
    case SOL_EIO: return SOL_EXIT_UNREADABLE;
    case SOL_EPARSE:
    case SOL_EINVALID:
    case SOL_ELIMIT: return SOL_EXIT_INVALID;
    case SOL_ENOTFOUND: return SOL_EXIT_USAGE;
    case SOL_EWRITE: return SOL_EXIT_WRITE;
    default: return SOL_EXIT_INTERNAL;
    }
}

void sol_cli_print_diag(const sol_diag *d)
{
    /* A refused value is echoed in the message: escaped, it cannot forge a
     * line ("...\rsoleus: record OK") or drive the terminal. */
    char file[4 * sizeof d->file], msg[4 * sizeof d->msg];

    sol_escape_ctl(file, sizeof file, d->file);
    sol_escape_ctl(msg, sizeof msg, d->msg);
    if (file[0] && d->line > 0)
        fprintf(stderr, "soleus: %s:%d: %s\n", file, d->line, msg);
    else if (file[0])
        fprintf(stderr, "soleus: %s: %s\n", file, msg);
    else
        fprintf(stderr, "soleus: %s\n", msg);
}

int sol_cli_finish(int status)
{
    errno = 0;
    int flushed = fflush(stdout) == 0, err = errno;
    if (flushed && !ferror(stdout))
        return status;
    if (status == SOL_EXIT_OK || status == SOL_EXIT_FINDINGS) {
        fprintf(stderr, "soleus: cannot write to standard output%s%s\n", err ? ": " : "",
                err ? strerror(err) : "");
        return SOL_EXIT_WRITE;
    }
    return status;
}

void sol_cli_pipeline_done(sol_pipeline *p)
{
    static sol_pipeline *kept; /* one-shot commands open one pipeline */
    const char *f = getenv("SOLEUS_FREE_AT_EXIT");
    if (kept || (f && strcmp(f, "1") == 0)) {
        sol_pipeline_free(p);
        return;
    }
    kept = p;
}

int sol_cli_case_open(sol_cli_case *c, const char *rules_dir, const char *knowledge_dir,
                      const char *file, const char *concl, sol_diag *d)
{
    return sol_cli_case_open_as(c, SOL_INPUT_XML, rules_dir, knowledge_dir, file, concl, d);
}

int sol_cli_case_open_as(sol_cli_case *c, sol_input in, const char *rules_dir,
                         const char *knowledge_dir, const char *file, const char *concl,
                         sol_diag *d)
{
    int rc;

    memset(c, 0, sizeof *c);
    if ((rc = sol_pipeline_new(&c->p, rules_dir, knowledge_dir, d)))
        return rc;
    if (concl && (rc = sol_explain_resolve(&c->cond, sol_pipeline_catalog(c->p), concl, d)))
        return rc;
    return sol_pipeline_read_assess_as(c->p, in, file, &c->f, &c->id, &c->a, d);
}

void sol_cli_case_close(sol_cli_case *c)
{
    sol_assessment_free(c->a);
    sol_findings_free(c->f);
    free(c->id);
    sol_cli_pipeline_done(c->p);
    memset(c, 0, sizeof *c);
}

int sol_cli_usage(const char *usage)
{
    fprintf(stderr, "soleus: usage: soleus %s\n", usage);
    return SOL_EXIT_USAGE;
}

int sol_cli_one_of(const char *value, const char *list)
{
    size_t n;

    if (!value)
        return 1;
    n = strlen(value);
    for (const char *w = list; *w;) {
        size_t k = strcspn(w, " ");
        if (k == n && strncmp(w, value, n) == 0)
            return 1;
        w += k;
        w += *w == ' ';
    }
    return 0;
}

enum {
    OPT_FORMAT = 256,
    OPT_STYLE,
    OPT_OUTPUT,
    OPT_PREFIX,
    OPT_NO_NEXT,
    OPT_LIST_CHECKS,
    OPT_CLIPS,
    OPT_SET,
    OPT_UNSET,
    OPT_RULES,
    OPT_KNOWLEDGE,
    OPT_HELP,
    OPT_INPUT,
    OPT_NEXT,
    OPT_PATHS,
    OPT_RESPONSE,
    OPT_AUTHORED,
    OPT_BUNDLE,
    OPT_LISTEN,
    OPT_BASE_URL,
    OPT_TRUST_KEY,
    OPT_THREADS,
    OPT_MAX_CONNECTIONS,
    OPT_MAX_BODY,
    OPT_TIMEOUT,
    OPT_QUIET,
    OPT_CASE,
    OPT_SCHEMA,
    OPT_VERSION,
    OPT_BASH_COMPLETION
};

/* The one option table of every command; a command accepts a subset. */
static const struct option options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"style", required_argument, NULL, OPT_STYLE},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"prefix", required_argument, NULL, OPT_PREFIX},
    {"no-next", no_argument, NULL, OPT_NO_NEXT},
    {"input", required_argument, NULL, OPT_INPUT},
    {"list-checks", no_argument, NULL, OPT_LIST_CHECKS},
    {"clips", no_argument, NULL, OPT_CLIPS},
    {"set", required_argument, NULL, OPT_SET},
    {"unset", required_argument, NULL, OPT_UNSET},
    {"next", no_argument, NULL, OPT_NEXT},
    {"paths", required_argument, NULL, OPT_PATHS},
    {"response", required_argument, NULL, OPT_RESPONSE},
    {"authored", required_argument, NULL, OPT_AUTHORED},
    {"bundle", no_argument, NULL, OPT_BUNDLE},
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"base-url", required_argument, NULL, OPT_BASE_URL},
    {"trust-key", required_argument, NULL, OPT_TRUST_KEY},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"max-connections", required_argument, NULL, OPT_MAX_CONNECTIONS},
    {"max-body", required_argument, NULL, OPT_MAX_BODY},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"case", required_argument, NULL, OPT_CASE},
    {"schema", no_argument, NULL, OPT_SCHEMA},
    {"rules", required_argument, NULL, OPT_RULES},
    {"knowledge", required_argument, NULL, OPT_KNOWLEDGE},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {"bash-completion", no_argument, NULL, OPT_BASH_COMPLETION},
    {NULL, 0, NULL, 0}};

void sol_cli_opts_free(sol_cli_opts *o)
{
    free(o->changes);
    free(o->unset);
    free(o->trust_keys);
    free(o->args);
    memset(o, 0, sizeof *o);
}

/* Is the knowledge base where the paths say? If not, say how to point at it. */
static int check_home(const sol_paths *p)
{
    struct stat st;
    const char *dir = p->rules_dir;

    if (stat(p->rules_dir, &st) == 0 && S_ISDIR(st.st_mode)) {
        dir = p->knowledge_dir;
        if (stat(p->knowledge_dir, &st) == 0 && S_ISDIR(st.st_mode))
            return 0;
    }
    fprintf(stderr,
            "soleus: %s: cannot find the knowledge base there (no such folder)\n"
            "soleus: set SOLEUS_HOME to the folder that holds rules/ and knowledge/,\n"
            "soleus: or pass --rules DIR --knowledge DIR\n",
            dir);
    return SOL_EXIT_UNREADABLE;
}

/* Store option c (value optarg) in o; SOL_EXIT_USAGE on a bad --input. */
static int take(sol_cli_opts *o, int c, const char *cmd, const char *usage)
{
    switch (c) {
    case OPT_FORMAT: o->format = optarg; break;
    case OPT_STYLE: o->style = optarg; break;
    case OPT_OUTPUT: o->output = optarg; break;
    case OPT_PREFIX: o->prefix = optarg; break;
    case OPT_NO_NEXT: o->no_next = 1; break;
    case OPT_LIST_CHECKS: o->list_checks = 1; break;
    case OPT_CLIPS: o->clips = 1; break;
    case OPT_INPUT:
        if (sol_input_parse(&o->input, optarg) != SOL_OK) {
            fprintf(stderr, "soleus: %s: --input: expected xml or fhir, got '%s'\n", cmd, optarg);
            return sol_cli_usage(usage);
        }
        break;
    case OPT_SET:
    case OPT_UNSET:
        o->unset[o->nchanges] = c == OPT_UNSET;
        o->changes[o->nchanges++] = optarg;
        break;
    case OPT_NEXT: o->next = 1; break;
    case OPT_PATHS: o->paths_list = optarg; break;
    case OPT_RESPONSE: o->response = optarg; break;
    case OPT_AUTHORED: o->authored = optarg; break;
    case OPT_BUNDLE: o->bundle = 1; break;
    case OPT_LISTEN: o->listen = optarg; break;
    case OPT_BASE_URL: o->base_url = optarg; break;
    case OPT_TRUST_KEY: o->trust_keys[o->ntrust_keys++] = optarg; break;
    case OPT_THREADS: o->threads = optarg; break;
    case OPT_MAX_CONNECTIONS: o->max_connections = optarg; break;
    case OPT_MAX_BODY: o->max_body = optarg; break;
    case OPT_TIMEOUT: o->timeout = optarg; break;
    case OPT_QUIET: o->quiet = 1; break;
    case OPT_CASE: o->case_name = optarg; break;
    case OPT_SCHEMA: o->schema = 1; break;
    case OPT_RULES: o->paths.rules_dir = optarg; break;
    case OPT_KNOWLEDGE: o->paths.knowledge_dir = optarg; break;
    case OPT_HELP: o->help = 1; break;
    case OPT_VERSION: o->version = 1; break;
    case OPT_BASH_COMPLETION: o->bash_completion = 1; break;
    default: break;
    }
    return 0;
}

/* The name of option c in the table. */
static const char *option_name(int c)
{
    for (const struct option *op = options; op->name; op++)
        if (op->val == c)
            return op->name;
    return NULL;
}

/* Start parsing argv into o: the lists sized for every argument. */
static int begin(sol_cli_opts *o, int argc)
{
    memset(o, 0, sizeof *o);
    if (!(o->changes = calloc((size_t)argc + 1, sizeof *o->changes)) ||
        !(o->unset = calloc((size_t)argc + 1, sizeof *o->unset)) ||
        !(o->trust_keys = calloc((size_t)argc + 1, sizeof *o->trust_keys)) ||
        !(o->args = calloc((size_t)argc + 1, sizeof *o->args))) {
        fprintf(stderr, "soleus: out of memory\n");
        return SOL_EXIT_INTERNAL;
    }
    opterr = 0;
    optind = 0; /* 0: reinitialise GNU getopt (it permutes: options anywhere) */
    return 0;
}

int sol_cli_parse(sol_cli_opts *o, const sol_paths *p, int argc, char **argv, const char *allowed,
                  const char *usage)
{
    int c, rc;

    if ((rc = begin(o, argc)))
        return rc;
    o->paths = *p;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        const char *name = option_name(c);
        if (c == '?' || c == ':') {
            const char *bad = argv[optind - 1];
            fprintf(stderr, "soleus: %s: %s '%s'\n", argv[0],
                    c == ':' ? "option needs a value:" : "unknown option", bad);
            return sol_cli_usage(usage);
        }
        if (c == 'h' || c == OPT_HELP) {
            printf("Usage: soleus %s\n", usage);
            return -1;
        }
        if (name && c != OPT_RULES && c != OPT_KNOWLEDGE && !sol_cli_one_of(name, allowed)) {
            fprintf(stderr, "soleus: %s: option --%s does not apply to this command\n", argv[0],
                    name);
            return sol_cli_usage(usage);
        }
        if ((rc = take(o, c, argv[0], usage)))
            return rc;
    }
    for (int i = optind; i < argc; i++)
        o->args[o->nargs++] = argv[i];
    return check_home(&o->paths);
}

int sol_cli_parse_global(sol_cli_opts *o, int argc, char **argv, int *cmd)
{
    int c, rc;

    *cmd = argc;
    if ((rc = begin(o, argc)))
        return rc;
    /* "+": stop at the command name; its own options are its own. */
    while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
        if (c == 'h')
            c = OPT_HELP;
        if (c == '?' || c == ':') {
            fprintf(stderr, "soleus: %s '%s' (try --help)\n",
                    c == ':' ? "option needs a value:" : "unknown option", argv[optind - 1]);
            return SOL_EXIT_USAGE;
        }
        if (!sol_cli_one_of(option_name(c), "rules knowledge help version bash-completion")) {
            fprintf(stderr, "soleus: option --%s goes after the command (try --help)\n",
                    option_name(c));
            return SOL_EXIT_USAGE;
        }
        take(o, c, "soleus", "");
    }
    *cmd = optind;
    return 0;
}
