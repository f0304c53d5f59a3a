/* run_case.h — the unit tests' shared set-up: the real knowledge base
 * (pipeline and rule model) and one example record read and assessed, as
 * the explaining commands open it (sol_cli_case). */
#ifndef SOL_TEST_RUN_CASE_H
#define SOL_TEST_RUN_CASE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef sol_cli_case run;

/* 0 when file was read and assessed; else prints the error and returns -1
 * (run_close is still safe). */
static int run_open(run *r, const char *file)
{
    sol_diag d = {0};
    if (sol_cli_case_open(r, "rules", "knowledge", file, NULL, &d)) {
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
        return -1;
    }
    return 0;
}

static void run_close(run *r) { sol_cli_case_close(r); }

#endif
