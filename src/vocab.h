/* vocab.h — the findings vocabulary (knowledge/vocabulary.tsv): names, types,
 * allowed values and ranges. The single source of truth for what a record may
 * say. A sol_vocab owns every string reachable from the sol_term it returns. */
#ifndef SOL_VOCAB_H
#define SOL_VOCAB_H

#include "sol.h"

typedef enum {
    SOL_TYPE_BOOL,
    SOL_TYPE_ENUM,
    SOL_TYPE_SET,
    SOL_TYPE_INT,
    SOL_TYPE_REAL,
    SOL_TYPE_DERIVED
} sol_type;

/* One way of writing a unit after a number (knowledge/units.tsv). */
typedef struct {
    const char *written; /* "weeks", "%", "per cent" (matched ignoring case) */
    double factor;       /* written number * factor = value in the term's unit */
} sol_unitform;

typedef struct {
    const char *name;
    const char *section; /* patient|history|screening|examination|running|special-tests */
    sol_type type;
    const char *const *values; /* enum/set members */
    size_t nvalues;
    double min, max;     /* int/real range, inclusive */
    const char *unit;    /* "-" when none */
    const char *screen;  /* "s4", "wells", "s4,wells" or "-" */
    const char *sources; /* comma list */
    const char *label;
    int line;                  /* line in vocabulary.tsv */
    const sol_unitform *forms; /* accepted unit forms (units.tsv), may be none */
    size_t nforms;
} sol_term;

typedef struct sol_vocab sol_vocab;

/* Load and check the TSV, and units.tsv from the same folder when it is
 * there. On error *out is NULL and d names file and line. */
int sol_vocab_load(sol_vocab **out, const char *path, sol_diag *d);
void sol_vocab_free(sol_vocab *v); /* NULL is a no-op */
size_t sol_vocab_count(const sol_vocab *v);
const sol_term *sol_vocab_at(const sol_vocab *v, size_t i);
const sol_term *sol_vocab_lookup(const sol_vocab *v, const char *name);

/* Parse the text of one value for term t (trimmed). For a set, text is
 * space-separated and several values are produced. "unknown" gives one
 * SOL_VAL_UNKNOWN. out_vals must have room for max(1, t->nvalues) entries;
 * the caller clears them with sol_value_clear. Errors (wrong type, out of
 * range, not an allowed value, duplicate set member) return SOL_EINVALID with
 * a message saying what was expected; d->file/line are left to the caller. */
int sol_vocab_parse_value(const sol_term *t, const char *text, sol_value *out_vals, size_t *out_n,
                          sol_diag *d);

/* The same, and when the text was converted (a unit form, a decimal comma)
 * a sentence saying what it was read as ("'2 weeks' read as 14 days") into
 * note (empty otherwise). An enumerated value that is not allowed gets a
 * "did you mean" naming the close members (case-insensitive). */
int sol_vocab_parse_value_note(const sol_term *t, const char *text, sol_value *out_vals,
                               size_t *out_n, char *note, size_t notelen, sol_diag *d);

/* Up to max vocabulary names close to word (ignoring case) into buf,
 * comma-separated; "" when none. Returns buf. */
const char *sol_vocab_close_names(const sol_vocab *v, const char *word, size_t max, char *buf,
                                  size_t len);

const char *sol_type_name(sol_type t);

#endif
