/* json_int.h — internals shared by the JSON module's files (write_json.c,
 * json_fhir.c, json_cds.c, json_dump.c); the only header that includes
 * jansson. */
#ifndef SOL_JSON_INT_H
#define SOL_JSON_INT_H

#include <jansson.h>

#include "json.h"

/* root serialised exactly as json_dumpb with JSON_SORT_KEYS and
 * JSON_REAL_PRECISION(4) and either JSON_INDENT(indent) or, for indent 0,
 * JSON_COMPACT. *out (NUL-terminated, *out_len bytes) is the caller's to
 * free. SOL_ENOMEM when memory runs out. */
int sol_json_dump(char **out, size_t *out_len, json_t *root, int indent);
/* Offset of the first bracket nested deeper than max (len when none); *line
 * is that bracket's line. Strings are skipped. */
size_t sol_json_too_deep_at(const char *buf, size_t len, int max, int *line);
/* Parse with the record size and depth caps; errors name file and line. */
int sol_json_parse(json_t **out, const char *buf, size_t len, const char *name, sol_diag *d);
/* sol_diag_set with the message "PATH: ...". */
int sol_json_fail(sol_diag *d, int code, const char *name, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Read a QuestionnaireResponse or Bundle at root (JSON path base), with an
 * optional separate Patient at ppath. */
int sol_fhir_read_resources(sol_intake **out, json_t *root, const char *base, json_t *patient,
                            const char *ppath, const char *name, const sol_vocab *v, sol_diag *d);

#endif
