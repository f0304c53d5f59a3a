/* fuzz_whatif.c — libFuzzer harness: what-if change parsing. The input is
 * one change per line ("NAME=VALUE" sets, "-NAME" unsets) applied to a
 * fixed example record; the changes are parsed against the vocabulary,
 * checked for contradictions and, when all are accepted, re-assessed and
 * written as `soleus what-if` would. */
#include "fuzz.h"
#include "probe.h"
#include "whatif.h"

#define MAX_CHANGES 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sol_findings *base_f;
    static sol_assessment *base;
    sol_pipeline *p = fuzz_pipeline();
    sol_change ch[MAX_CHANGES];
    sol_whatif *w = NULL;
    size_t nch = 0, i = 0;
    sol_diag d = {0};
    int rc = SOL_OK;
    char *text;

    if (!base) {
        char *id = NULL;
        if (sol_pipeline_read_assess(p, "examples/tc1-hayley-overstride.xml", &base_f,
                                     &id, &base, &d) != SOL_OK)
            abort();
        free(id);
    }
    if (size > 4096)
        return 0;
    if (!(text = malloc(size + 1)))
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    while (i < size && nch < MAX_CHANGES && rc == SOL_OK) {
        char *line = text + i, *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        int unset = line[0] == '-';

        line[len] = '\0';
        i += len + 1;
        rc = sol_change_parse(&ch[nch], sol_pipeline_vocab(p), line + unset, unset, &d);
        if (rc == SOL_OK)
            nch++;
        else if (!d.msg[0])
            abort();
    }
    if (rc == SOL_OK && nch && sol_change_check(ch, nch, &d) == SOL_OK
        && sol_whatif_run(&w, p, base->report, ch, nch, &d) == SOL_OK)
        sol_whatif_write_text(fuzz_sink(), w, base->report, ch, nch);
    sol_whatif_free(w);
    for (size_t k = 0; k < nch; k++)
        sol_change_clear(&ch[k]);
    free(text);
    return 0;
}
