/* intake.h — what a record reader other than the XML one hands the pipeline:
 * the record id, its structured findings (with provenance) and its free-text
 * notes, the same structure record.c gives. No library. A sol_intake owns
 * everything reachable from it. */
#ifndef SOL_INTAKE_H
#define SOL_INTAKE_H

#include "sol.h"
#include "findings.h"
#include "record.h"

typedef struct {
    char *id;               /* record id ("" when the input names none) */
    char *file;             /* name used in diagnostics */
    sol_findings *findings; /* structured findings */
    sol_note *notes;        /* text and path allocated, owned here */
    size_t nnotes, capnotes;
} sol_intake;

/* A new, empty intake named file; NULL on ENOMEM. */
sol_intake *sol_intake_new(const char *file);
void sol_intake_free(sol_intake *in); /* NULL is a no-op */
/* Copy a note (text, its provenance path, line 0 when it has none). */
int sol_intake_add_note(sol_intake *in, const char *text, const char *path, int line);

#endif
