/* catalog.c — loads the clinician-reviewed catalogues in knowledge/:
 * conditions.tsv, recommendations.tsv, sources.tsv, strengths.tsv, the
 * listing policy (tiers.tsv, urgency.tsv, phases.tsv, population.tsv) and
 * the safety tables severity.tsv, contraindications.tsv and must-not-miss.tsv.
 * Each file is read whole and split in place; the structs point into those
 * buffers, which the catalogue owns. Column counts are strict and every
 * error names the file and line. */
#include "catalog.h"
#include "table.h"

#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CATALOG_MAX_TABLES 20

/* One row of a table that only names and orders things (phases.tsv,
 * population.tsv). */
typedef struct {
    const char *name;
    int rank;
    int cites; /* phases.tsv: a measure serving a red flag cites it */
    int line;
} ranked;

struct sol_catalog {
    const sol_table *tabs[CATALOG_MAX_TABLES]; /* the tables read; structs point in */
    size_t ntabs;
    sol_referral *refs;
    size_t nrefs;
    sol_tier *tiers; /* sorted by rank after loading */
    size_t ntiers;
    sol_urgency *urg; /* sorted by rank after loading */
    size_t nurg;
    ranked *phases; /* phases.tsv, sorted by rank after loading */
    size_t nphases;
    ranked *pop; /* population.tsv: rule families, rank 0 */
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
    sol_threshold *thresholds;
    size_t nthresholds;
    sol_wells_item *wells;
    size_t nwells;
    sol_sign_set *signs;
    sol_score_band *bands;
    size_t nbands;
    size_t nsigns;
};

/* One table row handed to a per-file callback. */
typedef sol_table_row tsv_row;

typedef int (*row_fn)(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d);

/* Read dir/name through the table reader (columns as table.h describes
 * them: the column count and typed cells are checked there) and hand each
 * row to fn. The catalogue keeps the table open: its structs point in. */
static int load_tsv(sol_catalog *c, const char *dir, const char *name, const char *columns,
                    row_fn fn, sol_diag *d)
{
    char path[512];
    const sol_table *t;
    int rc;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (c->ntabs == CATALOG_MAX_TABLES)
        return sol_diag_set(d, SOL_ELIMIT, path, 0, "too many catalogue tables");
    if ((rc = sol_table_open(&t, path, columns, 0, d)))
        return rc;
    c->tabs[c->ntabs++] = t;
    for (size_t i = 0; rc == SOL_OK && i < sol_table_count(t); i++)
        rc = fn(c, sol_table_at(t, i), path, d);
    return rc;
}

/* The element of arr (n of size sz) whose first member, a string, is key. */
static const void *find_key(const void *arr, size_t n, size_t sz, const char *key)
{
    for (size_t i = 0; key && i < n; i++) {
        const void *e = (const char *)arr + i * sz;

        if (strcmp(*(const char *const *)e, key) == 0)
            return e;
    }
    return NULL;
}

/* Append a zeroed element to the keyed list *arr (n in use, elements of
 * size sz) for row r, whose first column is the key: refused when the key
 * is already there (what names it in the message). */
static int add_keyed(void **out, void **arr, size_t *n, size_t sz, const tsv_row *r,
                     const char *what, const char *path, sol_diag *d)
{
    if (find_key(*arr, *n, sz, r->col[0]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line, "duplicate %s '%s'", what, r->col[0]);
    if (sol_grow_one(arr, *n, sz) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    *out = (char *)*arr + (*n)++ * sz;
    memset(*out, 0, sz);
    return SOL_OK;
}

static int condition_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_condition *x;
    const char *tier = r->col[2];
    const sol_urgency *u = sol_catalog_urgency(c, r->col[3]);

    if (strlen(tier) != 1 || !sol_catalog_tier(c, tier[0]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line, "tier '%s': not a tier of tiers.tsv",
                            tier);
    if (!u)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "urgency '%s': not an urgency of urgency.tsv", r->col[3]);
    int rc = add_keyed((void **)&x, (void **)&c->conds, &c->nconds, sizeof *c->conds, r,
                       "condition id", path, d);

    if (rc != SOL_OK)
        return rc;
    x->id = r->col[0];
    x->code = r->col[1];
    x->tier = r->col[2][0];
    x->urgency = r->col[3];
    x->suppresses = strcmp(r->col[4], "yes") == 0;
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
    if (sol_grow_one((void **)&c->tiers, c->ntiers, sizeof *c->tiers) != SOL_OK)
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
static int ranked_row(ranked **arr, size_t *n, const tsv_row *r, int rank, const char *path,
                      sol_diag *d)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp((*arr)[i].name, r->col[0]) == 0)
            return sol_diag_set(d, SOL_EPARSE, path, r->line, "'%s' is listed twice", r->col[0]);
        if (rank && (*arr)[i].rank == rank)
            return sol_diag_set(d, SOL_EPARSE, path, r->line, "rank %d is already given to '%s'",
                                rank, (*arr)[i].name);
    }
    if (sol_grow_one((void **)arr, *n, sizeof **arr) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    (*arr)[*n].name = r->col[0];
    (*arr)[*n].rank = rank;
    (*arr)[*n].line = r->line;
    (*n)++;
    return SOL_OK;
}

static int urgency_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    int rank = rank_of(r->col[1]), red = yes_no(r->col[2]);
    sol_urgency *x;

    if (!rank)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "rank '%s': expected a whole number from 1", r->col[1]);
    for (size_t i = 0; i < c->nurg; i++)
        if (strcmp(c->urg[i].urgency, r->col[0]) == 0 || c->urg[i].rank == rank)
            return sol_diag_set(d, SOL_EPARSE, path, r->line,
                                "urgency '%s' or rank %d is listed twice", r->col[0], rank);
    if (sol_grow_one((void **)&c->urg, c->nurg, sizeof *c->urg) != SOL_OK)
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
    int rc = ranked_row(&c->phases, &c->nphases, r, rank, path, d);

    if (rc == SOL_OK)
        c->phases[c->nphases - 1].cites = r->ncols > 3 && strcmp(r->col[3], "yes") == 0;
    return rc;
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

static int recommendation_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_recommendation *x;
    int rc = add_keyed((void **)&x, (void **)&c->recs, &c->nrecs, sizeof *c->recs, r,
                       "recommendation id", path, d);

    if (rc != SOL_OK)
        return rc;
    x->id = r->col[0];
    x->phase = r->col[1];
    x->label = r->col[2];
    x->text = r->col[3];
    x->contested = strcmp(r->col[4], "-") == 0 ? NULL : r->col[4];
    x->sources = r->col[5];
    x->line = r->line;
    return SOL_OK;
}

static int source_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_source *x;
    int rc = add_keyed((void **)&x, (void **)&c->srcs, &c->nsrcs, sizeof *c->srcs, r, "source id",
                       path, d);

    if (rc != SOL_OK)
        return rc;
    x->id = r->col[0];
    x->kind = r->col[1];
    x->citation = r->col[2];
    x->note = r->col[3];
    x->level = r->col[4]; /* NULL when the column is absent */
    x->line = r->line;
    return SOL_OK;
}

static int strength_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_strength *x;
    double cf = 0.0;
    int rc;

    if (!sol_table_number(r->col[1], &cf) || cf < 0.0 || cf > 1.0)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "cf '%s': expected a number from 0 to 1", r->col[1]);
    rc = add_keyed((void **)&x, (void **)&c->strengths, &c->nstrengths, sizeof *c->strengths, r,
                   "strength", path, d);
    if (rc != SOL_OK)
        return rc;
    x->strength = r->col[0];
    x->cf = cf;
    x->levels = r->col[2]; /* NULL when absent */
    x->line = r->line;
    return SOL_OK;
}

static int severity_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    char *end;
    long rank;
    sol_condition *x = (sol_condition *)sol_catalog_condition(c, r->col[0]);
    const sol_tier *t = x ? sol_catalog_tier(c, x->tier) : NULL;

    if (!t || !t->by_severity)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is not a conclusion of conditions.tsv in a tier ordered "
                            "by severity (tiers.tsv)",
                            r->col[0]);
    errno = 0;
    rank = strtol(r->col[1], &end, 10);
    if (errno || *end || rank < 1 || rank > 1000)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "rank '%s': expected a whole number from 1", r->col[1]);
    if (x->severity)
        return sol_diag_set(d, SOL_EPARSE, path, r->line, "'%s' already has a rank", r->col[0]);
    for (size_t i = 0; i < c->nconds; i++)
        if (c->conds[i].severity == (int)rank)
            return sol_diag_set(d, SOL_EPARSE, path, r->line, "rank %ld is already given to '%s'",
                                rank, c->conds[i].id);
    x->severity = (int)rank;
    return SOL_OK;
}

static int contraindication_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_contraindication *x;

    if (!sol_catalog_recommendation(c, r->col[0]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is not a recommendation of recommendations.tsv", r->col[0]);
    for (size_t i = 0; i < c->ncontra; i++)
        if (strcmp(c->contra[i].recommendation, r->col[0]) == 0 &&
            strcmp(c->contra[i].by, r->col[1]) == 0)
            return sol_diag_set(d, SOL_EPARSE, path, r->line, "duplicate pair %s / %s", r->col[0],
                                r->col[1]);
    if (sol_grow_one((void **)&c->contra, c->ncontra, sizeof *c->contra) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    x = &c->contra[c->ncontra++];
    x->recommendation = r->col[0];
    x->by = r->col[1];
    x->reason = r->col[2];
    x->sources = r->col[3];
    x->line = r->line;
    return SOL_OK;
}

/* wells.tsv: an answer (or a measurement at least a cut-off) and its points. */
static int wells_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_wells_item *x;
    const char *at = NULL;
    char *end;
    long pts;
    int rc;

    if (strncmp(r->col[1], ">=", 2) == 0) {
        at = r->col[1] + 2;
        if (!sol_catalog_threshold(c, at))
            return sol_diag_set(d, SOL_EPARSE, path, r->line,
                                "'%s' is not a cut-off of thresholds.tsv", at);
    }
    errno = 0;
    pts = strtol(r->col[2], &end, 10);
    if (errno || *end || end == r->col[2] || pts < -100 || pts > 100 || pts == 0)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "points '%s' is not a whole number from -100 to 100 other than 0",
                            r->col[2]);
    if ((rc = add_keyed((void **)&x, (void **)&c->wells, &c->nwells, sizeof *c->wells, r,
                        "Wells item", path, d)) != SOL_OK)
        return rc;
    x->finding = r->col[0];
    x->value = at ? NULL : r->col[1];
    x->at_least = at;
    x->points = (int)pts;
    x->sources = r->col[3];
    x->why = r->col[4];
    x->line = r->line;
    return SOL_OK;
}

/* sign-sets.tsv: any two of the members present are a vote. */
static int sign_set_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_sign_set *x;
    size_t n = 0;
    int rc;

    if (!sol_catalog_condition(c, r->col[2]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is not a conclusion of conditions.tsv", r->col[2]);
    if (!sol_catalog_strength(c, r->col[4]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is not a strength of strengths.tsv", r->col[4]);
    for (const char *p = r->col[7]; *p;) {
        p += strspn(p, " ");
        n += *p != '\0';
        p += strcspn(p, " ");
    }
    if (n < 2)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "a sign set needs at least two members, not %zu", n);
    if ((rc = add_keyed((void **)&x, (void **)&c->signs, &c->nsigns, sizeof *c->signs, r,
                        "sign set", path, d)) != SOL_OK)
        return rc;
    /* the columns in order, each into its field */
    *x = (sol_sign_set){.id = r->col[0],
                        .phase = r->col[1],
                        .conclusion = r->col[2],
                        .rule = r->col[3],
                        .strength = r->col[4],
                        .votes = r->col[5],
                        .value = r->col[6],
                        .members = r->col[7],
                        .sources = r->col[8],
                        .why = r->col[9],
                        .line = r->line};
    return SOL_OK;
}

/* referrals.tsv is a map: one referral a conclusion, keyed by it. */
static int referral_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_referral *x;
    int rc;

    if (!sol_catalog_condition(c, r->col[0]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is not a conclusion of conditions.tsv", r->col[0]);
    if (!sol_catalog_recommendation(c, r->col[1]))
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is not a recommendation of recommendations.tsv", r->col[1]);
    rc = add_keyed((void **)&x, (void **)&c->refs, &c->nrefs, sizeof *c->refs, r,
                   "referral for conclusion", path, d);
    if (rc != SOL_OK)
        return rc;
    x->conclusion = r->col[0];
    x->recommendation = r->col[1];
    x->sources = r->col[2];
    x->why = r->col[3];
    x->line = r->line;
    return SOL_OK;
}

static int mnm_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_mnm *x;
    const sol_condition *cond = sol_catalog_condition(c, r->col[0]);
    int benign = strcmp(r->col[1], "benign") == 0;

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
    if (sol_grow_one((void **)&c->mnm, c->nmnm, sizeof *c->mnm) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    x = &c->mnm[c->nmnm++];
    *x = (sol_mnm){.conclusion = r->col[0],
                   .kind = r->col[1],
                   .id = r->col[2],
                   .when = r->col[3],
                   .findings = r->col[4],
                   .sources = r->col[5],
                   .line = r->line};
    return SOL_OK;
}

/* score-bands.tsv: the cut-off, when there is one, is a threshold. */
static int score_band_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    const sol_threshold *t = strcmp(r->col[2], "-") == 0 ? NULL
                                                         : sol_catalog_threshold(c, r->col[2]);
    sol_score_band *x;

    if (!t && strcmp(r->col[2], "-") != 0)
        return sol_diag_set(d, SOL_EPARSE, path, r->line,
                            "'%s' is not a cut-off of thresholds.tsv (or - for the lowest band)",
                            r->col[2]);
    for (size_t i = 0; i < c->nbands; i++)
        if (strcmp(c->bands[i].score, r->col[0]) == 0 && strcmp(c->bands[i].band, r->col[1]) == 0)
            return sol_diag_set(d, SOL_EPARSE, path, r->line, "duplicate band %s of %s",
                                r->col[1], r->col[0]);
    if (sol_grow_one((void **)&c->bands, c->nbands, sizeof *c->bands) != SOL_OK)
        return sol_diag_set(d, SOL_ENOMEM, path, r->line, "out of memory");
    x = &c->bands[c->nbands++];
    *x = (sol_score_band){.score = r->col[0],
                          .band = r->col[1],
                          .from = r->col[2],
                          .label = r->col[3],
                          .sources = r->col[4],
                          .line = r->line,
                          .at = t ? t->value : -HUGE_VAL};
    return SOL_OK;
}

static int threshold_row(sol_catalog *c, const tsv_row *r, const char *path, sol_diag *d)
{
    sol_threshold *x;
    int rc = add_keyed((void **)&x, (void **)&c->thresholds, &c->nthresholds,
                       sizeof *c->thresholds, r, "threshold", path, d);

    if (rc != SOL_OK)
        return rc;
    x->name = r->col[0];
    sol_table_number(r->col[1], &x->value); /* the column type checked it */
    x->unit = r->col[2];
    x->status = r->col[3];
    x->sources = r->col[4];
    x->note = r->col[5];
    x->line = r->line;
    return SOL_OK;
}

/* The one reading of thresholds.tsv, for the catalogue and the rule model. */
static int load_thresholds(sol_catalog *c, const char *dir, sol_diag *d)
{
    return load_tsv(c, dir, "thresholds.tsv",
                    "name value:number unit status:confirmed|default sources note", threshold_row,
                    d);
}

int sol_catalog_load(sol_catalog **out, const char *dir, sol_diag *d)
{
    sol_catalog *c;
    int rc;

    *out = NULL;
    c = calloc(1, sizeof *c);
    if (!c)
        return sol_diag_set(d, SOL_ENOMEM, dir, 0, "out of memory");
    rc = load_tsv(c, dir, "tiers.tsv",
                  "tier rank name order:severity|certainty shown:support|belief "
                  "deferred:yes|no managed:yes|no title",
                  tier_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "urgency.tsv",
                      "urgency rank red-flag:yes|no action:refer-now|refer-soon|refer|none",
                      urgency_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "phases.tsv", "phase rank what [cites:yes|no]", phase_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "population.tsv", "rule why sources", population_row, d);
    if (rc == SOL_OK) {
        sol_sort(c->tiers, c->ntiers, sizeof *c->tiers, cmp_tier);
        sol_sort(c->urg, c->nurg, sizeof *c->urg, cmp_urgency);
        sol_sort(c->phases, c->nphases, sizeof *c->phases, cmp_ranked);
        rc = load_tsv(c, dir, "sources.tsv",
                      "id kind:seed|published citation note "
                      "[level:guideline|study|review|opinion]",
                      source_row, d);
    }
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "strengths.tsv", "strength cf [levels]", strength_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "conditions.tsv",
                      "id code tier urgency "
                      "suppresses:yes|no|- label description sources",
                      condition_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "recommendations.tsv", "id phase label text contested sources",
                      recommendation_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "severity.tsv", "conclusion rank why", severity_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "contraindications.tsv", "recommendation blocked-by reason sources",
                      contraindication_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "must-not-miss.tsv",
                      "conclusion kind:present|ask|benign id when findings sources", mnm_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "referrals.tsv", "conclusion recommendation sources why",
                      referral_row, d);
    if (rc == SOL_OK)
        rc = load_thresholds(c, dir, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "wells.tsv", "finding value points sources why", wells_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "sign-sets.tsv",
                      "id phase:redflag|chain conclusion rule strength votes:each-pair|once "
                      "value members sources why",
                      sign_set_row, d);
    if (rc == SOL_OK)
        rc = load_tsv(c, dir, "score-bands.tsv", "score band from label sources", score_band_row,
                      d);
    if (rc != SOL_OK) {
        sol_catalog_free(c);
        return rc;
    }
    *out = c;
    return SOL_OK;
}

int sol_catalog_load_thresholds(sol_catalog **out, const char *dir, sol_diag *d)
{
    sol_catalog *c = calloc(1, sizeof *c);
    int rc;

    *out = NULL;
    if (!c)
        return sol_diag_set(d, SOL_ENOMEM, dir, 0, "out of memory");
    if ((rc = load_thresholds(c, dir, d))) {
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
    for (size_t i = 0; i < c->ntabs; i++)
        sol_table_close(c->tabs[i]);
    free(c->conds);
    free(c->recs);
    free(c->srcs);
    free(c->strengths);
    free(c->contra);
    free(c->mnm);
    free(c->thresholds);
    free(c->refs);
    free(c->wells);
    free(c->signs);
    free(c->tiers);
    free(c->urg);
    free(c->phases);
    free(c->pop);
    free(c->bands);
    free(c);
}

/* Each list's count and i-th element (NULL past the end); lists with a
 * key (the struct's first member) also a lookup. */
#define CATALOG_LIST(type, name, arr, n)                                                         \
    size_t sol_catalog_##name##_count(const sol_catalog *c) { return c ? c->n : 0; }             \
    const type *sol_catalog_##name##_at(const sol_catalog *c, size_t i)                          \
    {                                                                                            \
        return c && i < c->n ? &c->arr[i] : NULL;                                                \
    }
#define CATALOG_KEYED(type, name, arr, n)                                                        \
    CATALOG_LIST(type, name, arr, n)                                                             \
    const type *sol_catalog_##name(const sol_catalog *c, const char *key)                        \
    {                                                                                            \
        return c ? find_key(c->arr, c->n, sizeof *c->arr, key) : NULL;                           \
    }

CATALOG_KEYED(sol_condition, condition, conds, nconds)
CATALOG_KEYED(sol_recommendation, recommendation, recs, nrecs)
CATALOG_KEYED(sol_source, source, srcs, nsrcs)
CATALOG_KEYED(sol_strength, strength, strengths, nstrengths)
CATALOG_KEYED(sol_threshold, threshold, thresholds, nthresholds)
CATALOG_LIST(sol_contraindication, contraindication, contra, ncontra)
CATALOG_LIST(sol_mnm, mnm, mnm, nmnm)
CATALOG_LIST(sol_tier, tier, tiers, ntiers)
CATALOG_LIST(sol_urgency, urgency, urg, nurg)
CATALOG_LIST(sol_referral, referral, refs, nrefs)
CATALOG_KEYED(sol_wells_item, wells_item, wells, nwells)
CATALOG_KEYED(sol_sign_set, sign_set, signs, nsigns)
CATALOG_LIST(sol_score_band, score_band, bands, nbands)

const char *const sol_evidence_levels[] = {"guideline", "study", "review", "opinion", NULL};

int sol_catalog_strength_allows(const sol_catalog *c, const char *strength, const char *level)
{
    for (size_t i = 0; c && strength && i < c->nstrengths; i++) {
        const char *l = c->strengths[i].levels;
        size_t n;

        if (strcmp(c->strengths[i].strength, strength) != 0)
            continue;
        if (!l || strcmp(l, "*") == 0)
            return 1;
        if (!level) { /* unknown level: only what every level may carry */
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
    return 1; /* an unknown strength is reported by its own check */
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
    const sol_strength *s = sol_catalog_strength(c, strength);

    return s ? s->cf : 0.0;
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

int sol_catalog_phase_cites_red_flag(const sol_catalog *c, const char *phase)
{
    for (size_t i = 0; c && phase && i < c->nphases; i++)
        if (strcmp(c->phases[i].name, phase) == 0)
            return c->phases[i].cites;
    return 0;
}

size_t sol_catalog_phase_count(const sol_catalog *c) { return c ? c->nphases : 0; }

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

size_t sol_catalog_population_count(const sol_catalog *c) { return c ? c->npop : 0; }

const char *sol_catalog_population_at(const sol_catalog *c, size_t i, int *line)
{
    if (!c || i >= c->npop)
        return NULL;
    if (line)
        *line = c->pop[i].line;
    return c->pop[i].name;
}

const sol_referral *sol_catalog_referral(const sol_catalog *c, const char *conclusion,
                                         const char *recommendation)
{
    const sol_referral *x = c ? find_key(c->refs, c->nrefs, sizeof *c->refs, conclusion) : NULL;

    return x && recommendation && strcmp(x->recommendation, recommendation) == 0 ? x : NULL;
}
