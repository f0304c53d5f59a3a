/* server.c — the HTTP side of `soleus serve` (server.h); the only file that
 * includes libmicrohttpd. Routes: GET /cds-services (discovery), POST
 * /cds-services/{id} (hook), POST /cds-services/{id}/feedback, GET and POST /
 * (the local form), POST /assess (XML or FHIR in, JSON report out). Every
 * error is a 4xx/5xx with a JSON body (HTML for the form). The log line of a
 * request holds method, path, status and time: never body or record text. */
#include "server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "form.h"
#include "json.h"
#include "pipeline.h"
#include "record.h"
#include "webform.h"

struct sol_server {
    sol_server_opts o;
    struct MHD_Daemon *mhd;
    sol_pipeline **pool; /* one per worker thread */
    unsigned npool;
    unsigned next;        /* next unclaimed pool slot */
    pthread_mutex_t lock; /* guards next */
    sol_form *form;       /* layout, read once (no record content) */
    char *form_html;      /* GET /, generated once from the vocabulary */
    size_t form_len;
    char url[300]; /* base URL, e.g. http://127.0.0.1:8080 */
    unsigned port;
    int loopback; /* 1: the form and /assess are served */
};

/* The pipeline this worker thread owns, claimed on its first request. */
static _Thread_local sol_pipeline *tls_pipe;
static _Thread_local const sol_server *tls_owner;

typedef struct {
    char *body;
    size_t len, cap;
    int too_big;
    struct timespec start;
    char method[8]; /* for the log line: method and path only */
    char path[96];
} request;

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Method and path, printable ASCII only, cut short: for the log line. */
static void keep_for_log(request *rq, const char *method, const char *url)
{
    size_t n = 0;
    snprintf(rq->method, sizeof rq->method, "%s", method);
    for (const char *p = url; *p && n + 1 < sizeof rq->path; p++)
        rq->path[n++] = (*p > 0x20 && *p < 0x7f) ? *p : '?';
    rq->path[n] = '\0';
    for (char *p = rq->method; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f)
            *p = '?';
}

static sol_pipeline *worker_pipeline(sol_server *s)
{
    if (tls_owner == s && tls_pipe)
        return tls_pipe;
    pthread_mutex_lock(&s->lock);
    sol_pipeline *p = s->next < s->npool ? s->pool[s->next++] : NULL;
    pthread_mutex_unlock(&s->lock);
    tls_pipe = p;
    tls_owner = s;
    return p;
}

/* ---- responses ---------------------------------------------------------- */

static int is_cds(const char *url) { return strncmp(url, "/cds-services", 13) == 0; }

static enum MHD_Result respond(struct MHD_Connection *c, const char *url, unsigned status,
                               const char *type, char *body, size_t len, const char *allow)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, body ? body : (char *)"", body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    if (type)
        MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (allow)
        MHD_add_response_header(r, "Allow", allow);
    if (status == 401)
        MHD_add_response_header(r, "WWW-Authenticate", "Bearer");
    if (is_cds(url)) { /* CORS, as CDS Hooks asks, for browser-based clients */
        MHD_add_response_header(r, "Access-Control-Allow-Origin", "*");
        MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        MHD_add_response_header(r, "Access-Control-Allow-Headers",
                                "Content-Type, Authorization, Origin, Accept");
        MHD_add_response_header(r, "Access-Control-Expose-Headers",
                                "Origin, Accept, Content-Location, Location, X-Requested-With");
        MHD_add_response_header(r, "Access-Control-Max-Age", "600");
    }
    if (type && strncmp(type, "text/html", 9) == 0)
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; "
                                "form-action 'self'; frame-ancestors 'none'");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *c, const char *url, unsigned status,
                                 char *json)
{
    if (!json)
        return respond(c, url, 500, "application/json", NULL, 0, NULL);
    return respond(c, url, status, "application/json", json, strlen(json), NULL);
}

static enum MHD_Result send_error(struct MHD_Connection *c, const char *url, unsigned status,
                                  const char *msg, const char *allow)
{
    char *json = NULL;
    if (sol_json_error(&json, (int)status, msg) != SOL_OK)
        return respond(c, url, 500, "application/json", NULL, 0, NULL);
    return respond(c, url, status, "application/json", json, strlen(json), allow);
}

static unsigned status_of(int rc)
{
    switch (rc) {
    case SOL_EPARSE: return 400;
    case SOL_EINVALID: return 422;
    case SOL_EIO:
    case SOL_ELIMIT: return 413;
    case SOL_ENOMEM: return 503;
    default: return 500;
    }
}

static void diag_text(const sol_diag *d, char *buf, size_t len)
{
    if (d->line > 0)
        snprintf(buf, len, "line %d: %s", d->line, d->msg);
    else
        snprintf(buf, len, "%s", d->msg);
}

static enum MHD_Result send_diag(struct MHD_Connection *c, const char *url, int rc,
                                 const sol_diag *d)
{
    char msg[1200];
    diag_text(d, msg, sizeof msg);
    return send_error(c, url, status_of(rc), msg, NULL);
}

static const char *content_type(struct MHD_Connection *c)
{
    const char *t = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    return t ? t : "";
}

static int type_is(const char *t, const char *want)
{
    size_t n = strlen(want);
    return strncasecmp(t, want, n) == 0 && (t[n] == '\0' || t[n] == ';' || t[n] == ' ');
}

static int is_json_type(const char *t)
{
    return type_is(t, "application/json") || type_is(t, "application/fhir+json");
}

/* ---- routes ------------------------------------------------------------- */

static int authorised(sol_server *s, struct MHD_Connection *c, const char *url, char *why,
                      size_t len)
{
    char aud[600];
    if (!s->o.auth || sol_auth_key_count(s->o.auth) == 0)
        return 1;
    snprintf(aud, sizeof aud, "%s%s", s->url, url);
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    return sol_auth_check(s->o.auth, h, aud, (long)time(NULL), why, len) == SOL_OK;
}

static enum MHD_Result hook(sol_server *s, struct MHD_Connection *c, const char *url,
                            const request *rq)
{
    sol_pipeline *p = worker_pipeline(s);
    sol_intake *in = NULL;
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    char *id = NULL, *json = NULL, why[300], instance[128];
    sol_diag d = {0};
    enum MHD_Result ret;
    if (!p)
        return send_error(c, url, 503, "no worker pipeline available", NULL);
    int rc = sol_cds_read_hook(&in, why, sizeof why, instance, sizeof instance, rq->body, rq->len,
                               "patient-view", sol_pipeline_vocab(p), &d);
    if (rc)
        return send_diag(c, url, rc, &d);
    if (!in) {
        rc = sol_cds_cards(&json, NULL, why, instance);
        return rc ? send_error(c, url, 500, "cannot write cards", NULL)
                  : send_json(c, url, 200, json);
    }
    if ((rc = sol_pipeline_read_intake(p, in, &f, &id, &d)) == SOL_OK &&
        (rc = sol_pipeline_assess(p, id, "request", f, &a, &d)) == SOL_OK)
        rc = sol_cds_cards(&json, a->report, NULL, instance);
    ret = rc ? send_diag(c, url, rc, &d) : send_json(c, url, 200, json);
    sol_assessment_free(a);
    sol_findings_free(f);
    free(id);
    sol_intake_free(in);
    return ret;
}

/* Assess a record body; on success *out is the report written by write. */
static int assess_body(sol_server *s, sol_input input, const char *body, size_t len,
                       const char *name, sol_assessment **out, sol_diag *d)
{
    sol_pipeline *p = worker_pipeline(s);
    sol_findings *f = NULL;
    char *id = NULL;
    *out = NULL;
    if (!p)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "no worker pipeline available");
    int rc = sol_pipeline_read_buf(p, input, body, len, name, &f, &id, d);
    if (rc == SOL_OK)
        rc = sol_pipeline_assess(p, id, name, f, out, d);
    sol_findings_free(f);
    free(id);
    return rc;
}

static enum MHD_Result assess(sol_server *s, struct MHD_Connection *c, const char *url,
                              const request *rq)
{
    const char *t = content_type(c);
    sol_input input;
    sol_assessment *a = NULL;
    sol_diag d = {0};
    char *json = NULL;
    size_t len = 0;
    if (is_json_type(t))
        input = SOL_INPUT_FHIR;
    else if (type_is(t, "application/xml") || type_is(t, "text/xml"))
        input = SOL_INPUT_XML;
    else
        return send_error(c, url, 415,
                          "expected Content-Type application/xml (a Soleus record) or "
                          "application/fhir+json (a QuestionnaireResponse or Bundle)",
                          NULL);
    int rc = assess_body(s, input, rq->body, rq->len, "request", &a, &d);
    if (rc == SOL_OK)
        rc = sol_json_report(&json, &len, a->report);
    sol_assessment_free(a);
    if (rc)
        return send_diag(c, url, rc, &d);
    return respond(c, url, 200, "application/json", json, len, NULL);
}

static enum MHD_Result html(struct MHD_Connection *c, const char *url, unsigned status,
                            char *page, size_t len)
{
    return respond(c, url, status, "text/html; charset=utf-8", page, len, NULL);
}

static enum MHD_Result form_post(sol_server *s, struct MHD_Connection *c, const char *url,
                                 const request *rq)
{
    char *xml = NULL, *page = NULL;
    size_t xlen = 0, plen = 0;
    sol_assessment *a = NULL;
    sol_diag d = {0};
    sol_pipeline *p = worker_pipeline(s);
    unsigned status = 200;
    int rc;
    if (!type_is(content_type(c), "application/x-www-form-urlencoded"))
        return send_error(c, url, 415, "expected Content-Type application/x-www-form-urlencoded",
                          NULL);
    if (!p)
        return send_error(c, url, 503, "no worker pipeline available", NULL);
    FILE *m = open_memstream(&page, &plen);
    if (!m)
        return send_error(c, url, 503, "out of memory", NULL);
    rc = sol_webform_to_xml(&xml, &xlen, rq->body, rq->len, sol_pipeline_vocab(p), s->form, &d);
    if (rc == SOL_OK)
        rc = assess_body(s, SOL_INPUT_XML, xml, xlen, "form", &a, &d);
    if (rc == SOL_OK) {
        rc = sol_webform_result(m, a->report, xml, xlen);
    } else {
        char msg[1200];
        /* The line is of the generated record, which the user never saw. */
        snprintf(msg, sizeof msg, "%s", d.msg);
        status = status_of(rc);
        rc = sol_webform_error(m, msg);
    }
    sol_assessment_free(a);
    free(xml);
    if (fclose(m) != 0 || rc) {
        free(page);
        return send_error(c, url, 500, "cannot write the page", NULL);
    }
    return html(c, url, status, page, plen);
}

static enum MHD_Result route(sol_server *s, struct MHD_Connection *c, const char *url,
                             const char *method, const request *rq)
{
    char why[300], path[128];
    int get = strcmp(method, "GET") == 0, post = strcmp(method, "POST") == 0;
    if (strstr(url, "..") || strstr(url, "//") || strchr(url, '\\') || url[0] != '/')
        return send_error(c, url, 400, "bad path", NULL);
    if (rq->too_big) {
        snprintf(why, sizeof why, "request body larger than %zu bytes", s->o.max_body);
        return send_error(c, url, 413, why, NULL);
    }
    if (is_cds(url) && strcmp(method, "OPTIONS") == 0)
        return respond(c, url, 204, NULL, NULL, 0, "GET, POST, OPTIONS");
    if (strcmp(url, "/cds-services") == 0) {
        char *json = NULL;
        if (!get)
            return send_error(c, url, 405, "use GET", "GET, OPTIONS");
        if (!authorised(s, c, url, why, sizeof why))
            return send_error(c, url, 401, why, NULL);
        return sol_cds_discovery(&json, SOL_SERVICE_ID)
                   ? send_error(c, url, 500, "discovery", NULL)
                   : send_json(c, url, 200, json);
    }
    snprintf(path, sizeof path, "/cds-services/%s", SOL_SERVICE_ID);
    if (strcmp(url, path) == 0 ||
        (strncmp(url, path, strlen(path)) == 0 && strcmp(url + strlen(path), "/feedback") == 0)) {
        int feedback = url[strlen(path)] != '\0';
        if (!post)
            return send_error(c, url, 405, "use POST", "POST, OPTIONS");
        if (!authorised(s, c, url, why, sizeof why))
            return send_error(c, url, 401, why, NULL);
        if (!is_json_type(content_type(c)))
            return send_error(c, url, 415, "expected Content-Type application/json", NULL);
        if (!feedback)
            return hook(s, c, url, rq);
        sol_diag d = {0};
        int rc = sol_cds_check_feedback(rq->body, rq->len, &d);
        return rc ? send_diag(c, url, rc, &d) : send_json(c, url, 200, sol_strdup("{}"));
    }
    if (is_cds(url))
        return send_error(c, url, 404, "no such CDS service", NULL);
    /* The form and /assess have no login: only for the machine itself. */
    if ((strcmp(url, "/assess") == 0 || strcmp(url, "/") == 0) && !s->loopback)
        return send_error(c, url, 403, "the local form and /assess are served on loopback only",
                          NULL);
    if (strcmp(url, "/assess") == 0) {
        if (!post)
            return send_error(c, url, 405, "use POST", "POST");
        return assess(s, c, url, rq);
    }
    if (strcmp(url, "/") == 0) {
        if (get) {
            char *page = malloc(s->form_len);
            if (!page)
                return send_error(c, url, 503, "out of memory", NULL);
            memcpy(page, s->form_html, s->form_len);
            return html(c, url, 200, page, s->form_len);
        }
        if (post)
            return form_post(s, c, url, rq);
        return send_error(c, url, 405, "use GET or POST", "GET, POST");
    }
    return send_error(c, url, 404, "not found", NULL);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    sol_server *s = cls;
    request *rq = *con_cls;
    (void)version;
    if (!rq) { /* first call: headers only */
        rq = calloc(1, sizeof *rq);
        if (!rq)
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &rq->start);
        keep_for_log(rq, method, url);
        *con_cls = rq;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > s->o.max_body) {
            /* Refuse before reading a byte of it; the connection closes. */
            char why[96];
            rq->too_big = 1;
            snprintf(why, sizeof why, "request body larger than %zu bytes", s->o.max_body);
            return send_error(c, url, 413, why, NULL);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        /* The idle timeout does not stop a client that trickles its body a
         * byte at a time: the whole upload has the same time limit. */
        if (ms_since(&rq->start) > 1000.0 * (s->o.timeout ? s->o.timeout : 10u))
            return MHD_NO;
        if (!rq->too_big && rq->len + *upload_size > s->o.max_body)
            rq->too_big = 1;
        if (!rq->too_big) {
            if (sol_grow((void **)&rq->body, &rq->cap, rq->len + *upload_size + 1, 1))
                return MHD_NO;
            memcpy(rq->body + rq->len, upload, *upload_size);
            rq->len += *upload_size;
            rq->body[rq->len] = '\0';
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (!rq->body && !(rq->body = calloc(1, 1)))
        return MHD_NO;
    return route(s, c, url, method, rq);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    sol_server *s = cls;
    request *rq = *con_cls;
    if (rq) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
            c, MHD_CONNECTION_INFO_HTTP_STATUS);
        if (!s->o.quiet)
            fprintf(stderr, "soleus serve: %s %s %u %.1f ms%s\n", rq->method, rq->path,
                    ci ? ci->http_status : 0u, ms_since(&rq->start),
                    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? ""
                                                               : " (connection ended early)");
        free(rq->body);
        free(rq);
    }
    *con_cls = NULL;
}

/* ---- start and stop ------------------------------------------------------ */

static int parse_listen(const char *spec, struct sockaddr_storage *sa, socklen_t *salen,
                        char *host, size_t hostlen, unsigned *port, sol_diag *d)
{
    const char *colon = strrchr(spec, ':');
    struct addrinfo hints = {0}, *res = NULL;
    char *end;
    if (!colon)
        return sol_diag_set(d, SOL_EUSAGE, "", 0, "--listen: expected ADDR:PORT, got '%s'", spec);
    unsigned long p = strtoul(colon + 1, &end, 10);
    if (!colon[1] || *end || p > 65535)
        return sol_diag_set(d, SOL_EUSAGE, "", 0, "--listen: bad port in '%s'", spec);
    size_t hl = (size_t)(colon - spec);
    if (hl >= 2 && spec[0] == '[' && spec[hl - 1] == ']') {
        spec++;
        hl -= 2;
    }
    if (hl == 0 || hl >= hostlen)
        return sol_diag_set(d, SOL_EUSAGE, "", 0, "--listen: bad address");
    memcpy(host, spec, hl);
    host[hl] = '\0';
    hints.ai_flags = AI_NUMERICHOST;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, NULL, &hints, &res) != 0 || !res)
        return sol_diag_set(d, SOL_EUSAGE, "", 0,
                            "--listen: '%s' is not a numeric IPv4 or IPv6 address", host);
    memcpy(sa, res->ai_addr, res->ai_addrlen);
    *salen = res->ai_addrlen;
    freeaddrinfo(res);
    if (sa->ss_family == AF_INET)
        ((struct sockaddr_in *)sa)->sin_port = htons((uint16_t)p);
    else
        ((struct sockaddr_in6 *)sa)->sin6_port = htons((uint16_t)p);
    *port = (unsigned)p;
    return SOL_OK;
}

static int is_loopback(const struct sockaddr_storage *sa)
{
    if (sa->ss_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->ss_family == AF_INET6)
        return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
    return 0;
}

int sol_server_start(sol_server **out, const sol_server_opts *o, sol_diag *d)
{
    struct sockaddr_storage sa;
    socklen_t salen = 0;
    char host[128], path[1024];
    unsigned port = 0;
    int rc;
    *out = NULL;
    if ((rc = parse_listen(o->listen, &sa, &salen, host, sizeof host, &port, d)))
        return rc;
    if (!is_loopback(&sa) && (!o->auth || sol_auth_key_count(o->auth) == 0))
        return sol_diag_set(d, SOL_EUSAGE, "", 0,
                            "refusing to listen on %s without --trust-key: off loopback, every "
                            "CDS Hooks call must carry a JWT from a trusted issuer",
                            host);
    sol_record_init(); /* before any worker thread reads a record */
    sol_server *s = calloc(1, sizeof *s);
    if (!s)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    s->o = *o;
    s->loopback = is_loopback(&sa);
    pthread_mutex_init(&s->lock, NULL);
    s->npool = o->threads ? o->threads : 1;
    s->pool = calloc(s->npool, sizeof *s->pool);
    if (!s->pool) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        goto fail;
    }
    for (unsigned i = 0; i < s->npool; i++)
        if ((rc = sol_pipeline_new(&s->pool[i], o->rules_dir, o->knowledge_dir, d)))
            goto fail;
    snprintf(path, sizeof path, "%s/questionnaire.tsv", o->knowledge_dir);
    if ((rc = sol_form_load(&s->form, path, sol_pipeline_vocab(s->pool[0]), d)))
        goto fail;
    FILE *m = open_memstream(&s->form_html, &s->form_len);
    if (!m || sol_webform_write(m, sol_pipeline_vocab(s->pool[0]), s->form) || fclose(m)) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "cannot build the form");
        goto fail;
    }
    s->mhd = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
            (sa.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
        (uint16_t)port, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, s->npool > 1 ? s->npool : 0u, MHD_OPTION_CONNECTION_LIMIT,
        o->max_connections ? o->max_connections : 64u, MHD_OPTION_CONNECTION_TIMEOUT,
        o->timeout ? o->timeout : 10u, MHD_OPTION_NOTIFY_COMPLETED, completed, s, MHD_OPTION_END);
    if (!s->mhd) {
        rc = sol_diag_set(d, SOL_EIO, "", 0, "cannot listen on %s (in use, or not permitted)",
                          o->listen);
        goto fail;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : port;
    if (o->base_url)
        snprintf(s->url, sizeof s->url, "%s", o->base_url);
    else if (sa.ss_family == AF_INET6)
        snprintf(s->url, sizeof s->url, "http://[%s]:%u", host, s->port);
    else
        snprintf(s->url, sizeof s->url, "http://%s:%u", host, s->port);
    *out = s;
    return SOL_OK;
fail:
    sol_server_stop(s);
    return rc;
}

const char *sol_server_url(const sol_server *s) { return s->url; }

void sol_server_stop(sol_server *s)
{
    if (!s)
        return;
    if (s->mhd)
        MHD_stop_daemon(s->mhd); /* joins the workers */
    for (unsigned i = 0; s->pool && i < s->npool; i++)
        sol_pipeline_free(s->pool[i]);
    free(s->pool);
    sol_form_free(s->form);
    free(s->form_html);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
