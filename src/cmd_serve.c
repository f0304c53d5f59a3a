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

#define USAGE                                                                                    \
    "serve [--listen ADDR:PORT] [--trust-key ISSUER=PEM]... [--base-url URL] "                   \
    "[--threads N] [--max-connections N] [--max-body BYTES] [--timeout SECONDS] [--quiet]"

/* An optional number option in 1..max into *out; -1 when malformed. */
static int number(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (!s)
        return 0;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v == 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

int sol_cmd_serve(const sol_paths *paths, int argc, char **argv)
{
    sol_cli_opts c;
    int st = sol_cli_parse(&c, paths, argc, argv,
                           "listen trust-key base-url threads "
                           "max-connections max-body timeout quiet",
                           USAGE);
    sol_server_opts o = {c.paths.rules_dir,
                         c.paths.knowledge_dir,
                         "127.0.0.1:8080",
                         NULL,
                         NULL,
                         2,
                         64,
                         10,
                         1024 * 1024,
                         0};
    unsigned long threads = o.threads, conns = o.max_connections, timeout = o.timeout,
                  body = o.max_body;
    if (!st &&
        (c.nargs || number(c.threads, 64, &threads) || number(c.max_connections, 4096, &conns) ||
         number(c.max_body, 64ul << 20, &body) || number(c.timeout, 3600, &timeout)))
        st = sol_cli_usage(USAGE);
    if (st) {
        sol_cli_opts_free(&c);
        return st < 0 ? SOL_EXIT_OK : st;
    }
    o.threads = (unsigned)threads;
    o.max_connections = (unsigned)conns;
    o.timeout = (unsigned)timeout;
    o.max_body = body;
    o.quiet = c.quiet;
    if (c.listen)
        o.listen = c.listen;
    o.base_url = c.base_url;

    sol_diag d = {0};
    sol_auth *auth = NULL;
    sol_server *srv = NULL;
    int rc = sol_auth_new(&auth);
    if (rc) {
        sol_cli_opts_free(&c);
        return SOL_EXIT_INTERNAL;
    }
    for (size_t i = 0; i < c.ntrust_keys && rc == SOL_OK; i++)
        rc = sol_auth_add_key(auth, c.trust_keys[i], &d);
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
    sol_cli_opts_free(&c);
    return sol_cli_exit_status(rc);
}
