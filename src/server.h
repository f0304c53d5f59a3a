/* server.h — `soleus serve`: one HTTP server (the only libmicrohttpd user)
 * with the CDS Hooks 2.0 service, the local HTML form and POST /assess.
 * A pool of worker threads, each with its own pipeline (and CLIPS
 * environment); a request's body and results live only for that request. */
#ifndef SOL_SERVER_H
#define SOL_SERVER_H

#include "sol.h"
#include "auth.h"

#define SOL_SERVICE_ID "soleus-calf"

typedef struct {
    const char *rules_dir, *knowledge_dir;
    const char *listen;   /* "ADDR:PORT" or "[ADDR6]:PORT"; port 0 picks one */
    const char *base_url; /* URL clients use (the JWT aud prefix); NULL: from listen */
    sol_auth *auth;       /* trusted issuers; NULL or empty: no bearer checks */
    unsigned threads;     /* worker threads, one pipeline each */
    unsigned max_connections;
    unsigned timeout; /* seconds a connection may sit idle, and the most a
                                  request body may take to arrive (slow clients) */
    size_t max_body;  /* bytes */
    int quiet;        /* no request log lines */
} sol_server_opts;

typedef struct sol_server sol_server;

/* Load one pipeline per worker, bind and start serving. Refuses a
 * non-loopback address unless o->auth holds a trusted key. */
int sol_server_start(sol_server **out, const sol_server_opts *o, sol_diag *d);
const char *sol_server_url(const sol_server *s);
/* Stop accepting, finish the running requests, free everything. NULL: no-op. */
void sol_server_stop(sol_server *s);

#endif
