/* test_whatif.c — re-assessing with changed findings and comparing two
 * reports: gained/lost conclusions, red flag, suppression, recommendations;
 * an unchanged case compares equal. Real knowledge base on examples/. */
#include "harness.h"
#include "run_case.h"
#include "pipeline.h"
#include "probe.h"
#include "whatif.h"

static void test_whatif__same_case_compares_equal(void)
{
    run r;
    sol_whatif *w = NULL;
    CHECK(run_open(&r, "examples/tc1-hayley-overstride.xml") == 0);
    CHECK_EQ_INT(sol_whatif_compare(&w, r.a->report, r.a->report), SOL_OK);
    CHECK(!sol_whatif_changed(w));
    CHECK_EQ_INT(sol_whatif_rec_count(w), 0);
    sol_whatif_free(w);
    run_close(&r);
}

static void test_whatif__red_flag_raised(void)
{
    run r;
    sol_whatif *w = NULL;
    sol_change c;
    sol_diag d = {0};
    CHECK(run_open(&r, "examples/tc5-gastroc-tear.xml") == 0);
    CHECK_EQ_INT(sol_change_parse(&c, sol_pipeline_vocab(r.p), "shiny-skin=yes", 0, &d), SOL_OK);
    CHECK_EQ_INT(sol_whatif_run(&w, r.p, r.a->report, &c, 1, &d), SOL_OK);
    CHECK(sol_whatif_changed(w));
    CHECK(!sol_whatif_red_flag_before(w));
    CHECK(sol_whatif_red_flag_after(w));
    CHECK(sol_whatif_suppressed_after(w));
    int gained = 0, deferred = 0;
    for (size_t i = 0; i < sol_whatif_concl_count(w); i++) {
        const sol_wi_concl *x = sol_whatif_concl_at(w, i);
        gained |= x->kind == SOL_WI_GAINED && x->tier == 'A';
        deferred |= x->kind == SOL_WI_CHANGED && x->deferred_after && !x->deferred_before;
    }
    CHECK(gained);
    CHECK(deferred);
    int lost = 0;
    for (size_t i = 0; i < sol_whatif_rec_count(w); i++)
        lost |= !sol_whatif_rec_at(w, i)->gained;
    CHECK(lost); /* management advice withdrawn */
    /* The re-assessment shows the change as a what-if finding. */
    const sol_finding *x = sol_findings_find(sol_report_findings(sol_whatif_after(w)),
                                             "shiny-skin");
    CHECK(x != NULL);
    CHECK_EQ_INT(x->origin, SOL_ORIGIN_WHATIF);
    sol_change_clear(&c);
    sol_whatif_free(w);
    run_close(&r);
}

static void test_whatif__unset_loses_conclusion(void)
{
    run r;
    sol_whatif *w = NULL;
    sol_change c[2];
    sol_diag d = {0};
    /* TC7 without its Achilles signs: the rupture is no longer reached. */
    CHECK(run_open(&r, "examples/tc7-achilles-rupture.xml") == 0);
    CHECK(sol_report_conclusion(r.a->report, "achilles-rupture") != NULL);
    CHECK_EQ_INT(sol_change_parse(&c[0], sol_pipeline_vocab(r.p), "thompson-positive", 1, &d),
                 SOL_OK);
    CHECK_EQ_INT(
        sol_change_parse(&c[1], sol_pipeline_vocab(r.p), "single-leg-heel-raise-able=yes", 0, &d),
        SOL_OK);
    CHECK_EQ_INT(sol_whatif_run(&w, r.p, r.a->report, c, 2, &d), SOL_OK);
    int lost = 0;
    for (size_t i = 0; i < sol_whatif_concl_count(w); i++)
        lost |= sol_whatif_concl_at(w, i)->kind == SOL_WI_LOST &&
                strcmp(sol_whatif_concl_at(w, i)->id, "achilles-rupture") == 0;
    CHECK(lost);
    sol_change_clear(&c[0]);
    sol_change_clear(&c[1]);
    sol_whatif_free(w);
    run_close(&r);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_whatif__same_case_compares_equal", test_whatif__same_case_compares_equal},
        {"test_whatif__red_flag_raised", test_whatif__red_flag_raised},
        {"test_whatif__unset_loses_conclusion", test_whatif__unset_loses_conclusion},
        {NULL, NULL},
    };
    return harness_main(argc, argv, tests);
}
