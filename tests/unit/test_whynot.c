/* test_whynot.c — why-not: the rules that could reach a conclusion come
 * from the model, their conditions are judged against the case, and the
 * smallest change set is checked by re-assessing; what-if then agrees.
 * Runs the real knowledge base on examples/. */
#include "harness.h"
#include "cli.h"
#include "explain.h"
#include "kb.h"
#include "pipeline.h"
#include "whatif.h"
#include "whynot.h"

/* A case plus its why-not for one conclusion. */
typedef struct {
    sol_cli_case c;
    sol_whynot *w;
} wrun;

static int wrun_open(wrun *r, const char *file, const char *concl)
{
    sol_diag d = {0};
    r->w = NULL;
    if (sol_cli_case_open(&r->c, "rules", "knowledge", file, concl, &d) ||
        sol_whynot_build(&r->w, r->c.p, r->c.a->report, r->c.cond, &d)) {
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
        return -1;
    }
    return 0;
}

static void wrun_close(wrun *r)
{
    sol_whynot_free(r->w);
    sol_cli_case_close(&r->c);
}

static void test_whynot__one_finding_away(void)
{
    wrun r;
    sol_whatif *wi = NULL;
    sol_diag d = {0};
    /* TC5 (gastrocnemius tear): a possible clot is one answer away. */
    CHECK(wrun_open(&r, "examples/tc5-gastroc-tear.xml", "possible-dvt") == 0);
    CHECK(sol_whynot_reached(r.w) == NULL);
    CHECK(sol_whynot_rule_count(r.w) >= 1);
    long best = sol_whynot_best(r.w);
    CHECK(best >= 0);
    const sol_wn_rule *b = sol_whynot_rule_at(r.w, (size_t)best);
    CHECK_EQ_INT(b->nchanges, 1);
    CHECK(b->reached);
    CHECK(b->rule->line > 0);
    /* The named finding is one the chosen rule reads, and what-if with it
     * reaches the conclusion. */
    CHECK(sol_probe_rule_reads(b->rule, b->changes[0].name));
    CHECK_EQ_INT(sol_whatif_run(&wi, r.c.p, r.c.a->report, b->changes, b->nchanges, &d), SOL_OK);
    int gained = 0;
    for (size_t i = 0; i < sol_whatif_concl_count(wi); i++)
        gained |= sol_whatif_concl_at(wi, i)->kind == SOL_WI_GAINED &&
                  strcmp(sol_whatif_concl_at(wi, i)->id, "possible-dvt") == 0;
    CHECK(gained);
    CHECK(sol_whatif_red_flag_after(wi));
    sol_whatif_free(wi);
    wrun_close(&r);
}

static void test_whynot__conditions_judged(void)
{
    wrun r;
    CHECK(wrun_open(&r, "examples/tc5-gastroc-tear.xml", "possible-dvt") == 0);
    /* Every candidate supports the conclusion and has its conditions
     * judged; a recorded, contradicting finding fails, an unrecorded one
     * is unknown (never failed: unknown is not negative). */
    int failed = 0, unknown = 0;
    for (size_t i = 0; i < sol_whynot_rule_count(r.w); i++) {
        const sol_wn_rule *x = sol_whynot_rule_at(r.w, i);
        CHECK(sol_kb_rule_asserts(x->rule, "possible-dvt", "support") != NULL);
        CHECK(!x->fired);
        for (size_t k = 0; k < x->nconds; k++) {
            const sol_kb_cond *c = x->conds[k].cond;
            if (c->kind != SOL_KB_CE_FINDING || !c->finding)
                continue;
            if (sol_probe_known(r.c.f, c->finding))
                CHECK(x->conds[k].result != SOL_KB_UNKNOWN);
            else
                CHECK(x->conds[k].result == SOL_KB_UNKNOWN);
            failed |= x->conds[k].result == SOL_KB_FAILED;
            unknown |= x->conds[k].result == SOL_KB_UNKNOWN;
        }
    }
    CHECK(failed);
    CHECK(unknown);
    wrun_close(&r);
}

static void test_whynot__reached_points_to_explain(void)
{
    wrun r;
    FILE *out = tmpfile();
    char buf[4096] = "";
    CHECK(out != NULL);
    CHECK(wrun_open(&r, "examples/tc3-dvt.xml", "A1") == 0);
    CHECK(sol_whynot_reached(r.w) != NULL);
    CHECK_EQ_INT(sol_whynot_write_text(out, r.w), SOL_OK);
    rewind(out);
    size_t n = fread(buf, 1, sizeof buf - 1, out);
    buf[n] = '\0';
    fclose(out);
    CHECK_CONTAINS(buf, "It WAS reached");
    CHECK_CONTAINS(buf, "soleus explain examples/tc3-dvt.xml possible-dvt");
    wrun_close(&r);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_whynot__one_finding_away", test_whynot__one_finding_away},
        {"test_whynot__conditions_judged", test_whynot__conditions_judged},
        {"test_whynot__reached_points_to_explain", test_whynot__reached_points_to_explain},
        {NULL, NULL},
    };
    return harness_main(argc, argv, tests);
}
