/* record.h — safe reader for XML assessment records (the only libxml2 user).
 * Reads with a size cap, refuses DOCTYPE/entities/XInclude, validates against
 * knowledge/record.rng and the vocabulary, and returns findings with the
 * element path and line of each. */
#ifndef SOL_RECORD_H
#define SOL_RECORD_H

#include "sol.h"
#include "findings.h"
#include "vocab.h"

#define SOL_RECORD_MAX_BYTES (4u * 1024u * 1024u)  /* refuse larger files */
#define SOL_RECORD_MAX_DEPTH 32                    /* refuse deeper nesting */

typedef struct sol_record sol_record;
/* A compiled RELAX NG schema: parse it once, validate many records with it
 * (read-only while validating). */
typedef struct sol_schema sol_schema;

typedef struct {
    const char *text;       /* note text, UTF-8, owned by the record */
    int line;               /* line of the <note> element */
    const char *path;       /* element path of the <note> */
} sol_note;

/* Parse the file at path. schema_path is the RELAX NG schema. On error returns
 * SOL_EIO (unreadable/too large), SOL_EPARSE (malformed, hostile) or
 * SOL_EINVALID (schema/vocabulary) and fills d with file, line and what was
 * expected; *out is NULL. On success the caller frees *out. */
int sol_record_load(sol_record **out, const char *path, const char *schema_path,
                    const sol_vocab *vocab, sol_diag *d);
/* Same, from a memory buffer; name is used in diagnostics. */
int sol_record_parse(sol_record **out, const char *buf, size_t len,
                     const char *name, const char *schema_path,
                     const sol_vocab *vocab, sol_diag *d);
void sol_record_free(sol_record *r);   /* NULL is a no-op */

/* Compile the schema at schema_path; the caller frees *out. */
int sol_schema_load(sol_schema **out, const char *schema_path, sol_diag *d);
void sol_schema_free(sol_schema *s);   /* NULL is a no-op */
/* sol_record_load / sol_record_parse with a schema compiled once. */
int sol_record_load_with(sol_record **out, const char *path,
                         const sol_schema *schema, const sol_vocab *vocab,
                         sol_diag *d);
int sol_record_parse_with(sol_record **out, const char *buf, size_t len,
                          const char *name, const sol_schema *schema,
                          const sol_vocab *vocab, sol_diag *d);

const char *sol_record_id(const sol_record *r);
const char *sol_record_file(const sol_record *r);
const char *sol_record_occupation(const sol_record *r);  /* may be NULL */
/* Structured findings (owned by the record). */
const sol_findings *sol_record_findings(const sol_record *r);
sol_findings *sol_record_findings_mut(sol_record *r);
size_t sol_record_note_count(const sol_record *r);
const sol_note *sol_record_note_at(const sol_record *r, size_t i);

#endif
