/* cmd_serve.c — `soleus serve`: options, trusted keys and signals around the
 * server module. Prints the URL it listens on to stdout, then serves until
 * SIGTERM or SIGINT, when it finishes the running requests and exits 0. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "cli.h"
#include "server.h"

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus serve [--listen ADDR:PORT] [--trust-key ISSUER=PEM]... "
                    "[--base-url URL] [--threads N] [--max-connections N] [--max-body BYTES] "
                    "[--timeout SECONDS] [--quiet]\n");
    return SOL_EXIT_USAGE;
}

static int number(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v == 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

int sol_cmd_serve(const sol_paths *paths, int argc, char **argv)
{
    sol_server_opts o = {paths->rules_dir, paths->knowledge_dir, "127.0.0.1:8080", NULL, NULL,
                         2, 64, 10, 1024 * 1024, 0};
    sol_diag d = {0};
    sol_auth *auth = NULL;
    sol_server *srv = NULL;
    unsigned long v;
    int rc = sol_auth_new(&auth);
    if (rc)
        return SOL_EXIT_INTERNAL;
    for (int i = 1; i < argc && rc == SOL_OK; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--quiet") == 0) {
            o.quiet = 1;
            continue;
        }
        if (!val) {
            rc = SOL_EUSAGE;
            break;
        }
        i++;
        if (strcmp(a, "--listen") == 0)
            o.listen = val;
        else if (strcmp(a, "--base-url") == 0)
            o.base_url = val;
        else if (strcmp(a, "--trust-key") == 0)
            rc = sol_auth_add_key(auth, val, &d);
        else if (strcmp(a, "--threads") == 0 && number(val, 64, &v) == 0)
            o.threads = (unsigned)v;
        else if (strcmp(a, "--max-connections") == 0 && number(val, 4096, &v) == 0)
            o.max_connections = (unsigned)v;
        else if (strcmp(a, "--max-body") == 0 && number(val, 64ul << 20, &v) == 0)
            o.max_body = v;
        else if (strcmp(a, "--timeout") == 0 && number(val, 3600, &v) == 0)
            o.timeout = (unsigned)v;
        else
            rc = SOL_EUSAGE;
    }
    if (rc == SOL_EUSAGE && !d.msg[0]) {
        sol_auth_free(auth);
        return usage();
    }
    o.auth = auth;

    /* Block the stop signals before any thread starts, so they all inherit
     * the mask and this thread alone receives them through sigwait. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (rc == SOL_OK && (rc = sol_server_start(&srv, &o, &d)) == SOL_OK) {
        printf("soleus serve: listening on %s (%u workers%s)\n", sol_server_url(srv), o.threads,
               sol_auth_key_count(auth) ? ", bearer JWT required on /cds-services" : "");
        fflush(stdout);
        int sig = 0;
        sigwait(&stop, &sig);
        fprintf(stderr, "soleus serve: %s, stopping\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
        sol_server_stop(srv);
    }
    if (rc)
        sol_cli_print_diag(&d);
    sol_auth_free(auth);
    return sol_cli_exit_status(rc);
}
