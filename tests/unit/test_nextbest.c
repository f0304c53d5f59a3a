/* test_nextbest.c — next best assessment: only unrecorded findings some
 * rule reads are ranked, a red-flag change outranks everything, every
 * listed answer really changes the picture, and the list is deterministic.
 * Real knowledge base on examples/. */
#include "harness.h"
#include "run_case.h"
#include "nextbest.h"
#include "pipeline.h"
#include "probe.h"

static void test_nextbest__ranks_unrecorded_findings(void)
{
    run r;
    sol_nextbest *nb = NULL;
    sol_diag d = {0};
    CHECK(run_open(&r, "examples/tc1-hayley-overstride.xml") == 0);
    CHECK_EQ_INT(sol_nextbest_compute(&nb, r.p, r.f, r.a->report, &d), SOL_OK);
    CHECK(sol_nextbest_count(nb) >= 1);
    CHECK(sol_nextbest_runs(nb) >= sol_nextbest_count(nb));
    for (size_t i = 0; i < sol_nextbest_count(nb); i++) {
        const sol_nb_item *it = sol_nextbest_at(nb, i);
        CHECK(!sol_probe_known(r.f, it->finding));
        CHECK(it->nanswers >= 1);
        CHECK(it->score >= 1);
        if (i)
            CHECK(sol_nextbest_at(nb, i - 1)->score >= it->score);
        for (size_t k = 1; k < it->nanswers; k++)
            CHECK(it->answers[k - 1].score >= it->answers[k].score);
        CHECK(it->score == it->answers[0].score);
    }
    /* No red flag in TC1: the top of the list raises one (Wells or S4 item). */
    const sol_nb_item *top = sol_nextbest_at(nb, 0);
    CHECK(!top->answers[0].red_before);
    CHECK(top->answers[0].red_after);
    CHECK(top->score >= 1000);
    sol_nextbest_free(nb);
    sol_nextbest_free(NULL);
    run_close(&r);
}

static void test_nextbest__deterministic(void)
{
    run r;
    sol_nextbest *a = NULL, *b = NULL;
    sol_diag d = {0};
    CHECK(run_open(&r, "examples/tc4-soleus-overload.xml") == 0);
    CHECK_EQ_INT(sol_nextbest_compute(&a, r.p, r.f, r.a->report, &d), SOL_OK);
    CHECK_EQ_INT(sol_nextbest_compute(&b, r.p, r.f, r.a->report, &d), SOL_OK);
    CHECK_EQ_INT(sol_nextbest_count(a), sol_nextbest_count(b));
    for (size_t i = 0; i < sol_nextbest_count(a); i++) {
        CHECK_EQ_STR(sol_nextbest_at(a, i)->finding, sol_nextbest_at(b, i)->finding);
        CHECK(sol_nextbest_at(a, i)->score == sol_nextbest_at(b, i)->score);
    }
    sol_nextbest_free(a);
    sol_nextbest_free(b);
    run_close(&r);
}

static void test_nextbest__answer_text(void)
{
    sol_nb_answer a;
    char buf[512];
    memset(&a, 0, sizeof a);
    a.red_after = 1;
    snprintf(a.top_after[0], 64, "possible-dvt");
    a.cf_after[0] = 0.6;
    snprintf(a.top_before[1], 64, "gastrocnemius-strain");
    snprintf(a.top_after[1], 64, "gastrocnemius-strain");
    a.cf_before[1] = 0.8;
    a.cf_after[1] = 0.92;
    sol_nb_answer_text(&a, NULL, buf, sizeof buf);
    CHECK_EQ_STR(buf, "red flag raised: possible-dvt (?) 0.60; gastrocnemius-strain (?) 0.80 -> 0.92");
}

static void test_nextbest__sections_in_writers(void)
{
    run r;
    sol_nextbest *nb = NULL;
    sol_diag d = {0};
    char buf[65536];
    FILE *out;
    CHECK(run_open(&r, "examples/tc5-gastroc-tear.xml") == 0);
    CHECK_EQ_INT(sol_nextbest_compute(&nb, r.p, r.f, r.a->report, &d), SOL_OK);
    static int (*const with[])(FILE *, const sol_report *, const sol_nextbest *) = {
        sol_write_text_with, sol_write_json_with, sol_write_summary_with};
    static const char *const marks[] = {"ASSESS NEXT (would change the picture)",
                                        "\"assess_next\"", "next 1 "};
    for (int k = 0; k < 3; k++) {
        CHECK((out = tmpfile()) != NULL);
        CHECK_EQ_INT(with[k](out, r.a->report, nb), SOL_OK);
        rewind(out);
        size_t n = fread(buf, 1, sizeof buf - 1, out);
        buf[n] = '\0';
        fclose(out);
        CHECK_CONTAINS(buf, marks[k]);
        CHECK_CONTAINS(buf, sol_nextbest_at(nb, 0)->finding);
        /* Without next-best the section is absent. */
        CHECK((out = tmpfile()) != NULL);
        CHECK_EQ_INT(with[k](out, r.a->report, NULL), SOL_OK);
        rewind(out);
        n = fread(buf, 1, sizeof buf - 1, out);
        buf[n] = '\0';
        fclose(out);
        CHECK(strstr(buf, marks[k]) == NULL);
    }
    sol_nextbest_free(nb);
    run_close(&r);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_nextbest__ranks_unrecorded_findings", test_nextbest__ranks_unrecorded_findings},
        {"test_nextbest__deterministic", test_nextbest__deterministic},
        {"test_nextbest__answer_text", test_nextbest__answer_text},
        {"test_nextbest__sections_in_writers", test_nextbest__sections_in_writers},
        {NULL, NULL},
    };
    return harness_main(argc, argv, tests);
}
