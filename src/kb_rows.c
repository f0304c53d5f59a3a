/* kb_rows.c — the table rows of knowledge/ as knowledge facts (kb.h's
 * sol_kb_rows): one list the pipeline asserts into CLIPS and the rule model
 * expands its table-driven rules over, so the two cannot read a table
 * differently. */
#include "kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"

#define ROW_MAX_SLOTS 8

static char *keep(sol_kb_rows *r, const char *s, size_t n)
{
    char *c;

    if (sol_grow((void **)&r->strs, &r->cap, r->nstrs + 1, sizeof *r->strs))
        return NULL;
    c = malloc(n + 1);
    if (!c)
        return NULL;
    memcpy(c, s, n);
    c[n] = '\0';
    r->strs[r->nstrs++] = c;
    return c;
}

static char *keeps(sol_kb_rows *r, const char *s)
{
    return keep(r, s ? s : "", strlen(s ? s : ""));
}

/* Append a row of tmpl with n slots (names[i] = values[i]); file is
 * dir/table. */
static int add(sol_kb_rows *r, const char *tmpl, const char *const *names,
               const char *const *values, size_t n, const char *dir, const char *table, int line,
               const char *sources, const char *why, unsigned integer)
{
    char path[1024];
    const char **sl, **vl;
    sol_kb_row *row;

    if (sol_grow((void **)&r->rows, &r->rcap, r->n + 1, sizeof *r->rows))
        return SOL_ENOMEM;
    sl = (const char **)keep(r, (const char *)names, n * sizeof *sl);
    vl = (const char **)keep(r, (const char *)values, n * sizeof *vl);
    if (!sl || !vl)
        return SOL_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (!(vl[i] = keeps(r, values[i])))
            return SOL_ENOMEM;
    snprintf(path, sizeof path, "%s/%s", dir, table);
    row = &r->rows[r->n++];
    memset(row, 0, sizeof *row);
    row->tmpl = tmpl;
    row->slots = sl;
    row->values = vl;
    row->nslots = n;
    row->line = line;
    row->integer = integer;
    if (!(row->file = keeps(r, path)) || !(row->sources = keeps(r, sources)) ||
        !(row->why = keeps(r, why)))
        return SOL_ENOMEM;
    return SOL_OK;
}

static int add_must_ask(sol_kb_rows *r, const sol_catalog *cat, const char *dir)
{
    static const char *const names[] = {"conclusion", "trigger", "when", "finding"};

    for (size_t i = 0; i < sol_catalog_mnm_count(cat); i++) {
        const sol_mnm *m = sol_catalog_mnm_at(cat, i);
        char when[256], asks[1024], *save = NULL;

        if (strcmp(m->kind, "ask") != 0)
            continue;
        snprintf(when, sizeof when, "%s", m->when);
        snprintf(asks, sizeof asks, "%s", m->findings);
        char *eq = strchr(when, '=');
        if (!eq)
            continue; /* the catalogue refuses such a row */
        *eq = '\0';
        for (char *f = strtok_r(asks, " ", &save); f; f = strtok_r(NULL, " ", &save)) {
            const char *v[] = {m->conclusion, when, eq + 1, f};
            if (add(r, "must-ask", names, v, 4, dir, "must-not-miss.tsv", m->line, m->sources,
                    NULL, 0))
                return SOL_ENOMEM;
            r->rows[r->n - 1].fact_only = 1;
        }
    }
    return SOL_OK;
}

int sol_kb_rows_build(sol_kb_rows *out, const sol_catalog *cat, const char *dir, sol_diag *d)
{
    static const char *const ref[] = {"conclusion", "recommendation"};
    static const char *const item[] = {"finding", "value", "points"};
    static const char *const measure[] = {"finding", "at-least", "points"};
    static const char *const set[] = {"id",       "phase", "conclusion", "rule",
                                      "strength", "votes", "value",      "members"};
    int rc = SOL_OK;

    memset(out, 0, sizeof *out);
    for (size_t i = 0; rc == SOL_OK && i < sol_catalog_referral_count(cat); i++) {
        const sol_referral *x = sol_catalog_referral_at(cat, i);
        const char *v[] = {x->conclusion, x->recommendation};
        rc = add(out, "referral", ref, v, 2, dir, "referrals.tsv", x->line, x->sources, x->why,
                 0);
    }
    if (rc == SOL_OK)
        rc = add_must_ask(out, cat, dir);
    for (size_t i = 0; rc == SOL_OK && i < sol_catalog_wells_item_count(cat); i++) {
        const sol_wells_item *w = sol_catalog_wells_item_at(cat, i);
        char pts[32];
        snprintf(pts, sizeof pts, "%d", w->points);
        const char *v[] = {w->finding, w->at_least ? w->at_least : w->value, pts};
        rc = add(out, w->at_least ? "wells-measure" : "wells-item", w->at_least ? measure : item,
                 v, 3, dir, "wells.tsv", w->line, w->sources, w->why, 1u << 2);
    }
    for (size_t i = 0; rc == SOL_OK && i < sol_catalog_sign_set_count(cat); i++) {
        const sol_sign_set *x = sol_catalog_sign_set_at(cat, i);
        const char *v[] = {x->id,       x->phase, x->conclusion, x->rule,
                           x->strength, x->votes, x->value,      x->members};
        rc = add(out, "sign-set", set, v, 8, dir, "sign-sets.tsv", x->line, x->sources, x->why,
                 0);
    }
    if (rc != SOL_OK) {
        sol_kb_rows_free(out);
        return sol_diag_set(d, SOL_ENOMEM, dir, 0, "out of memory");
    }
    return SOL_OK;
}

void sol_kb_rows_free(sol_kb_rows *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nstrs; i++)
        free(r->strs[i]);
    free(r->strs);
    free(r->rows);
    memset(r, 0, sizeof *r);
}
