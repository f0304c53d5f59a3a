/* bench.c — `make bench`: ratios measured in one run, never a pass/fail.
 * 1. building finding facts with the fact API vs EnvAssertString text;
 * 2. a full assessment with and without the before-run provenance hook. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "engine.h"
#include "pipeline.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *record = argc > 1 ? argv[1] : "examples/tc3-dvt.xml";
    int rounds = argc > 2 ? atoi(argv[2]) : 2000;
    sol_diag d = {0};
    sol_pipeline *p = NULL;
    sol_findings *f = NULL;
    char *id = NULL;
    int rc = 1;
    if (sol_pipeline_new(&p, "rules", "knowledge", &d) || sol_pipeline_read(p, record, &f, &id, &d)) {
        fprintf(stderr, "bench: %s:%d: %s\n", d.file, d.line, d.msg);
        goto cleanup;
    }
    sol_engine *e = sol_pipeline_engine(p);
    double t_api = 0, t_str = 0, t_on = 0, t_off = 0;
    /* Interleave the variants so drift in machine load hits both alike. */
    for (int r = 0; r < rounds; r++) {
        sol_engine_bench_reset(e);
        double t0 = now();
        sol_engine_bench_assert_string(e, f, 0, &d);
        double t1 = now();
        sol_engine_bench_reset(e);
        double t2 = now();
        sol_engine_bench_assert_string(e, f, 1, &d);
        double t3 = now();
        t_api += t1 - t0;
        t_str += t3 - t2;
    }
    for (int r = 0; r < rounds / 4 + 1; r++) {
        sol_assessment *a = NULL;
        sol_engine_set_provenance(e, 1);
        double t0 = now();
        sol_pipeline_assess(p, id, record, f, &a, &d);
        double t1 = now();
        sol_assessment_free(a);
        a = NULL;
        sol_engine_set_provenance(e, 0);
        double t2 = now();
        sol_pipeline_assess(p, id, record, f, &a, &d);
        double t3 = now();
        sol_assessment_free(a);
        t_on += t1 - t0;
        t_off += t3 - t2;
    }
    printf("bench: record %s, %d rounds, %zu findings\n", record, rounds, sol_findings_count(f));
    printf("bench: assert findings: fact API %.1f us, EnvAssertString %.1f us; string/API = %.2fx\n",
           t_api / rounds * 1e6, t_str / rounds * 1e6, t_str / t_api);
    printf("bench: assess: provenance on %.1f us, off %.1f us; hook cost = %+.1f%%\n",
           t_on / (rounds / 4 + 1) * 1e6, t_off / (rounds / 4 + 1) * 1e6,
           (t_on / t_off - 1) * 100);
    rc = 0;
cleanup:
    sol_findings_free(f);
    free(id);
    sol_pipeline_free(p);
    return rc;
}
