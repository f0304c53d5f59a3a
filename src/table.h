/* table.h — the one reader of the knowledge tables (the .tsv files of
 * knowledge/). Every table follows the same rules: UTF-8 text without NUL
 * bytes; '#' starts a comment line; lines of only spaces and tabs are
 * skipped; no header line; cells are separated by one TAB, spaces around a
 * cell are trimmed and no cell may be empty (write '-' for none); the caller
 * declares the columns, and a cell may be declared a number or one of a few
 * words. Errors go into a sol_diag as FILE:LINE.
 *
 * Ownership: a table is parsed once per process. Opening the same file with
 * the same columns again hands out the same read-only copy (reference
 * counted, safe across threads); every string a row points to lives until
 * the last sol_table_close. */
#ifndef SOL_TABLE_H
#define SOL_TABLE_H

#include "sol.h"

#define SOL_TABLE_MAX_COLS 12
#define SOL_TABLE_MAX_BYTES (4u * 1024u * 1024u)

typedef struct {
    const char *col[SOL_TABLE_MAX_COLS]; /* ncols trimmed cells, NULL after */
    int ncols;
    int line; /* 1-based line in the file */
} sol_table_row;

typedef struct sol_table sol_table;

/* Flags of sol_table_open. */
#define SOL_TABLE_OPTIONAL 1u /* a missing file is no table: *out = NULL, SOL_OK */

/* Read the table at path. columns names the columns in order, separated by
 * spaces, as error messages show them:
 *   name           any non-empty cell
 *   name:number    a decimal number filling the cell (no hex, inf or nan)
 *   name:a|b|c     one of the listed words
 *   [name…]        this column and every one after it may be left off
 * A row with more than SOL_TABLE_MAX_COLS cells is refused. On success
 * *out is shared: release it with sol_table_close. */
int sol_table_open(const sol_table **out, const char *path, const char *columns, unsigned flags,
                   sol_diag *d);
void sol_table_close(const sol_table *t); /* NULL is a no-op */

size_t sol_table_count(const sol_table *t); /* 0 for NULL */
const sol_table_row *sol_table_at(const sol_table *t, size_t i);
const char *sol_table_path(const sol_table *t); /* NULL for NULL */

/* For each row, the index of the first earlier row with the same cell in
 * column col, or SOL_NO_DUP (sol_first_dups): *out malloc'd, one per row,
 * the caller frees it. SOL_OK or SOL_ENOMEM. */
int sol_table_first_dups(size_t **out, const sol_table *t, int col);

/* sol_diag_set naming the table's file and the given line. */
int sol_table_error(sol_diag *d, int code, const sol_table *t, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* 1 when s is a decimal number filling the string (the rule of :number
 * cells), with its value in *out; else 0. */
int sol_table_number(const char *s, double *out);

/* How many times this process has read and parsed a table file: a test's
 * check that nothing reads a knowledge file twice. */
size_t sol_table_parse_count(void);

#endif
