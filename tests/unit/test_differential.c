/* test_differential.c — the rule model's evaluator against CLIPS
 * (differential.h says what is compared and how "can fire" is defined): on
 * every golden case, on every one-finding what-if change of the corpus, and
 * on a planted fixture the C evaluator misreads, which the check must catch. */
#include <glob.h>

#include "harness.h"
#include "differential.h"
#include "probe.h"

/* Each divergence line is printed; the first few are enough to act on. */
static void show(const char *text, size_t n)
{
    const char *p = text;
    for (size_t i = 0; i < 100000 && p && *p; i++) {
        const char *nl = strchr(p, '\n');
        printf("  %.*s\n", nl ? (int)(nl - p) : (int)strlen(p), p);
        p = nl ? nl + 1 : NULL;
    }
    if (n > 30)
        printf("  … %zu divergences in all\n", n);
}

/* Assess findings f with p and compare; 0 or -1 (error printed). */
static int check_findings(sol_pipeline *p, const char *file, const sol_findings *f,
                          const char *label, FILE *out, diff_stats *st)
{
    sol_diag d = {0};
    sol_assessment *a = NULL;
    int rc = sol_pipeline_assess(p, "case", file, f, &a, &d);
    if (rc) {
        printf("  %s: %s:%d: %s\n", label, d.file, d.line, d.msg);
        return -1;
    }
    rc = diff_run(sol_pipeline_kb(p), a->findings, a->graph, label, out, st);
    sol_assessment_free(a);
    return rc;
}

/* 1 when the only current, known finding called name in f has value v:
 * setting v changes nothing. */
static int only_value(const sol_findings *f, const char *name, const sol_value *v)
{
    size_t n = 0, same = 0;
    for (size_t i = 0; i < sol_findings_count(f); i++) {
        const sol_finding *x = sol_findings_at(f, i);
        if (strcmp(x->name, name) != 0 || x->context != SOL_CTX_CURRENT)
            continue;
        n++;
        same += sol_value_equal(&x->value, v);
    }
    return n == 1 && same == 1;
}

/* The full product of the corpus is about 8,900 changes (13 s of CPU, three
 * times that under the sanitizers, an hour under valgrind), so every
 * stride-th change in corpus order is run: a fixed sample that still visits
 * every case and, as the stride walks across each finding's values, most
 * values of each finding. The stride is 3 unless SOLEUS_DIFF_STRIDE says
 * otherwise (1: every change; `make leakcheck` uses 30). */
static size_t change_seq;

static size_t stride(void)
{
    const char *s = getenv("SOLEUS_DIFF_STRIDE");
    long n = s ? strtol(s, NULL, 10) : 0;
    return n > 0 ? (size_t)n : 3;
}

/* Apply one change to f, assess and compare (when the sample takes it). */
static int check_change(sol_pipeline *p, const char *file, const sol_findings *f,
                        const sol_change *ch, FILE *out, diff_stats *st)
{
    sol_findings *alt = NULL;
    char label[1024], what[512];
    int rc;

    if (change_seq++ % stride() != 0)
        return 0;
    if (sol_change_apply(&alt, f, ch, 1))
        return -1;
    snprintf(label, sizeof label, "%s with %s", file, sol_change_text(ch, what, sizeof what));
    rc = check_findings(p, file, alt, label, out, st);
    sol_findings_free(alt);
    return rc;
}

/* The what-if changes of one recorded finding: removed, and set to each
 * other value of its domain (bool and enum: every other member; set: each
 * member alone; int and real: the values sol_probe_values tries, i.e. each
 * side of every constant or threshold a rule compares it with). */
static int check_finding_changes(sol_pipeline *p, const char *file, const sol_findings *f,
                                 const sol_term *t, FILE *out, diff_stats *st)
{
    sol_change ch = {(char *)t->name, 1, NULL, 0};
    sol_value *vals = NULL;
    size_t nv = 0;
    int rc = check_change(p, file, f, &ch, out, st);

    if (rc)
        return rc;
    if (t->type == SOL_TYPE_BOOL || t->type == SOL_TYPE_ENUM || t->type == SOL_TYPE_SET) {
        static const char *const yesno[] = {"yes", "no"};
        const char *const *m = t->type == SOL_TYPE_BOOL ? yesno : t->values;
        size_t n = t->type == SOL_TYPE_BOOL ? 2 : t->nvalues;
        for (size_t i = 0; i < n && !rc; i++) {
            sol_value v = {SOL_VAL_SYMBOL, (char *)m[i], 0, 0};
            sol_change one = {0};
            if (only_value(f, t->name, &v))
                continue;
            if (sol_change_set1(&one, t->name, &v))
                return -1;
            rc = check_change(p, file, f, &one, out, st);
            sol_change_clear(&one);
        }
        return rc;
    }
    if (sol_probe_values(&vals, &nv, sol_pipeline_kb(p), t))
        return -1;
    for (size_t i = 0; i < nv && !rc; i++) {
        sol_change one = {0};
        if (only_value(f, t->name, &vals[i]))
            continue;
        if (sol_change_set1(&one, t->name, &vals[i])) {
            rc = -1;
            break;
        }
        rc = check_change(p, file, f, &one, out, st);
        sol_change_clear(&one);
    }
    sol_probe_values_free(vals, nv);
    return rc;
}

/* Every recorded finding of one case (current and known; derived findings
 * are computed, never recorded), each name once. */
static int check_case_changes(sol_pipeline *p, const char *file, const sol_findings *f, FILE *out,
                              diff_stats *st)
{
    for (size_t i = 0; i < sol_findings_count(f); i++) {
        const sol_finding *x = sol_findings_at(f, i);
        const sol_term *t = sol_vocab_lookup(sol_pipeline_vocab(p), x->name);
        int seen = 0;
        if (!t || t->type == SOL_TYPE_DERIVED || x->context != SOL_CTX_CURRENT ||
            x->value.kind == SOL_VAL_UNKNOWN || x->value.kind == SOL_VAL_NONE)
            continue;
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(sol_findings_at(f, k)->name, x->name) == 0;
        if (!seen && check_finding_changes(p, file, f, t, out, st))
            return -1;
    }
    return 0;
}

/* The golden cases (and, with what_if, their one-finding changes) of the
 * rules and knowledge in rules_dir/knowledge_dir, compared; the divergence
 * lines go to *text (malloc'd, caller frees). */
static int check_corpus(const char *rules_dir, const char *knowledge_dir, const char *pattern,
                        int what_if, diff_stats *st, char **text)
{
    sol_pipeline *p = NULL;
    sol_diag d = {0};
    glob_t gl;
    size_t len = 0;
    FILE *out = open_memstream(text, &len);
    int rc = -1;

    memset(st, 0, sizeof *st);
    memset(&gl, 0, sizeof gl);
    if (!out)
        return -1;
    if (sol_pipeline_new(&p, rules_dir, knowledge_dir, &d)) {
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
        goto cleanup;
    }
    if (glob(pattern, 0, NULL, &gl) != 0 || gl.gl_pathc == 0) {
        printf("  no case matches %s\n", pattern);
        goto cleanup;
    }
    for (size_t c = 0; c < gl.gl_pathc; c++) {
        const char *file = gl.gl_pathv[c];
        sol_findings *f = NULL;
        char *id = NULL;
        if (sol_pipeline_read(p, file, &f, &id, &d)) {
            printf("  %s:%d: %s\n", d.file, d.line, d.msg);
            goto cleanup;
        }
        free(id);
        int bad = what_if ? check_case_changes(p, file, f, out, st)
                          : check_findings(p, file, f, file, out, st);
        sol_findings_free(f);
        if (bad)
            goto cleanup;
    }
    rc = 0;
cleanup:
    globfree(&gl);
    sol_pipeline_free(p);
    fclose(out);
    return rc;
}

/* The golden corpus (what_if: its one-finding changes) against CLIPS with
 * the real rules: the counts printed, every divergence shown. */
static int run_corpus(int what_if, diff_stats *st)
{
    char *text = NULL;
    int rc = check_corpus("rules", "knowledge", "tests/cases/*/record.xml", what_if, st, &text);
    printf("  %zu runs, %zu verdicts compared, %zu opaque, %zu firings\n", st->runs, st->judged,
           st->opaque, st->fired);
    if (st->divergences)
        show(text, st->divergences);
    free(text);
    return rc;
}

static void test_differential__golden_cases(void)
{
    diff_stats st;
    CHECK_EQ_INT(run_corpus(0, &st), 0);
    CHECK(st.runs > 100);
    CHECK_EQ_INT(st.divergences, 0);
}

static void test_differential__what_if_changes(void)
{
    diff_stats st;
    CHECK_EQ_INT(run_corpus(1, &st), 0);
    CHECK(st.runs >= 8000 / stride()); /* the corpus gives about 8,900 */
    CHECK_EQ_INT(st.divergences, 0);
}

/* The planted divergence: the fixture's string literal (see its rules) is
 * misread by the model, and the check names that rule, and only it, on the
 * case that records the finding; the rule read correctly agrees. */
static void test_differential__planted_divergence_is_reported(void)
{
    diff_stats st;
    char *text = NULL;
    int rc = check_corpus("tests/fixtures/differential/rules", "knowledge",
                          "tests/cases/mg-night-pain-safety-net/record.xml", 0, &st, &text);
    printf("  %s", text ? text : "");
    CHECK_EQ_INT(rc, 0);
    CHECK_EQ_INT(st.runs, 1);
    CHECK_EQ_INT(st.divergences, 1);
    CHECK_CONTAINS(text, "divergence: MAIN::misread-night-pain (X-fixture-misread) in "
                         "tests/cases/mg-night-pain-safety-net/record.xml: the model says it "
                         "can fire (held), CLIPS did not fire it");
    CHECK(!strstr(text, "read-night-pain (X-fixture-read)"));
    free(text);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_differential__golden_cases", test_differential__golden_cases},
        {"test_differential__what_if_changes", test_differential__what_if_changes},
        {"test_differential__planted_divergence_is_reported",
         test_differential__planted_divergence_is_reported},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
