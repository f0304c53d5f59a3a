/* test_write_dot.c — the Graphviz writer: node shapes by kind, red flags in
 * red and bold, and labels that stay inside their quotes whatever the
 * record says (quotes, backslashes, newlines, control characters). */
#include "harness.h"
#include "explain.h"
#include "pipeline.h"

static char *dot_of(const char *record_id, const sol_findings *f)
{
    sol_pipeline *p = NULL;
    sol_assessment *a = NULL;
    sol_explain *x = NULL;
    sol_diag d = {0};
    char *buf = NULL;
    size_t len = 0;
    FILE *out = NULL;
    if (sol_pipeline_new(&p, "rules", "knowledge", &d) ||
        sol_pipeline_assess(p, record_id, "test.xml", f, &a, &d) ||
        sol_explain_build(&x, a->report, sol_pipeline_kb(p), NULL, &d)) {
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
        goto cleanup;
    }
    out = tmpfile();
    if (!out || sol_write_dot(out, x))
        goto cleanup;
    len = (size_t)ftell(out);
    rewind(out);
    buf = malloc(len + 1);
    if (buf) {
        buf[fread(buf, 1, len, out)] = '\0';
    }
cleanup:
    if (out)
        fclose(out);
    sol_explain_free(x);
    sol_assessment_free(a);
    sol_pipeline_free(p);
    return buf;
}

static void add(sol_findings *f, const char *name, const char *sym, sol_origin origin,
                const char *quote)
{
    sol_finding x;
    memset(&x, 0, sizeof x);
    x.name = (char *)name;
    x.value.kind = SOL_VAL_SYMBOL;
    x.value.sym = (char *)sym;
    x.origin = origin;
    x.line = 9;
    x.path = (char *)"/assessment/notes/note[1]";
    x.quote = (char *)quote;
    sol_findings_add(f, &x);
}

/* Every line is outside any quoted string at its end: quotes balance once
 * escapes are skipped, and no raw control character appears. */
static int lines_balanced(const char *s)
{
    int inq = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '\\' && inq && p[1]) {
            p++;
            continue;
        }
        if (*p == '"')
            inq = !inq;
        else if (*p == '\n' && inq)
            return 0;
        else if ((unsigned char)*p < 0x20 && *p != '\n')
            return 0;
    }
    return !inq;
}

static void test_write_dot__escapes_record_text(void)
{
    sol_findings *f = sol_findings_new();
    add(f, "pitting-oedema-symptomatic-leg", "yes", SOL_ORIGIN_NOTE,
        "pits \"deeply\" \\ on\npressure\t}; digraph x {");
    add(f, "symptom-trend", "worsening", SOL_ORIGIN_RECORD, NULL);
    char *dot = dot_of("id \"with\" quotes\\", f);
    CHECK(dot != NULL);
    CHECK(lines_balanced(dot));
    CHECK_CONTAINS(dot, "digraph \"id \\\"with\\\" quotes\\\\\" {");
    CHECK_CONTAINS(dot, "\\\"deeply\\\" \\\\ on\\npressure }; digraph x {");
    free(dot);
    sol_findings_free(f);
}

static void test_write_dot__shapes_and_red_flags(void)
{
    sol_findings *f = sol_findings_new();
    add(f, "pitting-oedema-symptomatic-leg", "yes", SOL_ORIGIN_RECORD, NULL);
    char *dot = dot_of("r1", f);
    CHECK(dot != NULL);
    /* the conclusions panel: one section per tier, red flags first */
    CHECK_CONTAINS(dot, "\"conclusions\" [shape=plaintext");
    CHECK_CONTAINS(dot, "<!-- tier A -->");
    CHECK_CONTAINS(dot, "subgraph cluster_legend");
    CHECK_CONTAINS(dot, "shape=box");
    /* labels wrapped for a slide, long names after a hyphen */
    CHECK_CONTAINS(dot,
                   "shape=ellipse, label=\"pitting-oedema-\\nsymptomatic-leg = yes\\nline 9\"");
    /* possible-dvt is a red flag: a red cell, and a red vote edge to it,
     * its label tied to the edge. */
    const char *c = strstr(dot, "PORT=\"c0\"");
    CHECK(c != NULL);
    const char *eol = c ? strchr(c, '\n') : NULL;
    CHECK(eol != NULL);
    CHECK(c && strstr(c, "COLOR=\"red\"") && strstr(c, "COLOR=\"red\"") < eol);
    CHECK(c && strstr(c, "possible-dvt") && strstr(c, "possible-dvt") < eol);
    CHECK_CONTAINS(dot,
                   "-> \"conclusions\":c0:w [label=\"support +0.60\", decorate=true, color=red");
    CHECK(dot[strlen(dot) - 2] == '}');
    free(dot);
    sol_findings_free(f);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_write_dot__escapes_record_text", test_write_dot__escapes_record_text},
        {"test_write_dot__shapes_and_red_flags", test_write_dot__shapes_and_red_flags},
        {NULL, NULL},
    };
    return harness_main(argc, argv, tests);
}
