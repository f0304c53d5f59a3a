/* form.h — how the vocabulary is laid out as a form (knowledge/questionnaire.tsv):
 * section titles in order, UCUM codes for unit words and enableWhen
 * conditions. Read by the FHIR Questionnaire writer and the local HTML form;
 * no library. A sol_form owns every string it returns. */
#ifndef SOL_FORM_H
#define SOL_FORM_H

#include "sol.h"
#include "vocab.h"

typedef struct {
    const char *name;  /* record section, e.g. history */
    const char *title; /* group title shown to the clinician */
} sol_form_section;

typedef struct {
    const char *finding; /* asked only when ... */
    const char *other;   /* ... this finding ... */
    const char *value;   /* ... has this value */
} sol_form_enable;

typedef struct sol_form sol_form;

/* Load and check the file against the vocabulary (every section, finding and
 * value must exist there). Errors name file and line. Caller frees *out. */
int sol_form_load(sol_form **out, const char *path, const sol_vocab *v, sol_diag *d);
void sol_form_free(sol_form *f); /* NULL is a no-op */

size_t sol_form_section_count(const sol_form *f);
const sol_form_section *sol_form_section_at(const sol_form *f, size_t i);
/* UCUM code of a unit word, or NULL when the file gives none. */
const char *sol_form_ucum(const sol_form *f, const char *unit);
/* The enableWhen condition of a finding, or NULL. */
const sol_form_enable *sol_form_enable_of(const sol_form *f, const char *finding);
/* Question text for a term: its label with a capital first letter, into buf. */
const char *sol_form_question(const sol_term *t, char *buf, size_t len);

#endif
