/* runner_int.h — the runner's table row by row, for the unit tests (the
 * HTML writer only asks for the rows a report calls for, sol_runner_select). */
#ifndef SOL_RUNNER_INT_H
#define SOL_RUNNER_INT_H

#include "runner.h"

size_t sol_runner_count(const sol_runner *r);
const sol_runner_row *sol_runner_at(const sol_runner *r, size_t i);
/* "now", "do", "avoid" or "come-back". */
const char *sol_runner_kind_name(sol_runner_kind k);

#endif
