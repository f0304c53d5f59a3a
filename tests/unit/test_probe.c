/* test_probe.c — finding changes: parsing --set/--unset against the
 * vocabulary, applying changes to a copy, the values worth trying (from the
 * rules' constants and thresholds) and "did you mean" names. */
#include "harness.h"
#include "catalog.h"
#include "kb.h"
#include "probe.h"
#include "vocab.h"

static sol_vocab *vocab(void)
{
    sol_vocab *v = NULL;
    sol_diag d = {0};
    if (sol_vocab_load(&v, TEST_VOCAB, &d))
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
    return v;
}

static void test_probe__parse_set_and_unset(void)
{
    sol_vocab *v = vocab();
    sol_change c;
    sol_diag d = {0};
    char buf[128];
    CHECK(v != NULL);
    CHECK_EQ_INT(sol_change_parse(&c, v, "calf-swelling-diff=3.5", 0, &d), SOL_OK);
    CHECK_EQ_STR(sol_change_text(&c, buf, sizeof buf), "calf-swelling-diff = 3.5");
    sol_change_clear(&c);
    CHECK_EQ_INT(sol_change_parse(&c, v, "recent-load-change=distance speed-intervals", 0, &d),
                 SOL_OK);
    CHECK_EQ_INT(c.nvalues, 2);
    sol_change_clear(&c);
    CHECK_EQ_INT(sol_change_parse(&c, v, "onset", 1, &d), SOL_OK);
    CHECK_EQ_INT(c.unset, 1);
    CHECK_EQ_STR(sol_change_text(&c, buf, sizeof buf), "onset unset");
    sol_change_clear(&c);
    sol_vocab_free(v);
}

static void test_probe__parse_errors(void)
{
    sol_vocab *v = vocab();
    sol_change c;
    sol_diag d = {0};
    CHECK(v != NULL);
    CHECK_EQ_INT(sol_change_parse(&c, v, "onsett=sudden", 0, &d), SOL_EUSAGE);
    CHECK_CONTAINS(d.msg, "unknown finding 'onsett'");
    CHECK_CONTAINS(d.msg, "did you mean: onset");
    CHECK_EQ_INT(sol_change_parse(&c, v, "onset=maybe", 0, &d), SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "--set: ");
    CHECK_CONTAINS(d.msg, "'maybe'");
    CHECK_EQ_INT(sol_change_parse(&c, v, "age=500", 0, &d), SOL_EINVALID);
    CHECK_EQ_INT(sol_change_parse(&c, v, "onset=unknown", 0, &d), SOL_EINVALID);
    CHECK_EQ_INT(sol_change_parse(&c, v, "onset", 0, &d), SOL_EUSAGE);
    sol_vocab_free(v);
}

static void test_probe__apply_replaces_with_whatif_origin(void)
{
    sol_findings *f = sol_findings_new(), *g = NULL;
    sol_finding a = {0};
    sol_change ch[2];
    sol_value yes = {SOL_VAL_SYMBOL, (char *)"yes", 0, 0};
    a.name = (char *)"onset";
    a.value.kind = SOL_VAL_SYMBOL;
    a.value.sym = (char *)"sudden";
    a.line = 4;
    CHECK_EQ_INT(sol_findings_add(f, &a), SOL_OK);
    a.name = (char *)"shiny-skin";
    a.value.sym = (char *)"no";
    CHECK_EQ_INT(sol_findings_add(f, &a), SOL_OK);
    CHECK_EQ_INT(sol_change_set1(&ch[0], "shiny-skin", &yes), SOL_OK);
    memset(&ch[1], 0, sizeof ch[1]);
    ch[1].name = sol_strdup("onset");
    ch[1].unset = 1;
    CHECK_EQ_INT(sol_change_apply(&g, f, ch, 2), SOL_OK);
    CHECK_EQ_INT(sol_findings_count(g), 1);
    CHECK_EQ_STR(sol_findings_at(g, 0)->name, "shiny-skin");
    CHECK_EQ_STR(sol_findings_at(g, 0)->value.sym, "yes");
    CHECK_EQ_INT(sol_findings_at(g, 0)->origin, SOL_ORIGIN_WHATIF);
    CHECK_EQ_INT(sol_findings_count(f), 2); /* the original is untouched */
    CHECK(sol_probe_known(f, "onset"));
    CHECK(!sol_probe_known(g, "onset"));
    sol_change_clear(&ch[0]);
    sol_change_clear(&ch[1]);
    sol_findings_free(g);
    sol_findings_free(f);
}

static int has_real(const sol_value *v, size_t n, double x)
{
    for (size_t i = 0; i < n; i++)
        if ((v[i].kind == SOL_VAL_REAL && v[i].r == x) ||
            (v[i].kind == SOL_VAL_INTEGER && (double)v[i].i == x))
            return 1;
    return 0;
}

static void test_probe__values_either_side_of_cutoffs(void)
{
    sol_vocab *v = vocab();
    sol_kb *kb = NULL;
    sol_diag d = {0};
    sol_value *vals = NULL;
    size_t n = 0;
    CHECK(v != NULL);
    CHECK_EQ_INT(sol_kb_load(&kb, "rules", "knowledge", &d), SOL_OK);
    /* Wells swelling: >= calf-swelling-cm (3) gives values either side of 3. */
    CHECK_EQ_INT(sol_probe_values(&vals, &n, kb, sol_vocab_lookup(v, "calf-swelling-diff")),
                 SOL_OK);
    CHECK(has_real(vals, n, 3.0));
    CHECK(has_real(vals, n, 2.9));
    for (size_t i = 1; i < n; i++)
        CHECK(vals[i - 1].r < vals[i].r); /* sorted, unique */
    sol_probe_values_free(vals, n);
    /* bool: yes, no */
    CHECK_EQ_INT(sol_probe_values(&vals, &n, kb, sol_vocab_lookup(v, "shiny-skin")), SOL_OK);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_STR(vals[0].sym, "yes");
    sol_probe_values_free(vals, n);
    /* enum: every member */
    const sol_term *t = sol_vocab_lookup(v, "symptom-trend");
    CHECK_EQ_INT(sol_probe_values(&vals, &n, kb, t), SOL_OK);
    CHECK_EQ_INT(n, t->nvalues);
    sol_probe_values_free(vals, n);
    /* every value lies in the vocabulary's range */
    t = sol_vocab_lookup(v, "age");
    CHECK_EQ_INT(sol_probe_values(&vals, &n, kb, t), SOL_OK);
    CHECK(n >= 2);
    for (size_t i = 0; i < n; i++)
        CHECK(vals[i].kind == SOL_VAL_INTEGER && vals[i].i >= t->min && vals[i].i <= t->max);
    sol_probe_values_free(vals, n);
    sol_kb_free(kb);
    sol_vocab_free(v);
}

static void test_probe__read_findings(void)
{
    sol_kb *kb = NULL;
    sol_diag d = {0};
    const char **names = NULL;
    size_t n = 0;
    sol_catalog *cat = NULL;
    sol_kb_rows rows;
    int dvt = 0;
    CHECK_EQ_INT(sol_kb_load(&kb, "rules", "knowledge", &d), SOL_OK);
    /* deep-vein-tenderness is read only through the Wells table: the
     * model sees it once it is expanded over the table's rows */
    CHECK_EQ_INT(sol_probe_read_findings(&names, &n, kb), SOL_OK);
    for (size_t i = 0; i < n; i++)
        dvt |= strcmp(names[i], "deep-vein-tenderness") == 0;
    CHECK(!dvt);
    free((void *)names);
    CHECK_EQ_INT(sol_catalog_load(&cat, "knowledge", &d), SOL_OK);
    CHECK_EQ_INT(sol_kb_rows_build(&rows, cat, "knowledge", &d), SOL_OK);
    CHECK_EQ_INT(sol_kb_expand(kb, rows.rows, rows.n, &d), SOL_OK);
    sol_kb_rows_free(&rows);
    sol_catalog_free(cat);
    CHECK_EQ_INT(sol_probe_read_findings(&names, &n, kb), SOL_OK);
    CHECK(n > 10);
    for (size_t i = 0; i < n; i++) {
        if (i)
            CHECK(strcmp(names[i - 1], names[i]) < 0);
        dvt |= strcmp(names[i], "deep-vein-tenderness") == 0;
    }
    CHECK(dvt);
    free((void *)names);
    sol_kb_free(kb);
}

static void test_probe__close_names(void)
{
    static const char *const c[] = {"possible-dvt", "mtss", "mtj-strain", "achilles-rupture"};
    char buf[256];
    CHECK_EQ_STR(sol_probe_close_names("posible-dvt", c, 4, 3, buf, sizeof buf), "possible-dvt");
    CHECK_EQ_STR(sol_probe_close_names("rupture", c, 4, 3, buf, sizeof buf), "achilles-rupture");
    CHECK_EQ_STR(sol_probe_close_names("zzzzzzzz", c, 4, 3, buf, sizeof buf), "");
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_probe__parse_set_and_unset", test_probe__parse_set_and_unset},
        {"test_probe__parse_errors", test_probe__parse_errors},
        {"test_probe__apply_replaces_with_whatif_origin",
         test_probe__apply_replaces_with_whatif_origin},
        {"test_probe__values_either_side_of_cutoffs", test_probe__values_either_side_of_cutoffs},
        {"test_probe__read_findings", test_probe__read_findings},
        {"test_probe__close_names", test_probe__close_names},
        {NULL, NULL},
    };
    return harness_main(argc, argv, tests);
}
