/* auth.h — CDS Hooks bearer-token checks (the only libjwt user): which
 * issuers are trusted with which public key, and whether a request's
 * Authorization header carries a JWT signed by one of them (RS/ES
 * algorithms only), with aud equal to the service URL, unexpired, and a jti
 * not seen before. The replay memory holds issuer and jti until expiry,
 * nothing else. Safe to call from several threads. */
#ifndef SOL_AUTH_H
#define SOL_AUTH_H

#include "sol.h"

#define SOL_AUTH_MAX_LIFETIME 3600 /* refuse exp further ahead, seconds */
#define SOL_AUTH_MAX_JTI 16384     /* unexpired jti remembered at most */

typedef struct sol_auth sol_auth;

int sol_auth_new(sol_auth **out);
void sol_auth_free(sol_auth *a); /* NULL is a no-op */
/* "ISSUER=PEMFILE": trust the public key in PEMFILE for tokens from ISSUER. */
int sol_auth_add_key(sol_auth *a, const char *spec, sol_diag *d);
size_t sol_auth_key_count(const sol_auth *a);
/* SOL_OK when authorization ("Bearer TOKEN") is acceptable for aud at time
 * now (seconds since the epoch); otherwise SOL_EINVALID and why says what is
 * wrong, without echoing the token. */
int sol_auth_check(sol_auth *a, const char *authorization, const char *aud, long now, char *why,
                   size_t whylen);

#endif
