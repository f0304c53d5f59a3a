/* test_lint.c — the knowledge-base checks. Every check has a broken mini
 * knowledge base in tests/lint/<check>/ (README says what is broken, expect
 * names the FILE:LINE the message must point at); each must trip exactly
 * its own check. tests/lint/clean trips none, and the real knowledge base
 * must have no errors. */
#include "harness.h"
#include "catalog.h"
#include "lint.h"

#define FIX "tests/lint/"

static sol_lint *lint_dir(const char *dir)
{
    char rules[512], knowledge[512];
    sol_lint *l = NULL;
    sol_diag d = {"", 0, ""};

    snprintf(rules, sizeof rules, "%s/rules", dir);
    snprintf(knowledge, sizeof knowledge, "%s/knowledge", dir);
    if (sol_lint_run(&l, rules, knowledge, &d) != SOL_OK)
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
    return l;
}

static void print_all(const sol_lint *l)
{
    char buf[2048];

    for (size_t i = 0; i < sol_lint_count(l); i++)
        printf("  | %s\n", sol_lint_format(sol_lint_at(l, i), buf, sizeof buf));
}

/* Lint tests/lint/<check>; 1 when the check fires at the expected FILE:LINE
 * and no other check fires. */
static int fixture_ok(const char *check)
{
    char dir[256], path[512], want[256], file[600];
    char *expect = NULL;
    sol_lint *l;
    int line, hit = 0, other = 0;

    snprintf(dir, sizeof dir, FIX "%s", check);
    snprintf(path, sizeof path, "%s/expect", dir);
    if (sol_read_file(&expect, NULL, path, 4096, NULL) != SOL_OK ||
        sscanf(expect, "%255[^:]:%d", want, &line) != 2) {
        printf("  %s: missing or malformed (want FILE:LINE)\n", path);
        free(expect);
        return 0;
    }
    free(expect);
    snprintf(file, sizeof file, "%s/%s", dir, want);
    l = lint_dir(dir);
    if (!l)
        return 0;
    for (size_t i = 0; i < sol_lint_count(l); i++) {
        const sol_lint_msg *m = sol_lint_at(l, i);

        if (strcmp(m->check, check) != 0)
            other = 1;
        else if (strcmp(m->file, file) == 0 && m->line == line)
            hit = 1;
    }
    if (!hit || other) {
        printf("  %s: expected only [%s] at %s:%d, got:\n", dir, check, file, line);
        print_all(l);
    }
    sol_lint_free(l);
    return hit && !other;
}

#define FIXTURE(fn, check)                                                                       \
    static void fn(void) { CHECK(fixture_ok(check)); }
FIXTURE(test_lint__load, "load")
FIXTURE(test_lint__rule_doc, "rule-doc")
FIXTURE(test_lint__rule_no_sources, "rule-no-sources")
FIXTURE(test_lint__rule_no_rationale, "rule-no-rationale")
FIXTURE(test_lint__unknown_source, "unknown-source")
FIXTURE(test_lint__unknown_finding, "unknown-finding")
FIXTURE(test_lint__bad_value, "bad-value")
FIXTURE(test_lint__unused_finding, "unused-finding")
FIXTURE(test_lint__unreachable_conclusion, "unreachable-conclusion")
FIXTURE(test_lint__unknown_conclusion, "unknown-conclusion")
FIXTURE(test_lint__no_description, "no-description")
FIXTURE(test_lint__no_recommendation, "no-recommendation")
FIXTURE(test_lint__unknown_recommendation, "unknown-recommendation")
FIXTURE(test_lint__unused_recommendation, "unused-recommendation")
FIXTURE(test_lint__unknown_strength, "unknown-strength")
FIXTURE(test_lint__strength_above_evidence, "strength-above-evidence")
FIXTURE(test_lint__duplicate_rule, "duplicate-rule")
FIXTURE(test_lint__duplicate_conditions, "duplicate-conditions")
FIXTURE(test_lint__subsumed_rule, "subsumed-rule")
FIXTURE(test_lint__support_and_oppose, "support-and-oppose")
FIXTURE(test_lint__unknown_threshold, "unknown-threshold")
FIXTURE(test_lint__unused_threshold, "unused-threshold")
FIXTURE(test_lint__printout, "printout")
FIXTURE(test_lint__untested_note_pattern, "untested-note-pattern")
FIXTURE(test_lint__contraindication, "contraindication")
FIXTURE(test_lint__severity_order, "severity-order")
FIXTURE(test_lint__must_not_miss, "must-not-miss")
FIXTURE(test_lint__table_row, "table-row")

/* A sign set a generic rule applies: the rule is expanded over the row, so
 * "no rule applies" stays quiet and the members count as read (no
 * unused-finding); the member whose value the set cannot have is named at
 * the row, once, not again as the instance's bad-value. */
static void test_lint__table_row_applied(void)
{
    sol_lint *l = lint_dir(FIX "table-row-applied");
    char buf[512];

    CHECK(l != NULL);
    if (sol_lint_count(l) != 1)
        print_all(l);
    CHECK_EQ_INT(sol_lint_count(l), 1);
    CHECK_EQ_STR(sol_lint_format(sol_lint_at(l, 0), buf, sizeof buf),
                 "tests/lint/table-row-applied/knowledge/sign-sets.tsv:2: error: sign set "
                 "strain-signs: 'yes' is not an allowed value of onset [table-row]");
    sol_lint_free(l);
}

/* Every check in the table has a fixture folder with an expect file. */
static void test_lint__every_check_has_fixture(void)
{
    size_t n;
    const sol_lint_check *c = sol_lint_checks(&n);

    CHECK(n > 0);
    for (size_t i = 0; i < n; i++) {
        char path[512], *text = NULL;

        snprintf(path, sizeof path, FIX "%s/expect", c[i].name);
        if (sol_read_file(&text, NULL, path, 4096, NULL) != SOL_OK)
            printf("  no fixture for check %s (%s)\n", c[i].name, path);
        CHECK(text != NULL);
        free(text);
        CHECK(c[i].meaning && *c[i].meaning);
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(c[i].name, c[j].name) != 0);
    }
}

/* docs/audit.md has a row for every check. */
static void test_lint__audit_doc_lists_every_check(void)
{
    size_t n;
    const sol_lint_check *c = sol_lint_checks(&n);
    char *doc = NULL, want[128];

    CHECK_EQ_INT(sol_read_file(&doc, NULL, "docs/audit.md", 1u << 20, NULL), SOL_OK);
    for (size_t i = 0; i < n; i++) {
        snprintf(want, sizeof want, "| `%s` | %s |", c[i].name,
                 c[i].severity == SOL_LINT_ERROR ? "error" : "warning");
        if (!strstr(doc, want)) {
            printf("  docs/audit.md lacks the row \"%s\"\n", want);
            free(doc);
            CHECK(0);
        }
    }
    free(doc);
}

static void test_lint__clean(void)
{
    sol_lint *l = lint_dir(FIX "clean");

    CHECK(l != NULL);
    if (sol_lint_count(l))
        print_all(l);
    CHECK_EQ_INT(sol_lint_count(l), 0);
    sol_lint_free(l);
}

static void test_lint__format(void)
{
    sol_lint *l = lint_dir(FIX "unused-finding");
    char buf[512];
    const sol_lint_msg *m;

    CHECK(l != NULL);
    CHECK_EQ_INT(sol_lint_count(l), 1);
    CHECK_EQ_INT(sol_lint_error_count(l), 0);
    CHECK_EQ_INT(sol_lint_warning_count(l), 1);
    m = sol_lint_at(l, 0);
    CHECK_EQ_STR(sol_lint_format(m, buf, sizeof buf),
                 "tests/lint/unused-finding/knowledge/vocabulary.tsv:5: "
                 "warning: no rule reads finding night-pain [unused-finding]");
    CHECK(sol_lint_at(l, 1) == NULL);
    sol_lint_free(l);
    sol_lint_free(NULL);
}

static void test_lint__missing_dirs(void)
{
    sol_lint *l = lint_dir(FIX "no-such-dir");

    CHECK(l != NULL);
    CHECK(sol_lint_error_count(l) >= 2); /* rules, vocabulary, catalogue */
    for (size_t i = 0; i < sol_lint_count(l); i++)
        CHECK_EQ_STR(sol_lint_at(l, i)->check, "load");
    sol_lint_free(l);
}

/* May fail while the knowledge base is being written: prints what is left. */
/* The same rule at moderate passes: opinion may carry moderate. And the
 * check is off when strengths.tsv declares no levels (tests/lint/clean). */
static void test_lint__strength_above_evidence_levels(void)
{
    sol_catalog *cat = NULL;
    sol_diag d = {"", 0, ""};

    CHECK_EQ_INT(sol_catalog_load(&cat, FIX "strength-above-evidence/knowledge", &d), SOL_OK);
    CHECK(sol_catalog_levels_declared(cat));
    CHECK(!sol_catalog_strength_allows(cat, "strong", "opinion"));
    CHECK(!sol_catalog_strength_allows(cat, "strong", NULL));
    CHECK(sol_catalog_strength_allows(cat, "strong", "guideline"));
    CHECK(sol_catalog_strength_allows(cat, "moderate", "opinion"));
    CHECK(sol_catalog_strength_allows(cat, "moderate", NULL));
    CHECK(sol_catalog_strength_allows(cat, "weak", NULL));
    CHECK(sol_catalog_strength_allows(cat, "prior", "opinion"));
    sol_catalog_free(cat);
    cat = NULL;
    CHECK_EQ_INT(sol_catalog_load(&cat, FIX "clean/knowledge", &d), SOL_OK);
    CHECK(!sol_catalog_levels_declared(cat));
    CHECK(sol_catalog_strength_allows(cat, "strong", NULL));
    sol_catalog_free(cat);
}

static void test_lint__real_knowledge_base(void)
{
    sol_lint *l = NULL;
    sol_diag d = {"", 0, ""};
    char buf[2048];

    CHECK_EQ_INT(sol_lint_run(&l, "rules", "knowledge", &d), SOL_OK);
    for (size_t i = 0; i < sol_lint_count(l); i++)
        if (sol_lint_at(l, i)->severity == SOL_LINT_ERROR)
            printf("  | %s\n", sol_lint_format(sol_lint_at(l, i), buf, sizeof buf));
    CHECK_EQ_INT(sol_lint_error_count(l), 0);
    sol_lint_free(l);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_lint__load", test_lint__load},
        {"test_lint__rule_doc", test_lint__rule_doc},
        {"test_lint__rule_no_sources", test_lint__rule_no_sources},
        {"test_lint__rule_no_rationale", test_lint__rule_no_rationale},
        {"test_lint__unknown_source", test_lint__unknown_source},
        {"test_lint__unknown_finding", test_lint__unknown_finding},
        {"test_lint__bad_value", test_lint__bad_value},
        {"test_lint__unused_finding", test_lint__unused_finding},
        {"test_lint__unreachable_conclusion", test_lint__unreachable_conclusion},
        {"test_lint__unknown_conclusion", test_lint__unknown_conclusion},
        {"test_lint__no_description", test_lint__no_description},
        {"test_lint__no_recommendation", test_lint__no_recommendation},
        {"test_lint__unknown_recommendation", test_lint__unknown_recommendation},
        {"test_lint__unused_recommendation", test_lint__unused_recommendation},
        {"test_lint__unknown_strength", test_lint__unknown_strength},
        {"test_lint__duplicate_rule", test_lint__duplicate_rule},
        {"test_lint__duplicate_conditions", test_lint__duplicate_conditions},
        {"test_lint__subsumed_rule", test_lint__subsumed_rule},
        {"test_lint__support_and_oppose", test_lint__support_and_oppose},
        {"test_lint__unknown_threshold", test_lint__unknown_threshold},
        {"test_lint__unused_threshold", test_lint__unused_threshold},
        {"test_lint__printout", test_lint__printout},
        {"test_lint__untested_note_pattern", test_lint__untested_note_pattern},
        {"test_lint__contraindication", test_lint__contraindication},
        {"test_lint__severity_order", test_lint__severity_order},
        {"test_lint__must_not_miss", test_lint__must_not_miss},
        {"test_lint__table_row", test_lint__table_row},
        {"test_lint__table_row_applied", test_lint__table_row_applied},
        {"test_lint__every_check_has_fixture", test_lint__every_check_has_fixture},
        {"test_lint__audit_doc_lists_every_check", test_lint__audit_doc_lists_every_check},
        {"test_lint__clean", test_lint__clean},
        {"test_lint__format", test_lint__format},
        {"test_lint__missing_dirs", test_lint__missing_dirs},
        {"test_lint__strength_above_evidence", test_lint__strength_above_evidence},
        {"test_lint__strength_above_evidence_levels", test_lint__strength_above_evidence_levels},
        {"test_lint__real_knowledge_base", test_lint__real_knowledge_base},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
