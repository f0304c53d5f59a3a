/* util.c — the small shared helpers declared in sol.h: diagnostics, typed
 * values, bounded file reading and allocation helpers. No external library.
 * sol_read_file checks the size with fstat before reading and never reads
 * more than max + 1 bytes, so an oversized file is refused cheaply. */
#include "sol.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

int sol_diag_set(sol_diag *d, int code, const char *file, int line, const char *fmt, ...)
{
    /* cppcheck-suppress ctunullpointer ; sizeof does not evaluate d (NULL is allowed) */
    char msg[sizeof d->msg];
    char where[sizeof d->file];
    va_list ap;

    if (!d)
        return code;
    /* Format into locals first: file or an argument may point into d. */
    snprintf(where, sizeof where, "%s", file ? file : "");
    msg[0] = '\0';
    if (fmt) {
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
    }
    memcpy(d->file, where, sizeof d->file);
    memcpy(d->msg, msg, sizeof d->msg);
    d->line = line;
    return code;
}

/* The len bytes at s as a new NUL-terminated string. */
static char *dup_len(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *sol_strdup(const char *s) { return s ? dup_len(s, strlen(s)) : NULL; }

char *sol_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    /* memchr stops at the first NUL: s may be shorter than n */
    const char *nul = memchr(s, '\0', n);
    return dup_len(s, nul ? (size_t)(nul - s) : n);
}

int sol_value_copy(sol_value *out, const sol_value *src)
{
    sol_value tmp = *src;

    tmp.sym = NULL;
    if (src->sym) {
        tmp.sym = sol_strdup(src->sym);
        if (!tmp.sym)
            return SOL_ENOMEM;
    }
    *out = tmp;
    return SOL_OK;
}

void sol_value_clear(sol_value *v)
{
    if (!v)
        return;
    free(v->sym);
    memset(v, 0, sizeof *v);
    v->kind = SOL_VAL_NONE;
}

const char *sol_value_text(const sol_value *v, char *buf, size_t len)
{
    if (!buf || len == 0)
        return "";
    if (!v) {
        snprintf(buf, len, "-");
        return buf;
    }
    switch (v->kind) {
    case SOL_VAL_SYMBOL: snprintf(buf, len, "%s", v->sym ? v->sym : ""); break;
    case SOL_VAL_INTEGER: snprintf(buf, len, "%lld", v->i); break;
    case SOL_VAL_REAL:
        /* Shortest form that still reads back as the same double. */
        snprintf(buf, len, "%.15g", v->r);
        if (strtod(buf, NULL) != v->r)
            snprintf(buf, len, "%.17g", v->r);
        break;
    case SOL_VAL_UNKNOWN: snprintf(buf, len, "unknown"); break;
    case SOL_VAL_NONE:
    default: snprintf(buf, len, "-"); break;
    }
    return buf;
}

int sol_value_equal(const sol_value *a, const sol_value *b)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind)
        return 0;
    switch (a->kind) {
    case SOL_VAL_SYMBOL:
        if (!a->sym || !b->sym)
            return a->sym == b->sym;
        return strcmp(a->sym, b->sym) == 0;
    case SOL_VAL_INTEGER: return a->i == b->i;
    case SOL_VAL_REAL: return a->r == b->r;
    default: return 1;
    }
}

/* Refuse a path that is not a regular file, saying what it is. */
static int refuse_kind(sol_diag *d, const char *path, mode_t mode)
{
    const char *what = S_ISDIR(mode)    ? "a directory"
                       : S_ISFIFO(mode) ? "a FIFO (named pipe)"
                       : S_ISCHR(mode)  ? "a character device"
                       : S_ISBLK(mode)  ? "a block device"
                       : S_ISSOCK(mode) ? "a socket"
                                        : "not a regular file";

    return sol_diag_set(d, SOL_EIO, path, 0,
                        "is %s, not a regular file (use - to read standard "
                        "input)",
                        what);
}

int sol_read_file(char **out, size_t *out_len, const char *path, size_t max, sol_diag *d)
{
    struct stat st;
    char *buf = NULL;
    size_t cap, len = 0;
    int fd = -1, rc = SOL_OK;

    *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!path)
        return sol_diag_set(d, SOL_EIO, "", 0, "no file name given");
    if (strcmp(path, "-") == 0) {
        fd = STDIN_FILENO; /* a stream of any kind, read up to max + 1 */
        if (fstat(fd, &st) != 0)
            return sol_diag_set(d, SOL_EIO, path, 0, "cannot stat: %s", strerror(errno));
        st.st_mode = S_IFIFO; /* never trust a size for a stream */
    } else {
        /* Only regular files: a FIFO would block open() or read() forever,
         * a device could be endless. stat() first, so a device is never
         * opened; O_NONBLOCK and fstat() close the gap should the path
         * change in between. */
        if (stat(path, &st) != 0)
            return sol_diag_set(d, SOL_EIO, path, 0, "cannot open: %s", strerror(errno));
        if (!S_ISREG(st.st_mode))
            return refuse_kind(d, path, st.st_mode);
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        if (fd < 0)
            return sol_diag_set(d, SOL_EIO, path, 0, "cannot open: %s", strerror(errno));
        if (fstat(fd, &st) != 0) {
            rc = sol_diag_set(d, SOL_EIO, path, 0, "cannot stat: %s", strerror(errno));
            goto cleanup;
        }
        if (!S_ISREG(st.st_mode)) {
            rc = refuse_kind(d, path, st.st_mode);
            goto cleanup;
        }
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
        rc = sol_diag_set(d, SOL_EIO, path, 0,
                          "file too large: %lld bytes, the limit is %zu bytes",
                          (long long)st.st_size, max);
        goto cleanup;
    }
    /* Regular files: size known. Pipes and devices: grow, bounded by max. */
    cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 4096;
    if (cap > max + 1)
        cap = max + 1;
    buf = malloc(cap + 1);
    if (!buf) {
        rc = sol_diag_set(d, SOL_ENOMEM, path, 0, "out of memory");
        goto cleanup;
    }
    for (;;) {
        ssize_t n;

        if (len == cap) {
            size_t ncap;
            char *nb;

            if (cap > max) /* read max + 1 bytes: too large */
                break;
            ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            nb = realloc(buf, ncap + 1);
            if (!nb) {
                rc = sol_diag_set(d, SOL_ENOMEM, path, 0, "out of memory");
                goto cleanup;
            }
            buf = nb;
            cap = ncap;
        }
        n = read(fd, buf + len, cap - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = sol_diag_set(d, SOL_EIO, path, 0, "cannot read: %s", strerror(errno));
            goto cleanup;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (len > max) {
        rc = sol_diag_set(d, SOL_EIO, path, 0, "file too large: more than the limit of %zu bytes",
                          max);
        goto cleanup;
    }
    buf[len] = '\0';
    *out = buf;
    buf = NULL;
    if (out_len)
        *out_len = len;

cleanup:
    free(buf);
    if (fd > STDIN_FILENO)
        close(fd);
    return rc;
}

const char *sol_escape_ctl(char *out, size_t len, const char *s)
{
    size_t w = 0;

    if (!out || len == 0)
        return "";
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        char esc[8];
        size_t n;

        if (*p == '\n' || *p == '\r' || *p == '\t') {
            esc[0] = '\\';
            esc[1] = *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't';
            n = 2;
        } else if (*p < 0x20 || *p == 0x7f) {
            snprintf(esc, sizeof esc, "\\x%02x", *p);
            n = 4;
        } else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            snprintf(esc, sizeof esc, "\\u%04x", p[1]);
            n = 6;
            p++;
        } else {
            /* one byte of text; a multi-byte character is copied whole */
            size_t k = 1;
            while (p[k] && (p[k] & 0xc0) == 0x80 && (*p & 0xc0) == 0xc0 && k < 4)
                k++;
            if (w + k >= len)
                break;
            memcpy(out + w, p, k);
            w += k;
            p += k - 1;
            continue;
        }
        if (w + n >= len)
            break;
        memcpy(out + w, esc, n);
        w += n;
    }
    out[w] = '\0';
    return out;
}

int sol_write_end(FILE *out)
{
    if (fflush(out) != 0 || ferror(out))
        return SOL_EWRITE;
    return SOL_OK;
}

char *sol_next_line(char **cursor, int *line)
{
    char *p;

    while ((p = *cursor) != NULL && *p) {
        char *nl = strchr(p, '\n');
        size_t n;

        (*line)++;
        *cursor = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        n = strlen(p);
        if (n && p[n - 1] == '\r')
            p[n - 1] = '\0';
        if (*p == '#' || p[strspn(p, " \t")] == '\0')
            continue;
        return p;
    }
    return NULL;
}

const char *sol_trim(const char *s, size_t *n)
{
    size_t k = *n;

    while (k && isspace((unsigned char)*s)) {
        s++;
        k--;
    }
    while (k && isspace((unsigned char)s[k - 1]))
        k--;
    *n = k;
    return s;
}

char *sol_trim_dup(const char *s, size_t n)
{
    s = sol_trim(s, &n);
    return sol_strndup(s, n);
}

void sol_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1) /* an empty array may have no base: qsort wants one */
        qsort(base, n, size, cmp);
}

#define HASH_PRIME 1099511628211ULL

static uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

uint64_t sol_hash_bytes(uint64_t h, const void *b, size_t n)
{
    const unsigned char *c = b;
    size_t k = 0;
    if (n >= 32) {
        /* four independent lanes, folded into h at the end; the rotation
         * carries each word's high bits down, where a multiply cannot */
        uint64_t a = h, b2 = h ^ 0x9e3779b97f4a7c15ULL, c2 = h ^ 0xc2b2ae3d27d4eb4fULL,
                 d = h ^ 0x165667b19e3779f9ULL, w0, w1, w2, w3;
        for (; k + 32 <= n; k += 32) {
            memcpy(&w0, c + k, 8);
            memcpy(&w1, c + k + 8, 8);
            memcpy(&w2, c + k + 16, 8);
            memcpy(&w3, c + k + 24, 8);
            a = rotl(a ^ w0, 29) * HASH_PRIME;
            b2 = rotl(b2 ^ w1, 29) * HASH_PRIME;
            c2 = rotl(c2 ^ w2, 29) * HASH_PRIME;
            d = rotl(d ^ w3, 29) * HASH_PRIME;
        }
        h = rotl(h ^ a, 29) * HASH_PRIME;
        h = rotl(h ^ b2, 29) * HASH_PRIME;
        h = rotl(h ^ c2, 29) * HASH_PRIME;
        h = rotl(h ^ d, 29) * HASH_PRIME;
    }
    for (; k < n; k++)
        h = (h ^ c[k]) * HASH_PRIME;
    return h;
}

uint64_t sol_hash_file(uint64_t h, const char *path)
{
    unsigned char buf[8192];
    size_t n;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        h = sol_hash_bytes(h, buf, n);
    fclose(f);
    return h;
}

typedef struct {
    const char *name;
    size_t i;
} named_index;

static int cmp_named_index(const void *x, const void *y)
{
    const named_index *a = x, *b = y;
    int c = strcmp(a->name, b->name);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

int sol_first_dups(size_t **out, const char *const *names, size_t n)
{
    named_index *ix = malloc((n ? n : 1) * sizeof *ix);
    *out = malloc((n ? n : 1) * sizeof **out);
    if (!ix || !*out) {
        free(ix);
        free(*out);
        *out = NULL;
        return SOL_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        ix[i] = (named_index){names[i], i};
    sol_sort(ix, n, sizeof *ix, cmp_named_index);
    /* each name is now a run, its first occurrence first */
    for (size_t g = 0, e; g < n; g = e) {
        (*out)[ix[g].i] = SOL_NO_DUP;
        for (e = g + 1; e < n && strcmp(ix[e].name, ix[g].name) == 0; e++)
            (*out)[ix[e].i] = ix[g].i;
    }
    free(ix);
    return SOL_OK;
}

int sol_grow(void **arr, size_t *cap, size_t need, size_t size)
{
    size_t n;
    void *p;

    if (need <= *cap)
        return SOL_OK;
    n = *cap ? *cap : 16;
    while (n < need) {
        if (n > ((size_t)-1) / 2)
            return SOL_ENOMEM;
        n *= 2;
    }
    if (n > ((size_t)-1) / size)
        return SOL_ENOMEM;
    p = realloc(*arr, n * size);
    if (!p)
        return SOL_ENOMEM;
    *arr = p;
    *cap = n;
    return SOL_OK;
}

int sol_grow_one(void **arr, size_t n, size_t size)
{
    size_t cap = n ? 16 : 0;

    while (cap && cap < n && cap <= ((size_t)-1) / 2)
        cap *= 2;
    return sol_grow(arr, &cap, n + 1, size);
}

int sol_push(void **arr, size_t *n, size_t size)
{
    if (sol_grow_one(arr, *n, size))
        return SOL_ENOMEM;
    memset((char *)*arr + *n * size, 0, size);
    (*n)++;
    return SOL_OK;
}

/* Room for n more bytes and the NUL; 0 when there is. */
static int buf_room(sol_buf *b, size_t n)
{
    if (b->failed)
        return -1;
    if (n > ((size_t)-1) / 2 - b->len || sol_grow((void **)&b->s, &b->cap, b->len + n + 1, 1)) {
        b->failed = 1;
        return -1;
    }
    return 0;
}

void sol_buf_add(sol_buf *b, const char *t, size_t n)
{
    if (buf_room(b, n))
        return;
    memcpy(b->s + b->len, t, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sol_buf_puts(sol_buf *b, const char *t) { sol_buf_add(b, t, strlen(t)); }

void sol_buf_printf(sol_buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];

    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        sol_buf_add(b, small, (size_t)n);
        return;
    }
    if (buf_room(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *sol_buf_str(const sol_buf *b) { return b->s ? b->s : ""; }

char *sol_buf_take(sol_buf *b)
{
    char *s = b->failed ? NULL : b->s ? b->s : sol_strdup("");

    if (!s)
        free(b->s);
    memset(b, 0, sizeof *b);
    return s;
}

void sol_buf_free(sol_buf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

/* The uid of the rule with `before` earlier rules of its family of `total`:
 * id, id + letter ("R07a"; "X-name-a" when id does not end in a digit), or
 * id.N past z; cut to len - 1 characters as snprintf would. Written by hand:
 * every process start derives every rule's uid. */
static void format_uid(char *out, size_t len, const char *id, size_t before, size_t total)
{
    char tail[32], digits[24];
    size_t idn = strlen(id), tn = 0, dn = 0, n;

    if (total > 1 && before >= 26) {
        tail[tn++] = '.';
        for (size_t v = before + 1; v; v /= 10)
            digits[dn++] = (char)('0' + v % 10);
        while (dn)
            tail[tn++] = digits[--dn];
    } else if (total > 1) {
        if (!(idn && isdigit((unsigned char)id[idn - 1])))
            tail[tn++] = '-';
        tail[tn++] = (char)('a' + before);
    }
    if (len == 0)
        return;
    n = idn < len - 1 ? idn : len - 1;
    memcpy(out, id, n);
    if (tn > len - 1 - n)
        tn = len - 1 - n;
    memcpy(out + n, tail, tn);
    out[n + tn] = '\0';
}

int sol_rule_uids(char **out, const char *const *fam, size_t n)
{
    /* sorted by family, then place: no state outside the pairs, as
     * pipelines may be built on several threads */
    named_index *ix = malloc((n ? n : 1) * sizeof *ix);
    size_t m = 0;
    char uid[256];
    if (!ix)
        return SOL_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        out[i] = NULL;
        if (fam[i])
            ix[m++] = (named_index){fam[i], i};
    }
    qsort(ix, m, sizeof *ix, cmp_named_index);
    /* each family is now a run, its members in definition order */
    for (size_t g = 0, e; g < m; g = e) {
        for (e = g + 1; e < m && strcmp(ix[e].name, ix[g].name) == 0; e++)
            ;
        for (size_t k = g; k < e; k++) {
            format_uid(uid, sizeof uid, ix[k].name, k - g, e - g);
            if (!(out[ix[k].i] = sol_strdup(uid))) {
                for (size_t j = 0; j < n; j++) {
                    free(out[j]);
                    out[j] = NULL;
                }
                free(ix);
                return SOL_ENOMEM;
            }
        }
    }
    free(ix);
    return SOL_OK;
}

int sol_rule_id_selects(const char *selector, const char *uid, const char *fam)
{
    return (uid && strcasecmp(selector, uid) == 0) || (fam && strcasecmp(selector, fam) == 0);
}

/* ---- close names for "did you mean" ---- */

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = NULL, best;

    if (la > 128 || lb > 128)
        return (size_t)-1;
    row = malloc((lb + 1) * sizeof *row);
    if (!row)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t sub = prev +
                         (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            size_t m = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1 : row[j - 1] + 1;
            row[j] = sub < m ? sub : m;
            prev = cur;
        }
    }
    best = row[lb];
    free(row);
    return best;
}

/* Case-insensitive strstr for short ASCII words. */
static int contains_ci(const char *hay, const char *needle)
{
    size_t nl = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, nl) == 0)
            return 1;
    return 0;
}

const char *sol_close_names(const char *word, const char *const *candidates, size_t n, size_t max,
                            char *buf, size_t len)
{
    size_t *score = calloc(n ? n : 1, sizeof *score);
    size_t shown = 0, wl = strlen(word);

    buf[0] = '\0';
    if (!score)
        return buf;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (wl >= 3 && contains_ci(candidates[i], word))
            d = d < 2 ? d : 2; /* a fragment of the name is close */
        score[i] = d;
    }
    /* Accept distances up to a third of the word (at least 2). */
    size_t limit = wl / 3 > 2 ? wl / 3 : 2;
    for (size_t d = 0; d <= limit && shown < max; d++)
        for (size_t i = 0; i < n && shown < max; i++) {
            if (score[i] != d)
                continue;
            size_t used = strlen(buf);
            snprintf(buf + used, len - used, "%s%s", shown ? ", " : "", candidates[i]);
            shown++;
        }
    free(score);
    return buf;
}

int sol_line_at(const char *buf, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        line += buf[i] == '\n';
    return line;
}

/* Offset of the first invalid UTF-8 sequence, or len when all valid.
 * Refuses overlong forms, surrogates and code points above U+10FFFF. */
size_t sol_utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned cp, min;
        uint64_t w;

        /* ASCII, most of every knowledge table, eight bytes a step: every
         * start checks all of them */
        if (i + 8 <= len && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0)) {
            i += 8;
            continue;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else
            return i;
        if (len - i <= n)
            return i;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return len;
}
