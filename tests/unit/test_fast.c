/* test_fast.c — the speed-ups keep their promises: a current binary rule
 * image is loaded and gives the same assessment (doc strings saved beside
 * it), a stale or damaged one is never used; a next-best trial (no
 * provenance, no report) ranks the beliefs as the report does; knowledge
 * kept between records gives the facts of a reset; the JSON serialiser
 * writes what jansson's own dump writes. */
#include <glob.h>
#include <math.h>
#include <unistd.h>

#include "harness.h"
#include "engine_int.h"
#include "json_int.h"
#include "nextbest.h"
#include "run_case.h"

/* A scratch copy of the rule files; returns its path (static buffer). */
static const char *copy_rules(void)
{
    static char dir[64];
    snprintf(dir, sizeof dir, "/tmp/soleus-fast.XXXXXX");
    if (!mkdtemp(dir))
        return NULL;
    glob_t gl;
    if (glob("rules/*.clp", 0, NULL, &gl) != 0)
        return NULL;
    for (size_t i = 0; i < gl.gl_pathc; i++) {
        char to[256], *text = NULL;
        size_t len = 0;
        sol_diag d = {0};
        snprintf(to, sizeof to, "%s/%s", dir, strrchr(gl.gl_pathv[i], '/') + 1);
        if (sol_read_file(&text, &len, gl.gl_pathv[i], 1u << 22, &d))
            return NULL;
        FILE *f = fopen(to, "wb");
        fwrite(text, 1, len, f);
        fclose(f);
        free(text);
    }
    globfree(&gl);
    return dir;
}

static void remove_dir(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("  cannot remove %s\n", dir);
}

/* Top conclusion id and the first contribution's rationale of tc3. */
static int assess_tc3(const char *rules, int *from_image, char *top, size_t len, char *rationale,
                      size_t rlen)
{
    sol_diag d = {0};
    sol_pipeline *p = NULL;
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    char *id = NULL;
    int rc = sol_pipeline_new(&p, rules, "knowledge", &d);
    if (!rc)
        rc = sol_pipeline_read_assess(p, "examples/tc3-dvt.xml", &f, &id, &a, &d);
    if (!rc) {
        const sol_rconclusion *c = sol_report_conclusion_at(a->report, 0);
        *from_image = sol_engine_from_image(sol_pipeline_engine(p));
        snprintf(top, len, "%s %.4f", c->id, c->cf);
        snprintf(rationale, rlen, "%s", c->ncontrib ? c->contrib[0].rationale : "");
    } else {
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
    }
    sol_assessment_free(a);
    sol_findings_free(f);
    free(id);
    sol_pipeline_free(p);
    return rc;
}

static void test_fast__current_image_is_loaded_and_agrees(void)
{
    const char *dir = copy_rules();
    CHECK(dir != NULL);
    char t1[128], t2[128], r1[512], r2[512];
    int img1 = -1, img2 = -1;
    sol_diag d = {0};
    int rc = assess_tc3(dir, &img1, t1, sizeof t1, r1, sizeof r1);
    int saved = sol_engine_save_image(dir, &d);
    int rc2 = assess_tc3(dir, &img2, t2, sizeof t2, r2, sizeof r2);
    remove_dir(dir);
    CHECK_EQ_INT(rc, 0);
    CHECK_EQ_INT(saved, 0);
    CHECK_EQ_INT(rc2, 0);
    CHECK_EQ_INT(img1, 0);
    CHECK_EQ_INT(img2, 1);
    CHECK_EQ_STR(t2, t1);
    CHECK(r1[0] != '\0');
    CHECK_EQ_STR(r2, r1); /* doc strings come from beside the image */
}

static void test_fast__stale_image_falls_back_to_text(void)
{
    const char *dir = copy_rules();
    CHECK(dir != NULL);
    sol_diag d = {0};
    int saved = sol_engine_save_image(dir, &d);
    char path[256];
    snprintf(path, sizeof path, "%s/90-manage.clp", dir);
    FILE *f = fopen(path, "a");
    if (f) {
        fputs("\n; an edit after the image was built\n", f);
        fclose(f);
    }
    sol_engine *e = NULL;
    int rc = sol_engine_new(&e, dir, &d);
    int img = e ? sol_engine_from_image(e) : -1;
    size_t n = e ? sol_engine_rule_count(e) : 0;
    sol_engine_free(e);
    remove_dir(dir);
    CHECK_EQ_INT(saved, 0);
    CHECK(f != NULL);
    CHECK_EQ_INT(rc, 0);
    CHECK_EQ_INT(img, 0);
    CHECK(n > 0);
}

static void test_fast__damaged_image_falls_back_to_text(void)
{
    const char *dir = copy_rules();
    CHECK(dir != NULL);
    sol_diag d = {0};
    int saved = sol_engine_save_image(dir, &d);
    char path[256];
    snprintf(path, sizeof path, "%s/" SOL_ENGINE_IMAGE, dir);
    FILE *f = fopen(path, "r+b");
    if (f) {
        fputs("not a CLIPS image", f);
        fclose(f);
    }
    sol_engine *e = NULL;
    int rc = sol_engine_new(&e, dir, &d);
    int img = e ? sol_engine_from_image(e) : -1;
    size_t n = e ? sol_engine_rule_count(e) : 0;
    sol_engine_free(e);
    sol_engine *t = NULL;
    sol_engine_new(&t, "rules", &d);
    size_t want = t ? sol_engine_rule_count(t) : 1;
    sol_engine_free(t);
    remove_dir(dir);
    CHECK_EQ_INT(saved, 0);
    CHECK_EQ_INT(rc, 0);
    CHECK_EQ_INT(img, 0);
    CHECK_EQ_INT(n, want);
}

/* For every example: the trial's tops and red flag equal the report's. */
static void test_fast__trial_ranks_as_the_report(void)
{
    glob_t gl;
    CHECK(glob("examples/*.xml", 0, NULL, &gl) == 0);
    int bad = 0;
    for (size_t i = 0; i < gl.gl_pathc && !bad; i++) {
        run r = {0};
        if (run_open(&r, gl.gl_pathv[i])) {
            bad = 1;
            break;
        }
        sol_belief *b = NULL;
        size_t nb = 0;
        sol_diag d = {0};
        char top[4][64];
        double cf[4];
        int red = -1;
        if (sol_engine_trial(sol_pipeline_engine(r.p), r.f, &b, &nb, &d) != SOL_OK) {
            printf("  %s: trial failed: %s\n", gl.gl_pathv[i], d.msg);
            bad = 1;
        } else {
            char tiers[SOL_NB_TIERS + 1];
            sol_catalog_tier_letters(sol_pipeline_catalog(r.p), tiers, sizeof tiers);
            sol_report_tops_of(b, nb, sol_pipeline_catalog(r.p), tiers, top, cf, &red);
            if (red != sol_report_has_red_flag(r.a->report)) {
                printf("  %s: red flag %d, report says %d\n", gl.gl_pathv[i], red,
                       sol_report_has_red_flag(r.a->report));
                bad = 1;
            }
            for (int t = 0; t < 4 && !bad; t++) {
                const sol_rconclusion *want = NULL;
                for (size_t k = 0; k < sol_report_conclusion_count(r.a->report); k++) {
                    const sol_rconclusion *c = sol_report_conclusion_at(r.a->report, k);
                    if (c->tier == tiers[t] && c->rank == 1 && !want)
                        want = c;
                }
                if (strcmp(top[t], want ? want->id : "") != 0 || (want && cf[t] != want->cf)) {
                    printf("  %s: tier %c top %s %.4f, report %s\n", gl.gl_pathv[i], tiers[t],
                           top[t], cf[t], want ? want->id : "none");
                    bad = 1;
                }
            }
        }
        free(b);
        run_close(&r);
    }
    globfree(&gl);
    CHECK(!bad);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every fact of g as "relation slot=value …" and every firing as its rule
 * name, sorted (n strings, malloc'd; free with free_lines). */
static char **graph_lines(const sol_graph *g, size_t *n)
{
    size_t nf = sol_graph_fact_count(g), nr = sol_graph_firing_count(g);
    char **v = calloc(nf + nr + 1, sizeof *v);
    for (size_t i = 0; v && i < nf; i++) {
        const sol_gfact *x = sol_graph_fact_at(g, i);
        char line[2048];
        size_t used = (size_t)snprintf(line, sizeof line, "%s", x->relation);
        for (size_t k = 0; k < x->nslots && used < sizeof line; k++) {
            char u[256];
            used += (size_t)snprintf(line + used, sizeof line - used, " %s=", x->slot_names[k]);
            /* a number naming a fact of this run (a vote counted, a kept
             * dependent) stands for that fact: CLIPS numbers facts on
             * from the last record when the knowledge is kept */
            char *save = NULL;
            sol_value_text(&x->slot_values[k], u, sizeof u);
            for (char *t = strtok_r(u, " ", &save); t && used < sizeof line;
                 t = strtok_r(NULL, " ", &save)) {
                char *end;
                long long idx = strtoll(t, &end, 10);
                long pos = *end ? -1 : sol_graph_find_index(g, idx);
                const sol_gfact *y = pos >= 0 ? sol_graph_fact_at(g, (size_t)pos) : NULL;
                char w[256];
                if (y && y->nslots > 0)
                    snprintf(w, sizeof w, "@%s(%s)", y->relation,
                             sol_value_text(&y->slot_values[0], (char[128]){0}, 128));
                else
                    snprintf(w, sizeof w, "%s", t);
                used += (size_t)snprintf(line + used, sizeof line - used, "%s,", w);
            }
        }
        v[i] = strdup(line);
    }
    for (size_t i = 0; v && i < nr; i++) {
        char line[600];
        snprintf(line, sizeof line, "fired %s", sol_graph_firing_at(g, i)->rule);
        v[nf + i] = strdup(line);
    }
    *n = nf + nr;
    if (v)
        qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static void free_lines(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

/* 1 when two graphs hold the same facts and firings. Their order may
 * differ: after a refresh CLIPS orders equal-salience activations
 * otherwise than after a reset, and every reader sorts. */
static int same_graph(const sol_graph *a, const sol_graph *b)
{
    size_t na = 0, nb = 0;
    char **x = graph_lines(a, &na), **y = graph_lines(b, &nb);
    int same = x && y && na == nb;
    for (size_t i = 0; same && i < na; i++)
        same = x[i] && y[i] && strcmp(x[i], y[i]) == 0;
    free_lines(x, na);
    free_lines(y, nb);
    return same;
}

/* Knowledge facts kept between records (only the record's facts
 * retracted, the graph started from the knowledge snapshot) give every
 * golden case the same final facts and firings as a run after a full
 * reset. */
static void test_fast__kept_knowledge_equals_reset(void)
{
    glob_t gl;
    sol_diag d = {0};
    sol_pipeline *p = NULL;
    int n = 0, bad = 0;

    CHECK_EQ_INT(sol_pipeline_new(&p, "rules", "knowledge", &d), SOL_OK);
    CHECK(glob("tests/cases/*/record.xml", 0, NULL, &gl) == 0);
    sol_engine *e = p ? sol_pipeline_engine(p) : NULL;
    for (size_t i = 0; e && i < gl.gl_pathc; i++) {
        sol_findings *f = NULL;
        char *id = NULL;
        sol_graph *kept = NULL, *reset = NULL;
        if (sol_pipeline_read(p, gl.gl_pathv[i], &f, &id, &d) != SOL_OK)
            continue; /* a case may be meant to be refused */
        /* the previous record's run left the knowledge in place */
        int rk = sol_engine_run(e, f, &kept, &d);
        sol_engine_bench_naive(e, f, &d); /* leaves the next run a reset */
        int rr = sol_engine_run(e, f, &reset, &d);
        if (rk != rr || (rk == SOL_OK && !same_graph(kept, reset))) {
            printf("  %s: kept knowledge and reset disagree\n", gl.gl_pathv[i]);
            bad++;
        }
        n++;
        sol_graph_free(kept);
        sol_graph_free(reset);
        sol_findings_free(f);
        free(id);
    }
    globfree(&gl);
    sol_pipeline_free(p);
    CHECK(n > 100);
    CHECK_EQ_INT(bad, 0);
}

/* sol_json_dump against json_dumpb with the flags it stands in for: reals
 * of every magnitude and sign, integers at the limits, escapes, UTF-8,
 * embedded NUL, empty and nested containers, keys needing the sort. */
static void test_fast__json_dump_is_janssons(void)
{
    static const double reals[] = {0,      -0.0,   1,           -1,     0.5,       0.123456,
                                   1e-5,   1.5e-7, 123456789.0, 1e21,   -2.5e-300, 100,
                                   1234.5, 0.0001, 12345.0,     3.14159};
    json_t *root = json_object();
    json_t *arr = json_array();
    for (size_t i = 0; i < sizeof reals / sizeof *reals; i++)
        json_array_append_new(arr, json_real(reals[i]));
    json_array_append_new(arr, json_integer(0));
    json_array_append_new(arr, json_integer(-9223372036854775807LL - 1));
    json_array_append_new(arr, json_integer(9223372036854775807LL));
    json_array_append_new(arr, json_true());
    json_array_append_new(arr, json_false());
    json_array_append_new(arr, json_null());
    json_array_append_new(arr, json_array());
    json_array_append_new(arr, json_object());
    json_object_set_new(root, "values", arr);
    json_object_set_new(root, "text",
                        json_string("quote \" slash / back \\ tab \t nl \n cr \r "
                                    "bs \b ff \f bell \a esc \x1b del \x7f "
                                    "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80"));
    json_object_set_new(root, "nul", json_stringn("a\0b", 3));
    json_object_set_new(root, "", json_string(""));
    json_object_set_new(root, "B", json_integer(1));
    json_object_set_new(root, "a", json_integer(2));
    json_object_set_new(root, "\xc3\xa9", json_integer(3));
    json_object_set_new(root, "a\"b", json_integer(4));
    json_t *deep = json_object();
    for (int i = 0; i < 40; i++) {
        char k[16];
        snprintf(k, sizeof k, "k%02d", (i * 7) % 40);
        json_object_set_new(deep, k, json_pack("{s:[i,{s:f}]}", "x", i, "y", i / 3.0));
    }
    json_object_set_new(root, "deep", deep);
    for (int indent = 0; indent <= 2; indent += 2) {
        size_t flags = JSON_SORT_KEYS | JSON_REAL_PRECISION(4) |
                       (indent ? JSON_INDENT(indent) : JSON_COMPACT);
        size_t want_n = json_dumpb(root, NULL, 0, flags);
        char *want = malloc(want_n + 1), *got = NULL;
        size_t got_n = 0;
        CHECK(want != NULL);
        CHECK_EQ_INT(json_dumpb(root, want, want_n, flags), want_n);
        want[want_n] = '\0';
        CHECK_EQ_INT(sol_json_dump(&got, &got_n, root, indent), SOL_OK);
        CHECK_EQ_INT(got_n, want_n);
        CHECK_EQ_STR(got, want);
        free(want);
        free(got);
    }
    json_decref(root);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_fast__current_image_is_loaded_and_agrees",
         test_fast__current_image_is_loaded_and_agrees},
        {"test_fast__stale_image_falls_back_to_text", test_fast__stale_image_falls_back_to_text},
        {"test_fast__damaged_image_falls_back_to_text",
         test_fast__damaged_image_falls_back_to_text},
        {"test_fast__trial_ranks_as_the_report", test_fast__trial_ranks_as_the_report},
        {"test_fast__json_dump_is_janssons", test_fast__json_dump_is_janssons},
        {"test_fast__kept_knowledge_equals_reset", test_fast__kept_knowledge_equals_reset},
        {NULL, NULL},
    };
    return harness_main(argc, argv, tests);
}
