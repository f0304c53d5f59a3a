/* json_stream.c — the JSON module's text writer (json_stream.h): tokens
 * into one growing buffer, separators and indentation as jansson's dumper
 * writes them. Objects remember where each member starts, so one whose keys
 * came out of order can be put in order when it closes. */
#include "json_stream.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sol.h"

/* Room for n more bytes and the NUL after them; 0 when out of memory. */
static int reserve(sol_jw *w, size_t n)
{
    if (w->oom)
        return 0;
    if (w->len + n + 1 <= w->cap)
        return 1;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < w->len + n + 1)
        cap *= 2;
    char *nb = realloc(w->buf, cap);
    if (!nb) {
        w->oom = 1;
        return 0;
    }
    w->buf = nb;
    w->cap = cap;
    return 1;
}

static void put(sol_jw *w, const char *s, size_t n)
{
    if (reserve(w, n)) {
        memcpy(w->buf + w->len, s, n);
        w->len += n;
    }
}

/* jansson's dump_indent: when indenting, a newline and depth levels of
 * spaces; compact output has no space at all. */
static void newline(sol_jw *w, size_t depth)
{
    static const char spaces[] = "                                ";
    if (w->indent <= 0)
        return;
    size_t n = depth * (size_t)w->indent;
    put(w, "\n", 1);
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        put(w, spaces, k);
        n -= k;
    }
}

/* 1 for the bytes a JSON string escapes: control characters, quote and
 * backslash. */
static const unsigned char needs_escape[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

/* A string as jansson escapes it without JSON_ENSURE_ASCII: quote,
 * backslash and control characters; UTF-8 is copied as it is. Most strings
 * need no escape and go in with one copy. */
static void put_string(sol_jw *w, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n && !needs_escape[u[i]])
        i++;
    if (i == n) {
        if (reserve(w, n + 2)) {
            char *o = w->buf + w->len;
            o[0] = '"';
            memcpy(o + 1, s, n);
            o[n + 1] = '"';
            w->len += n + 2;
        }
        return;
    }
    put(w, "\"", 1);
    for (; i < n; i++) {
        unsigned char c = u[i];
        const char *esc;
        char hex[8];
        if (!needs_escape[c])
            continue;
        put(w, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default: snprintf(hex, sizeof hex, "\\u%04X", c); esc = hex;
        }
        put(w, esc, strlen(esc));
    }
    put(w, s + run, n - run);
    put(w, "\"", 1);
}

/* Put the members of the object on top back in key order (jansson sorts
 * with strcmp): each member's text is moved whole, the separators stay
 * where they are, so the length does not change. */
typedef struct {
    const char *key;
    size_t off, n; /* its text in the copy */
} moved;

static int cmp_moved(const void *a, const void *b)
{
    return strcmp(((const moved *)a)->key, ((const moved *)b)->key);
}

static void reorder(sol_jw *w, const sol_jw_frame *f)
{
    const sol_jw_member *m = w->members + f->first;
    size_t k = w->nmembers - f->first, base = m[0].start;
    size_t sep = 1 + (w->indent > 0 ? 1 + w->depth * (size_t)w->indent : 0);
    moved *mv = malloc(k * sizeof *mv);
    char *copy = malloc(w->len - base);
    if (!mv || !copy) {
        w->oom = 1;
        goto done;
    }
    memcpy(copy, w->buf + base, w->len - base);
    for (size_t i = 0; i < k; i++) {
        size_t end = i + 1 < k ? m[i + 1].start - sep : w->len;
        mv[i] = (moved){m[i].key, m[i].start - base, end - m[i].start};
    }
    sol_sort(mv, k, sizeof *mv, cmp_moved);
    w->len = base;
    for (size_t i = 0; i < k; i++) {
        if (i) {
            put(w, ",", 1);
            newline(w, w->depth);
        }
        put(w, copy + mv[i].off, mv[i].n);
    }
done:
    free(mv);
    free(copy);
}

/* The separator before a value and, in an object, its key; 0 when out of
 * memory. */
static int begin(sol_jw *w, const char *key)
{
    if (w->oom)
        return 0;
    if (w->depth == 0)
        return 1;
    sol_jw_frame *f = &w->frames[w->depth - 1];
    if (f->count++)
        put(w, ",", 1);
    newline(w, w->depth);
    if (!f->is_object)
        return 1;
    if (w->nmembers == w->mcap &&
        sol_grow((void **)&w->members, &w->mcap, w->nmembers + 1, sizeof *w->members)) {
        w->oom = 1;
        return 0;
    }
    w->members[w->nmembers++] = (sol_jw_member){key, w->len};
    if (f->last_key && strcmp(f->last_key, key) >= 0)
        f->sorted = 0;
    f->last_key = key;
    put_string(w, key, strlen(key));
    put(w, w->indent > 0 ? ": " : ":", w->indent > 0 ? 2 : 1);
    return 1;
}

static void open_(sol_jw *w, const char *key, int is_object)
{
    if (!begin(w, key))
        return;
    if (sol_grow((void **)&w->frames, &w->fcap, w->depth + 1, sizeof *w->frames)) {
        w->oom = 1;
        return;
    }
    w->frames[w->depth++] = (sol_jw_frame){w->nmembers, 0, is_object, 1, NULL};
    put(w, is_object ? "{" : "[", 1);
}

void sol_jw_object(sol_jw *w, const char *key) { open_(w, key, 1); }
void sol_jw_array(sol_jw *w, const char *key) { open_(w, key, 0); }

void sol_jw_close(sol_jw *w)
{
    if (w->oom || w->depth == 0)
        return;
    const sol_jw_frame *f = &w->frames[w->depth - 1];
    if (f->is_object && !f->sorted)
        reorder(w, f);
    if (f->count)
        newline(w, w->depth - 1);
    put(w, f->is_object ? "}" : "]", 1);
    w->nmembers = f->first;
    w->depth--;
}

void sol_jw_init(sol_jw *w, int indent)
{
    memset(w, 0, sizeof *w);
    w->indent = indent;
}

int sol_jw_finish(sol_jw *w, char **out, size_t *len)
{
    put(w, "\n", 2); /* room for a newline and the NUL after the text */
    w->len -= w->oom ? 0 : 2;
    int bad = w->oom || w->depth != 0;
    free(w->frames);
    free(w->members);
    *out = NULL;
    *len = 0;
    if (bad) {
        free(w->buf);
        return SOL_ENOMEM;
    }
    w->buf[w->len] = '\0';
    *out = w->buf;
    *len = w->len;
    return SOL_OK;
}

void sol_jw_strn(sol_jw *w, const char *key, const char *s, size_t n)
{
    if (s && begin(w, key))
        put_string(w, s, n);
}

void sol_jw_str(sol_jw *w, const char *key, const char *s)
{
    if (s)
        sol_jw_strn(w, key, s, strlen(s));
}

/* Length of the UTF-8 sequence at p (avail bytes left) when jansson takes it
 * as valid (utf8_check_first and utf8_check_full), else 0. */
static size_t utf8_valid_len(const unsigned char *p, size_t avail)
{
    unsigned char u = p[0];
    size_t n = u < 0x80                 ? 1
               : u >= 0xC2 && u <= 0xDF ? 2
               : u >= 0xE0 && u <= 0xEF ? 3
               : u >= 0xF0 && u <= 0xF4 ? 4
                                        : 0;
    if (n <= 1 || n > avail)
        return n > avail ? 0 : n;
    unsigned long v = u & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < n; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[k] & 0x3F);
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || (n == 2 && v < 0x80) ||
        (n == 3 && v < 0x800) || (n == 4 && v < 0x10000))
        return 0;
    return n;
}

void sol_jw_utf8(sol_jw *w, const char *key, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), i = 0, o = 0, k;
    char *clean;
    while (i < n && (k = utf8_valid_len(p + i, n - i)) > 0)
        i += k;
    if (i == n) { /* valid as it is: the common case */
        sol_jw_strn(w, key, (const char *)p, n);
        return;
    }
    if (n > ((size_t)-1) / 3 - 1 || !(clean = malloc(3 * n + 1))) {
        w->oom = 1;
        return;
    }
    for (i = 0; i < n;) {
        k = utf8_valid_len(p + i, n - i);
        memcpy(clean + o, k ? (const char *)p + i : "\xef\xbf\xbd", k ? k : 3);
        o += k ? k : 3;
        i += k ? k : 1;
    }
    sol_jw_strn(w, key, clean, o);
    free(clean);
}

void sol_jw_int(sol_jw *w, const char *key, long long v)
{
    char b[24], *e = b + sizeof b, *q = e;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    if (!begin(w, key))
        return;
    do
        *--q = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        *--q = '-';
    put(w, q, (size_t)(e - q));
}

/* "%.4g" of v without snprintf, for 0 and 1e-4 <= |v| < 1e4 (every
 * certainty and score): v scaled to four significant digits and rounded, trailing
 * zeros dropped as %g drops them. 0 (use snprintf) outside that range, at
 * a rounding that lands near a half (where the scaling's own rounding
 * could decide), and when rounding carries into a fifth digit. */
static size_t fast_g4(double v, char *b)
{
    static const double pow10[] = {1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4};
    static const unsigned div10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
    double a = fabs(v);
    size_t len = 0;
    int e = 0;
    if (a == 0) { /* "0", or "-0" as %g writes negative zero */
        if (signbit(v))
            b[len++] = '-';
        b[len++] = '0';
        b[len] = '\0';
        return len;
    }
    if (!(a >= pow10[0] && a < pow10[8]))
        return 0;
    while (a >= pow10[e + 1])
        e++; /* a in [10^(e-4), 10^(e-3)) */
    int decimals = 7 - e;
    double scaled = a * (double)div10[decimals], whole = floor(scaled);
    double frac = scaled - whole;
    if (fabs(frac - 0.5) < 1e-6)
        return 0;
    unsigned n = (unsigned)whole + (frac > 0.5);
    if (n >= 10000)
        return 0;
    unsigned ip = n / div10[decimals], fp = n % div10[decimals];
    char digits[16];
    size_t nd = 0;
    if (v < 0)
        b[len++] = '-';
    do
        digits[nd++] = (char)('0' + ip % 10);
    while ((ip /= 10) != 0);
    while (nd)
        b[len++] = digits[--nd];
    while (decimals > 0 && fp % 10 == 0) { /* %g drops trailing zeros */
        fp /= 10;
        decimals--;
    }
    if (decimals > 0) {
        b[len++] = '.';
        for (int k = decimals - 1; k >= 0; k--)
            b[len + (size_t)k] = (char)('0' + fp % 10), fp /= 10;
        len += (size_t)decimals;
    }
    b[len] = '\0';
    return len;
}

/* jansson's jsonp_dtostr at precision 4: "%.4g", ".0" when neither a dot
 * nor an exponent shows, the exponent without '+' or leading zeros. NaN and
 * infinities are left out, key and all, as json_real refuses them. */
void sol_jw_real(sol_jw *w, const char *key, double v)
{
    char b[64];
    if (!isfinite(v) || !begin(w, key))
        return;
    size_t len = fast_g4(v, b);
    if (len == 0) {
        int n = snprintf(b, sizeof b, "%.4g", v);
        if (n < 0 || (size_t)n >= sizeof b - 3) {
            w->oom = 1;
            return;
        }
        len = (size_t)n;
    }
    if (!strchr(b, '.') && !strchr(b, 'e')) {
        memcpy(b + len, ".0", 3);
        len += 2;
    }
    char *start = strchr(b, 'e');
    if (start) {
        start++;
        char *end = start + 1;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, len - (size_t)(end - b) + 1);
            len -= (size_t)(end - start);
        }
    }
    put(w, b, len);
}

void sol_jw_bool(sol_jw *w, const char *key, int v)
{
    if (begin(w, key))
        put(w, v ? "true" : "false", v ? 4 : 5);
}

void sol_jw_null(sol_jw *w, const char *key)
{
    if (begin(w, key))
        put(w, "null", 4);
}
