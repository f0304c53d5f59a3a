/* write_jsonl.c — the error line of `soleus batch`, streamed straight to the
 * FILE (no tree, no allocation), keys in sorted order, invalid UTF-8 as
 * U+FFFD. The record lines come from write_json.c (sol_write_json_line), the
 * one writer of the assessment JSON. */
#include "writers.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    FILE *out;
    int first; /* no member written yet in the current container */
} jw;

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n = s[0] < 0x80                    ? 1
               : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
               : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
               : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                              : 0;
    for (size_t k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* A JSON string; invalid UTF-8 (a file name, a message cut mid-character)
 * becomes U+FFFD so the line stays valid JSON. */
static void put_str(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    putc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const unsigned char *run = p;
        while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            fwrite(run, 1, (size_t)(p - run), out);
        if (!*p)
            break;
        if (*p >= 0x80) {
            size_t n = utf8_len(p);
            if (n)
                fwrite(p, 1, n, out);
            else
                fputs("\\uFFFD", out);
            p += n ? n - 1 : 0;
            continue;
        }
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\b': fputs("\\b", out); break;
        case '\f': fputs("\\f", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default: fprintf(out, "\\u%04X", *p); break;
        }
    }
    putc('"', out);
}

/* As jansson with JSON_REAL_PRECISION(4): "%.4g", ".0" added to integers. */
static void open_(jw *w, char c)
{
    putc(c, w->out);
    w->first = 1;
}

static void close_(jw *w, char c)
{
    putc(c, w->out);
    w->first = 0;
}

static void key(jw *w, const char *k)
{
    if (!w->first)
        putc(',', w->out);
    w->first = 0;
    if (k) {
        put_str(w->out, k);
        putc(':', w->out);
    }
}

static void k_str(jw *w, const char *k, const char *v)
{
    key(w, k);
    put_str(w->out, v);
}
static void k_int(jw *w, const char *k, long long v)
{
    key(w, k);
    fprintf(w->out, "%lld", v);
}
int sol_write_jsonl_error(FILE *out, const sol_input_pos *in, int line, int status,
                          const char *message)
{
    jw w = {out, 1};
    open_(&w, '{');
    key(&w, "error");
    open_(&w, '{');
    k_int(&w, "exit", status);
    k_int(&w, "line", line);
    k_str(&w, "message", message ? message : "");
    close_(&w, '}');
    key(&w, "input");
    open_(&w, '{');
    k_int(&w, "line", in->line);
    k_int(&w, "number", in->number);
    k_str(&w, "source", in->source ? in->source : "");
    close_(&w, '}');
    close_(&w, '}');
    putc('\n', out);
    return ferror(out) ? SOL_EIO : SOL_OK;
}
