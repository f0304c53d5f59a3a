/* findings.c — the validated findings of one assessment (findings.h): a
 * growable array of deep-copied sol_finding items plus the record-versus-note
 * conflicts. Order of insertion is kept, so outputs stay deterministic. */
#include "findings.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

struct sol_findings {
    sol_finding *items;
    size_t n, cap;
    sol_conflict *conflicts;
    size_t nconf, capconf;
};

sol_findings *sol_findings_new(void) { return calloc(1, sizeof(sol_findings)); }

void sol_finding_clear(sol_finding *item)
{
    if (!item)
        return;
    free(item->name);
    sol_value_clear(&item->value);
    free(item->path);
    free(item->quote);
    free(item->trigger);
    item->name = item->path = item->quote = item->trigger = NULL;
}

static void conflict_clear(sol_conflict *c)
{
    free(c->name);
    sol_value_clear(&c->record_value);
    sol_value_clear(&c->note_value);
    free(c->quote);
    free(c->record_path);
    free(c->note_path);
    free(c->kept_quote);
    c->name = c->quote = c->record_path = c->note_path = c->kept_quote = NULL;
}

void sol_findings_free(sol_findings *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        sol_finding_clear(&f->items[i]);
    for (size_t i = 0; i < f->nconf; i++)
        conflict_clear(&f->conflicts[i]);
    free(f->items);
    free(f->conflicts);
    free(f);
}

/* Copy an optional string: 0 on success (NULL stays NULL). */
static int dup_opt(char **out, const char *s)
{
    *out = NULL;
    if (!s)
        return 0;
    *out = sol_strdup(s);
    return *out ? 0 : -1;
}

static int finding_copy(sol_finding *out, const sol_finding *src)
{
    sol_finding tmp = *src;

    tmp.name = tmp.path = tmp.quote = tmp.trigger = NULL;
    memset(&tmp.value, 0, sizeof tmp.value);
    if (dup_opt(&tmp.name, src->name) || dup_opt(&tmp.path, src->path) ||
        dup_opt(&tmp.quote, src->quote) || dup_opt(&tmp.trigger, src->trigger) ||
        sol_value_copy(&tmp.value, &src->value) != SOL_OK) {
        sol_finding_clear(&tmp);
        return SOL_ENOMEM;
    }
    *out = tmp;
    return SOL_OK;
}

static int conflict_copy(sol_conflict *out, const sol_conflict *src)
{
    sol_conflict tmp = *src;

    tmp.name = tmp.quote = tmp.record_path = tmp.note_path = tmp.kept_quote = NULL;
    memset(&tmp.record_value, 0, sizeof tmp.record_value);
    memset(&tmp.note_value, 0, sizeof tmp.note_value);
    if (dup_opt(&tmp.name, src->name) || dup_opt(&tmp.quote, src->quote) ||
        dup_opt(&tmp.record_path, src->record_path) || dup_opt(&tmp.note_path, src->note_path) ||
        dup_opt(&tmp.kept_quote, src->kept_quote) ||
        sol_value_copy(&tmp.record_value, &src->record_value) != SOL_OK ||
        sol_value_copy(&tmp.note_value, &src->note_value) != SOL_OK) {
        conflict_clear(&tmp);
        return SOL_ENOMEM;
    }
    *out = tmp;
    return SOL_OK;
}

/* Room for one more after the n elements of size bytes at *(T **)items
 * (capacity *cap); sol_grow through a void * of the array's own. */
static int room(void *items, size_t *cap, size_t n, size_t size)
{
    void *arr;
    int rc;
    memcpy(&arr, items, sizeof arr);
    rc = sol_grow(&arr, cap, n + 1, size);
    memcpy(items, &arr, sizeof arr);
    return rc;
}

int sol_findings_add(sol_findings *f, const sol_finding *item)
{
    int rc;
    if (!f || !item || !item->name)
        return SOL_EUSAGE;
    if ((rc = room(&f->items, &f->cap, f->n, sizeof *f->items)) == SOL_OK &&
        (rc = finding_copy(&f->items[f->n], item)) == SOL_OK)
        f->n++;
    return rc;
}

size_t sol_findings_count(const sol_findings *f) { return f ? f->n : 0; }
const sol_finding *sol_findings_at(const sol_findings *f, size_t i)
{
    return f && i < f->n ? &f->items[i] : NULL;
}

const sol_finding *sol_findings_find(const sol_findings *f, const char *name)
{
    if (!f || !name)
        return NULL;
    for (size_t i = 0; i < f->n; i++)
        if (f->items[i].context == SOL_CTX_CURRENT && strcmp(f->items[i].name, name) == 0)
            return &f->items[i];
    return NULL;
}

size_t sol_findings_remove(sol_findings *f, const char *name)
{
    size_t kept = 0, removed = 0;

    if (!f || !name)
        return 0;
    for (size_t i = 0; i < f->n; i++) {
        if (strcmp(f->items[i].name, name) == 0) {
            sol_finding_clear(&f->items[i]);
            removed++;
        } else {
            f->items[kept++] = f->items[i];
        }
    }
    f->n = kept;
    return removed;
}

sol_findings *sol_findings_clone(const sol_findings *f)
{
    sol_findings *c;

    if (!f)
        return NULL;
    c = sol_findings_new();
    if (!c)
        return NULL;
    for (size_t i = 0; i < f->n; i++)
        if (sol_findings_add(c, &f->items[i]) != SOL_OK)
            goto fail;
    for (size_t i = 0; i < f->nconf; i++)
        if (sol_findings_add_conflict(c, &f->conflicts[i]) != SOL_OK)
            goto fail;
    return c;

fail:
    sol_findings_free(c);
    return NULL;
}

int sol_findings_add_conflict(sol_findings *f, const sol_conflict *c)
{
    sol_conflict *last = NULL;
    int rc;
    size_t listed = 0;

    if (!f || !c || !c->name)
        return SOL_EUSAGE;
    for (size_t i = 0; i < f->nconf; i++) {
        sol_conflict *x = &f->conflicts[i];

        if (strcmp(x->name, c->name) != 0)
            continue;
        last = x;
        listed++;
        if (sol_value_equal(&x->record_value, &c->record_value) &&
            sol_value_equal(&x->note_value, &c->note_value) &&
            strcmp(x->quote ? x->quote : "", c->quote ? c->quote : "") == 0) {
            x->more += 1 + c->more;
            return SOL_OK;
        }
    }
    if (last && listed >= SOL_FINDINGS_MAX_CONFLICTS) {
        last->more += 1 + c->more;
        return SOL_OK;
    }
    if ((rc = room(&f->conflicts, &f->capconf, f->nconf, sizeof *f->conflicts)) == SOL_OK &&
        (rc = conflict_copy(&f->conflicts[f->nconf], c)) == SOL_OK)
        f->nconf++;
    return rc;
}

size_t sol_findings_conflict_count(const sol_findings *f) { return f ? f->nconf : 0; }
const sol_conflict *sol_findings_conflict_at(const sol_findings *f, size_t i)
{
    return f && i < f->nconf ? &f->conflicts[i] : NULL;
}

const char *sol_where(int line, const char *path, char *buf, size_t len)
{
    if (line <= 0 && path && path[0] == '$')
        snprintf(buf, len, "%s", path);
    else
        snprintf(buf, len, "line %d", line);
    return buf;
}

const char *sol_finding_where(const sol_finding *f, char *buf, size_t len)
{
    return sol_where(f->line, f->path, buf, len);
}
