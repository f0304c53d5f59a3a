/* json_stream.h — the JSON module's text writer (json_stream.c): JSON
 * written token by token into one memory buffer, byte for byte as
 * json_dumpb writes it with JSON_SORT_KEYS, JSON_REAL_PRECISION(4) and
 * either JSON_INDENT(n) or, for indent 0, JSON_COMPACT. The assessment
 * report is written with it straight from the report model (no tree), and
 * json_dump.c serialises jansson trees through it, so both share one
 * escaping and one number format.
 *
 * Every value is written with its key (NULL inside an array or for the
 * root). Keys should come in sorted order; an object whose keys did not is
 * sorted when it closes, so the output is right either way and only slower.
 * A key must stay valid until its object closes. */
#ifndef SOL_JSON_STREAM_H
#define SOL_JSON_STREAM_H

#include <stddef.h>

typedef struct {
    const char *key;
    size_t start; /* offset of the member's key text (after its separator) */
} sol_jw_member;

typedef struct {
    size_t first; /* index in members of the container's first member */
    size_t count; /* members or elements written so far */
    int is_object;
    int sorted; /* keys arrived in order so far */
    const char *last_key;
} sol_jw_frame;

typedef struct {
    char *buf;
    size_t len, cap;
    int indent; /* spaces a level; 0: one line, ":" and "," without spaces */
    int oom;
    sol_jw_frame *frames;
    size_t depth, fcap;
    sol_jw_member *members;
    size_t nmembers, mcap;
} sol_jw;

void sol_jw_init(sol_jw *w, int indent);
/* The text (*len bytes and a NUL, with room after it for one more byte, so
 * a newline can replace the NUL and a NUL follow it), the caller's to free; SOL_ENOMEM when memory ran out or a
 * container was left open (then nothing to free). Frees the writer. */
int sol_jw_finish(sol_jw *w, char **out, size_t *len);

void sol_jw_object(sol_jw *w, const char *key);
void sol_jw_array(sol_jw *w, const char *key);
void sol_jw_close(sol_jw *w);

/* s NULL writes nothing, key included (as jansson leaves out a member whose
 * value failed to be made). */
void sol_jw_str(sol_jw *w, const char *key, const char *s);
void sol_jw_strn(sol_jw *w, const char *key, const char *s, size_t n);
/* s with every byte that does not start valid UTF-8 (as jansson checks it)
 * written as U+FFFD: file names need not be UTF-8, JSON must be. NULL: "". */
void sol_jw_utf8(sol_jw *w, const char *key, const char *s);
void sol_jw_int(sol_jw *w, const char *key, long long v);
void sol_jw_real(sol_jw *w, const char *key, double v);
void sol_jw_bool(sol_jw *w, const char *key, int v);
void sol_jw_null(sol_jw *w, const char *key);

#endif
