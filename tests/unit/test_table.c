/* test_table.c — the one reader of the knowledge tables: each rule of
 * table.h on a fixture in tests/fixtures/table/ with its exact FILE:LINE:
 * message, one parsed copy per process, and a pipeline that reads each
 * knowledge table once however many records and next-best trials it runs. */
#include "harness.h"
#include "nextbest.h"
#include "pipeline.h"
#include "table.h"

#define FIX "tests/fixtures/table/"
#define COLS "id kind:a|b|c size:number [note]"

/* "FILE:LINE: message" (or "FILE: message" at line 0), as main prints it. */
static const char *where(const sol_diag *d, char *buf, size_t len)
{
    if (d->line > 0)
        snprintf(buf, len, "%s:%d: %s", d->file, d->line, d->msg);
    else
        snprintf(buf, len, "%s: %s", d->file, d->msg);
    return buf;
}

static void test_table__reads_good_rows(void)
{
    const sol_table *t = NULL;
    const sol_table_row *r;
    sol_diag d = {"", 0, ""};

    CHECK_EQ_INT(sol_table_open(&t, FIX "good.tsv", COLS, 0, &d), SOL_OK);
    CHECK_EQ_INT(sol_table_count(t), 2);
    r = sol_table_at(t, 0);
    CHECK_EQ_INT(r->line, 4);
    CHECK_EQ_INT(r->ncols, 3);
    CHECK_EQ_STR(r->col[0], "one");
    CHECK_EQ_STR(r->col[2], "1.5");
    CHECK(r->col[3] == NULL);
    r = sol_table_at(t, 1);
    CHECK_EQ_INT(r->line, 6);
    CHECK_EQ_INT(r->ncols, 4);
    CHECK_EQ_STR(r->col[0], "two"); /* spaces around cells trimmed */
    CHECK_EQ_STR(r->col[1], "b");
    CHECK_EQ_STR(r->col[3], "some note"); /* CR of the line end gone */
    CHECK(sol_table_at(t, 2) == NULL);
    CHECK_EQ_STR(sol_table_path(t), FIX "good.tsv");
    sol_table_close(t);
    sol_table_close(NULL);
    CHECK_EQ_INT(sol_table_count(NULL), 0);
}

static void test_table__each_rule_names_file_and_line(void)
{
    static const struct {
        const char *file;
        int code;
        const char *want;
    } bad[] = {
        {"few.tsv", SOL_EPARSE,
         FIX "few.tsv:3: expected 3 tab-separated columns (id kind size [note]), found 2"},
        {"many.tsv", SOL_EPARSE,
         FIX "many.tsv:1: expected 4 tab-separated columns (id kind size [note]), found 5"},
        {"wide.tsv", SOL_EPARSE,
         FIX "wide.tsv:1: expected 4 tab-separated columns (id kind size [note]), found 13"},
        {"empty.tsv", SOL_EPARSE,
         FIX "empty.tsv:3: column 2 is empty (columns: id kind size [note]; write - for none)"},
        {"choice.tsv", SOL_EPARSE, FIX "choice.tsv:3: kind 'd': expected a, b or c"},
        {"header.tsv", SOL_EPARSE, FIX "header.tsv:1: kind 'kind': expected a, b or c"},
        {"number.tsv", SOL_EPARSE, FIX "number.tsv:2: size '0x10': expected a number"},
        {"nul.tsv", SOL_EPARSE, FIX "nul.tsv:2: a NUL byte in a text file"},
        {"utf8.tsv", SOL_EPARSE, FIX "utf8.tsv:2: not valid UTF-8"},
        {"missing.tsv", SOL_EIO, FIX "missing.tsv: cannot open: No such file or directory"},
    };
    char path[256], got[2048];

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const sol_table *t = (const sol_table *)1;
        sol_diag d = {"", 0, ""};
        int rc;

        snprintf(path, sizeof path, FIX "%s", bad[i].file);
        rc = sol_table_open(&t, path, COLS, 0, &d);
        if (rc != bad[i].code || t != NULL || strcmp(where(&d, got, sizeof got), bad[i].want)) {
            printf("  %s: rc=%d got '%s'\n  want '%s'\n", bad[i].file, rc, got, bad[i].want);
            CHECK(0);
        }
    }
}

static void test_table__optional_missing_file_is_no_table(void)
{
    const sol_table *t = (const sol_table *)1;
    sol_diag d = {"", 0, ""};

    CHECK_EQ_INT(sol_table_open(&t, FIX "missing.tsv", COLS, SOL_TABLE_OPTIONAL, &d), SOL_OK);
    CHECK(t == NULL);
    CHECK_EQ_INT(sol_table_open(&t, FIX "few.tsv", COLS, SOL_TABLE_OPTIONAL, &d), SOL_EPARSE);
}

static void test_table__one_parsed_copy(void)
{
    const sol_table *a = NULL, *b = NULL, *c = NULL;
    sol_diag d = {"", 0, ""};
    size_t before = sol_table_parse_count();

    CHECK_EQ_INT(sol_table_open(&a, FIX "good.tsv", COLS, 0, &d), SOL_OK);
    CHECK_EQ_INT(sol_table_open(&b, FIX "good.tsv", COLS, 0, &d), SOL_OK);
    CHECK(a == b);
    CHECK_EQ_INT(sol_table_parse_count() - before, 1);
    /* Other columns are another reading of the file. */
    CHECK_EQ_INT(sol_table_open(&c, FIX "good.tsv", "id kind size [note]", 0, &d), SOL_OK);
    CHECK(c != a);
    sol_table_close(c);
    sol_table_close(a);
    CHECK_EQ_STR(sol_table_at(b, 0)->col[0], "one"); /* b still holds it */
    sol_table_close(b);
    /* Closed by everyone, it is read again when next asked for. */
    CHECK_EQ_INT(sol_table_open(&a, FIX "good.tsv", COLS, 0, &d), SOL_OK);
    CHECK_EQ_INT(sol_table_parse_count() - before, 3);
    sol_table_close(a);
}

/* The pipeline reads every knowledge table when it is made, and nothing
 * reads one again: not per record, not for the rule model the report and
 * next-best load, not for next-best's trial assessments. */
static void test_table__pipeline_reads_each_table_once(void)
{
    static const char *const records[] = {
        "tests/cases/tc1-hayley-overstride/record.xml",
        "examples/tc3-dvt.xml",
    };
    sol_pipeline *p = NULL;
    sol_diag d = {"", 0, ""};
    size_t before = sol_table_parse_count(), made;

    CHECK_EQ_INT(sol_pipeline_new(&p, "rules", "knowledge", &d), SOL_OK);
    made = sol_table_parse_count();
    /* vocabulary, units, tiers, urgency, phases, population, sources,
     * strengths, conditions, recommendations, severity, contraindications,
     * must-not-miss, referrals, thresholds, wells, sign-sets, score-bands,
     * note-patterns */
    CHECK_EQ_INT(made - before, 19);
    for (size_t i = 0; i < sizeof records / sizeof records[0]; i++) {
        sol_findings *f = NULL;
        char *id = NULL;
        sol_assessment *a = NULL;
        sol_nextbest *nb = NULL;

        CHECK_EQ_INT(sol_pipeline_read_assess(p, records[i], &f, &id, &a, &d), SOL_OK);
        if (a)
            CHECK_EQ_INT(sol_nextbest_compute(&nb, p, f, a->report, &d), SOL_OK);
        sol_nextbest_free(nb);
        sol_assessment_free(a);
        sol_findings_free(f);
        free(id);
    }
    CHECK_EQ_INT(sol_table_parse_count(), made);
    sol_pipeline_free(p);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_table__reads_good_rows", test_table__reads_good_rows},
        {"test_table__each_rule_names_file_and_line", test_table__each_rule_names_file_and_line},
        {"test_table__optional_missing_file_is_no_table",
         test_table__optional_missing_file_is_no_table},
        {"test_table__one_parsed_copy", test_table__one_parsed_copy},
        {"test_table__pipeline_reads_each_table_once",
         test_table__pipeline_reads_each_table_once},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
