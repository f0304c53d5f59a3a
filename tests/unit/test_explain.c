/* test_explain.c — the explanation model: conclusion → rules → derived
 * facts → findings, modify chains folded, (exists …) facts recovered, the
 * teaching story in firing order with phases and matched patterns, and
 * conclusion lookup. Runs the real knowledge base on examples/. */
#include "harness.h"
#include "run_case.h"
#include "explain.h"
#include "kb.h"
#include "pipeline.h"

/* Depth-first search for a node of a kind (and, for findings, a name). */
static const sol_xnode *find_node(const sol_xnode *n, sol_xkind kind, const char *name)
{
    if (n->kind == kind && (!name || (n->finding && strcmp(n->finding->name, name) == 0)))
        return n;
    for (size_t i = 0; i < n->nkids; i++) {
        const sol_xnode *hit = find_node(&n->kids[i], kind, name);
        if (hit)
            return hit;
    }
    return NULL;
}

/* The first derived-fact node of that template. */
static const sol_xnode *find_fact(const sol_xnode *n, const sol_graph *g, const char *rel)
{
    if (n->kind == SOL_XN_FACT &&
        strcmp(sol_graph_fact_at(g, (size_t)n->fact)->relation, rel) == 0)
        return n;
    for (size_t i = 0; i < n->nkids; i++) {
        const sol_xnode *hit = find_fact(&n->kids[i], g, rel);
        if (hit)
            return hit;
    }
    return NULL;
}

static void test_explain__chain_reaches_record_lines(void)
{
    run r;
    sol_explain *x = NULL;
    const sol_condition *c = NULL;
    sol_diag d = {0};
    CHECK(run_open(&r, "examples/tc3-dvt.xml") == 0);
    CHECK_EQ_INT(sol_explain_resolve(&c, sol_pipeline_catalog(r.p), "possible-dvt", &d), SOL_OK);
    CHECK_EQ_INT(sol_explain_build(&x, r.a->report, sol_pipeline_kb(r.p), c, &d), SOL_OK);
    CHECK_EQ_INT(sol_explain_root_count(x), 1);
    const sol_xnode *root = sol_explain_root_at(x, 0);
    CHECK_EQ_INT(root->kind, SOL_XN_CONCLUSION);
    CHECK(root->nkids >= 1);
    /* Every vote is a rule node with its contribution and model entry. */
    for (size_t i = 0; i < root->nkids; i++) {
        CHECK_EQ_INT(root->kids[i].kind, SOL_XN_RULE);
        CHECK(root->kids[i].contrib != NULL);
        CHECK(root->kids[i].kbrule != NULL);
        CHECK(root->kids[i].kbrule->line > 0);
    }
    const sol_xnode *fd = find_node(root, SOL_XN_FINDING, "deep-vein-tenderness");
    CHECK(fd != NULL);
    CHECK(fd->finding->line > 0);
    CHECK_CONTAINS(fd->finding->path, "/assessment/");
    sol_explain_free(x);
    run_close(&r);
}

static void test_explain__modify_chain_is_one_fact(void)
{
    run r;
    sol_explain *x = NULL;
    sol_diag d = {0};
    CHECK(run_open(&r, "examples/tc3-dvt.xml") == 0);
    CHECK_EQ_INT(sol_explain_build(&x, r.a->report, sol_pipeline_kb(r.p), NULL, &d), SOL_OK);
    /* The Wells total: one derived fact built by several firings, each
     * folding in one point, none showing the earlier total as its basis. */
    const sol_xnode *score = NULL;
    for (size_t i = 0; i < sol_explain_root_count(x) && !score; i++)
        score = find_fact(sol_explain_root_at(x, i), r.a->graph, "score");
    CHECK(score != NULL);
    CHECK(score->nkids >= 2);
    for (size_t i = 0; i < score->nkids; i++) {
        CHECK_EQ_INT(score->kids[i].kind, SOL_XN_RULE);
        for (size_t k = 0; k < score->kids[i].nkids; k++) {
            const sol_gfact *f = sol_graph_fact_at(r.a->graph,
                                                   (size_t)score->kids[i].kids[k].fact);
            CHECK(strcmp(f->relation, "score") != 0);
        }
    }
    sol_explain_free(x);
    run_close(&r);
}

static void test_explain__exists_fact_recovered(void)
{
    run r;
    sol_explain *x = NULL;
    const sol_condition *c = NULL;
    sol_diag d = {0};
    /* TC6: R04 raises a clot check on a supported soleus strain through an
     * (exists (evidence …)) element, which CLIPS keeps no basis fact for. */
    CHECK(run_open(&r, "examples/tc6-borderline.xml") == 0);
    CHECK_EQ_INT(sol_explain_resolve(&c, sol_pipeline_catalog(r.p), "A1", &d), SOL_OK);
    CHECK_EQ_INT(sol_explain_build(&x, r.a->report, sol_pipeline_kb(r.p), c, &d), SOL_OK);
    CHECK_EQ_INT(sol_explain_root_count(x), 1);
    const sol_xnode *root = sol_explain_root_at(x, 0);
    int seen = 0;
    for (size_t k = 0; k < root->nkids; k++)
        for (size_t j = 0; j < root->kids[k].nkids; j++)
            if (root->kids[k].kids[j].exists) {
                const sol_gfact *f = sol_graph_fact_at(r.a->graph,
                                                       (size_t)root->kids[k].kids[j].fact);
                CHECK_EQ_STR(f->relation, "evidence");
                CHECK(root->kids[k].kids[j].nkids >= 1); /* expanded to its rule */
                seen = 1;
            }
    CHECK(seen);
    sol_explain_free(x);
    run_close(&r);
}

static void test_explain__story_in_firing_order(void)
{
    run r;
    sol_explain *x = NULL;
    sol_diag d = {0};
    CHECK(run_open(&r, "examples/tc5-gastroc-tear.xml") == 0);
    CHECK_EQ_INT(sol_explain_build(&x, r.a->report, sol_pipeline_kb(r.p), NULL, &d), SOL_OK);
    CHECK(sol_explain_phase_count(x) >= 2);
    CHECK_EQ_STR(sol_explain_phase_at(x, 0), "SCREEN");
    CHECK(sol_explain_step_count(x) >= 2);
    CHECK_EQ_INT(sol_explain_step_at(x, 0)->phase, 0); /* the start rule */
    long prev = -1;
    for (size_t i = 0; i < sol_explain_step_count(x); i++) {
        const sol_xstep *s = sol_explain_step_at(x, i);
        CHECK(s->firing > prev);
        CHECK(i == 0 || s->phase >= 1); /* every later rule sits in a phase */
        prev = s->firing;
        /* Every finding pattern names the finding fact it matched. */
        for (size_t k = 0; k < s->nmatch; k++) {
            if (s->match[k].cond->kind != SOL_KB_CE_FINDING)
                continue;
            CHECK(s->match[k].fact >= 0);
            const sol_gfact *f = sol_graph_fact_at(r.a->graph, (size_t)s->match[k].fact);
            CHECK(f->finding >= 0);
            CHECK_EQ_STR(sol_gfact_sym(f, "name"), s->match[k].cond->finding);
        }
    }
    CHECK(sol_explain_finding_count(x) >= 1);
    sol_explain_free(x);
    run_close(&r);
}

static void test_explain__resolve_by_id_or_code(void)
{
    sol_pipeline *p = NULL;
    sol_diag d = {0};
    const sol_condition *c = NULL;
    CHECK_EQ_INT(sol_pipeline_new(&p, "rules", "knowledge", &d), SOL_OK);
    CHECK_EQ_INT(sol_explain_resolve(&c, sol_pipeline_catalog(p), "a1", &d), SOL_OK);
    CHECK_EQ_STR(c->id, "possible-dvt");
    CHECK_EQ_INT(sol_explain_resolve(&c, sol_pipeline_catalog(p), "Possible-DVT", &d), SOL_OK);
    CHECK_EQ_INT(sol_explain_resolve(&c, sol_pipeline_catalog(p), "possible-dvx", &d),
                 SOL_EUSAGE);
    CHECK(c == NULL);
    CHECK_CONTAINS(d.msg, "unknown conclusion 'possible-dvx'");
    CHECK_CONTAINS(d.msg, "did you mean: possible-dvt");
    sol_pipeline_free(p);
}

static void test_explain__unreached_has_no_roots(void)
{
    run r;
    sol_explain *x = NULL;
    const sol_condition *c = NULL;
    sol_diag d = {0};
    CHECK(run_open(&r, "examples/tc5-gastroc-tear.xml") == 0);
    CHECK_EQ_INT(sol_explain_resolve(&c, sol_pipeline_catalog(r.p), "achilles-rupture", &d),
                 SOL_OK);
    CHECK_EQ_INT(sol_explain_build(&x, r.a->report, sol_pipeline_kb(r.p), c, &d), SOL_OK);
    CHECK_EQ_INT(sol_explain_root_count(x), 0);
    CHECK_EQ_INT(sol_explain_step_count(x), 0);
    sol_explain_free(x);
    sol_explain_free(NULL);
    run_close(&r);
}

static void test_explain__previous_version(void)
{
    run r;
    CHECK(run_open(&r, "examples/tc3-dvt.xml") == 0);
    const sol_graph *g = r.a->graph;
    unsigned char *sup = NULL;
    CHECK_EQ_INT(sol_explain_superseded(g, &sup), SOL_OK);
    /* Exactly one current belief per conclusion; earlier ones superseded. */
    for (size_t p = 0; p < sol_graph_fact_count(g); p++) {
        const sol_gfact *f = sol_graph_fact_at(g, p);
        if (strcmp(f->relation, "belief") != 0 || sup[p])
            continue;
        for (size_t q = p + 1; q < sol_graph_fact_count(g); q++) {
            const sol_gfact *h = sol_graph_fact_at(g, q);
            if (!sup[q] && strcmp(h->relation, "belief") == 0)
                CHECK(strcmp(sol_gfact_sym(f, "conclusion"), sol_gfact_sym(h, "conclusion")) !=
                      0);
        }
    }
    free(sup);
    run_close(&r);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_explain__chain_reaches_record_lines", test_explain__chain_reaches_record_lines},
        {"test_explain__modify_chain_is_one_fact", test_explain__modify_chain_is_one_fact},
        {"test_explain__exists_fact_recovered", test_explain__exists_fact_recovered},
        {"test_explain__story_in_firing_order", test_explain__story_in_firing_order},
        {"test_explain__resolve_by_id_or_code", test_explain__resolve_by_id_or_code},
        {"test_explain__unreached_has_no_roots", test_explain__unreached_has_no_roots},
        {"test_explain__previous_version", test_explain__previous_version},
        {NULL, NULL},
    };
    return harness_main(argc, argv, tests);
}
