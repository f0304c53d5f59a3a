/* fuzz.h — what the libFuzzer harnesses share: the knowledge base loaded
 * once per process (from $SOLEUS_HOME, else the working tree) and a sink
 * for writer output. Harnesses run from the repository root (tests/fuzz/run.sh). */
#ifndef SOL_FUZZ_H
#define SOL_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

/* The pipeline (which owns the rule model), loaded on first use; abort when the
 * knowledge base does not load (a harness set-up error, not a finding). */
static inline sol_pipeline *fuzz_pipeline(void)
{
    static sol_pipeline *p;

    if (!p) {
        const char *home = getenv("SOLEUS_HOME");
        char rules[1024], knowledge[1024];
        sol_diag d = {0};

        if (!home || !*home)
            home = ".";
        snprintf(rules, sizeof rules, "%s/rules", home);
        snprintf(knowledge, sizeof knowledge, "%s/knowledge", home);
        if (sol_pipeline_new(&p, rules, knowledge, &d) != SOL_OK) {
            fprintf(stderr, "fuzz: cannot load the knowledge base: %s:%d: %s\n",
                    d.file, d.line, d.msg);
            abort();
        }
    }
    return p;
}

/* Writers print here: every byte is produced and then discarded. */
static inline FILE *fuzz_sink(void)
{
    static FILE *sink;

    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    return sink;
}

#endif
