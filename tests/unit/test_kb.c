/* test_kb.c — the knowledge-base model read from .clp source: rules, doc
 * strings, conditions with their lines and constraints, asserted facts, and
 * evaluation of conditions against findings. Fixture: tests/fixtures/kb. */
#include "harness.h"
#include "kb.h"
#include "findings.h"

#define FIX "tests/fixtures/kb/"

static sol_kb *load_fixture(void)
{
    sol_kb *kb = NULL;
    sol_diag d = {"", 0, ""};

    if (sol_kb_load(&kb, FIX "rules", FIX "knowledge", &d) != SOL_OK)
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
    return kb;
}

static void add(sol_findings *f, const char *name, sol_valkind k, const char *sym, double num)
{
    sol_finding x;

    memset(&x, 0, sizeof x);
    x.name = (char *)name;
    x.value.kind = k;
    x.value.sym = (char *)sym;
    x.value.i = (long long)num;
    x.value.r = num;
    sol_findings_add(f, &x);
}

static void test_kb__rules_and_docs(void)
{
    sol_kb *kb = load_fixture();
    const sol_kb_rule *r;

    CHECK(kb != NULL);
    CHECK_EQ_INT(sol_kb_rule_count(kb), 4);
    CHECK_EQ_INT(sol_kb_module_count(kb), 2);
    CHECK_EQ_STR(sol_kb_module_at(kb, 1), "REDFLAG");
    CHECK_EQ_INT(sol_kb_template_count(kb), 4);
    CHECK_EQ_STR(sol_kb_template_at(kb, 1)->name, "evidence");
    CHECK_EQ_INT(sol_kb_template_at(kb, 1)->nslots, 3);
    CHECK_EQ_INT(sol_kb_function_count(kb), 1);
    CHECK_EQ_STR(sol_kb_function_at(kb, 0)->name, "half");

    r = sol_kb_rule_find(kb, "MAIN::start");
    CHECK(r != NULL);
    CHECK_EQ_INT(r->doc_ok, 1);
    CHECK_EQ_INT(r->nsources, 0);
    CHECK_EQ_INT(r->nactions, 1);
    CHECK_EQ_INT(r->actions[0].kind, SOL_KB_ACT_CALL);
    CHECK_EQ_STR(r->actions[0].tmpl, "focus");

    r = sol_kb_rule_find(kb, "support-swelling");
    CHECK(r != NULL);
    CHECK_EQ_STR(r->qname, "REDFLAG::support-swelling");
    CHECK_EQ_STR(r->file, FIX "rules/10-redflag.clp");
    CHECK_EQ_INT(r->line, 11);
    CHECK_EQ_STR(r->id, "R03");
    CHECK_EQ_INT(r->nsources, 2);
    CHECK_EQ_STR(r->sources[1], "L2");
    CHECK_EQ_STR(r->rationale, "Swelling; a | in the rationale stays.");
    CHECK_EQ_INT(r->doc_ok, 1);
    CHECK_EQ_INT(r->has_salience, 1);
    CHECK_EQ_INT(r->salience, 10);
    CHECK_EQ_INT(r->rhs_line, 20);
    CHECK_EQ_INT(sol_kb_rule_index(kb, r), 2);

    r = sol_kb_rule_find(kb, "REDFLAG::range");
    CHECK_EQ_INT(r->doc_ok, 0);
    CHECK_EQ_STR(r->id, "no pipes here");
    CHECK(r->rationale == NULL);
    CHECK(sol_kb_rule_find(kb, "nope") == NULL);
    sol_kb_free(kb);
    sol_kb_free(NULL);
}

static void test_kb__conditions(void)
{
    sol_kb *kb = load_fixture();
    const sol_kb_rule *r = sol_kb_rule_find(kb, "REDFLAG::support-swelling");
    const sol_kb_cond *c;

    CHECK(r != NULL);
    CHECK_EQ_INT(r->nconds, 5);
    c = &r->conds[0];
    CHECK_EQ_INT(c->kind, SOL_KB_CE_OR);
    CHECK_EQ_INT(c->line, 14);
    CHECK_EQ_INT(c->nchildren, 2);
    CHECK_EQ_INT(c->children[0].kind, SOL_KB_CE_FINDING);
    CHECK_EQ_STR(c->children[0].finding, "calf-swelling-diff");
    CHECK_EQ_INT(c->children[0].value->kind, SOL_KB_CONS_NUM);
    CHECK_EQ_STR(c->children[0].value->var, "?d");
    CHECK_EQ_INT(c->children[0].value->tests[0].op, SOL_KB_GT);
    CHECK(c->children[0].value->tests[0].value == 3.0);
    CHECK_EQ_INT(c->children[1].line, 15);
    CHECK_EQ_STR(c->children[1].text, "(finding (name pitting-oedema) (value yes))");
    c = &r->conds[1];
    CHECK_EQ_INT(c->value->kind, SOL_KB_CONS_NOT_IN);
    CHECK_EQ_INT(c->value->nvalues, 2);
    CHECK_EQ_STR(c->value->values[1], "bruising");
    CHECK_EQ_STR(c->value->text, "~none&~bruising");
    c = &r->conds[2];
    CHECK_EQ_INT(c->kind, SOL_KB_CE_NOT);
    CHECK_EQ_STR(c->children[0].finding, "thompson-positive");
    c = &r->conds[3];
    CHECK_EQ_INT(c->value->kind, SOL_KB_CONS_IN);
    CHECK_EQ_INT(c->value->nvalues, 2);
    CHECK_EQ_STR(c->value->values[0], "gastrocnemius-belly");
    c = &r->conds[4];
    CHECK_EQ_INT(c->kind, SOL_KB_CE_EVIDENCE);
    CHECK_EQ_STR(c->binds, "?f");
    CHECK_EQ_STR(c->conclusion, "possible-dvt");
    CHECK_EQ_STR(c->polarity, "support");
    CHECK_EQ_INT(c->line, 19);

    /* Asserts inside if/then, two facts in one assert. */
    CHECK_EQ_INT(r->nactions, 3);
    CHECK_EQ_INT(r->actions[0].kind, SOL_KB_ACT_CALL);
    CHECK_EQ_STR(r->actions[0].tmpl, "if");
    CHECK_EQ_INT(r->actions[1].kind, SOL_KB_ACT_EVIDENCE);
    CHECK_EQ_STR(r->actions[1].strength, "moderate");
    CHECK_EQ_INT(r->actions[2].kind, SOL_KB_ACT_RECOMMENDATION);
    CHECK_EQ_STR(r->actions[2].id, "refer-same-day");
    CHECK_EQ_STR(r->actions[2].conclusion, "possible-dvt");
    CHECK_EQ_INT(r->actions[2].line, 23);
    CHECK(sol_kb_rule_asserts(r, "possible-dvt", "support") != NULL);
    CHECK(sol_kb_rule_asserts(r, "possible-dvt", "oppose") == NULL);
    sol_kb_free(kb);
}

static void test_kb__thresholds_and_ranges(void)
{
    sol_kb *kb = load_fixture();
    const sol_kb_rule *r = sol_kb_rule_find(kb, "REDFLAG::refer-high-wells");
    const sol_kb_cond *c;

    CHECK(r != NULL);
    CHECK_EQ_INT(sol_kb_threshold_count(kb), 1);
    CHECK(sol_kb_threshold_find(kb, "wells-high")->value == 3.0);
    CHECK_EQ_STR(sol_kb_thresholds_file(kb), FIX "knowledge/thresholds.tsv");
    CHECK_EQ_INT(r->conds[0].kind, SOL_KB_CE_THRESHOLD);
    CHECK_EQ_STR(r->conds[0].threshold, "wells-high");
    c = &r->conds[1];
    CHECK_EQ_INT(c->value->kind, SOL_KB_CONS_NUM);
    CHECK_EQ_STR(c->value->tests[0].threshold, "wells-high");
    CHECK_EQ_INT(c->value->tests[0].resolved, 1);
    CHECK(c->value->tests[0].value == 3.0);

    r = sol_kb_rule_find(kb, "REDFLAG::range");
    c = &r->conds[0];
    CHECK_EQ_INT(c->value->kind, SOL_KB_CONS_NUM);
    CHECK_EQ_INT(c->value->ntests, 2);
    CHECK_EQ_INT(c->value->tests[1].op, SOL_KB_LE);
    CHECK(c->value->tests[1].value == 30.0);
    CHECK_EQ_INT(r->conds[1].value->kind, SOL_KB_CONS_ANY);
    CHECK_EQ_INT(r->conds[2].kind, SOL_KB_CE_TEST);
    CHECK_EQ_INT(r->conds[2].value->kind, SOL_KB_CONS_NUM);
    CHECK_EQ_STR(r->conds[2].value->var, "?a");
    CHECK_EQ_INT(r->conds[3].value->kind, SOL_KB_CONS_OPAQUE);
    CHECK_EQ_STR(r->conds[3].value->text, "?x&:(> ?x (half 4))");
    CHECK_EQ_STR(r->conds[4].value->values[0], "two words");
    sol_kb_free(kb);
}

/* A fact judge for which only support for possible-dvt is known. */
static sol_kb_result dvt_supported(void *ctx, const sol_kb_rule *r, const sol_kb_cond *c)
{
    (void)ctx;
    (void)r;
    return c->kind == SOL_KB_CE_EVIDENCE && c->conclusion &&
                   strcmp(c->conclusion, "possible-dvt") == 0
               ? SOL_KB_HELD
               : SOL_KB_FAILED;
}

static void test_kb__eval(void)
{
    sol_kb *kb = load_fixture();
    sol_findings *f = sol_findings_new();
    sol_kb_facts facts = {dvt_supported, NULL};
    long wells, swell, range;

    CHECK(kb != NULL && f != NULL);
    wells = sol_kb_rule_index(kb, sol_kb_rule_find(kb, "refer-high-wells"));
    swell = sol_kb_rule_index(kb, sol_kb_rule_find(kb, "support-swelling"));
    range = sol_kb_rule_index(kb, sol_kb_rule_find(kb, "range"));
    /* Nothing recorded: finding patterns unknown, not absent-negated. */
    CHECK_EQ_INT(sol_kb_eval_condition(kb, wells, 1, f, NULL), SOL_KB_UNKNOWN);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, wells, 0, f, NULL), SOL_KB_HELD);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, swell, 2, f, NULL), SOL_KB_HELD);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, swell, 4, f, NULL), SOL_KB_FAILED);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, swell, 4, f, &facts), SOL_KB_HELD);
    CHECK_EQ_INT(sol_kb_eval_rule(kb, wells, f, NULL), SOL_KB_UNKNOWN);

    add(f, "wells-score", SOL_VAL_INTEGER, NULL, 2);
    add(f, "pitting-oedema", SOL_VAL_SYMBOL, "no", 0);
    add(f, "calf-swelling-diff", SOL_VAL_REAL, NULL, 3.5);
    add(f, "leg-discolouration", SOL_VAL_SYMBOL, "bruising", 0);
    add(f, "thompson-positive", SOL_VAL_SYMBOL, "yes", 0);
    add(f, "pain-location", SOL_VAL_SYMBOL, "mtj", 0);
    add(f, "weekly-mileage-increase-pct", SOL_VAL_INTEGER, NULL, 31);
    add(f, "age", SOL_VAL_INTEGER, NULL, 34);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, wells, 1, f, NULL), SOL_KB_FAILED);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, swell, 0, f, NULL), SOL_KB_HELD);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, swell, 1, f, NULL), SOL_KB_FAILED);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, swell, 2, f, NULL), SOL_KB_FAILED);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, swell, 3, f, NULL), SOL_KB_HELD);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, range, 0, f, NULL), SOL_KB_FAILED);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, range, 2, f, NULL), SOL_KB_HELD);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, range, 3, f, NULL), SOL_KB_UNKNOWN);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, range, 9, f, NULL), SOL_KB_OPAQUE);

    sol_findings_remove(f, "wells-score");
    add(f, "wells-score", SOL_VAL_INTEGER, NULL, 3);
    CHECK_EQ_INT(sol_kb_eval_rule(kb, wells, f, NULL), SOL_KB_HELD);
    sol_findings_remove(f, "age");
    add(f, "age", SOL_VAL_UNKNOWN, NULL, 0); /* unknown counts as absent */
    CHECK_EQ_INT(sol_kb_eval_condition(kb, range, 2, f, NULL), SOL_KB_UNKNOWN);
    add(f, "odd", SOL_VAL_INTEGER, NULL, 9);
    CHECK_EQ_INT(sol_kb_eval_condition(kb, range, 3, f, NULL), SOL_KB_OPAQUE);
    sol_findings_free(f);
    sol_kb_free(kb);
}

/* A finding named among alternatives is opaque to the plain evaluator; the
 * next-best one judges it as any of its names, unless the name is joined. */
static void test_kb__eval_alternatives(void)
{
    static const char text[] = "(defrule any (finding (name blow) (value yes))\n"
                               "  (finding (name ?s&tense|stretch) (value yes)) => )\n"
                               "(defrule joined (finding (name ?s&tense|stretch) (value yes))\n"
                               "  (finding (name ?s) (value no)) => )\n";
    sol_kb *kb = NULL;
    sol_diag d = {"", 0, ""};
    sol_findings *f = sol_findings_new();
    const sol_kb_rule *r, *j;

    CHECK(f != NULL);
    CHECK_EQ_INT(sol_kb_parse(&kb, text, "t.clp", &d), SOL_OK);
    r = sol_kb_rule_find(kb, "any");
    j = sol_kb_rule_find(kb, "joined");
    CHECK(r && j);
    add(f, "blow", SOL_VAL_SYMBOL, "yes", 0);
    CHECK_EQ_INT(sol_kb_eval_whole(kb, r, f, NULL), SOL_KB_OPAQUE);
    CHECK_EQ_INT(sol_kb_eval_whole_alternatives(kb, r, f, NULL), SOL_KB_UNKNOWN);
    add(f, "tense", SOL_VAL_SYMBOL, "no", 0);
    CHECK_EQ_INT(sol_kb_eval_whole_alternatives(kb, r, f, NULL), SOL_KB_UNKNOWN);
    add(f, "stretch", SOL_VAL_SYMBOL, "no", 0);
    CHECK_EQ_INT(sol_kb_eval_whole_alternatives(kb, r, f, NULL), SOL_KB_FAILED);
    sol_findings_remove(f, "stretch");
    add(f, "stretch", SOL_VAL_SYMBOL, "yes", 0);
    CHECK_EQ_INT(sol_kb_eval_whole_alternatives(kb, r, f, NULL), SOL_KB_HELD);
    CHECK_EQ_INT(sol_kb_eval_whole_alternatives(kb, j, f, NULL), SOL_KB_OPAQUE);
    sol_findings_free(f);
    sol_kb_free(kb);
}

static void test_kb__parse_errors(void)
{
    sol_kb *kb = (sol_kb *)1;
    sol_diag d = {"", 0, ""};

    CHECK_EQ_INT(sol_kb_parse(&kb, "(defrule a\n  (x)\n", "t.clp", &d), SOL_EPARSE);
    CHECK(kb == NULL);
    CHECK_EQ_STR(d.file, "t.clp");
    CHECK_EQ_INT(d.line, 1);
    CHECK_CONTAINS(d.msg, "never closed");
    CHECK_EQ_INT(sol_kb_parse(&kb, "(a)\n\n)", "t.clp", &d), SOL_EPARSE);
    CHECK_EQ_INT(d.line, 3);
    CHECK_EQ_INT(sol_kb_parse(&kb, "; c\n(defrule r \"doc\n", "t.clp", &d), SOL_EPARSE);
    CHECK_EQ_INT(d.line, 2);
    CHECK_CONTAINS(d.msg, "unterminated string");
    CHECK_EQ_INT(sol_kb_parse(&kb, "\n(defrule r (a) (b))", "t.clp", &d), SOL_EPARSE);
    CHECK_EQ_INT(d.line, 2);
    CHECK_CONTAINS(d.msg, "has no =>");
    CHECK_EQ_INT(sol_kb_parse(&kb, "(defrule)", "t.clp", &d), SOL_EPARSE);
    CHECK_CONTAINS(d.msg, "without a name");
    {
        char deep[1002];

        memset(deep, '(', 1000);
        deep[1000] = ')';
        deep[1001] = '\0';
        CHECK_EQ_INT(sol_kb_parse(&kb, deep, "t.clp", &d), SOL_EPARSE);
        CHECK_CONTAINS(d.msg, "nesting deeper than");
    }
    CHECK_EQ_INT(sol_kb_load(&kb, FIX "none", NULL, &d), SOL_EIO);
    CHECK_EQ_INT(sol_kb_parse(&kb, "(defrule r \"a \\\"q\\\" | - | x\" => )", "t.clp", &d),
                 SOL_OK);
    CHECK_EQ_STR(sol_kb_rule_at(kb, 0)->id, "a \"q\"");
    CHECK_EQ_STR(sol_kb_rule_at(kb, 0)->module, "MAIN");
    sol_kb_free(kb);
}

/* A rule that reads its findings through a table fact is expanded over the
 * rows: one instance per way of matching (each pair of a multifield, in
 * member order), literal findings, the row's file and line; rows of other
 * tables and fact_only rows are passed by. */
static void test_kb__expand_table_rule(void)
{
    static const char text[] =
        "(deftemplate MAIN::finding (slot name) (slot value))\n"
        "(deftemplate MAIN::set (slot id) (slot value) (multislot members))\n"
        "(deftemplate MAIN::evidence (slot conclusion) (multislot basis))\n"
        "(defrule MAIN::pair \"X-pair | S1 | Any two members vote.\"\n"
        "   (set (id ?c) (value ?v) (members $? ?a $? ?b $?))\n"
        "   (finding (name ?a) (value ?v))\n"
        "   (finding (name ?b) (value ?v))\n"
        "   =>\n"
        "   (assert (evidence (conclusion ?c) (basis ?a ?b))))\n"
        "(defrule MAIN::plain \"X-plain | S1 | Not a table rule.\"\n"
        "   (finding (name a) (value yes))\n"
        "   =>\n"
        "   (assert (evidence (conclusion c))))\n";
    static const char *const slots[] = {"id", "value", "members"};
    static const char *const v1[] = {"torn", "yes", "a b c"};
    static const char *const v2[] = {"other", "yes", "x y"};
    sol_kb_row rows[3] = {
        {"set", slots, v1, 3, "t/sets.tsv", 7, "L5", "Any two.", 0, 0},
        {"set", slots, v2, 3, "t/sets.tsv", 8, "L5", "Hidden.", 0, 1},
        {"other", slots, v1, 3, "t/other.tsv", 1, "-", "-", 0, 0},
    };
    sol_kb *kb = NULL;
    sol_diag d = {"", 0, ""};
    sol_findings *f = sol_findings_new();
    const sol_kb_rule *r, *u;

    CHECK_EQ_INT(sol_kb_parse(&kb, text, "t.clp", &d), SOL_OK);
    CHECK_EQ_INT(sol_kb_unit_count(kb), 2); /* unexpanded: the rule itself */
    CHECK_EQ_INT(sol_kb_expand(kb, rows, 3, &d), SOL_OK);
    r = sol_kb_rule_find(kb, "pair");
    CHECK(r && r->table);
    CHECK_EQ_INT(r->nrows, 3);
    CHECK_EQ_INT(sol_kb_rule_count(kb), 2);
    CHECK_EQ_INT(sol_kb_unit_count(kb), 4);
    u = sol_kb_unit_at(kb, 1);
    CHECK(u->table_rule == r);
    CHECK_EQ_STR(u->row_file, "t/sets.tsv");
    CHECK_EQ_INT(u->row_line, 7);
    CHECK_EQ_INT(u->nconds, 2);
    CHECK_EQ_STR(u->conds[0].finding, "a");
    CHECK_EQ_STR(u->conds[1].finding, "c");
    CHECK_EQ_STR(u->rationale, "Any two.");
    CHECK_EQ_STR(u->sources[0], "L5");
    CHECK_EQ_STR(u->actions[0].conclusion, "torn");
    CHECK_EQ_STR(sol_kb_unit_at(kb, 2)->conds[0].finding, "b");
    CHECK_EQ_STR(sol_kb_unit_at(kb, 2)->conds[1].finding, "c");
    CHECK_EQ_STR(sol_kb_unit_at(kb, 3)->qname, "MAIN::plain");
    /* can fire when one pair is recorded, unknown before */
    CHECK_EQ_INT(sol_kb_eval_whole(kb, r, f, NULL), SOL_KB_UNKNOWN);
    add(f, "b", SOL_VAL_SYMBOL, "yes", 0);
    add(f, "a", SOL_VAL_SYMBOL, "no", 0);
    CHECK_EQ_INT(sol_kb_eval_whole(kb, r, f, NULL), SOL_KB_UNKNOWN);
    add(f, "c", SOL_VAL_SYMBOL, "yes", 0);
    CHECK_EQ_INT(sol_kb_eval_whole(kb, r, f, NULL), SOL_KB_HELD);
    sol_findings_free(f);
    sol_kb_free(kb);
}

static void test_kb__real_rules_load(void)
{
    sol_kb *kb = NULL;
    sol_diag d = {"", 0, ""};
    int rc = sol_kb_load(&kb, "rules", "knowledge", &d);

    if (rc != SOL_OK)
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
    CHECK_EQ_INT(rc, SOL_OK);
    CHECK(sol_kb_rule_count(kb) >= 1);
    CHECK_EQ_STR(sol_kb_module_at(kb, 0), "MAIN");
    sol_kb_free(kb);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_kb__rules_and_docs", test_kb__rules_and_docs},
        {"test_kb__conditions", test_kb__conditions},
        {"test_kb__thresholds_and_ranges", test_kb__thresholds_and_ranges},
        {"test_kb__eval", test_kb__eval},
        {"test_kb__eval_alternatives", test_kb__eval_alternatives},
        {"test_kb__parse_errors", test_kb__parse_errors},
        {"test_kb__expand_table_rule", test_kb__expand_table_rule},
        {"test_kb__real_rules_load", test_kb__real_rules_load},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
