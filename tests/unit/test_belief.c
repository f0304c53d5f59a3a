/* test_belief.c — how BELIEF counts evidence (issue 10): two rules keyed on
 * the same finding for the same conclusion are one piece of evidence, and a
 * tissue or driver belief resting only on expert-opinion rules is held at
 * the opinion ceiling. Runs the real knowledge base on golden records. */
#include "harness.h"
#include "run_case.h"
#include "pipeline.h"

#include <math.h>

static const sol_rcontrib *contrib(const sol_rconclusion *c, const char *rule_id,
                                   const char *polarity)
{
    for (size_t i = 0; c && i < c->ncontrib; i++)
        if (strcmp(c->contrib[i].rule_family, rule_id) == 0 &&
            strcmp(c->contrib[i].polarity, polarity) == 0)
            return &c->contrib[i];
    return NULL;
}

/* R19 and R26 both rest on activity-at-onset: the gastrocnemius strain is one
 * moderate vote (0.60), not two independent ones (0.84). */
static void test_belief__same_finding_counts_once(void)
{
    run r = {0};
    CHECK_EQ_INT(run_open(&r, "tests/cases/tis-r19-hill-sprints/record.xml"), 0);
    const sol_rconclusion *c = sol_report_conclusion(r.a->report, "gastrocnemius-strain");
    CHECK(c != NULL);
    const sol_rcontrib *r19 = contrib(c, "R19", "support");
    const sol_rcontrib *r26 = contrib(c, "R26", "support");
    CHECK(r19 && r26);
    CHECK(c && fabs(c->cf - 0.6) < 1e-9);
    CHECK(r19 && !r19->counted_as);
    CHECK(r26 && r26->counted_as);
    CHECK(r26 && r26->counted_as && strcmp(r26->counted_as, "R19") == 0);
    CHECK(r26 && r26->shared_sign && strcmp(r26->shared_sign, "activity-at-onset") == 0);
    run_close(&r);
}

/* Votes on different findings stay independent: R19 (onset) and R20 (pain
 * on walking) combine to 0.6 + 0.6 * 0.4 = 0.84. */
static void test_belief__different_findings_both_count(void)
{
    run r = {0};
    CHECK_EQ_INT(run_open(&r, "tests/cases/tc5-gastroc-tear/record.xml"), 0);
    const sol_rconclusion *c = sol_report_conclusion(r.a->report, "gastrocnemius-strain");
    CHECK(c && fabs(c->cf - 0.84) < 1e-9);
    CHECK(contrib(c, "R19", "support") && !contrib(c, "R19", "support")->counted_as);
    CHECK(contrib(c, "R20", "support") && !contrib(c, "R20", "support")->counted_as);
    run_close(&r);
}

/* R34 (moderate) and R35 (weak) cite only S4, a clinic page: their 0.72 is
 * held at the opinion ceiling, 0.70 (thresholds.tsv opinion-ceiling-cf). */
static void test_belief__opinion_only_belief_held_at_ceiling(void)
{
    run r = {0};
    CHECK_EQ_INT(run_open(&r, "tests/cases/ch-r33-r34-r35-weak-foot/record.xml"), 0);
    const sol_rconclusion *c = sol_report_conclusion(r.a->report, "driver-weak-foot");
    CHECK(c && fabs(c->cf - 0.70) < 1e-9);
    CHECK(c && c->held_by && strcmp(c->held_by, "X-belief-ceiling") == 0);
    CHECK(c && fabs(c->held_from - 0.72) < 1e-9);
    run_close(&r);
}

/* A belief with a vote from a rule citing a study is not held: the hip
 * driver in tc2 (R31 cites L16) keeps 0.804. */
static void test_belief__study_backed_belief_not_held(void)
{
    run r = {0};
    CHECK_EQ_INT(run_open(&r, "tests/cases/tc2-blogger-hip/record.xml"), 0);
    const sol_rconclusion *c = sol_report_conclusion(r.a->report, "driver-hip-glute-control");
    CHECK(c && c->cf > 0.80);
    CHECK(c && c->held_by == NULL);
    run_close(&r);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_belief__same_finding_counts_once", test_belief__same_finding_counts_once},
        {"test_belief__different_findings_both_count",
         test_belief__different_findings_both_count},
        {"test_belief__opinion_only_belief_held_at_ceiling",
         test_belief__opinion_only_belief_held_at_ceiling},
        {"test_belief__study_backed_belief_not_held", test_belief__study_backed_belief_not_held},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
