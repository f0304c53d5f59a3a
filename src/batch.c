/* batch.c — `soleus batch`: records from files, directories, path lists or
 * an <assessment> stream, each read, assessed and written as one JSON line
 * through a pipeline built once (batch.h). The stream is split on the bytes
 * "<assessment" and "</assessment>", which XML lets appear only as tags
 * outside comments and CDATA, so no record is parsed twice. */
#include "batch.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "record.h"
#include "writers.h"

#define READ_BLOCK 65536

struct sol_batch {
    sol_pipeline *p;
    FILE *out;
    int want_next;
    sol_input input; /* how record files are read (a stream is XML) */
    size_t done, failed;
    int worst; /* sol_err of the most severe failure */
};

int sol_batch_new(sol_batch **out, sol_pipeline *p, FILE *out_json, int want_next)
{
    sol_batch *b = calloc(1, sizeof *b);
    *out = b;
    if (!b)
        return SOL_ENOMEM;
    b->p = p;
    b->out = out_json;
    b->want_next = want_next;
    return SOL_OK;
}

void sol_batch_free(sol_batch *b) { free(b); }
void sol_batch_set_input(sol_batch *b, sol_input in) { b->input = in; }
size_t sol_batch_done(const sol_batch *b) { return b->done; }
size_t sol_batch_failed(const sol_batch *b) { return b->failed; }
int sol_batch_worst(const sol_batch *b) { return b->worst; }

static int write_failed(sol_diag *d)
{
    return sol_diag_set(d, SOL_EWRITE, "", 0, "cannot write the batch output");
}

/* An error line for the record at in; line is where in the source. */
static int fail(sol_batch *b, const sol_input_pos *in, int rc, int line, const char *msg,
                sol_diag *d)
{
    b->failed++;
    if (sol_cli_exit_status(rc) > sol_cli_exit_status(b->worst))
        b->worst = rc;
    if (sol_write_jsonl_error(b->out, in, line, sol_cli_exit_status(rc), msg) != SOL_OK)
        return write_failed(d);
    return SOL_OK;
}

/* Assess findings f of record id and write its line. */
static int assess(sol_batch *b, const sol_input_pos *in, const char *id, sol_findings *f,
                  sol_diag *d)
{
    sol_diag rd = {0};
    sol_assessment *a = NULL;
    int rc = sol_pipeline_assess(b->p, id, in->source, f, &a, &rd);
    if (rc == SOL_OK && b->want_next)
        rc = sol_pipeline_assess_next(b->p, a, &rd);
    if (rc != SOL_OK) {
        rc = fail(b, in, rc, rd.line > 0 ? (int)(in->line + rd.line - 1) : 0, rd.msg, d);
    } else {
        b->done++;
        rc = sol_write_json_line(b->out, a->report, in) == SOL_OK ? SOL_OK : write_failed(d);
    }
    sol_assessment_free(a);
    return rc;
}

int sol_batch_file(sol_batch *b, const char *path, sol_diag *d)
{
    sol_input_pos in = {path, (long)(b->done + b->failed + 1), 1};
    sol_diag rd = {0};
    sol_findings *f = NULL;
    char *id = NULL;
    int rc = sol_pipeline_read_as(b->p, b->input, path, &f, &id, &rd);
    if (rc != SOL_OK)
        rc = fail(b, &in, rc, rd.line, rd.msg, d);
    else
        rc = assess(b, &in, id, f, d);
    sol_findings_free(f);
    free(id);
    return rc;
}

/* ---- directories ---- */

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* A record file of a directory: *.xml, or *.json when reading FHIR. */
static int is_record_name(const sol_batch *b, const char *s)
{
    const char *ext = b->input == SOL_INPUT_FHIR ? ".json" : ".xml";
    size_t n = strlen(s), e = strlen(ext);
    return n > e && strcmp(s + n - e, ext) == 0;
}

int sol_batch_dir(sol_batch *b, const char *dir, sol_diag *d)
{
    sol_input_pos in = {dir, (long)(b->done + b->failed + 1), 0};
    DIR *dh = opendir(dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = SOL_OK;
    if (!dh)
        return fail(b, &in, SOL_EIO, 0, "cannot open the directory", d);
    for (struct dirent *de; (de = readdir(dh)) != NULL;) {
        if (de->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        char *full = malloc(len);
        if (!full || sol_grow((void **)&names, &cap, n + 1, sizeof *names)) {
            free(full);
            rc = sol_diag_set(d, SOL_ENOMEM, dir, 0, "out of memory");
            goto cleanup;
        }
        snprintf(full, len, "%s/%s", dir, de->d_name);
        names[n++] = full;
    }
    if (n)
        sol_sort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && rc == SOL_OK; i++) {
        struct stat st;
        if (stat(names[i], &st) != 0)
            continue; /* a dangling link: not a record */
        if (S_ISDIR(st.st_mode))
            rc = sol_batch_dir(b, names[i], d);
        else if (S_ISREG(st.st_mode) && is_record_name(b, names[i]))
            rc = sol_batch_file(b, names[i], d);
    }
cleanup:
    closedir(dh);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int sol_batch_paths(sol_batch *b, FILE *in, sol_diag *d)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = SOL_OK;
    while (rc == SOL_OK && (len = getline(&line, &cap, in)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        struct stat st;
        if (stat(line, &st) == 0 && S_ISDIR(st.st_mode))
            rc = sol_batch_dir(b, line, d);
        else
            rc = sol_batch_file(b, line, d);
    }
    free(line);
    return rc;
}

/* ---- the <assessment> stream ---- */

typedef struct {
    FILE *in;
    char *buf;
    size_t off, len, cap; /* unconsumed bytes are buf[off..len) */
    int eof;
    long line; /* line number of buf[off] */
} stream;

/* Read more input; 0 at end of input (or on a read error, then eof). */
static int fill(stream *s)
{
    if (s->eof)
        return 0;
    if (s->off > 0 && (s->off >= s->cap / 2 || s->len + READ_BLOCK > s->cap)) {
        memmove(s->buf, s->buf + s->off, s->len - s->off);
        s->len -= s->off;
        s->off = 0;
    }
    if (sol_grow((void **)&s->buf, &s->cap, s->len + READ_BLOCK + 1, 1)) {
        s->eof = 1;
        return 0;
    }
    size_t got = fread(s->buf + s->len, 1, READ_BLOCK, s->in);
    s->len += got;
    if (got == 0)
        s->eof = 1;
    return got > 0;
}

/* Drop n unconsumed bytes, counting their lines. */
static void consume(stream *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        s->line += s->buf[s->off + i] == '\n';
    s->off += n;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* 1 when p[0..avail) starts with tag ("<assessment" or "</assessment")
 * followed by a delimiter; 0 when not; -1 when more bytes are needed. */
static int tag_at(const char *p, size_t avail, const char *tag)
{
    size_t tl = strlen(tag);
    size_t k = avail < tl ? avail : tl;
    if (memcmp(p, tag, k) != 0)
        return 0;
    if (avail <= tl)
        return -1;
    char c = p[tl];
    return is_space(c) || c == '>' || c == '/';
}

/* Skip what may sit between records: whitespace, XML declarations and
 * processing instructions, comments. 1 when the next unconsumed bytes are
 * something else (or the input ended), after skipping what it could. */
static void skip_gap(stream *s)
{
    for (;;) {
        while (s->off < s->len && is_space(s->buf[s->off]))
            consume(s, 1);
        if (s->off == s->len) {
            if (!fill(s))
                return;
            continue;
        }
        const char *p = s->buf + s->off;
        size_t avail = s->len - s->off;
        const char *close = NULL;
        size_t skip = 0;
        if (avail < 4 && !s->eof) {
            if (!fill(s))
                return;
            continue;
        }
        if (avail >= 2 && p[0] == '<' && p[1] == '?')
            close = "?>", skip = 2;
        else if (avail >= 4 && memcmp(p, "<!--", 4) == 0)
            close = "-->", skip = 4;
        if (!close)
            return;
        size_t cl = strlen(close), i = skip;
        for (;;) {
            while (i + cl <= avail && memcmp(p + i, close, cl) != 0)
                i++;
            if (i + cl <= avail)
                break;
            if (avail > SOL_RECORD_MAX_BYTES || !fill(s))
                return; /* unterminated: left for the caller to report */
            p = s->buf + s->off;
            avail = s->len - s->off;
        }
        consume(s, i + cl);
    }
}

/* Find the end of the record starting at buf[off] ("<assessment"): just
 * past its "</assessment>" (or its own "/>"), else the next
 * "<assessment", else the end of input. *out_len is its length; returns 1
 * when the record is longer than the size limit (then *out_len is how far
 * it was read). */
static int find_end(stream *s, size_t *out_len)
{
    size_t i = 1; /* offset from s->off of the next byte to look at */
    int in_start_tag = 1;
    char quote = 0;
    for (;;) {
        const char *p = s->buf + s->off;
        size_t avail = s->len - s->off;
        int need_more = 0;
        while (i < avail) {
            char c = p[i];
            if (in_start_tag) {
                if (quote) {
                    if (c == quote)
                        quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    in_start_tag = 0;
                    if (p[i - 1] == '/') {
                        *out_len = i + 1;
                        return 0;
                    }
                }
                i++;
                continue;
            }
            if (c != '<') {
                const char *lt = memchr(p + i, '<', avail - i);
                i = lt ? (size_t)(lt - p) : avail;
                continue;
            }
            int t = tag_at(p + i, avail - i, "</assessment");
            if (t < 0 || (t == 0 && (t = tag_at(p + i, avail - i, "<assessment")) < 0)) {
                need_more = 1;
                break;
            }
            if (t && p[i + 1] == '/') {
                const char *gt = memchr(p + i, '>', avail - i);
                if (!gt) {
                    need_more = 1;
                    break;
                }
                *out_len = (size_t)(gt - p) + 1;
                return *out_len > SOL_RECORD_MAX_BYTES;
            }
            if (t) { /* the next record starts: this one was not closed */
                *out_len = i;
                return i > SOL_RECORD_MAX_BYTES;
            }
            i++;
        }
        if (avail > SOL_RECORD_MAX_BYTES + 64) {
            *out_len = avail;
            return 1;
        }
        if (!fill(s)) {
            *out_len = s->len - s->off;
            (void)need_more;
            return *out_len > SOL_RECORD_MAX_BYTES;
        }
    }
}

/* Drop bytes up to the next "<assessment" (or the end of input). */
static void skip_to_next(stream *s)
{
    for (;;) {
        const char *p = s->buf + s->off;
        size_t avail = s->len - s->off, i = 1;
        while (i < avail) {
            const char *lt = memchr(p + i, '<', avail - i);
            if (!lt)
                break;
            i = (size_t)(lt - p);
            int t = tag_at(p + i, avail - i, "<assessment");
            if (t > 0) {
                consume(s, i);
                return;
            }
            if (t < 0)
                break;
            i++;
        }
        /* keep a tail that may be the start of a tag */
        size_t keep = avail > 12 ? 12 : avail;
        consume(s, avail - keep);
        if (!fill(s)) {
            consume(s, s->len - s->off);
            return;
        }
    }
}

int sol_batch_stream(sol_batch *b, FILE *in, const char *name, sol_diag *d)
{
    stream s = {in, NULL, 0, 0, 0, 0, 1};
    int rc = SOL_OK;
    while (rc == SOL_OK) {
        skip_gap(&s);
        if (s.off == s.len && !fill(&s))
            break;
        sol_input_pos pos = {name, (long)(b->done + b->failed + 1), s.line};
        const char *p = s.buf + s.off;
        size_t avail = s.len - s.off;
        while (tag_at(p, avail, "<assessment") < 0 && fill(&s)) {
            p = s.buf + s.off;
            avail = s.len - s.off;
        }
        if (tag_at(p, avail, "<assessment") <= 0) {
            rc = fail(b, &pos, SOL_EPARSE, (int)s.line,
                      "expected an <assessment> document: a stream holds only "
                      "<assessment> records, declarations and comments",
                      d);
            skip_to_next(&s);
            continue;
        }
        size_t len = 0;
        if (find_end(&s, &len)) {
            char msg[160];
            snprintf(msg, sizeof msg, "record too large: more than %u bytes, the limit",
                     SOL_RECORD_MAX_BYTES);
            rc = fail(b, &pos, SOL_EIO, (int)s.line, msg, d);
            consume(&s, len < s.len - s.off ? len : s.len - s.off);
            skip_to_next(&s);
            continue;
        }
        sol_diag rd = {0};
        sol_findings *f = NULL;
        char *id = NULL;
        int r = sol_pipeline_read_buf(b->p, SOL_INPUT_XML, s.buf + s.off, len, name, &f, &id,
                                      &rd);
        if (r != SOL_OK)
            rc = fail(b, &pos, r, rd.line > 0 ? (int)(s.line + rd.line - 1) : (int)s.line, rd.msg,
                      d);
        else
            rc = assess(b, &pos, id, f, d);
        sol_findings_free(f);
        free(id);
        consume(&s, len);
    }
    if (rc == SOL_OK && ferror(in))
        rc = sol_diag_set(d, SOL_EIO, name, 0, "read error");
    free(s.buf);
    return rc;
}
