/* webform.h — the local HTML form of `soleus serve`: the page generated from
 * the vocabulary and its form layout (no JavaScript), a posted form
 * (application/x-www-form-urlencoded) turned into an XML record for the
 * ordinary reader, and the result and error pages. All text is escaped. */
#ifndef SOL_WEBFORM_H
#define SOL_WEBFORM_H

#include <stdio.h>

#include "sol.h"
#include "form.h"
#include "report.h"
#include "vocab.h"

/* Write s with & < > " ' escaped and C0 controls (but tab, newline) replaced. */
void sol_html_escape(FILE *out, const char *s);
int sol_webform_write(FILE *out, const sol_vocab *v, const sol_form *form);
/* A posted form body into an XML record (*out malloc'd, caller frees).
 * Unknown fields, a NUL or control characters, a bad record id: SOL_EINVALID. */
int sol_webform_to_xml(char **out, size_t *out_len, const char *body, size_t len,
                       const sol_vocab *v, const sol_form *form, sol_diag *d);
/* The result page: the report and the record as an XML download. */
int sol_webform_result(FILE *out, const sol_report *r, const char *xml, size_t xml_len);
int sol_webform_error(FILE *out, const char *message);

#endif
