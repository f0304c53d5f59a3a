/* notes.c — turns free-text notes into vocabulary findings (notes.h), the
 * only PCRE2 user. Rows of knowledge/note-patterns.tsv are compiled once;
 * each note is split into sentences, phrase and lexicon patterns are matched
 * per sentence, and NegEx/ConText-style scope rules decide polarity and
 * context. docs/notes.md describes the rules; this file implements them. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "notes.h"
#include "notes_text.h"
#include "table.h"

#include <pcre2.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATTERNS_COLUMNS "kind id finding affirmed negated flags regex"
#define HEAP_LIMIT_KIB 8192u

/* Word guard put around every regex: the match may not start or end inside
 * a word, whatever characters the author's regex begins or ends with. */
#define GUARD "(?!(?<=\\w)\\w)"

typedef struct {
    sol_note_pattern pub;
    pcre2_code *code;
    uint32_t ncaptures;
    /* finding rows only: */
    int capture;        /* affirmed value is "$1" or "$1*N" */
    int scale;          /* N of "$1*N" (7: weeks to days), else 1 */
    int vague;          /* affirmed value is '-' */
    sol_value aff, neg; /* parsed fixed values (SOL_VAL_NONE when absent) */
    sol_term term;      /* detached copy of the vocabulary term, for "$1" */
    char *term_name, *term_unit;
    char **term_values;
    int protect;          /* a red-flag sign: a negation reaching it only
                               through a list leaves it unknown (sol_notes_protect) */
    int word_start;       /* 1: every match starts with a byte in first */
    uint64_t first[4];    /* bytes a match can start with (PCRE2's start set) */
    pcre2_code *anchored; /* JIT mode, word_start rows: the regex anchored, tried
                               at each place a match can start (match_sentence) */
} row;

struct sol_notes {
    const sol_table *table; /* note-patterns.tsv; the rows' strings point in */
    row *rows;
    size_t n, cap;
    uint32_t max_captures;
    pcre2_match_context *mctx;
    pcre2_code *utf_check;  /* \A: matched only for PCRE2's UTF check */
    pcre2_code *lead_guard; /* GUARD alone, tried where a row's match starts */
    int jit;                /* 1: patterns JIT-compiled (sol_notes_use_jit) */
    pcre2_code **saved;     /* while loading: decoded codes, one per row */
    size_t nsaved;
};

/* One regex match within a sentence. */
typedef struct {
    size_t row;
    size_t start, end;
    size_t cstart, cend; /* capture 1, or SOL_NOTES_NONE */
    int dead;            /* shadowed or masked */
} hit;

typedef struct {
    hit *h;
    size_t n, cap;
} hits_vec;

typedef struct {
    sol_note_mention *m;
    size_t n, cap;
} mention_vec;

/* ---------------------------------------------------------------- load */

static const struct {
    const char *name;
    sol_notes_kind kind;
    sol_notes_dir dir;
} KINDS[] = {
    {"finding", SOL_NOTES_FINDING, SOL_NOTES_DIR_NONE},
    {"neg-pre", SOL_NOTES_NEGATION, SOL_NOTES_DIR_PRE},
    {"neg-post", SOL_NOTES_NEGATION, SOL_NOTES_DIR_POST},
    {"neg-both", SOL_NOTES_NEGATION, SOL_NOTES_DIR_BOTH},
    {"hist-pre", SOL_NOTES_HISTORY, SOL_NOTES_DIR_PRE},
    {"hist-post", SOL_NOTES_HISTORY, SOL_NOTES_DIR_POST},
    {"hist-both", SOL_NOTES_HISTORY, SOL_NOTES_DIR_BOTH},
    {"other-pre", SOL_NOTES_OTHER, SOL_NOTES_DIR_PRE},
    {"other-post", SOL_NOTES_OTHER, SOL_NOTES_DIR_POST},
    {"other-both", SOL_NOTES_OTHER, SOL_NOTES_DIR_BOTH},
    {"uncertain-pre", SOL_NOTES_UNCERTAIN, SOL_NOTES_DIR_PRE},
    {"uncertain-post", SOL_NOTES_UNCERTAIN, SOL_NOTES_DIR_POST},
    {"uncertain-both", SOL_NOTES_UNCERTAIN, SOL_NOTES_DIR_BOTH},
    {"pseudo", SOL_NOTES_PSEUDO, SOL_NOTES_DIR_NONE},
    {"term", SOL_NOTES_TERMINATION, SOL_NOTES_DIR_NONE},
};

static void row_clear(row *r)
{
    pcre2_code_free(r->code);
    pcre2_code_free(r->anchored);
    sol_value_clear(&r->aff);
    sol_value_clear(&r->neg);
    free(r->term_name);
    free(r->term_unit);
    if (r->term_values)
        for (size_t i = 0; i < r->term.nvalues; i++)
            free(r->term_values[i]);
    free(r->term_values);
}

void sol_notes_free(sol_notes *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++)
        row_clear(&n->rows[i]);
    free(n->rows);
    sol_table_close(n->table);
    pcre2_match_context_free(n->mctx);
    pcre2_code_free(n->utf_check);
    pcre2_code_free(n->lead_guard);
    for (size_t i = 0; i < n->nsaved; i++)
        pcre2_code_free(n->saved[i]);
    free(n->saved);
    free(n);
}

size_t sol_notes_pattern_count(const sol_notes *n) { return n ? n->n : 0; }

const sol_note_pattern *sol_notes_pattern_at(const sol_notes *n, size_t i)
{
    return n && i < n->n ? &n->rows[i].pub : NULL;
}

/* Row ids: [a-z0-9] plus '-' and '.', starting with a letter or digit. */
static int is_id(const char *s)
{
    if (!isalnum((unsigned char)*s))
        return 0;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-' || *s == '.'))
            return 0;
    return 1;
}

/* A private copy of the vocabulary term so the handle does not keep the
 * vocabulary: only the fields sol_vocab_parse_value reads are filled. */
static int detach_term(row *r, const sol_term *t)
{
    r->term = *t;
    r->term.section = r->term.screen = r->term.sources = r->term.label = "-";
    r->term.values = NULL;
    r->term.nvalues = 0;
    r->term_name = sol_strdup(t->name);
    r->term_unit = sol_strdup(t->unit ? t->unit : "-");
    if (!r->term_name || !r->term_unit)
        return SOL_ENOMEM;
    r->term.name = r->term_name;
    r->term.unit = r->term_unit;
    if (t->nvalues) {
        r->term_values = calloc(t->nvalues, sizeof *r->term_values);
        if (!r->term_values)
            return SOL_ENOMEM;
        for (size_t i = 0; i < t->nvalues; i++) {
            r->term_values[i] = sol_strdup(t->values[i]);
            if (!r->term_values[i])
                return SOL_ENOMEM;
            r->term.nvalues = i + 1;
        }
        r->term.values = (const char *const *)r->term_values;
    }
    return SOL_OK;
}

/* Parse one fixed value for a finding row into *out. */
static int parse_fixed(row *r, const char *text, const char *which, sol_value *out,
                       const char *file, int line, sol_diag *d)
{
    sol_value vals[2];
    size_t nv = 0;
    sol_diag vd = {.line = 0};
    int rc;

    memset(vals, 0, sizeof vals);
    rc = sol_vocab_parse_value(&r->term, text, vals, &nv, &vd);
    if (rc == SOL_ENOMEM)
        return sol_diag_set(d, rc, file, line, "out of memory");
    if (rc != SOL_OK)
        return sol_diag_set(d, SOL_EINVALID, file, line, "pattern '%s': %s value: %s", r->pub.id,
                            which, vd.msg);
    if (nv != 1 || vals[0].kind == SOL_VAL_UNKNOWN) {
        for (size_t i = 0; i < nv; i++)
            sol_value_clear(&vals[i]);
        return sol_diag_set(d, SOL_EINVALID, file, line,
                            "pattern '%s': %s value '%s' must be one value "
                            "other than 'unknown'",
                            r->pub.id, which, text);
    }
    *out = vals[0];
    return SOL_OK;
}

static int check_finding_row(row *r, const char *const *col, const sol_vocab *vocab,
                             const char *file, int line, sol_diag *d)
{
    const sol_term *t = sol_vocab_lookup(vocab, col[2]);
    int rc;

    if (!t)
        return sol_diag_set(d, SOL_EINVALID, file, line,
                            "pattern '%s': finding '%s' is not in the "
                            "vocabulary",
                            col[1], col[2]);
    if (t->type == SOL_TYPE_DERIVED || t->type == SOL_TYPE_SET)
        return sol_diag_set(d, SOL_EINVALID, file, line,
                            "pattern '%s': finding '%s' is a %s finding; "
                            "notes may only state bool, enum, int or real "
                            "findings",
                            col[1], col[2], sol_type_name(t->type));
    rc = detach_term(r, t);
    if (rc != SOL_OK)
        return sol_diag_set(d, rc, file, line, "out of memory");
    r->pub.finding = r->term_name;
    if (strncmp(col[3], "$1", 2) == 0 && (col[3][2] == '\0' || col[3][2] == '*')) {
        r->scale = 1;
        if (col[3][2] == '*') {
            char *end;
            long k = strtol(col[3] + 3, &end, 10);
            if (*end || end == col[3] + 3 || k < 1 || k > 1000)
                return sol_diag_set(d, SOL_EPARSE, file, line,
                                    "pattern '%s': affirmed value '%s': the "
                                    "factor after '$1*' must be a whole number "
                                    "from 1 to 1000",
                                    col[1], col[3]);
            r->scale = (int)k;
        }
        if (t->type != SOL_TYPE_INT && t->type != SOL_TYPE_REAL)
            return sol_diag_set(d, SOL_EINVALID, file, line,
                                "pattern '%s': affirmed value '$1' needs an "
                                "int or real finding; '%s' is %s",
                                col[1], col[2], sol_type_name(t->type));
        if (r->ncaptures < 1)
            return sol_diag_set(d, SOL_EPARSE, file, line,
                                "pattern '%s': affirmed value '$1' needs a "
                                "capture group in the regex",
                                col[1]);
        r->capture = 1;
    } else if (strcmp(col[3], "-") == 0) {
        r->vague = 1;
    } else {
        rc = parse_fixed(r, col[3], "affirmed", &r->aff, file, line, d);
        if (rc != SOL_OK)
            return rc;
    }
    if (strcmp(col[4], "-") != 0) {
        if (strcmp(col[4], "$1") == 0)
            return sol_diag_set(d, SOL_EPARSE, file, line,
                                "pattern '%s': a negated value cannot be "
                                "captured ('$1')",
                                col[1]);
        rc = parse_fixed(r, col[4], "negated", &r->neg, file, line, d);
        if (rc != SOL_OK)
            return rc;
        r->pub.negated = col[4];
    }
    if (r->vague && !r->pub.negated)
        return sol_diag_set(d, SOL_EPARSE, file, line,
                            "pattern '%s': affirmed and negated values are "
                            "both '-': the row can never state anything",
                            col[1]);
    r->pub.affirmed = r->vague ? NULL : col[3];
    if (strcmp(col[5], "historical") == 0)
        r->pub.historical = 1;
    else if (strcmp(col[5], "-") != 0)
        return sol_diag_set(d, SOL_EPARSE, file, line,
                            "pattern '%s': flags '%s' must be '-' or "
                            "'historical'",
                            col[1], col[5]);
    return SOL_OK;
}

static int ascii_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The prefilter of a row (see word_starts): when PCRE2 knows the bytes any
 * match starts with and all are ASCII word characters or UTF-8 lead bytes
 * (caseless 's' also matches U+017F), the word guard means an ASCII one can
 * only start a word, so a sentence with no word starting with one of those
 * bytes, and none of those lead bytes, cannot match and is not searched. */
static void start_set(row *r)
{
    const uint8_t *bits = NULL;
    uint32_t type = 0, cu = 0;

    r->word_start = 0;
    memset(r->first, 0, sizeof r->first);
    pcre2_pattern_info(r->code, PCRE2_INFO_FIRSTCODETYPE, &type);
    if (type == 1) {
        /* one first code unit; caseless patterns match its other case too */
        pcre2_pattern_info(r->code, PCRE2_INFO_FIRSTCODEUNIT, &cu);
        if (cu > 0x7f || !ascii_word((unsigned char)cu))
            return; /* a multibyte first character: no prefilter */
        r->first[cu >> 6] |= 1ull << (cu & 63);
        cu = (uint32_t)(isupper((int)cu) ? tolower((int)cu) : toupper((int)cu));
        r->first[cu >> 6] |= 1ull << (cu & 63);
    } else if (pcre2_pattern_info(r->code, PCRE2_INFO_FIRSTBITMAP, &bits) != 0 || !bits) {
        return;
    } else {
        for (int c = 0; c < 256; c++) {
            if (!bits[c / 8]) { /* a byte of the map at a time where it is empty */
                c |= 7;
                continue;
            }
            if (!(bits[c / 8] & (1u << (c % 8))))
                continue;
            if (c < 0xc0 && !ascii_word((unsigned char)c))
                return;
            r->first[c >> 6] |= 1ull << (c & 63);
        }
    }
    r->word_start = 1;
}

/* A row's regex is compiled with the word guard after it only; the guard
 * before it is tried where a match starts (match_sentence). In front, the
 * guard's lookbehind hid the regex's first characters from PCRE2, which
 * then tried every position of every sentence: most of the notes' cost. */
#define ROW_PRE "(?:"
#define ROW_POST ")" GUARD
#define ROW_OPTS (PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_NEVER_BACKSLASH_C)

/* regex as a row matches it, compiled with extra options; NULL on error. */
static pcre2_code *row_compile(const char *regex, uint32_t extra, int *err, PCRE2_SIZE *eoff)
{
    static const char pre[] = ROW_PRE, post[] = ROW_POST;
    size_t len = strlen(regex), wl = sizeof pre - 1 + len + sizeof post - 1;
    char *wrapped = malloc(wl + 1);
    pcre2_code *code;

    if (!wrapped) {
        *err = PCRE2_ERROR_NOMEMORY;
        return NULL;
    }
    memcpy(wrapped, pre, sizeof pre - 1);
    memcpy(wrapped + sizeof pre - 1, regex, len);
    memcpy(wrapped + sizeof pre - 1 + len, post, sizeof post);
    code = pcre2_compile((PCRE2_SPTR)wrapped, wl, ROW_OPTS | extra, err, eoff, NULL);
    free(wrapped);
    return code;
}

static int compile_row(row *r, const char *regex, const char *file, int line, sol_diag *d)
{
    static const char pre[] = ROW_PRE;
    size_t len = strlen(regex);
    int err = 0;
    PCRE2_SIZE eoff = 0;
    uint32_t minlen = 0;

    if (!r->code) /* not one of the saved codes */
        r->code = row_compile(regex, 0, &err, &eoff);
    if (!r->code && err == PCRE2_ERROR_NOMEMORY)
        return sol_diag_set(d, SOL_ENOMEM, file, line, "out of memory");
    if (!r->code) {
        PCRE2_UCHAR msg[256];
        size_t at = eoff > sizeof pre - 1 ? eoff - (sizeof pre - 1) : 0;

        pcre2_get_error_message(err, msg, sizeof msg);
        return sol_diag_set(d, SOL_EPARSE, file, line,
                            "pattern '%s': bad regex at offset %zu: %s", r->pub.id,
                            at > len ? len : at, (char *)msg);
    }
    pcre2_pattern_info(r->code, PCRE2_INFO_CAPTURECOUNT, &r->ncaptures);
    pcre2_pattern_info(r->code, PCRE2_INFO_MINLENGTH, &minlen);
    start_set(r);
    if (minlen == 0)
        return sol_diag_set(d, SOL_EPARSE, file, line,
                            "pattern '%s': the regex can match empty text", r->pub.id);
    return SOL_OK;
}

/* One row of the patterns file; dup: the first earlier row with its id, or
 * SOL_NO_DUP. */
static int parse_row(sol_notes *n, row *r, const sol_table_row *tr, size_t dup,
                     const sol_vocab *vocab, const char *file, sol_diag *d)
{
    const char *const *col = tr->col;
    int line = tr->line, rc;
    size_t k;

    for (k = 0; k < sizeof KINDS / sizeof KINDS[0]; k++)
        if (strcmp(col[0], KINDS[k].name) == 0)
            break;
    if (k == sizeof KINDS / sizeof KINDS[0])
        return sol_diag_set(d, SOL_EPARSE, file, line,
                            "kind '%s' is not one of finding, neg-pre|post|"
                            "both, hist-pre|post|both, other-pre|post|both, "
                            "uncertain-pre|post|both, pseudo, term",
                            col[0]);
    if (!is_id(col[1]))
        return sol_diag_set(d, SOL_EPARSE, file, line,
                            "id '%s' must be lower-case letters, digits, "
                            "'-' and '.'",
                            col[1]);
    if (dup != SOL_NO_DUP)
        return sol_diag_set(d, SOL_EPARSE, file, line, "id '%s' already used at line %d", col[1],
                            n->rows[dup].pub.line);
    r->pub.id = col[1];
    r->pub.line = line;
    r->pub.kind = KINDS[k].kind;
    r->pub.dir = KINDS[k].dir;
    r->pub.regex = col[6];
    if ((size_t)(r - n->rows) < n->nsaved) { /* the row now owns it */
        r->code = n->saved[r - n->rows];
        n->saved[r - n->rows] = NULL;
    }
    rc = compile_row(r, col[6], file, line, d);
    if (rc != SOL_OK)
        return rc;
    if (r->ncaptures > n->max_captures)
        n->max_captures = r->ncaptures;
    if (r->pub.kind == SOL_NOTES_FINDING)
        return check_finding_row(r, col, vocab, file, line, d);
    for (int i = 2; i <= 5; i++)
        if (strcmp(col[i], "-") != 0)
            return sol_diag_set(d, SOL_EPARSE, file, line,
                                "lexicon row '%s' (%s): columns 3-6 must be "
                                "'-'",
                                col[1], col[0]);
    return SOL_OK;
}

int sol_notes_load(sol_notes **out, const char *patterns_path, const sol_vocab *vocab,
                   sol_diag *d)
{
    return sol_notes_load_saved(out, patterns_path, vocab, NULL, 0, d);
}

/* Decode saved codes for n's rows into n->saved; nothing when they do not
 * decode (another PCRE2 build) or are not one per row. */
static void decode_saved(sol_notes *n, const void *saved, size_t len)
{
    const uint8_t *b = saved;
    int32_t k;
    if (!saved || len < 16 || n->cap == 0)
        return;
    k = pcre2_serialize_get_number_of_codes(b);
    if (k <= 0 || (size_t)k != n->cap || !(n->saved = calloc((size_t)k, sizeof *n->saved)))
        return;
    if (pcre2_serialize_decode(n->saved, k, b, NULL) != k) {
        free(n->saved);
        n->saved = NULL;
        return;
    }
    n->nsaved = (size_t)k;
}

int sol_notes_save(const sol_notes *n, void **out, size_t *len)
{
    const pcre2_code **codes = calloc(n->n ? n->n : 1, sizeof *codes);
    uint8_t *bytes = NULL;
    PCRE2_SIZE size = 0;
    int32_t k;
    *out = NULL;
    *len = 0;
    if (!codes)
        return SOL_ENOMEM;
    for (size_t i = 0; i < n->n; i++)
        codes[i] = n->rows[i].code;
    k = pcre2_serialize_encode(codes, (int32_t)n->n, &bytes, &size, NULL);
    free(codes);
    if (k != (int32_t)n->n)
        return k == PCRE2_ERROR_NOMEMORY ? SOL_ENOMEM : SOL_EENGINE;
    *out = malloc(size ? size : 1);
    if (*out) {
        memcpy(*out, bytes, size);
        *len = size;
    }
    pcre2_serialize_free(bytes);
    return *out ? SOL_OK : SOL_ENOMEM;
}

int sol_notes_load_saved(sol_notes **out, const char *patterns_path, const sol_vocab *vocab,
                         const void *saved, size_t len, sol_diag *d)
{
    sol_notes *n = NULL;
    int rc, err = 0, findings = 0;
    PCRE2_SIZE eoff;
    size_t *dup = NULL;

    *out = NULL;
    if (!vocab)
        return sol_diag_set(d, SOL_EUSAGE, patterns_path, 0,
                            "no vocabulary to check patterns against");
    n = calloc(1, sizeof *n);
    if (!n)
        return sol_diag_set(d, SOL_ENOMEM, patterns_path, 0, "out of memory");
    if ((rc = sol_table_open(&n->table, patterns_path, PATTERNS_COLUMNS, 0, d)))
        goto cleanup;
    n->cap = sol_table_count(n->table);
    n->rows = calloc(n->cap ? n->cap : 1, sizeof *n->rows);
    if (!n->rows) {
        rc = sol_diag_set(d, SOL_ENOMEM, patterns_path, 0, "out of memory");
        goto cleanup;
    }
    if (sol_table_first_dups(&dup, n->table, 1)) {
        rc = sol_diag_set(d, SOL_ENOMEM, patterns_path, 0, "out of memory");
        goto cleanup;
    }
    decode_saved(n, saved, len);
    for (size_t i = 0; i < n->cap; i++) {
        row *r = &n->rows[n->n++]; /* owned from here on, even if it fails */

        rc = parse_row(n, r, sol_table_at(n->table, i), dup[i], vocab, patterns_path, d);
        if (rc != SOL_OK)
            goto cleanup;
        findings += r->pub.kind == SOL_NOTES_FINDING;
    }
    if (findings == 0) {
        rc = sol_diag_set(d, SOL_EPARSE, patterns_path, 0, "no finding patterns defined");
        goto cleanup;
    }
    n->mctx = pcre2_match_context_create(NULL);
    n->utf_check = pcre2_compile((PCRE2_SPTR) "\\A", 2, PCRE2_UTF, &err, &eoff, NULL);
    n->lead_guard = pcre2_compile((PCRE2_SPTR)GUARD, PCRE2_ZERO_TERMINATED,
                                  PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED, &err, &eoff, NULL);
    if (!n->mctx || !n->utf_check || !n->lead_guard) {
        rc = sol_diag_set(d, SOL_ENOMEM, patterns_path, 0, "out of memory");
        goto cleanup;
    }
    pcre2_set_match_limit(n->mctx, SOL_NOTES_MATCH_LIMIT);
    pcre2_set_depth_limit(n->mctx, SOL_NOTES_DEPTH_LIMIT);
    pcre2_set_heap_limit(n->mctx, HEAP_LIMIT_KIB);
    for (size_t i = 0; i < n->nsaved; i++)
        pcre2_code_free(n->saved[i]);
    free(n->saved);
    n->saved = NULL;
    n->nsaved = 0;
    *out = n;
    n = NULL;
    rc = SOL_OK;

cleanup:
    free(dup);
    sol_notes_free(n);
    return rc;
}

/* ---------------------------------------------------------------- scan */

static int push_hit(hits_vec *v, const hit *h)
{
    if (sol_grow((void **)&v->h, &v->cap, v->n + 1, sizeof *v->h))
        return SOL_ENOMEM;
    v->h[v->n++] = *h;
    return SOL_OK;
}

static int push_mention(mention_vec *v, const sol_note_mention *m)
{
    if (sol_grow((void **)&v->m, &v->cap, v->n + 1, sizeof *v->m))
        return SOL_ENOMEM;
    v->m[v->n++] = *m;
    return SOL_OK;
}

/* The first bytes of the words of sentence [s, e) into set: every ASCII
 * word character not preceded by one (looking before s too, as the word
 * guard does), and every UTF-8 lead byte wherever it stands. A byte after a
 * non-ASCII character counts, whatever that character is, so the set never
 * misses a place a match could start. */
static int may_start(const char *text, size_t i)
{
    unsigned char c = (unsigned char)text[i];
    return c >= 0xc0 || (ascii_word(c) && (i == 0 || !ascii_word((unsigned char)text[i - 1])));
}

static void word_starts(const char *text, size_t s, size_t e, uint64_t set[4])
{
    memset(set, 0, 4 * sizeof *set);
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)text[i];
        if (may_start(text, i))
            set[c >> 6] |= 1ull << (c & 63);
    }
}

/* Every match of every row inside sentence [s, e). A row whose matches
 * can only start words beginning with none of this sentence's first bytes
 * is not run. */
/* The leftmost match of row rw in [off, e) that starts where the guard
 * holds, which is the one the regex with the guard in front would find;
 * the result as pcre2_match's, the match in md. A row whose matches start
 * only words (word_start) is tried anchored at the places a match can
 * start (cand, ascending) and nowhere else: searching, PCRE2 tries every
 * character of the sentence (its start-set skip does not apply to these
 * caseless Unicode patterns). JIT code needs the anchored variant compiled
 * (sol_notes_use_jit); the interpreter takes PCRE2_ANCHORED per match. */
static int next_match(const sol_notes *n, const row *rw, const char *text, size_t e, size_t off,
                      const uint32_t *cand, size_t ncand, pcre2_match_data *md,
                      pcre2_match_data *gmd)
{
    int rc;
    const pcre2_code *at = n->jit ? rw->anchored : rw->word_start ? rw->code : NULL;
    uint32_t opts = PCRE2_NO_UTF_CHECK | (n->jit ? 0 : PCRE2_ANCHORED);
    if (at) {
        for (size_t i = 0; i < ncand; i++) {
            unsigned char c = (unsigned char)text[cand[i]];
            if (cand[i] < off || !(rw->first[c >> 6] & (1ull << (c & 63))))
                continue;
            rc = pcre2_match(at, (PCRE2_SPTR)text, e, cand[i], opts, md, n->mctx);
            if (rc == PCRE2_ERROR_NOMATCH)
                continue;
            if (rc < 0 || pcre2_match(n->lead_guard, (PCRE2_SPTR)text, e, cand[i],
                                      PCRE2_NO_UTF_CHECK, gmd, NULL) >= 0)
                return rc;
        }
        return PCRE2_ERROR_NOMATCH;
    }
    while (off < e) {
        rc = pcre2_match(rw->code, (PCRE2_SPTR)text, e, off, PCRE2_NO_UTF_CHECK, md, n->mctx);
        if (rc < 0)
            return rc;
        PCRE2_SIZE at = pcre2_get_ovector_pointer(md)[0];
        if (pcre2_match(n->lead_guard, (PCRE2_SPTR)text, e, at, PCRE2_NO_UTF_CHECK, gmd, NULL) >=
            0)
            return rc;
        /* not a place the guard allows: search on from the next character */
        off = at + 1;
        while (off < e && ((unsigned char)text[off] & 0xc0) == 0x80)
            off++;
    }
    return PCRE2_ERROR_NOMATCH;
}

static int match_sentence(const sol_notes *n, const char *text, size_t s, size_t e,
                          pcre2_match_data *md, pcre2_match_data *gmd, uint32_t *cand,
                          hits_vec *out, const char *path, int line, sol_diag *d)
{
    uint64_t starts[4];
    size_t ncand = 0;
    word_starts(text, s, e, starts);
    /* where a word starts or a multibyte character stands (word_starts) */
    for (size_t i = s; cand && i < e; i++)
        if (may_start(text, i))
            cand[ncand++] = (uint32_t)i;
    for (size_t r = 0; r < n->n; r++) {
        const row *rw = &n->rows[r];
        size_t off = s;

        if (rw->word_start && !((rw->first[0] & starts[0]) | (rw->first[1] & starts[1]) |
                                (rw->first[2] & starts[2]) | (rw->first[3] & starts[3])))
            continue;
        while (off < e) {
            PCRE2_SIZE *ov;
            hit h;
            int rc = next_match(n, rw, text, e, off, cand, ncand, md, gmd);

            if (rc == PCRE2_ERROR_NOMATCH)
                break;
            if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
                rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
                return sol_diag_set(d, SOL_ELIMIT, path, line,
                                    "note %s: pattern '%s' (line %d of the "
                                    "patterns file) hit the PCRE2 %s limit "
                                    "in the sentence at byte %zu; the note "
                                    "was not read",
                                    path, rw->pub.id, rw->pub.line,
                                    rc == PCRE2_ERROR_MATCHLIMIT   ? "match"
                                    : rc == PCRE2_ERROR_DEPTHLIMIT ? "depth"
                                    : rc == PCRE2_ERROR_HEAPLIMIT  ? "heap"
                                                                   : "JIT stack",
                                    s);
            if (rc < 0) {
                PCRE2_UCHAR msg[256];
                pcre2_get_error_message(rc, msg, sizeof msg);
                return sol_diag_set(d, rc == PCRE2_ERROR_NOMEMORY ? SOL_ENOMEM : SOL_EINVALID,
                                    path, line, "note %s: pattern '%s': %s", path, rw->pub.id,
                                    (char *)msg);
            }
            ov = pcre2_get_ovector_pointer(md);
            if (ov[1] <= ov[0]) /* cannot happen: minimum length > 0 */
                break;
            h.row = r;
            h.start = ov[0];
            h.end = ov[1];
            h.cstart = h.cend = SOL_NOTES_NONE;
            h.dead = 0;
            if (rw->capture && rc >= 2 && ov[2] != PCRE2_UNSET) {
                h.cstart = ov[2];
                h.cend = ov[3];
            }
            if (push_hit(out, &h) != SOL_OK)
                return sol_diag_set(d, SOL_ENOMEM, path, line, "out of memory");
            off = ov[1];
        }
    }
    return SOL_OK;
}

static int is_finding(const sol_notes *n, const hit *h)
{
    return n->rows[h->row].pub.kind == SOL_NOTES_FINDING;
}

/* Kill finding matches strictly inside a longer finding match ("numbness"
 * inside "saddle numbness"), and lexicon matches strictly inside a longer
 * lexicon match ("no" inside "no change in") or inside any live finding
 * match ("not" inside "did not help"). Pseudo-triggers then mask every
 * trigger they overlap. */
static void shadow(const sol_notes *n, hits_vec *v)
{
    for (size_t i = 0; i < v->n; i++) {
        hit *a = &v->h[i];
        int fa = is_finding(n, a);

        for (size_t j = 0; j < v->n && !a->dead; j++) {
            const hit *b = &v->h[j];
            int fb = is_finding(n, b);
            int inside = b->start <= a->start && a->end <= b->end &&
                         b->end - b->start > a->end - a->start;

            if (i == j)
                continue;
            if (fa && fb && inside)
                a->dead = 1;
            else if (!fa && !fb && inside)
                a->dead = 1;
        }
    }
    for (size_t i = 0; i < v->n; i++) {
        hit *a = &v->h[i];

        if (a->dead || is_finding(n, a) || n->rows[a->row].pub.kind == SOL_NOTES_PSEUDO)
            continue;
        for (size_t j = 0; j < v->n; j++) {
            const hit *b = &v->h[j];
            int fb = is_finding(n, b);

            if (b->dead || i == j)
                continue;
            if (fb && b->start <= a->start && a->end <= b->end)
                a->dead = 1;
            if (n->rows[b->row].pub.kind == SOL_NOTES_PSEUDO && a->start < b->end &&
                b->start < a->end)
                a->dead = 1;
        }
    }
}

/* Is there a live termination term starting inside [a, b)? */
static int terminated(const sol_notes *n, const hits_vec *v, size_t a, size_t b)
{
    for (size_t i = 0; i < v->n; i++) {
        const hit *h = &v->h[i];
        if (!h->dead && n->rows[h->row].pub.kind == SOL_NOTES_TERMINATION && h->start >= a &&
            h->start < b)
            return 1;
    }
    return 0;
}

/* Does trigger t (a live lexicon hit) reach finding f? Forward scope runs
 * from the trigger's end over at most SOL_NOTES_SCOPE_WORDS words, stops at
 * a termination term, and passes an earlier finding only through list
 * connectors, so "not relieved by rest after a direct blow" negates only
 * the first phrase. Backward scope is the mirror image. */
static int in_scope(const sol_notes *n, const hits_vec *v, const char *text, const hit *t,
                    const hit *f, size_t *words, int *via_list)
{
    const sol_note_pattern *p = &n->rows[t->row].pub;
    int fwd = t->start < f->start && p->dir != SOL_NOTES_DIR_POST;
    int back = !fwd && t->end > f->end && t->start >= f->start && p->dir != SOL_NOTES_DIR_PRE;
    size_t a, b;

    if (!fwd && !back)
        return 0;
    a = fwd ? (t->end < f->start ? t->end : f->start) : f->end;
    b = fwd ? f->start : (t->start > f->end ? t->start : f->end);
    *words = sol_text_words(text, a, b);
    if (*words > SOL_NOTES_SCOPE_WORDS || terminated(n, v, a, b))
        return 0;
    if (back && memchr(text + a, ',', b - a))
        return 0;
    *via_list = 0;
    if (p->kind != SOL_NOTES_NEGATION)
        return 1; /* context triggers speak for the whole clause */
    /* Findings between trigger and f form a list: every stretch between
     * them, and between the list and f, must be connectors only. The
     * stretch next to the trigger is free ("no evidence of swelling"). */
    for (size_t i = 0; i < v->n; i++) {
        const hit *g = &v->h[i];
        size_t from, to;

        if (g->dead || g == f || !is_finding(n, g) || g->start < a || g->end > b)
            continue;
        *via_list = 1; /* another finding stands between trigger and f */
        /* g's neighbour on f's side: the next list item, or f itself. */
        from = fwd ? g->end : a;
        to = fwd ? b : g->start;
        for (size_t j = 0; j < v->n; j++) {
            const hit *h = &v->h[j];

            if (h->dead || h == f || h == g || !is_finding(n, h) || h->start < a || h->end > b)
                continue;
            if (fwd && h->start >= g->end && h->start < to)
                to = h->start;
            if (back && h->end <= g->start && h->end > from)
                from = h->end;
        }
        if (from < to && !sol_text_list_gap(text, from, to, fwd))
            return 0;
    }
    return 1;
}

/* The nearest live trigger of kind k whose scope reaches finding f;
 * SOL_NOTES_NONE when none. */
static size_t find_trigger(const sol_notes *n, const hits_vec *v, const char *text, const hit *f,
                           sol_notes_kind k, int *via_list)
{
    size_t best = SOL_NOTES_NONE, best_w = (size_t)-1;
    int list = 0;

    for (size_t i = 0; i < v->n; i++) {
        const hit *t = &v->h[i];
        size_t w;
        int l = 0;

        if (t->dead || n->rows[t->row].pub.kind != k || !in_scope(n, v, text, t, f, &w, &l))
            continue;
        if (w < best_w) {
            best = i;
            best_w = w;
            list = l;
        }
    }
    if (via_list)
        *via_list = list;
    return best;
}

static sol_note_trigger trigger_of(const hits_vec *v, size_t i)
{
    sol_note_trigger t = {SOL_NOTES_NONE, 0, 0};

    if (i != SOL_NOTES_NONE) {
        t.row = v->h[i].row;
        t.start = v->h[i].start;
        t.end = v->h[i].end;
    }
    return t;
}

/* Decide polarity, context and value of finding match f. */
static void judge(const sol_notes *n, const hits_vec *v, const char *text, const hit *f,
                  sol_note_mention *m)
{
    const row *r = &n->rows[f->row];
    int via_list = 0;
    size_t neg = find_trigger(n, v, text, f, SOL_NOTES_NEGATION, &via_list);
    size_t oth = find_trigger(n, v, text, f, SOL_NOTES_OTHER, NULL);
    size_t unc = find_trigger(n, v, text, f, SOL_NOTES_UNCERTAIN, NULL);
    size_t his = r->pub.historical ? SOL_NOTES_NONE
                                   : find_trigger(n, v, text, f, SOL_NOTES_HISTORY, NULL);

    memset(m, 0, sizeof *m);
    m->row = f->row;
    m->start = f->start;
    m->end = f->end;
    m->negated = neg != SOL_NOTES_NONE;
    m->negation = trigger_of(v, neg);
    m->context = his != SOL_NOTES_NONE ? SOL_CTX_HISTORY : SOL_CTX_CURRENT;
    m->context_trigger = trigger_of(v, oth != SOL_NOTES_NONE   ? oth
                                       : unc != SOL_NOTES_NONE ? unc
                                                               : his);
    if (oth != SOL_NOTES_NONE) {
        m->fate = SOL_NOTE_DROP_OTHER;
    } else if (unc != SOL_NOTES_NONE) {
        m->fate = SOL_NOTE_DROP_UNCERTAIN;
    } else if (m->negated && via_list && r->protect) {
        /* "no swelling, dusky blue": a list scope is the weakest reading of
         * a negation, too weak to record a red-flag sign as absent. */
        m->fate = SOL_NOTE_UNCONFIRMED;
    } else if (m->negated) {
        if (!r->pub.negated)
            m->fate = SOL_NOTE_DROP_NEGATED;
        else
            snprintf(m->value, sizeof m->value, "%s", r->pub.negated);
    } else if (r->vague) {
        m->fate = SOL_NOTE_DROP_VAGUE;
    } else if (r->capture) {
        size_t cl = f->cend - f->cstart;
        sol_value vals[1];
        size_t nv = 0;

        if (f->cstart == SOL_NOTES_NONE || cl >= sizeof m->value) {
            m->fate = SOL_NOTE_DROP_VALUE;
        } else {
            memcpy(m->value, text + f->cstart, cl);
            m->value[cl] = '\0';
            if (r->scale > 1) {
                /* "$1*7": the captured number in another unit ("3 weeks"
                 * as 21 days). Whole results only stay whole. */
                double x = strtod(m->value, NULL) * r->scale;
                snprintf(m->value, sizeof m->value, "%.10g", x);
            }
            /* Only a number in the vocabulary range comes through: any
             * other captured text is dropped, never passed on. */
            if (sol_vocab_parse_value(&r->term, m->value, vals, &nv, NULL) != SOL_OK) {
                m->fate = SOL_NOTE_DROP_VALUE;
            } else {
                if (vals[0].kind == SOL_VAL_UNKNOWN)
                    m->fate = SOL_NOTE_DROP_VALUE;
                sol_value_clear(&vals[0]);
            }
        }
    } else {
        snprintf(m->value, sizeof m->value, "%s", r->pub.affirmed);
    }
    if (m->fate != SOL_NOTE_KEPT)
        m->value[0] = '\0';
}

static int cmp_mention(const void *a, const void *b)
{
    const sol_note_mention *x = a, *y = b;

    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* Size, NUL and UTF-8 checks; the UTF check is PCRE2's own. */
static int check_text(const sol_notes *n, const char *text, size_t len, const char *path,
                      int line, sol_diag *d)
{
    pcre2_match_data *md;
    const char *nul;
    int rc;

    if (len > SOL_NOTES_MAX_BYTES)
        return sol_diag_set(d, SOL_ELIMIT, path, line,
                            "note %s is %zu bytes; the limit is %u bytes "
                            "per note",
                            path, len, SOL_NOTES_MAX_BYTES);
    nul = memchr(text, '\0', len);
    if (nul)
        return sol_diag_set(d, SOL_EINVALID, path, line, "note %s: NUL byte at byte offset %zu",
                            path, (size_t)(nul - text));
    md = pcre2_match_data_create(1, NULL);
    if (!md)
        return sol_diag_set(d, SOL_ENOMEM, path, line, "out of memory");
    rc = pcre2_match(n->utf_check, (PCRE2_SPTR)text, len, 0, 0, md, NULL);
    if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21) {
        PCRE2_UCHAR msg[256];
        size_t at = pcre2_get_startchar(md);

        pcre2_get_error_message(rc, msg, sizeof msg);
        pcre2_match_data_free(md);
        return sol_diag_set(d, SOL_EINVALID, path, line,
                            "note %s: invalid UTF-8 at byte offset %zu: %s", path, at,
                            (char *)msg);
    }
    pcre2_match_data_free(md);
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
        return sol_diag_set(d, SOL_EINVALID, path, line,
                            "note %s: text rejected by the UTF check (%d)", path, rc);
    return SOL_OK;
}

int sol_notes_scan(sol_note_mention **out, size_t *out_n, size_t *hits, const sol_notes *n,
                   const char *text, size_t len, const char *path, int line, sol_diag *d)
{
    pcre2_match_data *md = NULL, *gmd = NULL;
    uint32_t *cand = NULL; /* places a match can start */
    sol_sentences sent = {0};
    hits_vec hv = {0};
    mention_vec mv = {0};
    char *padded = NULL;
    int rc;

    *out = NULL;
    *out_n = 0;
    if (!path)
        path = "note";
    if (!n || (!text && len))
        return sol_diag_set(d, SOL_EUSAGE, path, line, "no patterns or text");
    if (len == 0)
        return SOL_OK;
    rc = check_text(n, text, len, path, line, d);
    if (rc != SOL_OK)
        return rc;
    if (n->jit) {
        /* JIT code reads whole machine words and may look a few bytes past
         * the subject's end (harmless, but valgrind reports it): match on
         * a copy with zeroed slack after it. */
        padded = malloc(len + 64);
        if (!padded)
            return sol_diag_set(d, SOL_ENOMEM, path, line, "out of memory");
        memcpy(padded, text, len);
        memset(padded + len, 0, 64);
        text = padded;
    }
    md = pcre2_match_data_create(n->max_captures + 1, NULL);
    gmd = pcre2_match_data_create(1, NULL);
    cand = malloc(len * sizeof *cand); /* len <= SOL_NOTES_MAX_BYTES */
    if (!md || !gmd || !cand || sol_sentences_split(&sent, text, len) != SOL_OK) {
        rc = sol_diag_set(d, SOL_ENOMEM, path, line, "out of memory");
        goto cleanup;
    }
    for (size_t k = 0; k < sent.n; k++) {
        size_t first = mv.n;

        hv.n = 0;
        rc = match_sentence(n, text, sent.sp[2 * k], sent.sp[2 * k + 1], md, gmd, cand, &hv, path,
                            line, d);
        if (rc != SOL_OK)
            goto cleanup;
        shadow(n, &hv);
        for (size_t i = 0; i < hv.n; i++) {
            sol_note_mention m;

            if (hv.h[i].dead)
                continue;
            if (hits)
                hits[hv.h[i].row]++;
            if (!is_finding(n, &hv.h[i]))
                continue;
            judge(n, &hv, text, &hv.h[i], &m);
            if (push_mention(&mv, &m) != SOL_OK) {
                rc = sol_diag_set(d, SOL_ENOMEM, path, line, "out of memory");
                goto cleanup;
            }
        }
        if (mv.n - first > 1)
            sol_sort(mv.m + first, mv.n - first, sizeof *mv.m, cmp_mention);
    }
    *out = mv.m;
    *out_n = mv.n;
    mv.m = NULL;
    rc = SOL_OK;

cleanup:
    free(padded);
    free(mv.m);
    free(hv.h);
    sol_sentences_clear(&sent);
    pcre2_match_data_free(md);
    pcre2_match_data_free(gmd);
    free(cand);
    return rc;
}

/* ------------------------------------------------------------- extract */

int sol_notes_extract(const sol_notes *n, const char *text, size_t len, const char *path,
                      int line, sol_findings *out, sol_diag *d)
{
    sol_note_mention *m = NULL;
    size_t nm = 0;
    int rc;

    if (!out)
        return sol_diag_set(d, SOL_EUSAGE, path, line, "no findings set");
    rc = sol_notes_scan(&m, &nm, NULL, n, text, len, path, line, d);
    if (rc != SOL_OK)
        return rc;
    for (size_t i = 0; i < nm && rc == SOL_OK; i++) {
        const row *r = &n->rows[m[i].row];
        const sol_note_trigger *t = m[i].negated                      ? &m[i].negation
                                    : m[i].context == SOL_CTX_HISTORY ? &m[i].context_trigger
                                                                      : NULL;
        sol_finding f;
        size_t nv = 0;

        if (m[i].fate != SOL_NOTE_KEPT && m[i].fate != SOL_NOTE_UNCONFIRMED)
            continue;
        memset(&f, 0, sizeof f);
        f.name = (char *)r->pub.finding;
        f.origin = SOL_ORIGIN_NOTE;
        f.context = m[i].context;
        f.path = (char *)path;
        f.line = line;
        f.span_start = m[i].start;
        f.span_end = m[i].end;
        f.quote = sol_strndup(text + m[i].start, m[i].end - m[i].start);
        if (t && t->row != SOL_NOTES_NONE)
            f.trigger = sol_strndup(text + t->start, t->end - t->start);
        if (m[i].fate == SOL_NOTE_UNCONFIRMED)
            f.value.kind = SOL_VAL_UNKNOWN; /* mentioned, left for the clinician */
        else if (m[i].negated)
            rc = sol_value_copy(&f.value, &r->neg);
        else if (r->capture)
            rc = sol_vocab_parse_value(&r->term, m[i].value, &f.value, &nv, NULL) == SOL_OK
                     ? SOL_OK
                     : SOL_ENOMEM;
        else
            rc = sol_value_copy(&f.value, &r->aff);
        if (rc == SOL_OK && (!f.quote || (t && t->row != SOL_NOTES_NONE && !f.trigger)))
            rc = SOL_ENOMEM;
        if (rc == SOL_OK)
            rc = sol_findings_add(out, &f);
        sol_value_clear(&f.value);
        free(f.quote);
        free(f.trigger);
        if (rc != SOL_OK)
            rc = sol_diag_set(d, SOL_ENOMEM, path, line, "out of memory");
    }
    free(m);
    return rc;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int sol_notes_protect(sol_notes *n, const char **findings, size_t k)
{
    int marked = 0;

    /* sorted once and searched per row: the list is some hundred signs */
    sol_sort(findings, k, sizeof *findings, cmp_name);
    for (size_t i = 0; n && k && i < n->n; i++)
        if (n->rows[i].pub.kind == SOL_NOTES_FINDING && n->rows[i].pub.finding &&
            bsearch(&n->rows[i].pub.finding, findings, k, sizeof *findings, cmp_name)) {
            n->rows[i].protect = 1;
            marked++;
        }
    return marked;
}

size_t sol_notes_use_jit(sol_notes *n)
{
    size_t done = 0;
    if (!n)
        return 0;
    for (size_t r = 0; r < n->n; r++) {
        row *rw = &n->rows[r];
        int err = 0;
        PCRE2_SIZE eoff = 0;
        done += rw->code && pcre2_jit_compile(rw->code, PCRE2_JIT_COMPLETE) == 0;
        /* Anchored at a place a match can start, JIT code tries that place
         * only; searching, it tries every character of the sentence (the
         * start-set skip does not apply to these caseless Unicode
         * patterns). Without this variant the row is searched as it is. */
        if (rw->word_start && !rw->anchored &&
            (rw->anchored = row_compile(rw->pub.regex, PCRE2_ANCHORED, &err, &eoff)) &&
            pcre2_jit_compile(rw->anchored, PCRE2_JIT_COMPLETE) != 0) {
            pcre2_code_free(rw->anchored);
            rw->anchored = NULL;
        }
    }
    n->jit = done > 0;
    return done;
}
