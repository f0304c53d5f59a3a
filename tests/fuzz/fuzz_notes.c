/* fuzz_notes.c — libFuzzer harness: any bytes as the text of one note,
 * through the note matcher (sentence split, PCRE2 patterns, negation and
 * history scope, number parsing) and the merge with structured findings. */
#include "fuzz.h"
#include "notes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sol_notes *notes;
    sol_pipeline *p = fuzz_pipeline();
    sol_findings *found = sol_findings_new(), *all = sol_findings_new();
    sol_diag d = {0};

    if (!notes) {
        char path[1024];
        const char *home = getenv("SOLEUS_HOME");
        snprintf(path, sizeof path, "%s/knowledge/note-patterns.tsv",
                 home && *home ? home : ".");
        if (sol_notes_load(&notes, path, sol_pipeline_vocab(p), &d) != SOL_OK)
            abort();
    }
    if (!found || !all)
        abort();
    if (sol_notes_extract(notes, (const char *)data, size, "/assessment/notes/note[1]",
                          1, found, &d) == SOL_OK)
        sol_notes_merge(all, found, &d);
    else if (!d.msg[0])
        abort();
    sol_findings_free(found);
    sol_findings_free(all);
    return 0;
}
