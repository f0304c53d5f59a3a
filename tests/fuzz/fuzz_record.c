/* fuzz_record.c — libFuzzer harness: any bytes as a record file, through
 * ingest (size, UTF-8, DOCTYPE, limits, libxml2, RELAX NG, vocabulary),
 * note matching, the engine, and every writer of an assessment (text, JSON,
 * summary, explain terse and teach, DOT). Refusals are fine; crashes, leaks,
 * undefined behaviour, hangs, and a refusal of the record's content that
 * does not name the file and a line are findings. */
#include <unistd.h>

#include "explain.h"
#include "fuzz.h"
#include "writers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    sol_pipeline *p = fuzz_pipeline();
    FILE *out = fuzz_sink(), *f;
    sol_findings *fs = NULL;
    sol_assessment *a = NULL;
    sol_explain *x = NULL;
    char *id = NULL;
    sol_diag d = {0};

    if (!path[0])
        snprintf(path, sizeof path, "/tmp/soleus-fuzz-record.%ld.xml", (long)getpid());
    if (!(f = fopen(path, "wb")))
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    if (fclose(f) != 0)
        abort();
    int rc = sol_pipeline_read_assess(p, path, &fs, &id, &a, &d);
    if (rc == SOL_OK) {
        sol_write_text(out, a->report, NULL);
        sol_write_json(out, a->report);
        sol_write_summary(out, a->report);
        if (sol_explain_build(&x, a->report, sol_pipeline_kb(p), NULL, &d) == SOL_OK) {
            sol_write_explain(out, x, 0);
            sol_write_explain(out, x, 1);
            sol_write_dot(out, x);
        }
    } else if (!d.msg[0]) {
        abort(); /* a refusal must say why */
    } else if (rc != SOL_EIO && rc != SOL_ENOMEM && (d.line <= 0 || strcmp(d.file, path) != 0)) {
        abort(); /* a refused record names its file and a line */
    }
    sol_explain_free(x);
    sol_assessment_free(a);
    sol_findings_free(fs);
    free(id);
    return 0;
}
