/* test_findings.c — unit tests for findings.c: deep copies, lookup by name
 * and context, removal, cloning and conflicts. */
#include "harness.h"
#include "findings.h"

static sol_finding sym_item(const char *name, const char *value, sol_context ctx, int line)
{
    sol_finding f;

    memset(&f, 0, sizeof f);
    f.name = (char *)name;
    f.value.kind = SOL_VAL_SYMBOL;
    f.value.sym = (char *)value;
    f.context = ctx;
    f.path = (char *)"/assessment/history/finding[1]";
    f.line = line;
    return f;
}

static void test_findings__new_is_empty_and_free_null_is_noop(void)
{
    sol_findings *f = sol_findings_new();
    CHECK(f);
    CHECK_EQ_INT(sol_findings_count(f), 0);
    CHECK(sol_findings_at(f, 0) == NULL);
    CHECK(sol_findings_find(f, "onset") == NULL);
    CHECK_EQ_INT(sol_findings_conflict_count(f), 0);
    sol_findings_free(f);
    sol_findings_free(NULL);
}

static void test_findings__add_deep_copies(void)
{
    sol_findings *f = sol_findings_new();
    char name[] = "onset", value[] = "sudden";
    sol_finding it = sym_item(name, value, SOL_CTX_CURRENT, 7);
    const sol_finding *got;

    it.quote = (char *)"sharp pain";
    CHECK_EQ_INT(sol_findings_add(f, &it), SOL_OK);
    name[0] = 'X';
    value[0] = 'X';
    got = sol_findings_at(f, 0);
    CHECK(got);
    CHECK_EQ_STR(got->name, "onset");
    CHECK_EQ_STR(got->value.sym, "sudden");
    CHECK_EQ_STR(got->path, "/assessment/history/finding[1]");
    CHECK_EQ_STR(got->quote, "sharp pain");
    CHECK(got->trigger == NULL);
    CHECK_EQ_INT(got->line, 7);
    sol_findings_free(f);
}

static void test_findings__add_rejects_nameless_item(void)
{
    sol_findings *f = sol_findings_new();
    sol_finding it = sym_item(NULL, "yes", SOL_CTX_CURRENT, 1);

    CHECK(sol_findings_add(f, &it) != SOL_OK);
    CHECK_EQ_INT(sol_findings_count(f), 0);
    sol_findings_free(f);
}

static void test_findings__find_skips_history_context(void)
{
    sol_findings *f = sol_findings_new();
    sol_finding h = sym_item("previous-calf-strain", "yes", SOL_CTX_HISTORY, 2);
    sol_finding c = sym_item("previous-calf-strain", "no", SOL_CTX_CURRENT, 5);
    const sol_finding *got;

    CHECK_EQ_INT(sol_findings_add(f, &h), SOL_OK);
    CHECK(sol_findings_find(f, "previous-calf-strain") == NULL);
    CHECK_EQ_INT(sol_findings_add(f, &c), SOL_OK);
    got = sol_findings_find(f, "previous-calf-strain");
    CHECK(got);
    CHECK_EQ_INT(got->line, 5);
    sol_findings_free(f);
}

static void test_findings__grows_past_initial_capacity(void)
{
    sol_findings *f = sol_findings_new();
    char name[32];

    for (int i = 0; i < 100; i++) {
        sol_finding it = sym_item(name, "yes", SOL_CTX_CURRENT, i);
        snprintf(name, sizeof name, "f%d", i);
        CHECK_EQ_INT(sol_findings_add(f, &it), SOL_OK);
    }
    CHECK_EQ_INT(sol_findings_count(f), 100);
    CHECK_EQ_STR(sol_findings_at(f, 99)->name, "f99");
    CHECK_EQ_INT(sol_findings_find(f, "f42")->line, 42);
    sol_findings_free(f);
}

static void test_findings__remove_all_with_name_keeps_order(void)
{
    sol_findings *f = sol_findings_new();
    sol_finding a = sym_item("recent-load-change", "distance", SOL_CTX_CURRENT, 1);
    sol_finding b = sym_item("onset", "gradual", SOL_CTX_CURRENT, 2);
    sol_finding c = sym_item("recent-load-change", "speed-intervals", SOL_CTX_CURRENT, 3);
    sol_finding d = sym_item("foot-strike", "heel", SOL_CTX_CURRENT, 4);

    CHECK_EQ_INT(sol_findings_add(f, &a), SOL_OK);
    CHECK_EQ_INT(sol_findings_add(f, &b), SOL_OK);
    CHECK_EQ_INT(sol_findings_add(f, &c), SOL_OK);
    CHECK_EQ_INT(sol_findings_add(f, &d), SOL_OK);
    CHECK_EQ_INT(sol_findings_remove(f, "recent-load-change"), 2);
    CHECK_EQ_INT(sol_findings_count(f), 2);
    CHECK_EQ_STR(sol_findings_at(f, 0)->name, "onset");
    CHECK_EQ_STR(sol_findings_at(f, 1)->name, "foot-strike");
    CHECK_EQ_INT(sol_findings_remove(f, "absent"), 0);
    sol_findings_free(f);
}

static void test_findings__clone_is_independent(void)
{
    sol_findings *f = sol_findings_new(), *c;
    sol_finding a = sym_item("onset", "sudden", SOL_CTX_CURRENT, 1);
    sol_conflict k;

    memset(&k, 0, sizeof k);
    k.name = (char *)"onset";
    k.record_value.kind = SOL_VAL_SYMBOL;
    k.record_value.sym = (char *)"sudden";
    k.note_value.kind = SOL_VAL_SYMBOL;
    k.note_value.sym = (char *)"gradual";
    CHECK_EQ_INT(sol_findings_add(f, &a), SOL_OK);
    CHECK_EQ_INT(sol_findings_add_conflict(f, &k), SOL_OK);
    c = sol_findings_clone(f);
    CHECK(c);
    CHECK_EQ_INT(sol_findings_remove(f, "onset"), 1);
    sol_findings_free(f);
    CHECK_EQ_INT(sol_findings_count(c), 1);
    CHECK_EQ_STR(sol_findings_at(c, 0)->value.sym, "sudden");
    CHECK_EQ_INT(sol_findings_conflict_count(c), 1);
    CHECK_EQ_STR(sol_findings_conflict_at(c, 0)->note_value.sym, "gradual");
    sol_findings_free(c);
    CHECK(sol_findings_clone(NULL) == NULL);
}

static void test_findings__conflicts_are_deep_copied(void)
{
    sol_findings *f = sol_findings_new();
    char quote[] = "came on slowly";
    sol_conflict k;
    const sol_conflict *got;

    memset(&k, 0, sizeof k);
    k.name = (char *)"onset";
    k.record_value.kind = SOL_VAL_SYMBOL;
    k.record_value.sym = (char *)"sudden";
    k.note_value.kind = SOL_VAL_UNKNOWN;
    k.record_line = 4;
    k.note_line = 20;
    k.quote = quote;
    CHECK_EQ_INT(sol_findings_add_conflict(f, &k), SOL_OK);
    quote[0] = 'X';
    got = sol_findings_conflict_at(f, 0);
    CHECK(got);
    CHECK_EQ_STR(got->quote, "came on slowly");
    CHECK_EQ_INT(got->note_value.kind, SOL_VAL_UNKNOWN);
    CHECK_EQ_INT(got->note_line, 20);
    CHECK(sol_findings_conflict_at(f, 1) == NULL);
    sol_findings_free(f);
}

/* Repeats of a listed conflict, and conflicts past the per-finding bound,
 * are counted in "more" instead of listed; other findings keep their own. */
static void test_findings__conflicts_are_bounded_per_finding(void)
{
    sol_findings *f = sol_findings_new();
    sol_conflict k;
    char quote[32];

    memset(&k, 0, sizeof k);
    k.name = (char *)"calf-swelling-diff";
    k.record_value.kind = SOL_VAL_REAL;
    k.record_value.r = 3.5;
    k.note_value.kind = SOL_VAL_INTEGER;
    k.quote = quote;
    for (int i = 0; i < SOL_FINDINGS_MAX_CONFLICTS + 3; i++) {
        k.note_value.i = i;
        snprintf(quote, sizeof quote, "%d cm bigger", i);
        CHECK_EQ_INT(sol_findings_add_conflict(f, &k), SOL_OK);
    }
    k.note_value.i = 0; /* a repeat of the first */
    snprintf(quote, sizeof quote, "0 cm bigger");
    CHECK_EQ_INT(sol_findings_add_conflict(f, &k), SOL_OK);
    k.name = (char *)"onset";
    CHECK_EQ_INT(sol_findings_add_conflict(f, &k), SOL_OK);
    CHECK_EQ_INT(sol_findings_conflict_count(f), SOL_FINDINGS_MAX_CONFLICTS + 1);
    CHECK_EQ_INT(sol_findings_conflict_at(f, 0)->more, 1);
    CHECK_EQ_INT(sol_findings_conflict_at(f, SOL_FINDINGS_MAX_CONFLICTS - 1)->more, 3);
    CHECK_EQ_STR(sol_findings_conflict_at(f, SOL_FINDINGS_MAX_CONFLICTS)->name, "onset");
    CHECK_EQ_INT(sol_findings_conflict_at(f, SOL_FINDINGS_MAX_CONFLICTS)->more, 0);
    sol_findings_free(f);
}

static void test_findings__finding_clear_frees_owned_strings(void)
{
    sol_finding it;

    memset(&it, 0, sizeof it);
    it.name = sol_strdup("onset");
    it.value.kind = SOL_VAL_SYMBOL;
    it.value.sym = sol_strdup("gradual");
    it.path = sol_strdup("/x");
    it.quote = sol_strdup("q");
    it.trigger = sol_strdup("no");
    sol_finding_clear(&it);
    CHECK(it.name == NULL && it.path == NULL && it.quote == NULL && it.trigger == NULL &&
          it.value.sym == NULL);
    sol_finding_clear(NULL);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_findings__new_is_empty_and_free_null_is_noop",
         test_findings__new_is_empty_and_free_null_is_noop},
        {"test_findings__add_deep_copies", test_findings__add_deep_copies},
        {"test_findings__add_rejects_nameless_item", test_findings__add_rejects_nameless_item},
        {"test_findings__find_skips_history_context", test_findings__find_skips_history_context},
        {"test_findings__grows_past_initial_capacity",
         test_findings__grows_past_initial_capacity},
        {"test_findings__remove_all_with_name_keeps_order",
         test_findings__remove_all_with_name_keeps_order},
        {"test_findings__clone_is_independent", test_findings__clone_is_independent},
        {"test_findings__conflicts_are_deep_copied", test_findings__conflicts_are_deep_copied},
        {"test_findings__conflicts_are_bounded_per_finding",
         test_findings__conflicts_are_bounded_per_finding},
        {"test_findings__finding_clear_frees_owned_strings",
         test_findings__finding_clear_frees_owned_strings},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
