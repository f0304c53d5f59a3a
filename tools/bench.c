/* bench.c — `make bench`: ratios measured in one run, never a pass/fail.
 * 1. building finding facts with the fact API vs EnvAssertString text;
 * 2. the engine run with provenance off, with the before-run hook only, and
 *    with the hook plus fact snapshots (the default);
 * 3. a whole assessment, for scale. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "engine.h"
#include "graph.h"
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
    double t_api = 0, t_str = 0;
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
    /* The provenance hook is timed on the engine run alone (reset, assert,
     * run, graph), at levels 0 (off), 1 (before-run hook: rule and basis of
     * each firing) and 2 (hook plus a snapshot of every fact each firing
     * asserts, which explanations need), interleaved in one loop. The
     * report built from a fuller graph is its own cost, timed separately as
     * a whole assessment. */
    double t_lvl[3] = {0, 0, 0}, t_assess = 0;
    int arounds = rounds / 2 + 1;
    for (int r = 0; r < arounds; r++) {
        for (int lvl = 0; lvl < 3; lvl++) {
            sol_graph *g = NULL;
            sol_engine_set_provenance(e, lvl);
            double t0 = now();
            sol_engine_run(e, f, &g, &d);
            t_lvl[lvl] += now() - t0;
            sol_graph_free(g);
        }
        sol_engine_set_provenance(e, 2);
        sol_assessment *a = NULL;
        double t0 = now();
        sol_pipeline_assess(p, id, record, f, &a, &d);
        t_assess += now() - t0;
        sol_assessment_free(a);
    }
    printf("bench: record %s, %d rounds, %zu findings\n", record, rounds, sol_findings_count(f));
    printf("bench: assert findings: fact API %.1f us, EnvAssertString %.1f us; string/API = %.2fx\n",
           t_api / rounds * 1e6, t_str / rounds * 1e6, t_str / t_api);
    printf("bench: engine run: provenance off %.1f us, before-run hook %.1f us, hook + fact "
           "snapshots %.1f us\n",
           t_lvl[0] / arounds * 1e6, t_lvl[1] / arounds * 1e6, t_lvl[2] / arounds * 1e6);
    printf("bench: before-run hook cost = %+.1f%%; hook + snapshots cost = %+.1f%%\n",
           (t_lvl[1] / t_lvl[0] - 1) * 100, (t_lvl[2] / t_lvl[0] - 1) * 100);
    printf("bench: whole assessment (engine run, justification graph, report): %.1f us\n",
           t_assess / arounds * 1e6);
    rc = 0;
cleanup:
    sol_findings_free(f);
    free(id);
    sol_pipeline_free(p);
    return rc;
}
