/* catalog.c — loads the clinician-reviewed catalogues in knowledge/:
 * conditions.tsv, recommendations.tsv, sources.tsv, strengths.tsv, the
 * listing policy (tiers.tsv, urgency.tsv, phases.tsv, population.tsv) and
 * the safety tables severity.tsv, contraindications.tsv and must-not-miss.tsv.
 * Each file is read whole and split in place; the structs point into those
 * buffers, which the catalogue owns. Column counts are strict and every
 * error names the file and line. */
#include "catalog.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CATALOG_MAX_BYTES (4u * 1024u * 1024u)
#define CATALOG_MAX_COLS 8

/* One row of a table that only names and orders things (phases.tsv,
 * population.tsv). */
typedef struct {
    const char *name;
    int rank;
    int line;
} ranked;

struct sol_catalog {
    char *bufs[12];                 /* file contents, split in place */
    sol_referral *refs;
    size_t nrefs;
    sol_tier *tiers;                /* sorted by rank after loading */
    size_t ntiers;
    sol_urgency *urg;               /* sorted by rank after loading */
    size_t nurg;
    ranked *phases;                 /* phases.tsv, sorted by rank after loading */
    size_t nphases;
    ranked *pop;                    /* population.tsv: rule families, rank 0 */
    size_t npop;
    sol_condition *conds;
    size_t nconds;
    sol_recommendation *recs;
    size_t nrecs;
    sol_source *srcs;
    size_t nsrcs;
    sol_strength *strengths;
    size_t nstrengths;
    sol_contraindication *contra;
    size_t ncontra;
    sol_mnm *mnm;
    size_t nmnm;
};

/* One TSV row handed to a per-file callback. */
typedef struct {
    char *col[CATALOG_MAX_COLS];
    int line;
} tsv_row;

typedef int (*row_fn)(sol_catalog *c, const tsv_row *r, const char *path,
                      sol_diag *d);

static char *trim(char *s)
{
    char *e;

    while (*s == ' ')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

/* Grow *arr (elements of size sz, n in use) to hold n + 1 elements. The
 * capacity is 8, then doubles each time n reaches a power of two. */
static int grow(void **arr, size_t n, size_t sz)
{
    void *p;

    if (n != 0 && (n < 8 || (n & (n - 1)) != 0))
        return SOL_OK;
    p = realloc(*arr, (n ? n * 2 : 8) * sz);
    if (!p)
        return SOL_ENOMEM;
    *arr = p;
    return SOL_OK;
}

/* Read dir/name, split it into rows of ncols non-empty columns (or, when
 * maxcols > ncols, up to maxcols: trailing optional columns) and hand each
 * to fn. names lists the columns for the error message. */
static int load_tsv_opt(sol_catalog *c, int slot, const char *dir,
                        const char *name, int ncols, int maxcols,
                        const char *names, row_fn fn, sol_diag *d)
{
    char path[512];
    char *p;
    int line = 0, rc;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    rc = sol_read_file(&c->bufs[slot], NULL, path, CATALOG_MAX_BYTES, d);
    if (rc != SOL_OK)
        return rc;
    for (char *cursor = c->bufs[slot]; (p = sol_next_line(&cursor, &line)) != NULL;) {
        tsv_row r;
        char *f;
        int n = 0;

        memset(&r, 0, sizeof r);
        r.line = line;
        for (f = p;;) {
            char *tab = strchr(f, '\t');

            if (tab)
                *tab = '\0';
            if (n < CATALOG_MAX_COLS)
                r.col[n] = trim(f);
            n++;
            if (!tab)
                break;
            f = tab + 1;
        }
        if (n < ncols || n > maxcols)
            return sol_diag_set(d, SOL_EPARSE, path, line,
                                "expected %d tab-separated columns (%s), found %d",
                                ncols == maxcols || n < ncols ? ncols : maxcols,
                                names, n);
        for (int i = 0; i < n; i++)
            if (r.col[i][0] == '\0')
                return sol_diag_set(d, SOL_EPARSE, path, line,
                                    "column %d is empty (columns: %s; write - for none)",
                                    i + 1, names);
        rc = fn(c, &r, path, d);
        if (rc != SOL_OK)
            return rc;
    }
    return SOL_OK;
}

static int load_tsv(sol_catalog *c, int slot, const char *dir,
                    const char *name, int ncols, const char *names,
                    row_fn fn, sol_diag *d)
{
    return load_tsv_opt(c, slot, dir, name, ncols, ncols, names, fn, d);
}

static int one_of(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(s, *set) == 0)
            return 1;
    return 0;
}

static int condition_row(sol_catalog *c, const tsv_row *r, const char *path,
                         sol_diag *d)
{
    sol_condition *x;
    const char *tier = r->col[2], *sup = r->col[4];
    const sol_urgency *u = sol_catalog_urgency(c, r->col[3]);

    if (sol_catalog_condition(c, r->col[0]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "duplicate condition id '%s'", r->col[0]);
    if (strlen(tier) != 1 || !sol_catalog_tier(c, tier[0]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "tier '%s': not a tier of tiers.tsv", tier);
    if (!u)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "urgency '%s': not an urgency of urgency.tsv", r->col[3]);
    if (strcmp(sup, "yes") != 0 && strcmp(sup, "no") != 0 &&
        strcmp(sup, "-") != 0)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "suppresses '%s': expected yes, no or -", sup);
    if (grow((void **)&c->conds, c->nconds, sizeof *c->conds) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    x = &c->conds[c->nconds++];
    x->id = r->col[0];
    x->code = r->col[1];
    x->tier = tier[0];
    x->urgency = r->col[3];
    x->suppresses = strcmp(sup, "yes") == 0;
    x->label = r->col[5];
    x->description = r->col[6];
    x->sources = r->col[7];
    x->line = r->line;
    x->severity = 0;
    x->red_flag = u->red_flag;
    x->urgency_rank = u->rank;
    x->tier_def = sol_catalog_tier(c, x->tier);
    return SOL_OK;
}

/* A whole number from 1 to 1000, or 0. */
static int rank_of(const char *s)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    return errno || *end || v < 1 || v > 1000 ? 0 : (int)v;
}

static int yes_no(const char *s)
{
    return strcmp(s, "yes") == 0 ? 1 : strcmp(s, "no") == 0 ? 0 : -1;
}

static int tier_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_tier *x;
    int rank = rank_of(r->col[1]), deferred = yes_no(r->col[5]), managed = yes_no(r->col[6]);

    if (strlen(r->col[0]) != 1 || sol_catalog_tier(c, r->col[0][0]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "tier '%s': expected one letter not listed before", r->col[0]);
    if (!rank)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "rank '%s': expected a whole number from 1", r->col[1]);
    for (size_t i = 0; i < c->ntiers; i++)
        if (c->tiers[i].rank == rank)
            return sol_diag_set(d, SOL_EPARSE, path, r->line,
                                "rank %d is already given to tier %c", rank, c->tiers[i].tier);
    if (strcmp(r->col[3], "severity") != 0 && strcmp(r->col[3], "certainty") != 0)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "order '%s': expected severity or certainty", r->col[3]);
    if (strcmp(r->col[4], "support") != 0 && strcmp(r->col[4], "belief") != 0)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "shown '%s': expected support or belief", r->col[4]);
    if (deferred < 0 || managed < 0)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "deferred and managed: expected yes or no");
    if (grow((void **)&c->tiers, c->ntiers, sizeof *c->tiers) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    x = &c->tiers[c->ntiers++];
    x->tier = r->col[0][0];
    x->rank = rank;
    x->name = r->col[2];
    x->by_severity = strcmp(r->col[3], "severity") == 0;
    x->on_support = strcmp(r->col[4], "support") == 0;
    x->deferred = deferred;
    x->managed = managed;
    x->title = r->col[7];
    x->line = r->line;
    return SOL_OK;
}

/* One named row (phases.tsv, population.tsv) into *arr: names unique,
 * ranks unique when given (rank 0: unranked). */
static int ranked_row(ranked **arr, size_t *n, const tsv_row *r, int rank,
                      const char *path, sol_diag *d)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp((*arr)[i].name, r->col[0]) == 0)
            return sol_diag_set(d, SOL_EPARSE, path, r->line,
                                "'%s' is listed twice", r->col[0]);
        if (rank && (*arr)[i].rank == rank)
            return sol_diag_set(d, SOL_EPARSE, path, r->line,
                                "rank %d is already given to '%s'", rank, (*arr)[i].name);
    }
    if (grow((void **)arr, *n, sizeof **arr) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    (*arr)[*n].name = r->col[0];
    (*arr)[*n].rank = rank;
    (*arr)[*n].line = r->line;
    (*n)++;
    return SOL_OK;
}

static int urgency_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    static const char *const actions[] = { "refer-now", "refer-soon", "refer", "none", NULL };
    int rank = rank_of(r->col[1]), red = yes_no(r->col[2]);
    sol_urgency *x;

    if (!rank)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "rank '%s': expected a whole number from 1", r->col[1]);
    if (red < 0)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "red-flag '%s': expected yes or no", r->col[2]);
    if (!one_of(r->col[3], actions))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "action '%s': expected refer-now, refer-soon, refer or none",
                            r->col[3]);
    for (size_t i = 0; i < c->nurg; i++)
        if (strcmp(c->urg[i].urgency, r->col[0]) == 0 || c->urg[i].rank == rank)
            return sol_diag_set(d, SOL_EPARSE, path, r->line,
                                "urgency '%s' or rank %d is listed twice", r->col[0], rank);
    if (grow((void **)&c->urg, c->nurg, sizeof *c->urg) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    x = &c->urg[c->nurg++];
    x->urgency = r->col[0];
    x->rank = rank;
    x->red_flag = red;
    x->action = r->col[3];
    x->line = r->line;
    return SOL_OK;
}

static int phase_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    int rank = rank_of(r->col[1]);

    if (!rank)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "rank '%s': expected a whole number from 1", r->col[1]);
    return ranked_row(&c->phases, &c->nphases, r, rank, path, d);
}

static int population_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    return ranked_row(&c->pop, &c->npop, r, 0, path, d);
}

static int cmp_tier(const void *a, const void *b)
{
    return ((const sol_tier *)a)->rank - ((const sol_tier *)b)->rank;
}

static int cmp_urgency(const void *a, const void *b)
{
    return ((const sol_urgency *)a)->rank - ((const sol_urgency *)b)->rank;
}

static int cmp_ranked(const void *a, const void *b)
{
    return ((const ranked *)a)->rank - ((const ranked *)b)->rank;
}

static int recommendation_row(sol_catalog *c, const tsv_row *r,
                              const char *path, sol_diag *d)
{
    sol_recommendation *x;

    if (sol_catalog_recommendation(c, r->col[0]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "duplicate recommendation id '%s'", r->col[0]);
    if (grow((void **)&c->recs, c->nrecs, sizeof *c->recs) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    x = &c->recs[c->nrecs++];
    x->id = r->col[0];
    x->phase = r->col[1];
    x->label = r->col[2];
    x->text = r->col[3];
    x->contested = strcmp(r->col[4], "-") == 0 ? NULL : r->col[4];
    x->sources = r->col[5];
    x->line = r->line;
    return SOL_OK;
}

static int source_row(sol_catalog *c, const tsv_row *r, const char *path,
                      sol_diag *d)
{
    sol_source *x;

    if (sol_catalog_source(c, r->col[0]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "duplicate source id '%s'", r->col[0]);
    if (strcmp(r->col[1], "seed") != 0 && strcmp(r->col[1], "published") != 0)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "kind '%s': expected seed or published", r->col[1]);
    if (grow((void **)&c->srcs, c->nsrcs, sizeof *c->srcs) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    x = &c->srcs[c->nsrcs++];
    x->id = r->col[0];
    x->kind = r->col[1];
    x->citation = r->col[2];
    x->note = r->col[3];
    x->level = r->col[4];               /* NULL when the column is absent */
    if (x->level && !one_of(x->level, sol_evidence_levels))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "level '%s': expected guideline, study, review or "
                            "opinion", x->level);
    x->line = r->line;
    return SOL_OK;
}

static int strength_row(sol_catalog *c, const tsv_row *r, const char *path,
                        sol_diag *d)
{
    char *end;
    double cf;

    for (size_t i = 0; i < c->nstrengths; i++)
        if (strcmp(c->strengths[i].strength, r->col[0]) == 0)
            return sol_diag_set(d, SOL_EPARSE, path, r->line,
                                "duplicate strength '%s'", r->col[0]);
    errno = 0;
    cf = strtod(r->col[1], &end);
    if (errno || *end || end == r->col[1] || !isfinite(cf) || cf < 0.0 ||
        cf > 1.0)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "cf '%s': expected a number from 0 to 1",
                            r->col[1]);
    if (grow((void **)&c->strengths, c->nstrengths, sizeof *c->strengths) !=
        SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    c->strengths[c->nstrengths].strength = r->col[0];
    c->strengths[c->nstrengths].cf = cf;
    c->strengths[c->nstrengths].levels = r->col[2];  /* NULL when absent */
    c->strengths[c->nstrengths].line = r->line;
    c->nstrengths++;
    return SOL_OK;
}

static int severity_row(sol_catalog *c, const tsv_row *r, const char *path,
                        sol_diag *d)
{
    char *end;
    long rank;
    sol_condition *x = (sol_condition *)sol_catalog_condition(c, r->col[0]);
    const sol_tier *t = x ? sol_catalog_tier(c, x->tier) : NULL;

    if (!t || !t->by_severity)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is not a conclusion of conditions.tsv in a tier ordered "
                            "by severity (tiers.tsv)", r->col[0]);
    errno = 0;
    rank = strtol(r->col[1], &end, 10);
    if (errno || *end || rank < 1 || rank > 1000)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "rank '%s': expected a whole number from 1", r->col[1]);
    if (x->severity)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' already has a rank", r->col[0]);
    for (size_t i = 0; i < c->nconds; i++)
        if (c->conds[i].severity == (int)rank)
            return sol_diag_set(d, SOL_EPARSE, path, r->line,
                                "rank %ld is already given to '%s'", rank, c->conds[i].id);
    x->severity = (int)rank;
    return SOL_OK;
}

int sol_catalog_is_gate_state(const char *name)
{
    static const char *const states[] = { "s4-unanswered", "trend-unknown", "worsening",
                                          "stopped", "referral-pending", NULL };
    return name && one_of(name, states);
}

static int contraindication_row(sol_catalog *c, const tsv_row *r, const char *path,
                                sol_diag *d)
{
    sol_contraindication *x;

    if (!sol_catalog_recommendation(c, r->col[0]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is not a recommendation of recommendations.tsv", r->col[0]);
    if (!sol_catalog_condition(c, r->col[1]) && !sol_catalog_is_gate_state(r->col[1]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is neither a conclusion of conditions.tsv nor a state "
                            "(s4-unanswered, trend-unknown, worsening, stopped, "
                            "referral-pending)", r->col[1]);
    for (size_t i = 0; i < c->ncontra; i++)
        if (strcmp(c->contra[i].recommendation, r->col[0]) == 0 &&
            strcmp(c->contra[i].by, r->col[1]) == 0)
            return sol_diag_set(d, SOL_EPARSE, path, r->line,
                                "duplicate pair %s / %s", r->col[0], r->col[1]);
    if (grow((void **)&c->contra, c->ncontra, sizeof *c->contra) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    x = &c->contra[c->ncontra++];
    x->recommendation = r->col[0];
    x->by = r->col[1];
    x->reason = r->col[2];
    x->sources = r->col[3];
    x->line = r->line;
    return SOL_OK;
}

static int referral_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_referral *x;

    if (!sol_catalog_condition(c, r->col[0]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is not a conclusion of conditions.tsv", r->col[0]);
    if (!sol_catalog_recommendation(c, r->col[1]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is not a recommendation of recommendations.tsv", r->col[1]);
    if (sol_catalog_referral(c, r->col[0], r->col[1]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "duplicate pair %s / %s", r->col[0], r->col[1]);
    if (grow((void **)&c->refs, c->nrefs, sizeof *c->refs) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    x = &c->refs[c->nrefs++];
    x->conclusion = r->col[0];
    x->recommendation = r->col[1];
    x->sources = r->col[2];
    x->why = r->col[3];
    x->line = r->line;
    return SOL_OK;
}

static int mnm_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    static const char *const kinds[] = { "present", "ask", "benign", NULL };
    sol_mnm *x;
    const sol_condition *cond = sol_catalog_condition(c, r->col[0]);
    int benign = strcmp(r->col[1], "benign") == 0;

    if (!one_of(r->col[1], kinds))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "kind '%s': expected present, ask or benign", r->col[1]);
    const sol_tier *t = cond ? sol_catalog_tier(c, cond->tier) : NULL;

    if (benign ? strcmp(r->col[0], "*") != 0 : (!t || !t->by_severity))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            benign ? "a benign row names no conclusion: write *"
                                   : "'%s' is not a conclusion of conditions.tsv in a tier "
                                     "ordered by severity (tiers.tsv)",
                            r->col[0]);
    if ((strcmp(r->col[1], "ask") == 0) != (strchr(r->col[3], '=') != NULL))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "column 4 is a trigger name=value for ask rows and - otherwise");
    for (size_t i = 0; i < c->nmnm; i++)
        if (strcmp(c->mnm[i].id, r->col[2]) == 0)
            return sol_diag_set(d, SOL_EPARSE, path, r->line, "duplicate id '%s'", r->col[2]);
    if (grow((void **)&c->mnm, c->nmnm, sizeof *c->mnm) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    x = &c->mnm[c->nmnm++];
    x->conclusion = r->col[0];
    x->kind = r->col[1];
    x->id = r->col[2];
    x->when = r->col[3];
    x->findings = r->col[4];
    x->sources = r->col[5];
    x->line = r->line;
    return SOL_OK;
}

int sol_catalog_load(sol_catalog **out, const char *dir, sol_diag *d)
{
    sol_catalog *c;
    int rc;

    *out = NULL;
    c = calloc(1, sizeof *c);
    if (!c)
        return sol_diag_set(d, SOL_ENOMEM, dir, 0, "out of memory");
    rc = load_tsv(c, 7, dir, "tiers.tsv", 8,
                  "tier rank name order shown deferred managed title", tier_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, 8, dir, "urgency.tsv", 4, "urgency rank red-flag action",
                      urgency_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, 9, dir, "phases.tsv", 3, "phase rank what", phase_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, 10, dir, "population.tsv", 3, "rule why sources",
                      population_row, d);
    if (rc == SOL_OK) {
        qsort(c->tiers, c->ntiers, sizeof *c->tiers, cmp_tier);
        qsort(c->urg, c->nurg, sizeof *c->urg, cmp_urgency);
        qsort(c->phases, c->nphases, sizeof *c->phases, cmp_ranked);
        rc = load_tsv_opt(c, 0, dir, "sources.tsv", 4, 5,
                          "id kind citation note [level]", source_row, d);
    }
    if (rc == SOL_OK)
        rc = load_tsv_opt(c, 1, dir, "strengths.tsv", 2, 3,
                          "strength cf [levels]", strength_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, 2, dir, "conditions.tsv", 8,
                      "id code tier urgency suppresses label description sources",
                      condition_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, 3, dir, "recommendations.tsv", 6,
                      "id phase label text contested sources",
                      recommendation_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, 4, dir, "severity.tsv", 3, "conclusion rank why",
                      severity_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, 5, dir, "contraindications.tsv", 4,
                      "recommendation blocked-by reason sources", contraindication_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, 6, dir, "must-not-miss.tsv", 6,
                      "conclusion kind id when findings sources", mnm_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, 11, dir, "referrals.tsv", 4,
                      "conclusion recommendation sources why", referral_row, d);
    if (rc != SOL_OK) {
        sol_catalog_free(c);
        return rc;
    }
    *out = c;
    return SOL_OK;
}

void sol_catalog_free(sol_catalog *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < sizeof c->bufs / sizeof c->bufs[0]; i++)
        free(c->bufs[i]);
    free(c->conds);
    free(c->recs);
    free(c->srcs);
    free(c->strengths);
    free(c->contra);
    free(c->mnm);
    free(c->refs);
    free(c->tiers);
    free(c->urg);
    free(c->phases);
    free(c->pop);
    free(c);
}

size_t sol_catalog_condition_count(const sol_catalog *c)
{
    return c ? c->nconds : 0;
}

const sol_condition *sol_catalog_condition_at(const sol_catalog *c, size_t i)
{
    return c && i < c->nconds ? &c->conds[i] : NULL;
}

const sol_condition *sol_catalog_condition(const sol_catalog *c, const char *id)
{
    for (size_t i = 0; c && id && i < c->nconds; i++)
        if (strcmp(c->conds[i].id, id) == 0)
            return &c->conds[i];
    return NULL;
}

size_t sol_catalog_recommendation_count(const sol_catalog *c)
{
    return c ? c->nrecs : 0;
}

const sol_recommendation *sol_catalog_recommendation_at(const sol_catalog *c,
                                                        size_t i)
{
    return c && i < c->nrecs ? &c->recs[i] : NULL;
}

const sol_recommendation *sol_catalog_recommendation(const sol_catalog *c,
                                                     const char *id)
{
    for (size_t i = 0; c && id && i < c->nrecs; i++)
        if (strcmp(c->recs[i].id, id) == 0)
            return &c->recs[i];
    return NULL;
}

size_t sol_catalog_source_count(const sol_catalog *c)
{
    return c ? c->nsrcs : 0;
}

const sol_source *sol_catalog_source_at(const sol_catalog *c, size_t i)
{
    return c && i < c->nsrcs ? &c->srcs[i] : NULL;
}

const sol_source *sol_catalog_source(const sol_catalog *c, const char *id)
{
    for (size_t i = 0; c && id && i < c->nsrcs; i++)
        if (strcmp(c->srcs[i].id, id) == 0)
            return &c->srcs[i];
    return NULL;
}

size_t sol_catalog_strength_count(const sol_catalog *c)
{
    return c ? c->nstrengths : 0;
}

const sol_strength *sol_catalog_strength_at(const sol_catalog *c, size_t i)
{
    return c && i < c->nstrengths ? &c->strengths[i] : NULL;
}

const char *const sol_evidence_levels[] = { "guideline", "study", "review",
                                            "opinion", NULL };

int sol_catalog_strength_allows(const sol_catalog *c, const char *strength,
                                const char *level)
{
    for (size_t i = 0; c && strength && i < c->nstrengths; i++) {
        const char *l = c->strengths[i].levels;
        size_t n;

        if (strcmp(c->strengths[i].strength, strength) != 0)
            continue;
        if (!l || strcmp(l, "*") == 0)
            return 1;
        if (!level) {           /* unknown level: only what every level may carry */
            for (const char *const *e = sol_evidence_levels; *e; e++)
                if (!sol_catalog_strength_allows(c, strength, *e))
                    return 0;
            return 1;
        }
        n = strlen(level);
        for (const char *p = l; *p;) {
            size_t k = strcspn(p, ",");

            if (k == n && strncmp(p, level, n) == 0)
                return 1;
            p += k;
            if (*p == ',')
                p++;
        }
        return 0;
    }
    return 1;   /* an unknown strength is reported by its own check */
}

int sol_catalog_levels_declared(const sol_catalog *c)
{
    for (size_t i = 0; c && i < c->nstrengths; i++)
        if (c->strengths[i].levels)
            return 1;
    return 0;
}

double sol_catalog_cf(const sol_catalog *c, const char *strength)
{
    for (size_t i = 0; c && strength && i < c->nstrengths; i++)
        if (strcmp(c->strengths[i].strength, strength) == 0)
            return c->strengths[i].cf;
    return 0.0;
}

size_t sol_catalog_contraindication_count(const sol_catalog *c)
{
    return c ? c->ncontra : 0;
}

const sol_contraindication *sol_catalog_contraindication_at(const sol_catalog *c, size_t i)
{
    return c && i < c->ncontra ? &c->contra[i] : NULL;
}

size_t sol_catalog_mnm_count(const sol_catalog *c)
{
    return c ? c->nmnm : 0;
}

const sol_mnm *sol_catalog_mnm_at(const sol_catalog *c, size_t i)
{
    return c && i < c->nmnm ? &c->mnm[i] : NULL;
}

size_t sol_catalog_tier_count(const sol_catalog *c)
{
    return c ? c->ntiers : 0;
}

const sol_tier *sol_catalog_tier_at(const sol_catalog *c, size_t i)
{
    return c && i < c->ntiers ? &c->tiers[i] : NULL;
}

const sol_tier *sol_catalog_tier(const sol_catalog *c, char tier)
{
    for (size_t i = 0; c && i < c->ntiers; i++)
        if (c->tiers[i].tier == tier)
            return &c->tiers[i];
    return NULL;
}

const sol_tier *sol_catalog_tier_lead(const sol_catalog *c, size_t n)
{
    for (size_t i = 0; c && i < c->ntiers; i++)
        if (!c->tiers[i].by_severity && c->tiers[i].managed && n-- == 0)
            return &c->tiers[i];
    return NULL;
}

const char *sol_catalog_tier_letters(const sol_catalog *c, char *buf, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; c && i < c->ntiers && n + 1 < len; i++)
        buf[n++] = c->tiers[i].tier;
    if (len)
        buf[n] = '\0';
    return buf;
}

size_t sol_catalog_tier_index(const sol_catalog *c, char tier)
{
    const sol_tier *t = sol_catalog_tier(c, tier);
    return t ? (size_t)(t - c->tiers) : sol_catalog_tier_count(c);
}

size_t sol_catalog_urgency_count(const sol_catalog *c)
{
    return c ? c->nurg : 0;
}

const sol_urgency *sol_catalog_urgency_at(const sol_catalog *c, size_t i)
{
    return c && i < c->nurg ? &c->urg[i] : NULL;
}

const sol_urgency *sol_catalog_urgency(const sol_catalog *c, const char *urgency)
{
    for (size_t i = 0; c && urgency && i < c->nurg; i++)
        if (strcmp(c->urg[i].urgency, urgency) == 0)
            return &c->urg[i];
    return NULL;
}

int sol_catalog_phase_rank(const sol_catalog *c, const char *phase)
{
    for (size_t i = 0; c && phase && i < c->nphases; i++)
        if (strcmp(c->phases[i].name, phase) == 0)
            return c->phases[i].rank;
    return c && c->nphases ? c->phases[c->nphases - 1].rank + 1 : 1;
}

size_t sol_catalog_phase_count(const sol_catalog *c)
{
    return c ? c->nphases : 0;
}

const char *sol_catalog_phase_at(const sol_catalog *c, size_t i, int *line)
{
    if (!c || i >= c->nphases)
        return NULL;
    if (line)
        *line = c->phases[i].line;
    return c->phases[i].name;
}

int sol_catalog_is_population(const sol_catalog *c, const char *family)
{
    for (size_t i = 0; c && family && i < c->npop; i++)
        if (strcmp(c->pop[i].name, family) == 0)
            return 1;
    return 0;
}

size_t sol_catalog_population_count(const sol_catalog *c)
{
    return c ? c->npop : 0;
}

const char *sol_catalog_population_at(const sol_catalog *c, size_t i, int *line)
{
    if (!c || i >= c->npop)
        return NULL;
    if (line)
        *line = c->pop[i].line;
    return c->pop[i].name;
}

size_t sol_catalog_referral_count(const sol_catalog *c)
{
    return c ? c->nrefs : 0;
}

const sol_referral *sol_catalog_referral_at(const sol_catalog *c, size_t i)
{
    return c && i < c->nrefs ? &c->refs[i] : NULL;
}

const sol_referral *sol_catalog_referral(const sol_catalog *c, const char *conclusion,
                                         const char *recommendation)
{
    for (size_t i = 0; c && conclusion && recommendation && i < c->nrefs; i++)
        if (strcmp(c->refs[i].conclusion, conclusion) == 0 &&
            strcmp(c->refs[i].recommendation, recommendation) == 0)
            return &c->refs[i];
    return NULL;
}
