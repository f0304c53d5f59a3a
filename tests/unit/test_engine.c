/* test_engine.c — the CLIPS owner: fact API, provenance, cap, reuse, errors. */
#include "engine_int.h"
#include "harness.h"

#define FIX "tests/fixtures/engine/"

static sol_findings *two_findings(const char *xval, long long n)
{
    sol_findings *f = sol_findings_new();
    sol_finding a = {0}, b = {0};
    a.name = "x";
    a.value.kind = SOL_VAL_SYMBOL;
    a.value.sym = (char *)xval;
    a.line = 7;
    b.name = "n";
    b.value.kind = SOL_VAL_INTEGER;
    b.value.i = n;
    b.line = 9;
    sol_findings_add(f, &a);
    sol_findings_add(f, &b);
    return f;
}

static long firing_of(const sol_graph *g, const char *rule)
{
    for (size_t i = 0; i < sol_graph_firing_count(g); i++)
        if (strcmp(sol_graph_firing_at(g, i)->rule, rule) == 0)
            return (long)i;
    return -1;
}

static void test_engine__records_basis_and_assertions(void)
{
    sol_engine *e = NULL;
    sol_diag d = {0};
    CHECK_EQ_INT(sol_engine_new(&e, FIX "ok", &d), SOL_OK);
    sol_findings *f = two_findings("yes", 5);
    sol_graph *g = NULL;
    CHECK_EQ_INT(sol_engine_run(e, f, &g, &d), SOL_OK);
    long a = firing_of(g, "MAIN::conclude-a");
    CHECK(a >= 0);
    const sol_firing *fi = sol_graph_firing_at(g, (size_t)a);
    CHECK_EQ_INT(fi->nbasis, 2);
    CHECK_EQ_INT(sol_graph_fact_at(g, fi->basis[0])->finding, 0);
    CHECK_EQ_INT(sol_graph_fact_at(g, fi->basis[1])->finding, 1);
    CHECK_EQ_INT(fi->nadded, 1);
    CHECK_EQ_STR(sol_gfact_sym(sol_graph_fact_at(g, fi->added[0]), "conclusion"), "a");
    /* b rests on a, which rests on both findings */
    long b = firing_of(g, "MAIN::chain-b");
    CHECK(b >= 0);
    size_t *under = NULL, n = 0;
    CHECK_EQ_INT(
        sol_graph_findings_under(g, sol_graph_firing_at(g, (size_t)b)->added[0], &under, &n),
        SOL_OK);
    CHECK_EQ_INT(n, 2);
    free(under);
    CHECK_CONTAINS(sol_engine_messages(e), "goes to the router");
    sol_graph_free(g);
    sol_findings_free(f);
    sol_engine_free(e);
}

static void test_engine__rule_does_not_fire_below_threshold(void)
{
    sol_engine *e = NULL;
    sol_diag d = {0};
    CHECK_EQ_INT(sol_engine_new(&e, FIX "ok", &d), SOL_OK);
    sol_findings *f = two_findings("yes", 3);
    sol_graph *g = NULL;
    CHECK_EQ_INT(sol_engine_run(e, f, &g, &d), SOL_OK);
    CHECK(firing_of(g, "MAIN::conclude-a") < 0);
    sol_graph_free(g);
    sol_findings_free(f);
    sol_engine_free(e);
}

static void test_engine__hostile_text_stays_inert(void)
{
    sol_engine *e = NULL;
    sol_diag d = {0};
    CHECK_EQ_INT(sol_engine_new(&e, FIX "ok", &d), SOL_OK);
    const char *evil = "yes) (assert (evidence (conclusion a))) (remove \"x\"); \"";
    sol_findings *f = two_findings(evil, 5);
    sol_graph *g = NULL;
    CHECK_EQ_INT(sol_engine_run(e, f, &g, &d), SOL_OK);
    CHECK(firing_of(g, "MAIN::conclude-a") < 0);
    int seen = 0;
    for (size_t i = 0; i < sol_graph_fact_count(g); i++) {
        const sol_gfact *gf = sol_graph_fact_at(g, i);
        CHECK(strcmp(gf->relation, "evidence") != 0);
        if (strcmp(gf->relation, "finding") == 0 && strcmp(sol_gfact_sym(gf, "name"), "x") == 0) {
            CHECK_EQ_STR(sol_gfact_sym(gf, "value"), evil);
            seen = 1;
        }
    }
    CHECK(seen);
    sol_graph_free(g);
    sol_findings_free(f);
    sol_engine_free(e);
}

static void test_engine__reuse_gives_same_result(void)
{
    sol_engine *e = NULL;
    sol_diag d = {0};
    CHECK_EQ_INT(sol_engine_new(&e, FIX "ok", &d), SOL_OK);
    sol_findings *f = two_findings("yes", 5);
    sol_graph *g1 = NULL, *g2 = NULL;
    CHECK_EQ_INT(sol_engine_run(e, f, &g1, &d), SOL_OK);
    CHECK_EQ_INT(sol_engine_run(e, f, &g2, &d), SOL_OK);
    CHECK_EQ_INT(sol_graph_firing_count(g1), sol_graph_firing_count(g2));
    CHECK_EQ_INT(sol_graph_fact_count(g1), sol_graph_fact_count(g2));
    sol_graph_free(g1);
    sol_graph_free(g2);
    sol_findings_free(f);
    sol_engine_free(e);
}

static void test_engine__firing_cap_stops_a_loop(void)
{
    sol_engine *e = NULL;
    sol_diag d = {0};
    CHECK_EQ_INT(sol_engine_new(&e, FIX "loop", &d), SOL_OK);
    sol_graph *g = NULL;
    CHECK_EQ_INT(sol_engine_run(e, NULL, &g, &d), SOL_ELIMIT);
    CHECK(g == NULL);
    CHECK_CONTAINS(d.msg, "firing cap");
    sol_engine_free(e);
}

static void test_engine__broken_rule_file_names_the_file(void)
{
    sol_engine *e = NULL;
    sol_diag d = {0};
    CHECK_EQ_INT(sol_engine_new(&e, FIX "broken", &d), SOL_EENGINE);
    CHECK(e == NULL);
    CHECK_CONTAINS(d.file, "broken/00-t.clp");
}

static void test_engine__missing_rules_dir(void)
{
    sol_engine *e = NULL;
    sol_diag d = {0};
    CHECK_EQ_INT(sol_engine_new(&e, FIX "nowhere", &d), SOL_EIO);
    CHECK(e == NULL);
}

static void test_engine__knowledge_facts_refuse_bad_slot(void)
{
    sol_engine *e = NULL;
    sol_diag d = {0};
    CHECK_EQ_INT(sol_engine_new(&e, FIX "ok", &d), SOL_OK);
    sol_slotval sv[1] = {{"nosuchslot", {SOL_VAL_SYMBOL, "a", 0, 0}}};
    CHECK_EQ_INT(sol_engine_add_knowledge(e, "level", sv, 1, &d), SOL_OK);
    sol_graph *g = NULL;
    CHECK_EQ_INT(sol_engine_run(e, NULL, &g, &d), SOL_EENGINE);
    CHECK_CONTAINS(d.msg, "nosuchslot");
    sol_engine_free(e);
}

static void test_engine__rule_docs_are_read(void)
{
    sol_engine *e = NULL;
    sol_diag d = {0};
    CHECK_EQ_INT(sol_engine_new(&e, FIX "ok", &d), SOL_OK);
    const sol_rule_info *ri = sol_engine_rule(e, "MAIN::conclude-a");
    CHECK(ri != NULL);
    CHECK_EQ_STR(ri->doc, "T1 | S1 | Two findings together point to a.");
    sol_engine_free(e);
}

/* Every router name CLIPS prints to is captured, the prompt router
 * ("wclips" in CLIPS 6.30, not "wprompt") included. */
static void test_engine__router_captures_every_clips_name(void)
{
    static const char *const names[] = {"stdout", "t",      "wclips",   "wdisplay",
                                        "wtrace", "werror", "wwarning", "wdialog"};
    sol_engine *e = NULL;
    sol_diag d = {0};
    sol_graph *g = NULL;
    char want[32];
    CHECK_EQ_INT(sol_engine_new(&e, FIX "routers", &d), SOL_OK);
    CHECK_EQ_INT(sol_engine_run(e, NULL, &g, &d), SOL_OK);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(want, sizeof want, "via-%s\n", names[i]);
        CHECK_CONTAINS(sol_engine_messages(e), want);
    }
    sol_graph_free(g);
    sol_engine_free(e);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_engine__records_basis_and_assertions", test_engine__records_basis_and_assertions},
        {"test_engine__rule_does_not_fire_below_threshold",
         test_engine__rule_does_not_fire_below_threshold},
        {"test_engine__hostile_text_stays_inert", test_engine__hostile_text_stays_inert},
        {"test_engine__reuse_gives_same_result", test_engine__reuse_gives_same_result},
        {"test_engine__firing_cap_stops_a_loop", test_engine__firing_cap_stops_a_loop},
        {"test_engine__broken_rule_file_names_the_file",
         test_engine__broken_rule_file_names_the_file},
        {"test_engine__missing_rules_dir", test_engine__missing_rules_dir},
        {"test_engine__knowledge_facts_refuse_bad_slot",
         test_engine__knowledge_facts_refuse_bad_slot},
        {"test_engine__rule_docs_are_read", test_engine__rule_docs_are_read},
        {"test_engine__router_captures_every_clips_name",
         test_engine__router_captures_every_clips_name},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
