/* form.c — the form layout of the vocabulary (form.h), read from
 * knowledge/questionnaire.tsv with the table reader and checked against the
 * vocabulary so a renamed finding is caught at load. */
#include "form.h"
#include "table.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *word, *ucum;
} unit_map;

struct sol_form {
    sol_form_section *sections;
    size_t nsections, capsections;
    unit_map *units;
    size_t nunits, capunits;
    sol_form_enable *enables;
    size_t nenables, capenables;
    const sol_table *table; /* questionnaire.tsv; every string points in */
};

void sol_form_free(sol_form *f)
{
    if (!f)
        return;
    free(f->sections);
    free(f->units);
    free(f->enables);
    sol_table_close(f->table);
    free(f);
}

static int known_section(const sol_vocab *v, const char *name)
{
    for (size_t i = 0; i < sol_vocab_count(v); i++)
        if (strcmp(sol_vocab_at(v, i)->section, name) == 0)
            return 1;
    return 0;
}

static int value_allowed(const sol_term *t, const char *value)
{
    if (t->type == SOL_TYPE_BOOL)
        return strcmp(value, "yes") == 0 || strcmp(value, "no") == 0;
    for (size_t i = 0; i < t->nvalues; i++)
        if (strcmp(t->values[i], value) == 0)
            return 1;
    return 0;
}

static int add_line(sol_form *f, const char *const *col, int n, const char *path, int line,
                    const sol_vocab *v, sol_diag *d)
{
    if (strcmp(col[0], "section") == 0 && n == 3) {
        if (!known_section(v, col[1]))
            return sol_diag_set(d, SOL_EPARSE, path, line,
                                "section '%s' has no finding in the vocabulary", col[1]);
        if (sol_grow((void **)&f->sections, &f->capsections, f->nsections + 1,
                     sizeof *f->sections))
            return sol_diag_set(d, SOL_ENOMEM, path, line, "out of memory");
        f->sections[f->nsections++] = (sol_form_section){col[1], col[2]};
        return SOL_OK;
    }
    if (strcmp(col[0], "unit") == 0 && n == 3) {
        if (sol_grow((void **)&f->units, &f->capunits, f->nunits + 1, sizeof *f->units))
            return sol_diag_set(d, SOL_ENOMEM, path, line, "out of memory");
        f->units[f->nunits++] = (unit_map){col[1], col[2]};
        return SOL_OK;
    }
    if (strcmp(col[0], "enable") == 0 && n == 4) {
        const sol_term *t = sol_vocab_lookup(v, col[1]), *o = sol_vocab_lookup(v, col[2]);
        if (!t || !o)
            return sol_diag_set(d, SOL_EPARSE, path, line, "unknown finding '%s'",
                                t ? col[2] : col[1]);
        if (!value_allowed(o, col[3]))
            return sol_diag_set(d, SOL_EPARSE, path, line,
                                "'%s' is not a value of the %s finding '%s'", col[3],
                                sol_type_name(o->type), o->name);
        if (sol_grow((void **)&f->enables, &f->capenables, f->nenables + 1, sizeof *f->enables))
            return sol_diag_set(d, SOL_ENOMEM, path, line, "out of memory");
        f->enables[f->nenables++] = (sol_form_enable){col[1], col[2], col[3]};
        return SOL_OK;
    }
    return sol_diag_set(d, SOL_EPARSE, path, line,
                        "expected 'section NAME TITLE', 'unit WORD UCUM' or "
                        "'enable FINDING OTHER VALUE' (TAB-separated)");
}

int sol_form_load(sol_form **out, const char *path, const sol_vocab *v, sol_diag *d)
{
    int rc;
    sol_form *f = calloc(1, sizeof *f);

    *out = NULL;
    if (!f)
        return sol_diag_set(d, SOL_ENOMEM, path, 0, "out of memory");
    /* Three kinds of line (section, unit, enable) of three or four cells;
     * add_line checks each kind's count. */
    if ((rc = sol_table_open(&f->table, path, "kind:section|unit|enable name value [extra]", 0,
                             d)))
        goto cleanup;
    for (size_t i = 0; i < sol_table_count(f->table); i++) {
        const sol_table_row *r = sol_table_at(f->table, i);

        if ((rc = add_line(f, r->col, r->ncols, path, r->line, v, d)))
            goto cleanup;
    }
    /* Every section that holds a recordable finding needs a group. */
    for (size_t i = 0; i < sol_vocab_count(v); i++) {
        const sol_term *t = sol_vocab_at(v, i);
        size_t k = 0;
        while (k < f->nsections && strcmp(f->sections[k].name, t->section) != 0)
            k++;
        if (k == f->nsections) {
            rc = sol_diag_set(d, SOL_EPARSE, path, 0, "no 'section' line for '%s' (finding '%s')",
                              t->section, t->name);
            goto cleanup;
        }
    }
    *out = f;
    f = NULL;
    rc = SOL_OK;
cleanup:
    sol_form_free(f);
    return rc;
}

size_t sol_form_section_count(const sol_form *f) { return f->nsections; }
const sol_form_section *sol_form_section_at(const sol_form *f, size_t i)
{
    return i < f->nsections ? &f->sections[i] : NULL;
}

const char *sol_form_ucum(const sol_form *f, const char *unit)
{
    for (size_t i = 0; i < f->nunits; i++)
        if (strcmp(f->units[i].word, unit) == 0)
            return f->units[i].ucum;
    return NULL;
}

const sol_form_enable *sol_form_enable_of(const sol_form *f, const char *finding)
{
    for (size_t i = 0; i < f->nenables; i++)
        if (strcmp(f->enables[i].finding, finding) == 0)
            return &f->enables[i];
    return NULL;
}

const char *sol_form_question(const sol_term *t, char *buf, size_t len)
{
    snprintf(buf, len, "%s", t->label ? t->label : t->name);
    if (len && buf[0])
        buf[0] = (char)toupper((unsigned char)buf[0]);
    return buf;
}
