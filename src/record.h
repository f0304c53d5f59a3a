/* record.h — safe reader for XML assessment records (the only libxml2 reader;
 * write_html.c is the only writer).
 * Reads with a size cap, refuses DOCTYPE/entities/XInclude, validates against
 * knowledge/record.rng and the vocabulary, and returns findings with the
 * element path and line of each. */
#ifndef SOL_RECORD_H
#define SOL_RECORD_H

#include "sol.h"
#include "findings.h"
#include "bounds.h"
#include "vocab.h"

typedef struct sol_record sol_record;
/* A compiled RELAX NG schema: parse it once, validate many records with it.
 * It also keeps the parser context reused from record to record, so one
 * handle serves one thread at a time. */
typedef struct sol_schema sol_schema;

typedef struct {
    const char *text; /* note text, UTF-8, owned by the record */
    int line;         /* line of the <note> element */
    const char *path; /* element path of the <note> */
} sol_note;

/* Initialise libxml2 (parser and RELAX NG types) once, from the main
 * thread, before records are read on several threads at once. */
void sol_record_init(void);

/* Parse the file at path. schema_path is the RELAX NG schema. On error returns
 * SOL_EIO (unreadable/too large), SOL_EPARSE (malformed, hostile) or
 * SOL_EINVALID (schema/vocabulary) and fills d with file, line and what was
 * expected; *out is NULL. On success the caller frees *out. */
int sol_record_load(sol_record **out, const char *path, const char *schema_path,
                    const sol_vocab *vocab, sol_diag *d);
/* Same, from a memory buffer; name is used in diagnostics. */
int sol_record_parse(sol_record **out, const char *buf, size_t len, const char *name,
                     const char *schema_path, const sol_vocab *vocab, sol_diag *d);
void sol_record_free(sol_record *r); /* NULL is a no-op */

/* Every problem `soleus check` found in one record, in file order: errors
 * (the record would be refused) and notes (a value converted from a unit
 * form, "'2 weeks' read as 14 days"). Owned by the caller: free with
 * sol_record_problems_clear. */
typedef struct {
    sol_diag d; /* file, line, message */
    int error;  /* 1 error, 0 note */
    int code;   /* the sol_err of an error */
} sol_record_problem;

typedef struct {
    sol_record_problem *items;
    size_t n, cap;
} sol_record_problems;

/* Check the record at path and list every problem in *out (which must be
 * zeroed or cleared), not only the first: structure, vocabulary and schema
 * errors each with their line, notes for converted values. Returns SOL_OK
 * when the record would be accepted, else the first error's code (the list
 * then holds every error). */
int sol_record_check(sol_record_problems *out, const char *path, const char *schema_path,
                     const sol_vocab *vocab, sol_diag *d);
void sol_record_problems_clear(sol_record_problems *p);
/* Compile the schema at schema_path; the caller frees *out. */
int sol_schema_load(sol_schema **out, const char *schema_path, sol_diag *d);
void sol_schema_free(sol_schema *s); /* NULL is a no-op */
/* sol_record_parse with a schema compiled once. */
int sol_record_parse_with(sol_record **out, const char *buf, size_t len, const char *name,
                          sol_schema *schema, const sol_vocab *vocab, sol_diag *d);

const char *sol_record_id(const sol_record *r);
/* Optional visit details: NULL when absent. date is YYYY-MM-DD, visit a
 * positive whole number (1 = first visit). */
const char *sol_record_date(const sol_record *r);
const char *sol_record_clinician(const sol_record *r);
const char *sol_record_visit(const sol_record *r);
/* Structured findings (owned by the record). */
const sol_findings *sol_record_findings(const sol_record *r);
size_t sol_record_note_count(const sol_record *r);
const sol_note *sol_record_note_at(const sol_record *r, size_t i);

#endif
