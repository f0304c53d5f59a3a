/* test_json_stream.c — the assessment JSON is written straight from the
 * report model (json_stream.h); these tests hold it to the bytes jansson's
 * own json_dumpb writes for the tree the report used to be built as
 * (report_tree.h), for every golden case, pretty and as a batch line. */
#include <glob.h>
#include <math.h>

#include "harness.h"
#include "json.h"
#include "json_stream.h"
#include "pipeline.h"
#include "report_tree.h"

#define FLAGS (JSON_SORT_KEYS | JSON_REAL_PRECISION(4))

/* json_dumpb of root with flags and a newline, as the writers end a
 * document; NULL on failure. */
static char *jansson_text(json_t *root, size_t flags)
{
    size_t n = root ? json_dumpb(root, NULL, 0, flags) : 0;
    char *s = n ? malloc(n + 2) : NULL;
    if (s && json_dumpb(root, s, n, flags) == n) {
        s[n] = '\n';
        s[n + 1] = '\0';
        return s;
    }
    free(s);
    return NULL;
}

/* What writer w wrote, finished and ended with a newline as jansson_text
 * ends its text; NULL when finishing failed. */
static char *written(sol_jw *w)
{
    char *got = NULL;
    size_t n = 0;
    if (sol_jw_finish(w, &got, &n) != SOL_OK)
        return NULL;
    got[n++] = '\n';
    got[n] = '\0';
    return got;
}

/* w wrote exactly want (jansson_text's); both are freed. */
static void check_written(sol_jw *w, char *want)
{
    char *got = written(w);
    CHECK(got != NULL && want != NULL);
    CHECK_EQ_STR(got, want);
    free(got);
    free(want);
}

/* The batch line sol_write_json_line writes for r at in. */
static char *stream_line(const sol_report *r, const sol_input_pos *in)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    if (!f)
        return NULL;
    int rc = sol_write_json_line(f, r, in);
    if (fclose(f) != 0 || rc != SOL_OK) {
        free(s);
        return NULL;
    }
    return s;
}

/* 0 when the streamed texts of r equal jansson's for the tree; else prints
 * where they part. */
static int same_as_tree(const sol_report *r, const char *file, long number)
{
    sol_input_pos in = {file, number, 3};
    json_t *tree = tree_report_json(r);
    char *want = jansson_text(tree, FLAGS | JSON_INDENT(2)), *got = NULL, *want_line, *got_line;
    size_t got_n = 0;
    int bad = sol_json_report(&got, &got_n, r) != SOL_OK || !want || strcmp(got, want) != 0;
    json_object_set_new(tree, "input", tree_input_json(&in));
    want_line = jansson_text(tree, FLAGS | JSON_COMPACT);
    got_line = stream_line(r, &in);
    bad |= !want_line || !got_line || strcmp(got_line, want_line) != 0;
    if (bad) {
        const char *a = got ? got : "", *b = want ? want : "";
        size_t k = 0;
        while (a[k] && a[k] == b[k])
            k++;
        printf("  %s: streamed JSON differs from the tree's at byte %zu: ...%.60s\n", file, k,
               a + (k > 20 ? k - 20 : 0));
    }
    json_decref(tree);
    free(want);
    free(got);
    free(want_line);
    free(got_line);
    return bad;
}

/* Every golden case, every third with the next-best ranking too, as
 * `assess --format json` and as a `batch` line. */
static void test_json_stream__report_equals_jansson_tree_for_every_case(void)
{
    glob_t gl;
    sol_diag d = {0};
    sol_pipeline *p = NULL;
    int n = 0, bad = 0, with_next = 0;

    CHECK_EQ_INT(sol_pipeline_new(&p, "rules", "knowledge", &d), SOL_OK);
    CHECK(glob("tests/cases/*/record.xml", 0, NULL, &gl) == 0);
    for (size_t i = 0; i < gl.gl_pathc; i++) {
        sol_findings *f = NULL;
        char *id = NULL;
        sol_assessment *a = NULL;
        if (sol_pipeline_read_assess(p, gl.gl_pathv[i], &f, &id, &a, &d) != SOL_OK)
            continue; /* a case may be meant to be refused */
        if (i % 3 == 0 && sol_pipeline_assess_next(p, a, &d) == SOL_OK)
            with_next += sol_report_has_next(a->report);
        bad += same_as_tree(a->report, gl.gl_pathv[i], (long)i + 1);
        n++;
        sol_assessment_free(a);
        sol_findings_free(f);
        free(id);
    }
    globfree(&gl);
    sol_pipeline_free(p);
    CHECK(n > 100);
    CHECK(with_next > 10);
    CHECK_EQ_INT(bad, 0);
}

/* A file name that is not UTF-8 is written with U+FFFD where jansson would
 * refuse a byte, as the tree's utf8_string did: truncated, over-long,
 * surrogate, out-of-range and stray continuation bytes. */
static void test_json_stream__file_names_not_utf8_as_the_tree(void)
{
    static const char *names[] = {"plain.xml",           "caf\xc3\xa9.xml", "bad\xff.xml",
                                  "cut\xe2\x80",         "over\xc0\xaf",    "sur\xed\xa0\x80.xml",
                                  "big\xf4\x90\x80\x80", "cont\x80x",       "f5\xf5\x80\x80\x80",
                                  "ok4\xf0\x9f\x98\x80", "e0\xe0\x80\x80",  "q\"\\\x01"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        sol_jw w;
        sol_input_pos in = {names[i], 1, 1};
        json_t *o = json_object();
        json_object_set_new(o, "input", tree_input_json(&in));
        char *want = jansson_text(o, FLAGS | JSON_COMPACT);
        json_decref(o);
        sol_jw_init(&w, 0);
        sol_jw_object(&w, NULL);
        sol_jw_object(&w, "input");
        sol_jw_int(&w, "line", 1);
        sol_jw_int(&w, "number", 1);
        sol_jw_utf8(&w, "source", names[i]);
        sol_jw_close(&w);
        sol_jw_close(&w);
        check_written(&w, want);
    }
}

/* Keys that come out of order (a band's score name) are sorted when their
 * object closes, pretty and compact, nested objects moved whole. */
static void test_json_stream__object_out_of_order_is_sorted(void)
{
    for (int indent = 0; indent <= 2; indent += 2) {
        sol_jw w;
        json_t *want_tree = json_pack("{s:i,s:{s:i,s:[i,i],s:{}},s:[],s:s,s:n}", "zeta", 1, "mid",
                                      "b", 2, "a", 3, 4, "c", "alpha", "b", "x", "beta");
        char *want = jansson_text(want_tree,
                                  FLAGS | (indent ? JSON_INDENT(indent) : JSON_COMPACT));
        json_decref(want_tree);
        sol_jw_init(&w, indent);
        sol_jw_object(&w, NULL);
        sol_jw_int(&w, "zeta", 1);
        sol_jw_object(&w, "mid");
        sol_jw_int(&w, "b", 2);
        sol_jw_array(&w, "a");
        sol_jw_int(&w, NULL, 3);
        sol_jw_int(&w, NULL, 4);
        sol_jw_close(&w);
        sol_jw_object(&w, "c");
        sol_jw_close(&w);
        sol_jw_close(&w);
        sol_jw_array(&w, "alpha");
        sol_jw_close(&w);
        sol_jw_str(&w, "b", "x");
        sol_jw_null(&w, "beta");
        sol_jw_str(&w, "left-out", NULL);
        sol_jw_close(&w);
        check_written(&w, want);
    }
}

/* Reals as json_dumpb writes them at precision 4, where the writer skips
 * snprintf: certainties, their halves and thousandths (ties of the
 * rounding), and values of every magnitude and sign. */
static void test_json_stream__reals_as_jansson(void)
{
    json_t *arr = json_array();
    sol_jw w;
    char *got = NULL;
    unsigned long long x = 88172645463325252ULL;
    sol_jw_init(&w, 0);
    sol_jw_array(&w, NULL);
    for (int i = 0; i < 200000; i++) {
        double v;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift: the same run each time */
        switch (i % 5) {
        case 0: v = (double)(x % 2000001) / 1e6 - 1.0; break;
        case 1: v = (double)(long long)(x % 200001 - 100000) / 20000.0; break;
        case 2: v = (double)(x % 100000) * 0.00005; break;
        case 3: v = ldexp((double)(x % 1000003) / 1000003.0, (int)(x >> 40) % 60 - 30); break;
        default: v = (double)(long long)(x % 20001 - 10000) / (double)(1 + x % 1000); break;
        }
        if (i % 1000 == 0)
            v = 0.0;
        if (i % 2)
            v = -v;
        json_array_append_new(arr, json_real(v));
        sol_jw_real(&w, NULL, v);
    }
    sol_jw_close(&w);
    char *want = jansson_text(arr, FLAGS | JSON_COMPACT);
    json_decref(arr);
    got = written(&w);
    CHECK(got != NULL && want != NULL);
    size_t k = 0;
    while (got[k] && got[k] == want[k])
        k++;
    if (got[k] || want[k])
        printf("  reals differ at byte %zu: %.40s vs %.40s\n", k, got + (k > 10 ? k - 10 : 0),
               want + (k > 10 ? k - 10 : 0));
    CHECK(strcmp(got, want) == 0);
    free(got);
    free(want);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_json_stream__report_equals_jansson_tree_for_every_case",
         test_json_stream__report_equals_jansson_tree_for_every_case},
        {"test_json_stream__file_names_not_utf8_as_the_tree",
         test_json_stream__file_names_not_utf8_as_the_tree},
        {"test_json_stream__object_out_of_order_is_sorted",
         test_json_stream__object_out_of_order_is_sorted},
        {"test_json_stream__reals_as_jansson", test_json_stream__reals_as_jansson},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
