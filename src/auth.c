/* auth.c — JWT bearer checks for the CDS Hooks endpoints (auth.h); the only
 * file that includes libjwt. The algorithm is checked after verification so
 * that neither "none" nor an HMAC keyed with a public key's text can pass. */
#include "auth.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jwt.h>

typedef struct {
    char *issuer;
    unsigned char *pem;
    size_t len;
} trusted;

typedef struct {
    char *key; /* issuer NUL jti, as one string "iss\x1fjti" */
    long exp;
} seen;

struct sol_auth {
    trusted *keys;
    size_t nkeys, capkeys;
    pthread_mutex_t lock; /* guards the replay memory */
    seen *seen;
    size_t nseen, capseen;
};

int sol_auth_new(sol_auth **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return SOL_ENOMEM;
    pthread_mutex_init(&(*out)->lock, NULL);
    return SOL_OK;
}

void sol_auth_free(sol_auth *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->nkeys; i++) {
        free(a->keys[i].issuer);
        free(a->keys[i].pem);
    }
    for (size_t i = 0; i < a->nseen; i++)
        free(a->seen[i].key);
    free(a->keys);
    free(a->seen);
    pthread_mutex_destroy(&a->lock);
    free(a);
}

size_t sol_auth_key_count(const sol_auth *a) { return a ? a->nkeys : 0; }

int sol_auth_add_key(sol_auth *a, const char *spec, sol_diag *d)
{
    const char *eq = strchr(spec, '=');
    char *pem = NULL;
    size_t len;
    int rc;
    if (!eq || eq == spec || !eq[1])
        return sol_diag_set(d, SOL_EUSAGE, "", 0, "--trust-key: expected ISSUER=PEMFILE");
    if ((rc = sol_read_file(&pem, &len, eq + 1, 64u * 1024u, d)))
        return rc;
    if (!strstr(pem, "-----BEGIN ") || strstr(pem, "PRIVATE KEY")) {
        free(pem);
        return sol_diag_set(d, SOL_EUSAGE, eq + 1, 0,
                            "expected a PEM public key (a private key does not belong here)");
    }
    if (sol_grow((void **)&a->keys, &a->capkeys, a->nkeys + 1, sizeof *a->keys) ||
        !(a->keys[a->nkeys].issuer = sol_strndup(spec, (size_t)(eq - spec)))) {
        free(pem);
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    }
    a->keys[a->nkeys].pem = (unsigned char *)pem;
    a->keys[a->nkeys].len = len;
    a->nkeys++;
    return SOL_OK;
}

static int fail(char *why, size_t len, const char *msg)
{
    snprintf(why, len, "%s", msg);
    return SOL_EINVALID;
}

/* Remember issuer+jti until exp; SOL_EINVALID when already seen. */
static int remember(sol_auth *a, const char *iss, const char *jti, long exp, long now, char *why,
                    size_t whylen)
{
    char key[600];
    int rc = SOL_OK;
    snprintf(key, sizeof key, "%s\x1f%s", iss, jti);
    pthread_mutex_lock(&a->lock);
    size_t w = 0;
    for (size_t i = 0; i < a->nseen; i++) { /* forget expired tokens */
        if (a->seen[i].exp < now) {
            free(a->seen[i].key);
            continue;
        }
        a->seen[w++] = a->seen[i];
    }
    a->nseen = w;
    for (size_t i = 0; i < a->nseen && rc == SOL_OK; i++)
        if (strcmp(a->seen[i].key, key) == 0)
            rc = fail(why, whylen, "token replayed: its jti was already used");
    if (rc == SOL_OK && a->nseen >= SOL_AUTH_MAX_JTI)
        rc = fail(why, whylen, "too many live tokens; retry later");
    if (rc == SOL_OK) {
        char *k = sol_strdup(key);
        if (!k || sol_grow((void **)&a->seen, &a->capseen, a->nseen + 1, sizeof *a->seen)) {
            free(k);
            rc = fail(why, whylen, "out of memory");
        } else {
            a->seen[a->nseen++] = (seen){k, exp};
        }
    }
    pthread_mutex_unlock(&a->lock);
    return rc;
}

static int alg_allowed(jwt_alg_t alg)
{
    switch (alg) {
    case JWT_ALG_RS256:
    case JWT_ALG_RS384:
    case JWT_ALG_RS512:
    case JWT_ALG_ES256:
    case JWT_ALG_ES384:
    case JWT_ALG_ES512: return 1;
    default: return 0;
    }
}

int sol_auth_check(sol_auth *a, const char *authorization, const char *aud, long now, char *why,
                   size_t whylen)
{
    jwt_t *jwt = NULL;
    const trusted *by = NULL;
    int rc;
    if (!authorization || strncasecmp(authorization, "Bearer ", 7) != 0)
        return fail(why, whylen, "a bearer token is required (Authorization: Bearer JWT)");
    const char *token = authorization + 7;
    if (strlen(token) > 8192)
        return fail(why, whylen, "bearer token too long");
    for (size_t i = 0; i < a->nkeys && !by; i++) {
        jwt_t *j = NULL;
        if (jwt_decode(&j, token, a->keys[i].pem, (int)a->keys[i].len) == 0 && j) {
            const char *iss = jwt_get_grant(j, "iss");
            if (alg_allowed(jwt_get_alg(j)) && iss && strcmp(iss, a->keys[i].issuer) == 0) {
                jwt = j;
                by = &a->keys[i];
                continue;
            }
        }
        jwt_free(j);
    }
    if (!by)
        return fail(why, whylen, "token not signed (RS/ES) by a trusted issuer under its 'iss'");
    const char *taud = jwt_get_grant(jwt, "aud");
    const char *jti = jwt_get_grant(jwt, "jti");
    errno = 0;
    long exp = jwt_get_grant_int(jwt, "exp");
    int noexp = errno == ENOENT;
    if (!taud || strcmp(taud, aud) != 0)
        rc = fail(why, whylen, "token 'aud' is not this service's URL");
    else if (noexp)
        rc = fail(why, whylen, "token has no 'exp'");
    else if (exp <= now)
        rc = fail(why, whylen, "token expired");
    else if (exp > now + SOL_AUTH_MAX_LIFETIME)
        rc = fail(why, whylen, "token 'exp' is too far ahead (at most an hour)");
    else if (!jti || !*jti || strlen(jti) > 256)
        rc = fail(why, whylen, "token has no usable 'jti'");
    else
        rc = remember(a, by->issuer, jti, exp, now, why, whylen);
    jwt_free(jwt);
    return rc;
}
