/* record.h — safe reader for XML assessment records (the only libxml2 user).
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

typedef struct {
    const char *text;       /* note text, UTF-8, owned by the record */
    int line;               /* line of the <note> element */
    const char *path;       /* element path of the <note> */
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
int sol_record_parse(sol_record **out, const char *buf, size_t len,
                     const char *name, const char *schema_path,
                     const sol_vocab *vocab, sol_diag *d);
void sol_record_free(sol_record *r);   /* NULL is a no-op */

const char *sol_record_id(const sol_record *r);
const char *sol_record_file(const sol_record *r);
const char *sol_record_occupation(const sol_record *r);  /* may be NULL */
/* Structured findings (owned by the record). */
const sol_findings *sol_record_findings(const sol_record *r);
sol_findings *sol_record_findings_mut(sol_record *r);
size_t sol_record_note_count(const sol_record *r);
const sol_note *sol_record_note_at(const sol_record *r, size_t i);

#endif
