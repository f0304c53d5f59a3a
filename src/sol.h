/* sol.h — types shared by every Soleus stage: error codes, diagnostics and
 * typed values. Nothing here depends on an external library.
 * Ownership: strings inside sol_value / sol_diag are owned by their holder. */
#ifndef SOL_H
#define SOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SOL_VERSION "0.1.0"

typedef enum {
    SOL_OK = 0,
    SOL_ENOMEM = -1,    /* out of memory */
    SOL_EIO = -2,       /* file unreadable or too large */
    SOL_EPARSE = -3,    /* malformed XML or knowledge file */
    SOL_EINVALID = -4,  /* record violates schema or vocabulary */
    SOL_EENGINE = -5,   /* CLIPS refused the knowledge base or a fact */
    SOL_EUSAGE = -6,    /* bad command-line use */
    SOL_ELIMIT = -7,    /* a resource limit was hit */
    SOL_ENOTFOUND = -8, /* named item does not exist */
    SOL_EWRITE = -9     /* output could not be written (disk full, closed) */
} sol_err;

/* A diagnostic: where and what. file/line may be empty/0. */
typedef struct {
    char file[512];
    int line;
    char msg[1024];
} sol_diag;

/* Record a diagnostic (printf-style); returns code so callers can
 * `return sol_diag_set(d, SOL_EINVALID, file, line, "...")`. d may be NULL. */
int sol_diag_set(sol_diag *d, int code, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

typedef enum {
    SOL_VAL_NONE = 0, /* no value */
    SOL_VAL_SYMBOL,   /* bool (yes/no), enum or set member */
    SOL_VAL_INTEGER,
    SOL_VAL_REAL,
    SOL_VAL_UNKNOWN /* asked but unanswered: reported, never asserted */
} sol_valkind;

typedef struct {
    sol_valkind kind;
    char *sym;   /* SOL_VAL_SYMBOL: owned copy */
    long long i; /* SOL_VAL_INTEGER */
    double r;    /* SOL_VAL_REAL */
} sol_value;

/* Deep copy src into out; 0 or SOL_ENOMEM. */
int sol_value_copy(sol_value *out, const sol_value *src);
void sol_value_clear(sol_value *v);
/* Canonical text of a value into buf (e.g. "yes", "3.5", "unknown"). */
const char *sol_value_text(const sol_value *v, char *buf, size_t len);
int sol_value_equal(const sol_value *a, const sol_value *b);

/* Make *arr (capacity *cap elements of size bytes) hold at least need
 * elements, doubling the capacity (from 16) as often as that takes.
 * SOL_OK or SOL_ENOMEM (then *arr and *cap are unchanged). */
int sol_grow(void **arr, size_t *cap, size_t need, size_t size);
/* sol_grow for an array that keeps no capacity: room for element n of *arr
 * (n in use), the capacity implied by n (0, then 16 doubling, as sol_grow
 * grows it). Only for arrays that grow through sol_grow_one alone, never one
 * allocated to an exact size. SOL_OK or SOL_ENOMEM (*arr unchanged). */
int sol_grow_one(void **arr, size_t n, size_t size);
/* Append one zeroed element to *arr (*n in use, grown by sol_grow_one) and
 * count it. SOL_OK or SOL_ENOMEM (nothing changed). */
int sol_push(void **arr, size_t *n, size_t size);

/* qsort, the one way to sort: an empty or one-element array (whose base may
 * be NULL) is left alone. */
void sol_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* For each of names[0..n): the index of the first earlier equal name, or
 * SOL_NO_DUP, into *out (malloc'd, the caller frees it); SOL_ENOMEM. One
 * sort, for the duplicate checks of the knowledge tables, where comparing
 * each name with every earlier one was thousands of strcmp per start. */
#define SOL_NO_DUP ((size_t)-1)
int sol_first_dups(size_t **out, const char *const *names, size_t n);

/* h with the n bytes at b mixed in: the one hash of the sums that tell a
 * saved rule image, reads file or note-pattern file from a stale one. Four
 * lanes of 32 bytes a step (every start hashes every rule and knowledge
 * file); not for adversaries. */
uint64_t sol_hash_bytes(uint64_t h, const void *b, size_t n);
/* h with the bytes of the file at path mixed in (sol_hash_bytes); 0 when
 * it cannot be read. */
uint64_t sol_hash_file(uint64_t h, const char *path);

/* A growing NUL-terminated string, the one string builder. Starts zeroed
 * (sol_buf b = {0}). An allocation that fails sets failed and keeps the text
 * so far (later appends do nothing), so a builder checks once at the end.
 * The buffer owns s: sol_buf_free, or sol_buf_take to keep it. */
typedef struct {
    char *s;         /* the text; NULL until something is added */
    size_t len, cap; /* bytes of text (without the NUL) and of s */
    int failed;      /* an allocation failed: the text is cut short */
} sol_buf;

/* Append n bytes of t, or the string t, or printf-formatted text. */
void sol_buf_add(sol_buf *b, const char *t, size_t n);
void sol_buf_puts(sol_buf *b, const char *t);
void sol_buf_printf(sol_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text ("" while empty); owned by b. */
const char *sol_buf_str(const sol_buf *b);
/* The text, now owned by the caller (free); NULL when failed (or out of
 * memory for an empty one). b is left empty. */
char *sol_buf_take(sol_buf *b);
void sol_buf_free(sol_buf *b);

/* The knowledge tables' line reader (table.c): the next line of the text
 * at *cursor with content, split off in place (its newline and a trailing
 * CR removed), skipping '#' comment lines and lines of only spaces and tabs.
 * *line counts every line read, so it names the returned one. NULL at the
 * end of the text. */
char *sol_next_line(char **cursor, int *line);
/* Line (1-based) of byte offset off in buf. */
int sol_line_at(const char *buf, size_t off);
/* Offset of the first invalid UTF-8 sequence in s[0..len), or len when all
 * is valid. Refuses overlong forms, surrogates and code points above
 * U+10FFFF. */
size_t sol_utf8_invalid_at(const unsigned char *s, size_t len);

/* Read a whole file, refusing more than max bytes. *out is NUL-terminated and
 * owned by the caller (free). Only a regular file is opened: a FIFO, device,
 * socket or directory is refused (SOL_EIO) without blocking. The path "-"
 * reads standard input, whatever it is, with the same cap. */
int sol_read_file(char **out, size_t *out_len, const char *path, size_t max, sol_diag *d);

/* Copy s into out (len bytes, always NUL-terminated, cut at a character
 * boundary when too long) with every control character made visible:
 * \n \r \t, \xNN for the other C0 bytes and DEL, \u0080-\u009f for C1
 * controls. 4 * strlen(s) + 1 bytes always suffice. Returns out. Used for
 * anything a record supplies that is echoed to a terminal or a text file. */
const char *sol_escape_ctl(char *out, size_t len, const char *s);
/* Bytes of a quote the text writers escape and show (a longer one is cut). */
#define SOL_QUOTE_SHOWN 1024

/* Every writer's last step: flush out and check it. SOL_OK, or SOL_EWRITE
 * when anything written to out was lost. */
int sol_write_end(FILE *out);

/* Allocation helpers that abort-free: return NULL on failure. */
char *sol_strdup(const char *s);
/* The one trim: the span s[0..*n) without leading and trailing white space
 * (isspace). Returns its start and sets *n to its length; nothing is copied. */
const char *sol_trim(const char *s, size_t *n);
/* A malloc'd copy of s[0..n) trimmed as sol_trim does; NULL on ENOMEM. */
char *sol_trim_dup(const char *s, size_t n);
/* One id per rule. fam[0..n) are the brief ids (families) of every rule in
 * definition order (NULL: no id); out[i] is rule i's own id, malloc'd: the
 * family id when the family has one rule, else the family id plus a, b, c…
 * in definition order ("R07a"; "X-name-a" when the id does not end in a
 * digit), NULL where fam[i] is NULL. Derived, never written in a rule file,
 * so new rules get ids by themselves. All at once, in n log n (every process
 * start derives them). SOL_OK or SOL_ENOMEM (then nothing is left in out). */
int sol_rule_uids(char **out, const char *const *fam, size_t n);
/* 1 when selector names rule uid of family fam: the uid itself or the family
 * (ASCII case ignored). */
int sol_rule_id_selects(const char *selector, const char *uid, const char *fam);
char *sol_strndup(const char *s, size_t n);

/* "Did you mean": up to max of candidates[] close to word (edit distance
 * ignoring case, or word as a fragment of the name), best first, written
 * comma-separated into buf ("" when none is close). Returns buf. */
const char *sol_close_names(const char *word, const char *const *candidates, size_t n, size_t max,
                            char *buf, size_t len);

#endif
