/* runner.c — loads knowledge/runner.tsv (runner.h) through the table
 * reader and picks the rows a report calls for. The page itself is written
 * by write_html.c. */
#include "runner_int.h"
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sol_runner {
    const sol_table *table; /* runner.tsv; the rows' strings point in */
    sol_runner_row *rows;
    size_t n, cap;
};

static const char *const KINDS[] = {"now", "do", "avoid", "come-back"};

const char *sol_runner_kind_name(sol_runner_kind k) { return (unsigned)k < 4 ? KINDS[k] : "?"; }

int sol_runner_load(sol_runner **out, const char *dir, sol_diag *d)
{
    char path[1024];
    int rc;
    sol_runner *r = calloc(1, sizeof *r);

    *out = NULL;
    snprintf(path, sizeof path, "%s/runner.tsv", dir);
    if (!r)
        return sol_diag_set(d, SOL_ENOMEM, path, 0, "out of memory");
    rc = sol_table_open(&r->table, path, "id kind:now|do|avoid|come-back text", 0, d);
    for (size_t i = 0; rc == SOL_OK && i < sol_table_count(r->table); i++) {
        const sol_table_row *t = sol_table_at(r->table, i);
        int k = 0;

        while (strcmp(t->col[1], KINDS[k]) != 0)
            k++; /* the column type made it one of KINDS */
        if (sol_grow((void **)&r->rows, &r->cap, r->n + 1, sizeof *r->rows)) {
            rc = sol_diag_set(d, SOL_ENOMEM, path, t->line, "out of memory");
            break;
        }
        r->rows[r->n].id = t->col[0];
        r->rows[r->n].kind = (sol_runner_kind)k;
        r->rows[r->n].text = t->col[2];
        r->rows[r->n].line = t->line;
        r->n++;
    }
    if (rc == SOL_OK) {
        *out = r;
        r = NULL;
    }
    sol_runner_free(r);
    return rc;
}

void sol_runner_free(sol_runner *r)
{
    if (!r)
        return;
    free(r->rows);
    sol_table_close(r->table);
    free(r);
}

size_t sol_runner_count(const sol_runner *r) { return r ? r->n : 0; }
const sol_runner_row *sol_runner_at(const sol_runner *r, size_t i)
{
    return r && i < r->n ? &r->rows[i] : NULL;
}

static int report_recommends(const sol_report *rep, const char *id)
{
    for (size_t i = 0; i < sol_report_recommendation_count(rep); i++)
        if (strcmp(sol_report_recommendation_at(rep, i)->rec->id, id) == 0)
            return 1;
    return 0;
}

size_t sol_runner_select(const sol_runner *r, const sol_report *rep, sol_runner_kind k,
                         const sol_runner_row **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; r && i < r->n && n < max; i++) {
        const sol_runner_row *row = &r->rows[i];
        int want;
        if (row->kind != k)
            continue;
        if (strcmp(row->id, "@always") == 0)
            want = 1;
        else if (strcmp(row->id, "@red-flag") == 0)
            want = sol_report_has_red_flag(rep);
        else
            want = report_recommends(rep, row->id);
        if (want)
            out[n++] = row;
    }
    return n;
}
