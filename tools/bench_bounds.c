/* bench_bounds.c — how much work one record can cause, as ratios measured
 * in one interleaved run (never a wall-clock limit):
 *   bench-bounds ROUNDS NORMAL RECORD...
 * reads and assesses NORMAL and each RECORD in turn, ROUNDS times, and
 * prints the median CPU time of each and its ratio to NORMAL. A refused record is
 * timed up to its refusal. `make bench` runs it on the worst accepted
 * record and the hostile records of issue 15 (tools/limit-record.sh);
 * tests/sh/bounded-work.sh checks the worst ratio with --max-ratio R
 * (exit 1 when a RECORD's median is more than R times NORMAL's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pipeline.h"

/* Processor time of this process: a ratio of wall times would change
 * with the machine's load (a long run is preempted more often than a short
 * one), a ratio of CPU times measures the work itself. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Read and assess one record; returns the seconds taken, *status its rc. */
static double once(sol_pipeline *p, const char *path, int *status, sol_diag *d)
{
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    char *id = NULL;
    double t0 = now();
    *status = sol_pipeline_read_assess(p, path, &f, &id, &a, d);
    double t = now() - t0;
    sol_assessment_free(a);
    sol_findings_free(f);
    free(id);
    return t;
}

int main(int argc, char **argv)
{
    double max_ratio = 0;
    int i = 1;
    if (argc > 2 && strcmp(argv[1], "--max-ratio") == 0) {
        max_ratio = atof(argv[2]);
        i = 3;
    }
    if (argc - i < 3) {
        fprintf(stderr, "usage: bench-bounds [--max-ratio R] ROUNDS NORMAL RECORD...\n");
        return 2;
    }
    int rounds = atoi(argv[i]), n = argc - i - 1, rc = 0;
    char **paths = argv + i + 1;
    double *t = calloc((size_t)n * (size_t)(rounds > 0 ? rounds : 1), sizeof *t);
    int *status = calloc((size_t)n, sizeof *status);
    sol_diag d = {0};
    sol_pipeline *p = NULL;
    if (rounds < 1 || !t || !status || sol_pipeline_new(&p, "rules", "knowledge", &d)) {
        fprintf(stderr, "bench-bounds: %s:%d: %s\n", d.file, d.line, d.msg);
        rc = 2;
        goto cleanup;
    }
    /* Interleave the records so drift in machine load hits all alike. */
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < n; k++)
            t[(size_t)k * rounds + r] = once(p, paths[k], &status[k], &d);
    double base = 0;
    for (int k = 0; k < n; k++) {
        double *tk = t + (size_t)k * rounds;
        qsort(tk, (size_t)rounds, sizeof *tk, cmp_double);
        double med = tk[rounds / 2];
        if (k == 0)
            base = med > 0 ? med : 1e-9;
        printf("bench-bounds: %-28s %s median %9.2f ms CPU = %7.2fx the normal record\n",
               strrchr(paths[k], '/') ? strrchr(paths[k], '/') + 1 : paths[k],
               status[k] ? "refused " : "assessed", med * 1e3, med / base);
        if (k > 0 && max_ratio > 0 && med / base > max_ratio) {
            printf("bench-bounds: %s takes %.1fx the normal record, over the bound of %.0fx\n",
                   paths[k], med / base, max_ratio);
            rc = 1;
        }
    }
cleanup:
    sol_pipeline_free(p);
    free(t);
    free(status);
    return rc;
}
