/* json_dump.c — the JSON module's serialiser: a jansson tree into one memory
 * buffer, byte for byte as json_dumpb writes it with JSON_SORT_KEYS and
 * JSON_REAL_PRECISION(4), compact or indented. jansson hands every token to
 * a callback and looks each sorted key up again in its hash table; for a
 * batch line that cost more than building the tree. */
#include "json_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *buf;
    size_t len, cap;
    int indent;  /* spaces a level; 0: one line */
    int compact; /* ":" and "," without spaces */
    int oom;
} out_buf;

static void put(out_buf *o, const char *s, size_t n)
{
    if (o->oom)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->len + n + 1)
            cap *= 2;
        char *nb = realloc(o->buf, cap);
        if (!nb) {
            o->oom = 1;
            return;
        }
        o->buf = nb;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

/* jansson's dump_indent: a newline and depth levels of spaces when
 * indenting, else one space where space is asked for (not compact). */
static void newline(out_buf *o, int depth, int space)
{
    static const char spaces[] = "                                ";
    if (o->indent > 0) {
        size_t n = (size_t)depth * (size_t)o->indent;
        put(o, "\n", 1);
        while (n > 0) {
            size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
            put(o, spaces, k);
            n -= k;
        }
    } else if (space && !o->compact) {
        put(o, " ", 1);
    }
}

/* A string as jansson escapes it without JSON_ENSURE_ASCII: quote,
 * backslash and control characters; UTF-8 is copied as it is. */
static void put_string(out_buf *o, const char *s, size_t n)
{
    size_t run = 0;
    put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc;
        char u[8];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(o, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default: snprintf(u, sizeof u, "\\u%04X", c); esc = u;
        }
        put(o, esc, strlen(esc));
    }
    put(o, s + run, n - run);
    put(o, "\"", 1);
}

/* jansson's jsonp_dtostr at precision 4: "%.4g", ".0" when neither a dot
 * nor an exponent shows, the exponent without '+' or leading zeros. */
static void put_real(out_buf *o, double v)
{
    char b[64];
    int n = snprintf(b, sizeof b, "%.4g", v);
    if (n < 0 || (size_t)n >= sizeof b - 3) {
        o->oom = 1;
        return;
    }
    size_t len = (size_t)n;
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
    put(o, b, len);
}

typedef struct {
    const char *key;
    json_t *value;
} member;

static int cmp_member(const void *a, const void *b)
{
    return strcmp(((const member *)a)->key, ((const member *)b)->key);
}

static void put_value(out_buf *o, json_t *j, int depth)
{
    char b[32];
    switch (json_typeof(j)) {
    case JSON_NULL: put(o, "null", 4); break;
    case JSON_TRUE: put(o, "true", 4); break;
    case JSON_FALSE: put(o, "false", 5); break;
    case JSON_INTEGER:
        put(o, b, (size_t)snprintf(b, sizeof b, "%" JSON_INTEGER_FORMAT, json_integer_value(j)));
        break;
    case JSON_REAL: put_real(o, json_real_value(j)); break;
    case JSON_STRING: put_string(o, json_string_value(j), json_string_length(j)); break;
    case JSON_ARRAY: {
        size_t n = json_array_size(j);
        put(o, "[", 1);
        if (n)
            newline(o, depth + 1, 0);
        for (size_t i = 0; i < n; i++) {
            put_value(o, json_array_get(j, i), depth + 1);
            if (i + 1 < n) {
                put(o, ",", 1);
                newline(o, depth + 1, 1);
            } else {
                newline(o, depth, 0);
            }
        }
        put(o, "]", 1);
        break;
    }
    case JSON_OBJECT: {
        size_t n = json_object_size(j), k = 0;
        member stack[32], *m = n <= 32 ? stack : malloc(n * sizeof *m);
        if (!m) {
            o->oom = 1;
            return;
        }
        for (void *it = json_object_iter(j); it && k < n; it = json_object_iter_next(j, it)) {
            m[k].key = json_object_iter_key(it);
            m[k++].value = json_object_iter_value(it);
        }
        sol_sort(m, k, sizeof *m, cmp_member);
        put(o, "{", 1);
        if (k)
            newline(o, depth + 1, 0);
        for (size_t i = 0; i < k; i++) {
            put_string(o, m[i].key, strlen(m[i].key));
            put(o, o->compact ? ":" : ": ", o->compact ? 1 : 2);
            put_value(o, m[i].value, depth + 1);
            if (i + 1 < k) {
                put(o, ",", 1);
                newline(o, depth + 1, 1);
            } else {
                newline(o, depth, 0);
            }
        }
        put(o, "}", 1);
        if (m != stack)
            free(m);
        break;
    }
    }
}

int sol_json_dump(char **out, size_t *out_len, json_t *root, int indent)
{
    out_buf o = {NULL, 0, 0, indent, indent == 0, 0};
    *out = NULL;
    *out_len = 0;
    put_value(&o, root, 0);
    if (o.oom) {
        free(o.buf);
        return SOL_ENOMEM;
    }
    o.buf[o.len] = '\0';
    *out = o.buf;
    *out_len = o.len;
    return SOL_OK;
}
