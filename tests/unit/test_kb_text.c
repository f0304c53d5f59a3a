/* test_kb_text.c — the knowledge base in plain English: phrases for
 * conditions and actions, short citations, and the whole text/Markdown
 * listing (`soleus rules`). Fixtures: tests/fixtures/kb (rules, vocabulary)
 * and tests/fixtures/catalog/good (labels, sources). */
#include "harness.h"
#include "kb_text.h"

#define KB "tests/fixtures/kb/"

typedef struct {
    sol_kb *kb;
    sol_vocab *v;
    sol_catalog *cat;
} fixture;

static int setup(fixture *fx)
{
    sol_diag d = {"", 0, ""};

    memset(fx, 0, sizeof *fx);
    if (sol_kb_load(&fx->kb, KB "rules", KB "knowledge", &d) != SOL_OK ||
        sol_vocab_load(&fx->v, KB "knowledge/vocabulary.tsv", &d) != SOL_OK ||
        sol_catalog_load(&fx->cat, "tests/fixtures/catalog/good", &d) != SOL_OK) {
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
        return 0;
    }
    return 1;
}

static void teardown(fixture *fx)
{
    sol_kb_free(fx->kb);
    sol_vocab_free(fx->v);
    sol_catalog_free(fx->cat);
}

static const char *cond(fixture *fx, const char *rule, size_t i, char *buf, size_t len)
{
    const sol_kb_rule *r = sol_kb_rule_find(fx->kb, rule);

    return sol_kb_cond_text(buf, len, fx->kb, r, &r->conds[i], fx->v, fx->cat);
}

static void test_kb_text__conditions(void)
{
    fixture fx;
    char buf[256];
    int ok = setup(&fx);

    CHECK(ok);
    CHECK_EQ_STR(cond(&fx, "support-swelling", 0, buf, sizeof buf),
                 "(calf swelling difference > 3 cm OR pitting oedema is yes)");
    CHECK_EQ_STR(cond(&fx, "support-swelling", 1, buf, sizeof buf),
                 "leg colour is neither none nor bruising");
    CHECK_EQ_STR(cond(&fx, "support-swelling", 2, buf, sizeof buf),
                 "\"Thompson test positive\" is not known to be yes");
    CHECK_EQ_STR(cond(&fx, "support-swelling", 3, buf, sizeof buf),
                 "where it hurts is gastrocnemius-belly or mtj");
    CHECK_EQ_STR(cond(&fx, "support-swelling", 4, buf, sizeof buf), "Possible DVT is supported");
    CHECK_EQ_STR(cond(&fx, "refer-high-wells", 0, buf, sizeof buf), "");
    CHECK_EQ_STR(cond(&fx, "refer-high-wells", 1, buf, sizeof buf),
                 "Wells score >= 3 points (wells-high)");
    CHECK_EQ_STR(cond(&fx, "range", 0, buf, sizeof buf),
                 "weekly-mileage-increase-pct >= 10 and <= 30");
    CHECK_EQ_STR(cond(&fx, "range", 1, buf, sizeof buf), "age is recorded");
    CHECK_EQ_STR(cond(&fx, "range", 2, buf, sizeof buf), "age < 40 years");
    CHECK_EQ_STR(cond(&fx, "range", 3, buf, sizeof buf), "odd matches ?x&:(> ?x (half 4))");
    /* Truncation keeps the buffer terminated and ends in an ellipsis. */
    cond(&fx, "support-swelling", 0, buf, 12);
    CHECK_EQ_STR(buf, "(calf sw\xe2\x80\xa6");
    teardown(&fx);
}

static void test_kb_text__actions(void)
{
    fixture fx;
    char buf[256];
    const sol_kb_rule *r;
    int ok = setup(&fx);

    CHECK(ok);
    r = sol_kb_rule_find(fx.kb, "support-swelling");
    CHECK_EQ_STR(sol_kb_action_text(buf, sizeof buf, &r->actions[0], fx.v, fx.cat), "");
    CHECK_EQ_STR(sol_kb_action_text(buf, sizeof buf, &r->actions[1], fx.v, fx.cat),
                 "support Possible DVT (moderate)");
    CHECK_EQ_STR(sol_kb_action_text(buf, sizeof buf, &r->actions[2], fx.v, fx.cat),
                 "recommend Same-day referral for Possible DVT");
    r = sol_kb_rule_find(fx.kb, "start");
    CHECK_EQ_STR(sol_kb_action_text(buf, sizeof buf, &r->actions[0], fx.v, fx.cat),
                 "focus REDFLAG");
    teardown(&fx);
}

static void test_kb_text__short_citation(void)
{
    sol_source s = {
        .id = "L1", .kind = "published", .citation = NULL, .note = "-", .level = NULL, .line = 1};
    char buf[128];

    s.citation = "Wells PS, et al. Value of assessment. Lancet 1997;350:1795-8.";
    CHECK_EQ_STR(sol_kb_short_citation(buf, sizeof buf, &s), "Wells PS, et al. 1997");
    s.citation = "Ouch... calf pain! Unsigned blog post.";
    CHECK_EQ_STR(sol_kb_short_citation(buf, sizeof buf, &s), "Ouch... calf pain!");
    s.citation = "StatPearls: Acute Compartment Syndrome. With: Fraipont 2003.";
    CHECK_EQ_STR(sol_kb_short_citation(buf, sizeof buf, &s),
                 "StatPearls: Acute Compartment Syndrome");
}

static char *render(fixture *fx, sol_kb_text_format fmt)
{
    FILE *f = tmpfile();
    char *text;
    long n;

    if (!f)
        return NULL;
    if (sol_kb_write_english(f, fx->kb, fx->v, fx->cat, fmt) != SOL_OK) {
        fclose(f);
        return NULL;
    }
    n = ftell(f);
    rewind(f);
    text = calloc(1, (size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
        free(text);
        text = NULL;
    }
    fclose(f);
    return text;
}

static void test_kb_text__plain(void)
{
    fixture fx;
    char *t;
    int ok = setup(&fx);

    CHECK(ok);
    t = render(&fx, SOL_KB_TEXT_PLAIN);
    CHECK(t != NULL);
    CHECK_CONTAINS(t, "Soleus knowledge base: 4 rules in 2 modules.\n");
    CHECK_CONTAINS(t, "\nREDFLAG\n=======\n\nR01 REDFLAG::refer-high-wells\n"
                      "  IF Wells score >= 3 points (wells-high)\n"
                      "  THEN support Possible DVT (strong)\n"
                      "  Sources: L1 (Wells PS et al. 2003)\n"
                      "  Why: High Wells score: urgent review.\n"
                      "  At: tests/fixtures/kb/rules/10-redflag.clp:4\n");
    CHECK_CONTAINS(t, "  Sources: L1 (Wells PS et al. 2003), L2\n");
    CHECK_CONTAINS(t, "(no id) REDFLAG::range\n");
    CHECK_CONTAINS(t, "  Why: (no rationale given)\n");
    CHECK_CONTAINS(t, ":11 (control salience)\n");
    free(t);
    teardown(&fx);
}

static void test_kb_text__markdown(void)
{
    fixture fx;
    char *t;
    int ok = setup(&fx);

    CHECK(ok);
    t = render(&fx, SOL_KB_TEXT_MARKDOWN);
    CHECK(t != NULL);
    CHECK_CONTAINS(t, "# Soleus knowledge base\n");
    CHECK_CONTAINS(t, "- [REDFLAG](#redflag): 3 rules\n");
    CHECK_CONTAINS(t, "### R01 — `REDFLAG::refer-high-wells`\n\n"
                      "- **IF** Wells score >= 3 points (wells-high)\n"
                      "- **THEN** support Possible DVT (strong)\n");
    CHECK_CONTAINS(t, " AND odd matches ?x&:(> ?x (half 4)) AND ");
    CHECK_CONTAINS(t, "### (no id) — `REDFLAG::range`\n");
    CHECK_CONTAINS(t, "| L1 | published | Wells PS et al. 2003. |\n");
    free(t);
    teardown(&fx);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_kb_text__conditions", test_kb_text__conditions},
        {"test_kb_text__actions", test_kb_text__actions},
        {"test_kb_text__short_citation", test_kb_text__short_citation},
        {"test_kb_text__plain", test_kb_text__plain},
        {"test_kb_text__markdown", test_kb_text__markdown},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
