/* record_int.h — what record.c and record_check.c share (the record family,
 * the only files that include libxml2 to read): the read context and the
 * structure checks. Not for other modules. */
#ifndef SOL_RECORD_INT_H
#define SOL_RECORD_INT_H

#include <libxml/tree.h>

#include "record.h"

/* How one record is being read: stop at the first problem (assess) or
 * list them all (check). */
typedef struct {
    const char *name;         /* file name used in diagnostics */
    sol_record_problems *all; /* check mode: every problem goes here */
    int first;                /* code of the first error, 0 while none */
    void *doc;                /* the parsed document (xmlDocPtr), for lines */
} rd_ctx;

/* Add a problem to the check list (error 1, or 0 for a note). 0 or ENOMEM. */
int sol_rd_push(rd_ctx *c, int error, int code, int line, const char *msg);

/* One problem at line: in assess mode it fills d and stops the read (the
 * code is returned); in check mode it is listed and the read goes on
 * (SOL_OK, or SOL_ENOMEM when the list cannot grow). */
int sol_rd_problem(rd_ctx *c, sol_diag *d, int code, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The structure of the record under root, every problem reported. */
int sol_rd_check_structure(rd_ctx *c, xmlNodePtr root, sol_diag *d);
/* 1 for a findings section name (patient … special-tests). */
int sol_rd_is_section(const char *name);
/* Line of an element (0 when unknown); its trimmed text, malloc'd (NULL on
 * ENOMEM). */
int sol_rd_node_line(xmlNodePtr n);
char *sol_rd_node_text(xmlNodePtr n);
/* Malloc'd copy of s as the schema's token type sees it (runs of white space
 * become one space, none at either end); NULL on ENOMEM. */
char *sol_rd_token_copy(const char *s);

/* For the unit tests only: the file it was read from, the free-text
 * occupation (may be NULL) and the findings, writable. */
const char *sol_record_file(const sol_record *r);
const char *sol_record_occupation(const sol_record *r);
sol_findings *sol_record_findings_mut(sol_record *r);

#endif
