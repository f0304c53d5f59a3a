/* engine_int.h — engine entry points for the unit tests, the benchmark and
 * the build's image tool (tools/rule-image.c), not for the commands: they
 * look inside a loaded engine or run CLIPS in ways an assessment never does. */
#ifndef SOL_ENGINE_INT_H
#define SOL_ENGINE_INT_H

#include "engine.h"

/* 1 when e was loaded from the binary image. */
int sol_engine_from_image(const sol_engine *e);
/* Build the image of rules_dir's *.clp files into rules_dir (`make`). */
int sol_engine_save_image(const char *rules_dir, sol_diag *d);
/* The loaded rule called name, or NULL. */
const sol_rule_info *sol_engine_rule(const sol_engine *e, const char *name);

/* What CLIPS printed during the last load/run (warnings), "" if nothing. */
const char *sol_engine_messages(const sol_engine *e);

/* Benchmark aid: CLIPS alone, naively: reset, assert the knowledge and
 * findings with the fact API, run; no provenance, nothing read back. */
int sol_engine_bench_naive(sol_engine *e, const sol_findings *f, sol_diag *d);
/* Benchmark aid: what CLIPS itself costs a process before any record:
 * creating an environment and loading the rule image, timed with clock
 * (the teardown is not timed). -1 when the image cannot be loaded. */
double sol_engine_bench_start(const char *rules_dir, double (*clock)(void));
/* Benchmark aid: provenance level. 2 (the default): the before-run hook
 * records each firing's rule and basis, and the facts each firing asserts
 * are snapshotted into the graph; 1: the before-run hook alone (the graph
 * then lacks the derived facts, so explanations are incomplete); 0: off. */
void sol_engine_set_provenance(sol_engine *e, int level);

#endif
