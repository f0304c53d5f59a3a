/* notes_merge.c — folds note-derived findings into the structured findings
 * of a record (sol_notes_merge in notes.h). The structured record is the
 * clinician's answer and wins; disagreements are kept as sol_conflict items
 * so the report can show them instead of silently choosing. */
#include "notes.h"

#include <stdlib.h>
#include <string.h>

/* A current-context note finding set by a negation trigger. Structured
 * findings and history mentions never carry one. */
static int is_negated(const sol_finding *f)
{
    return f->context == SOL_CTX_CURRENT && f->trigger != NULL;
}

static int add_conflict(sol_findings *s, const sol_finding *kept, const sol_finding *lost,
                        sol_diag *d)
{
    sol_conflict c;

    memset(&c, 0, sizeof c);
    c.name = kept->name;
    c.record_value = kept->value;
    c.note_value = lost->value;
    c.record_line = kept->line;
    c.note_line = lost->line;
    c.record_path = kept->path;
    c.note_path = lost->path;
    c.quote = lost->quote;
    c.kept_from_note = kept->origin == SOL_ORIGIN_NOTE;
    c.kept_quote = c.kept_from_note ? kept->quote : NULL;
    if (sol_findings_add_conflict(s, &c) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    return SOL_OK;
}

/* First index i < upto in f with the same name, context and value. */
static int seen_before(const sol_findings *f, size_t upto, const sol_finding *x)
{
    for (size_t i = 0; i < upto; i++) {
        const sol_finding *y = sol_findings_at(f, i);
        if (y->context == x->context && strcmp(y->name, x->name) == 0 &&
            sol_value_equal(&y->value, &x->value))
            return 1;
    }
    return 0;
}

/* Choose, among the current note findings named like notes[i] (its first
 * current mention), the one to keep, recording a conflict for each
 * disagreeing one. Returns the index of the winner. */
static size_t pick_winner(sol_findings *s, const sol_findings *notes, size_t i, int *rc,
                          sol_diag *d)
{
    const sol_finding *first = sol_findings_at(notes, i);
    size_t win = i, n = sol_findings_count(notes);

    for (size_t j = i + 1; j < n; j++) {
        const sol_finding *w = sol_findings_at(notes, win);
        const sol_finding *x = sol_findings_at(notes, j);
        size_t lose;

        if (x->context != SOL_CTX_CURRENT || x->value.kind == SOL_VAL_UNKNOWN ||
            strcmp(x->name, first->name) != 0 || sol_value_equal(&x->value, &w->value))
            continue;
        /* Affirmed beats negated (negation scope is the weaker reading);
         * otherwise the later mention is the more recent statement. */
        if (is_negated(x) && !is_negated(w)) {
            lose = j;
        } else {
            lose = win;
            win = j;
        }
        if (*rc == SOL_OK)
            *rc = add_conflict(s, sol_findings_at(notes, win), sol_findings_at(notes, lose), d);
    }
    return win;
}

/* Replace structured 'unknown' answers named name by note finding f,
 * keeping any other findings of that name (history mentions). */
static int answer_unknown(sol_findings *s, const sol_finding *f, sol_diag *d)
{
    sol_findings *keep = sol_findings_new();
    int rc = SOL_OK;

    if (!keep)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    for (size_t i = 0; i < sol_findings_count(s) && rc == SOL_OK; i++) {
        const sol_finding *x = sol_findings_at(s, i);
        if (strcmp(x->name, f->name) == 0 && x->value.kind != SOL_VAL_UNKNOWN)
            rc = sol_findings_add(keep, x);
    }
    if (rc == SOL_OK) {
        sol_findings_remove(s, f->name);
        for (size_t i = 0; i < sol_findings_count(keep) && rc == SOL_OK; i++)
            rc = sol_findings_add(s, sol_findings_at(keep, i));
        if (rc == SOL_OK)
            rc = sol_findings_add(s, f);
    }
    sol_findings_free(keep);
    if (rc != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    return SOL_OK;
}

/* Merge one winning current note finding f into s. */
static int merge_current(sol_findings *s, const sol_finding *f, sol_diag *d)
{
    const sol_finding *rec = NULL;

    for (size_t i = 0; i < sol_findings_count(s); i++) {
        const sol_finding *x = sol_findings_at(s, i);

        if (x->context != SOL_CTX_CURRENT || strcmp(x->name, f->name) != 0)
            continue;
        if (sol_value_equal(&x->value, &f->value))
            return SOL_OK; /* corroborated: the structured one says it */
        if (x->value.kind != SOL_VAL_UNKNOWN && !rec)
            rec = x;
    }
    if (rec)
        return add_conflict(s, rec, f, d);
    if (!sol_findings_find(s, f->name)) {
        if (sol_findings_add(s, f) != SOL_OK)
            return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        return SOL_OK;
    }
    return answer_unknown(s, f, d);
}

int sol_notes_merge(sol_findings *structured, const sol_findings *from_notes, sol_diag *d)
{
    size_t n = sol_findings_count(from_notes);
    int rc = SOL_OK;

    if (!structured)
        return sol_diag_set(d, SOL_EUSAGE, "", 0, "no findings set");
    for (size_t i = 0; i < n && rc == SOL_OK; i++) {
        const sol_finding *f = sol_findings_at(from_notes, i);
        int first = 1;

        if (f->value.kind == SOL_VAL_UNKNOWN || f->value.kind == SOL_VAL_NONE)
            continue;
        if (f->context != SOL_CTX_CURRENT) {
            if (!seen_before(from_notes, i, f) && sol_findings_add(structured, f) != SOL_OK)
                rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
            continue;
        }
        /* Handle each name once, at its first current mention. */
        for (size_t j = 0; j < i && first; j++) {
            const sol_finding *x = sol_findings_at(from_notes, j);
            first = !(x->context == SOL_CTX_CURRENT && x->value.kind != SOL_VAL_UNKNOWN &&
                      x->value.kind != SOL_VAL_NONE && strcmp(x->name, f->name) == 0);
        }
        if (!first)
            continue;
        {
            size_t win = pick_winner(structured, from_notes, i, &rc, d);
            if (rc == SOL_OK)
                rc = merge_current(structured, sol_findings_at(from_notes, win), d);
        }
    }
    /* Unconfirmed red-flag mentions (value unknown) are listed only where
     * nothing else, structured or from notes, says anything of that sign. */
    for (size_t i = 0; i < n && rc == SOL_OK; i++) {
        const sol_finding *f = sol_findings_at(from_notes, i);
        if (f->value.kind != SOL_VAL_UNKNOWN || f->context != SOL_CTX_CURRENT ||
            sol_findings_find(structured, f->name))
            continue;
        if (sol_findings_add(structured, f) != SOL_OK)
            rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    }
    return rc;
}
