/* run_case.h — the unit tests' shared set-up: the real knowledge base
 * (pipeline and rule model) and one example record read and assessed. */
#ifndef SOL_TEST_RUN_CASE_H
#define SOL_TEST_RUN_CASE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb.h"
#include "pipeline.h"

typedef struct {
    sol_pipeline *p;
    sol_kb *kb;
    sol_findings *f;
    sol_assessment *a;
    char *id;
} run;

/* 0 when file was read and assessed; else prints the error and returns -1
 * (run_close is still safe). */
static int run_open(run *r, const char *file)
{
    sol_diag d = {0};
    memset(r, 0, sizeof *r);
    if (sol_pipeline_new(&r->p, "rules", "knowledge", &d) ||
        sol_kb_load(&r->kb, "rules", "knowledge", &d) ||
        sol_pipeline_read_assess(r->p, file, &r->f, &r->id, &r->a, &d)) {
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
        return -1;
    }
    return 0;
}

static void run_close(run *r)
{
    sol_assessment_free(r->a);
    sol_findings_free(r->f);
    free(r->id);
    sol_kb_free(r->kb);
    sol_pipeline_free(r->p);
}

#endif
