/* test_runner.c — knowledge/runner.tsv: the shipped file loads with a row
 * for every red-flag referral, rows are picked by the report's
 * recommendations, and a bad kind is refused naming file and line. */
#include "harness.h"
#include "runner_int.h"

#include <unistd.h>

static void test_runner__shipped_file_loads_every_kind(void)
{
    sol_runner *r = NULL;
    sol_diag d;
    int kinds[4] = {0};

    memset(&d, 0, sizeof d);
    CHECK_EQ_INT(sol_runner_load(&r, "knowledge", &d), SOL_OK);
    CHECK(sol_runner_count(r) > 10);
    for (size_t i = 0; i < sol_runner_count(r); i++)
        kinds[sol_runner_at(r, i)->kind]++;
    CHECK(kinds[SOL_RUNNER_NOW] && kinds[SOL_RUNNER_DO] && kinds[SOL_RUNNER_AVOID] &&
          kinds[SOL_RUNNER_COME_BACK]);
    CHECK_EQ_STR(sol_runner_kind_name(SOL_RUNNER_COME_BACK), "come-back");
    sol_runner_free(r);
    sol_runner_free(NULL);
}

static void test_runner__bad_kind_names_file_and_line(void)
{
    char dir[] = "/tmp/soleus-runner-XXXXXX", path[64];
    sol_runner *r = NULL;
    sol_diag d;
    FILE *f;

    CHECK(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/runner.tsv", dir);
    f = fopen(path, "w");
    CHECK(f);
    fputs("# comment\nsafety-net\tcome-back\tCome back.\nhold-treatment\tmaybe\tNo.\n", f);
    fclose(f);
    memset(&d, 0, sizeof d);
    CHECK_EQ_INT(sol_runner_load(&r, dir, &d), SOL_EPARSE);
    CHECK(!r);
    CHECK_EQ_INT(d.line, 3);
    CHECK_CONTAINS(d.msg, "kind 'maybe': expected now, do, avoid or come-back");
    remove(path);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_runner__shipped_file_loads_every_kind",
         test_runner__shipped_file_loads_every_kind},
        {"test_runner__bad_kind_names_file_and_line", test_runner__bad_kind_names_file_and_line},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
