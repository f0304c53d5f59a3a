/* test_catalog.c — the knowledge catalogues: a good fixture loads with every
 * column in place; each broken fixture fails naming its file and line. */
#include "harness.h"
#include "catalog.h"

#define FIX "tests/fixtures/catalog/"

static void test_catalog__loads_good(void)
{
    sol_catalog *c = NULL;
    sol_diag d = {"", 0, ""};
    const sol_condition *x;
    const sol_recommendation *r;
    const sol_source *s;

    CHECK_EQ_INT(sol_catalog_load(&c, FIX "good", &d), SOL_OK);
    CHECK_EQ_INT(sol_catalog_condition_count(c), 2);
    x = sol_catalog_condition(c, "possible-dvt");
    CHECK(x != NULL);
    CHECK_EQ_STR(x->code, "A1");
    CHECK_EQ_INT(x->tier, 'A');
    CHECK_EQ_STR(x->urgency, "urgent");
    CHECK_EQ_INT(x->suppresses, 1);
    CHECK_EQ_STR(x->label, "Possible DVT");
    CHECK_EQ_STR(x->description, "A clot in a deep vein.");
    CHECK_EQ_STR(x->sources, "L1,S1"); /* trailing CR stripped */
    CHECK_EQ_INT(x->line, 3);
    x = sol_catalog_condition_at(c, 1);
    CHECK_EQ_STR(x->id, "gastrocnemius-strain");
    CHECK_EQ_INT(x->suppresses, 0);
    CHECK(sol_catalog_condition_at(c, 2) == NULL);
    CHECK(sol_catalog_condition(c, "nope") == NULL);

    CHECK_EQ_INT(sol_catalog_recommendation_count(c), 2);
    r = sol_catalog_recommendation(c, "refer-same-day");
    CHECK(r != NULL);
    CHECK(r->contested == NULL);
    CHECK_EQ_STR(r->phase, "referral");
    r = sol_catalog_recommendation_at(c, 1);
    CHECK_EQ_STR(r->contested, "L13 questions ice (L1)");
    CHECK_EQ_INT(r->line, 3);

    CHECK_EQ_INT(sol_catalog_source_count(c), 2);
    s = sol_catalog_source(c, "L1");
    CHECK(s != NULL);
    CHECK_EQ_STR(s->kind, "published");
    CHECK_EQ_STR(s->note, "DVT rule");
    CHECK_EQ_STR(sol_catalog_source_at(c, 0)->id, "S1");

    CHECK_EQ_INT(sol_catalog_strength_count(c), 4);
    CHECK(sol_catalog_cf(c, "strong") == 0.8);
    CHECK(sol_catalog_cf(c, "prior") == 0.1);
    CHECK(sol_catalog_cf(c, "huge") == 0.0);
    CHECK_EQ_STR(sol_catalog_strength_at(c, 2)->strength, "weak");
    sol_catalog_free(c);
    sol_catalog_free(NULL);
}

/* Load a broken fixture; expect code and a diagnostic naming file:line. */
static int load_fails(const char *dir, int code, const char *file, int line, const char *words)
{
    sol_catalog *c = (sol_catalog *)1;
    sol_diag d = {"", 0, ""};
    int rc = sol_catalog_load(&c, dir, &d);

    if (rc != code || c != NULL || !strstr(d.file, file) || d.line != line ||
        !strstr(d.msg, words)) {
        printf("  got rc=%d file=%s line=%d msg=%s\n", rc, d.file, d.line, d.msg);
        return 0;
    }
    return 1;
}

static void test_catalog__wrong_column_count(void)
{
    CHECK(load_fails(FIX "columns", SOL_EPARSE, "columns/conditions.tsv", 2,
                     "expected 8 tab-separated columns"));
}

static void test_catalog__bad_tier(void)
{
    CHECK(load_fails(FIX "tier", SOL_EPARSE, "tier/conditions.tsv", 3, "tier 'Q'"));
}

static void test_catalog__duplicate_id(void)
{
    CHECK(load_fails(FIX "dup", SOL_EPARSE, "dup/sources.tsv", 4, "duplicate source id 'S1'"));
}

static void test_catalog__cf_out_of_range(void)
{
    CHECK(load_fails(FIX "cf", SOL_EPARSE, "cf/strengths.tsv", 2, "cf '1.5'"));
}

static void test_catalog__missing_file(void)
{
    CHECK(load_fails(FIX "missing", SOL_EIO, "missing/recommendations.tsv", 0, "cannot open"));
}

static void test_catalog__unknown_urgency(void)
{
    CHECK(load_fails(FIX "urgency", SOL_EPARSE, "urgency/conditions.tsv", 3,
                     "urgency 'soon': not an urgency of urgency.tsv"));
}

/* The listing policy comes from tiers.tsv, urgency.tsv, phases.tsv,
 * population.tsv and referrals.tsv, never from the code. */
static void test_catalog__policy_tables(void)
{
    sol_catalog *c = NULL;
    sol_diag d = {"", 0, ""};
    char letters[8];

    CHECK_EQ_INT(sol_catalog_load(&c, "knowledge", &d), SOL_OK);
    CHECK_EQ_STR(sol_catalog_tier_letters(c, letters, sizeof letters), "ATKX");
    CHECK_EQ_STR(sol_catalog_tier(c, 'T')->title, "Calf tissue state");
    CHECK(sol_catalog_tier(c, 'A')->by_severity && !sol_catalog_tier(c, 'K')->by_severity);
    CHECK(sol_catalog_tier(c, 'Q') == NULL);
    CHECK_EQ_INT(sol_catalog_tier_lead(c, 0)->tier, 'T');
    CHECK_EQ_INT(sol_catalog_tier_lead(c, 1)->tier, 'K');
    CHECK(sol_catalog_tier_lead(c, 2) == NULL);
    CHECK_EQ_INT(sol_catalog_condition(c, "possible-dvt")->red_flag, 1);
    CHECK_EQ_INT(sol_catalog_condition(c, "mtss")->red_flag, 0);
    CHECK_EQ_INT(sol_catalog_condition(c, "gastrocnemius-strain")->red_flag, 0);
    CHECK(sol_catalog_condition(c, "acute-compartment-syndrome")->urgency_rank <
          sol_catalog_condition(c, "possible-dvt")->urgency_rank);
    CHECK_EQ_STR(sol_catalog_urgency(c, "emergency")->action, "refer-now");
    CHECK(sol_catalog_phase_rank(c, "safety") < sol_catalog_phase_rank(c, "safety-net"));
    CHECK(sol_catalog_phase_rank(c, "no-such-phase") > sol_catalog_phase_rank(c, "safety-net"));
    CHECK(sol_catalog_is_population(c, "R55"));
    CHECK(!sol_catalog_is_population(c, "R54"));
    CHECK(sol_catalog_referral(c, "possible-dvt", "refer-dvt-same-day") != NULL);
    CHECK(sol_catalog_referral(c, "mtss", "refer-dvt-same-day") == NULL);
    sol_catalog_free(c);
}

static void test_catalog__real_knowledge(void)
{
    sol_catalog *c = NULL;
    sol_diag d = {"", 0, ""};
    int rc = sol_catalog_load(&c, "knowledge", &d);

    if (rc != SOL_OK)
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
    CHECK_EQ_INT(rc, SOL_OK);
    CHECK(sol_catalog_condition_count(c) > 0);
    CHECK(sol_catalog_cf(c, "strong") > 0.0);
    sol_catalog_free(c);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_catalog__loads_good", test_catalog__loads_good},
        {"test_catalog__wrong_column_count", test_catalog__wrong_column_count},
        {"test_catalog__bad_tier", test_catalog__bad_tier},
        {"test_catalog__duplicate_id", test_catalog__duplicate_id},
        {"test_catalog__cf_out_of_range", test_catalog__cf_out_of_range},
        {"test_catalog__missing_file", test_catalog__missing_file},
        {"test_catalog__unknown_urgency", test_catalog__unknown_urgency},
        {"test_catalog__policy_tables", test_catalog__policy_tables},
        {"test_catalog__real_knowledge", test_catalog__real_knowledge},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
