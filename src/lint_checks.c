/* lint_checks.c — the knowledge-base checks behind `soleus lint`. Each check
 * reads the kb model, the vocabulary and the catalogues and reports through
 * lint_add with the file and line a reviewer has to change. docs/audit.md
 * explains every check. */
#include "lint_int.h"
#include "notes.h"
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int is_clinical(const sol_kb_action *a)
{
    return a->kind == SOL_KB_ACT_EVIDENCE || a->kind == SOL_KB_ACT_ADVICE ||
           a->kind == SOL_KB_ACT_RECOMMENDATION || a->kind == SOL_KB_ACT_GATE;
}

static int in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

/* Visit every condition of a rule, nested ones included. */
typedef void (*cond_fn)(lint_ctx *c, const sol_kb_rule *r, const sol_kb_cond *x, void *arg);

static void walk(lint_ctx *c, const sol_kb_rule *r, const sol_kb_cond *x, size_t n, cond_fn fn,
                 void *arg)
{
    for (size_t i = 0; i < n; i++) {
        fn(c, r, &x[i], arg);
        walk(c, r, x[i].children, x[i].nchildren, fn, arg);
    }
}

/* Every unit of the model: a table-driven rule is checked as its row
 * instances (kb.h), whose findings are literal. */
static void walk_rules(lint_ctx *c, cond_fn fn, void *arg)
{
    for (size_t i = 0; i < sol_kb_unit_count(c->kb); i++) {
        const sol_kb_rule *r = sol_kb_unit_at(c->kb, i);

        walk(c, r, r->conds, r->nconds, fn, arg);
    }
}

/* Call fn on every action of every rule (a table-driven rule once a row). */
typedef void (*action_fn)(lint_ctx *c, const sol_kb_rule *r, const sol_kb_action *a);

static void walk_actions(lint_ctx *c, action_fn fn)
{
    for (size_t i = 0; i < sol_kb_unit_count(c->kb); i++) {
        const sol_kb_rule *r = sol_kb_unit_at(c->kb, i);

        for (size_t k = 0; k < r->nactions; k++)
            fn(c, r, &r->actions[k]);
    }
}

/* ---- doc strings ---- */

static int valid_rule_id(const char *id)
{
    if (id[0] == 'R' && id[1] >= '0' && id[1] <= '9' && id[2] >= '0' && id[2] <= '9' &&
        id[3] == '\0')
        return 1;
    if (id[0] != 'X' || id[1] != '-' || !id[2])
        return 0;
    for (const char *p = id + 2; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return 0;
    return 1;
}

/* Is the text between a and b (exclusive) blank? */
static int blank_between(const char *a, const char *b)
{
    for (; a < b; a++)
        if (*a != ' ' && *a != '\t')
            return 0;
    return 1;
}

static void check_docs(lint_ctx *c)
{
    for (size_t i = 0; i < sol_kb_rule_count(c->kb); i++) {
        const sol_kb_rule *r = sol_kb_rule_at(c->kb, i);
        const char *p1 = r->doc ? strchr(r->doc, '|') : NULL;
        const char *p2 = p1 ? strchr(p1 + 1, '|') : NULL;
        int clinical = 0;

        if (!r->doc) {
            lint_add(c, r->file, r->line, "rule-doc",
                     "rule %s has no doc string (expected \"Rnn | S1,L16 | "
                     "rationale\")",
                     r->qname);
            continue;
        }
        if (!p2 || !r->family || !valid_rule_id(r->family)) {
            lint_add(c, r->file, r->line, "rule-doc",
                     "doc string of %s is not \"Rnn | S1,L16 | rationale\" "
                     "with id Rnn or X-name",
                     r->qname);
            continue;
        }
        if (blank_between(p1 + 1, p2)) {
            lint_add(c, r->file, r->line, "rule-doc",
                     "doc string of %s has an empty sources part (write - "
                     "for a control rule)",
                     r->qname);
            continue;
        }
        if (!r->rationale)
            lint_add(c, r->file, r->line, "rule-no-rationale",
                     "rule %s gives no rationale in its doc string", r->qname);
        for (size_t k = 0; k < r->nactions; k++)
            clinical |= is_clinical(&r->actions[k]);
        if (r->nsources == 0 && clinical)
            lint_add(c, r->file, r->line, "rule-no-sources",
                     "rule %s concludes something but cites no source", r->qname);
    }
}

/* ---- sources ---- */

static void check_source_list(lint_ctx *c, const char *file, int line, const char *what,
                              const char *list)
{
    const char *s = list;

    if (!list || strcmp(list, "-") == 0)
        return;
    while (*s) {
        size_t n = strcspn(s, ",");
        char id[64];

        while (n && *s == ' ') {
            s++;
            n--;
        }
        snprintf(id, sizeof id, "%.*s", (int)(n < sizeof id ? n : sizeof id - 1), s);
        for (size_t k = strlen(id); k && id[k - 1] == ' '; k--)
            id[k - 1] = '\0';
        if (*id && !sol_catalog_source(c->cat, id))
            lint_add(c, file, line, "unknown-source",
                     "%s cites source %s, which is not in sources.tsv", what, id);
        s += n;
        if (*s == ',')
            s++;
    }
}

static void check_sources(lint_ctx *c)
{
    char what[600];

    if (!c->cat)
        return;
    for (size_t i = 0; c->kb && i < sol_kb_rule_count(c->kb); i++) {
        const sol_kb_rule *r = sol_kb_rule_at(c->kb, i);

        for (size_t k = 0; k < r->nsources; k++)
            if (!sol_catalog_source(c->cat, r->sources[k]))
                lint_add(c, r->file, r->line, "unknown-source",
                         "rule %s cites source %s, which is not in sources.tsv", r->qname,
                         r->sources[k]);
    }
    for (size_t i = 0; c->vocab && i < sol_vocab_count(c->vocab); i++) {
        const sol_term *t = sol_vocab_at(c->vocab, i);

        snprintf(what, sizeof what, "finding %s", t->name);
        check_source_list(c, c->vocab_path, t->line, what, t->sources);
    }
    for (size_t i = 0; i < sol_catalog_condition_count(c->cat); i++) {
        const sol_condition *x = sol_catalog_condition_at(c->cat, i);

        snprintf(what, sizeof what, "conclusion %s", x->id);
        check_source_list(c, c->conditions_path, x->line, what, x->sources);
    }
    for (size_t i = 0; i < sol_catalog_recommendation_count(c->cat); i++) {
        const sol_recommendation *x = sol_catalog_recommendation_at(c->cat, i);

        snprintf(what, sizeof what, "recommendation %s", x->id);
        check_source_list(c, c->recommendations_path, x->line, what, x->sources);
    }
}

/* ---- findings and values ---- */

typedef struct {
    char *used;         /* per vocabulary entry: read by a rule */
    int screen_generic; /* some rule matches screen-item facts */
} finding_state;

static long term_index(const sol_vocab *v, const sol_term *t)
{
    for (size_t i = 0; i < sol_vocab_count(v); i++)
        if (sol_vocab_at(v, i) == t)
            return (long)i;
    return -1;
}

static int is_member(const sol_term *t, const char *s)
{
    return in_list(s, (const char *const *)t->values, t->nvalues);
}

static void check_value(lint_ctx *c, const sol_kb_rule *r, const sol_kb_cond *x,
                        const sol_term *t)
{
    const sol_kb_constraint *k = x->value;
    static const char *const yesno[] = {"yes", "no"};

    if (t->type == SOL_TYPE_DERIVED || k->kind == SOL_KB_CONS_ANY ||
        k->kind == SOL_KB_CONS_OPAQUE)
        return;
    if (k->kind == SOL_KB_CONS_NUM) {
        if (t->type != SOL_TYPE_INT && t->type != SOL_TYPE_REAL) {
            lint_add(c, r->file, x->line, "bad-value",
                     "rule %s: numeric test on %s, which is a %s finding", r->qname, t->name,
                     sol_type_name(t->type));
            return;
        }
        for (size_t i = 0; i < k->ntests; i++)
            if (k->tests[i].resolved &&
                (k->tests[i].value < t->min || k->tests[i].value > t->max))
                lint_add(c, r->file, x->line, "bad-value",
                         "rule %s: %s %s %g%s%s%s is outside the range %g..%g "
                         "of %s",
                         r->qname, t->name, sol_kb_op_text(k->tests[i].op), k->tests[i].value,
                         k->tests[i].threshold ? " (threshold " : "",
                         k->tests[i].threshold ? k->tests[i].threshold : "",
                         k->tests[i].threshold ? ")" : "", t->min, t->max, t->name);
        return;
    }
    for (size_t i = 0; i < k->nvalues; i++) {
        const char *v = k->values[i];
        double num;
        char *end;

        switch (t->type) {
        case SOL_TYPE_BOOL:
            if (!in_list(v, yesno, 2))
                lint_add(c, r->file, x->line, "bad-value", "rule %s: %s is yes/no, never '%s'",
                         r->qname, t->name, v);
            break;
        case SOL_TYPE_ENUM:
        case SOL_TYPE_SET:
            if (!is_member(t, v))
                lint_add(c, r->file, x->line, "bad-value",
                         "rule %s: '%s' is not an allowed value of %s", r->qname, v, t->name);
            break;
        case SOL_TYPE_INT:
        case SOL_TYPE_REAL:
            num = strtod(v, &end);
            if (end == v || *end)
                lint_add(c, r->file, x->line, "bad-value", "rule %s: %s is a number, never '%s'",
                         r->qname, t->name, v);
            else if (t->type == SOL_TYPE_INT && strpbrk(v, ".eE"))
                lint_add(c, r->file, x->line, "bad-value",
                         "rule %s: %s is an integer, so the float %s never "
                         "matches",
                         r->qname, t->name, v);
            else if (t->type == SOL_TYPE_REAL && !strpbrk(v, ".eE"))
                lint_add(c, r->file, x->line, "bad-value",
                         "rule %s: %s is a real, so the integer %s never "
                         "matches (write %s.0)",
                         r->qname, t->name, v, v);
            else if (num < t->min || num > t->max)
                lint_add(c, r->file, x->line, "bad-value",
                         "rule %s: %s is outside the range %g..%g of %s", r->qname, v, t->min,
                         t->max, t->name);
            break;
        case SOL_TYPE_DERIVED: break;
        }
    }
}

static void finding_cond(lint_ctx *c, const sol_kb_rule *r, const sol_kb_cond *x, void *arg)
{
    finding_state *st = arg;
    const sol_term *t;

    if (x->kind == SOL_KB_CE_PATTERN && x->tmpl && strcmp(x->tmpl, "screen-item") == 0)
        st->screen_generic = 1;
    if (x->kind != SOL_KB_CE_FINDING || !x->finding)
        return;
    t = sol_vocab_lookup(c->vocab, x->finding);
    /* A row instance's finding and value come from its table row, which
     * check_tables judges at the row's line: here it only counts as read. */
    if (!t && !r->table_rule) {
        lint_add(c, r->file, x->line, "unknown-finding",
                 "rule %s reads finding %s, which is not in vocabulary.tsv", r->qname,
                 x->finding);
        return;
    }
    if (!t)
        return;
    st->used[term_index(c->vocab, t)] = 1;
    if (!r->table_rule)
        check_value(c, r, x, t);
}

/* An advice action names a finding the vocabulary must know. */
static void advice_action(lint_ctx *c, const sol_kb_rule *r, const sol_kb_action *a)
{
    if (a->kind == SOL_KB_ACT_ADVICE && a->finding && !sol_vocab_lookup(c->vocab, a->finding))
        lint_add(c, r->file, a->line, "unknown-finding",
                 "rule %s advises assessing %s, which is not in vocabulary.tsv", r->qname,
                 a->finding);
}

static void check_findings(lint_ctx *c)
{
    finding_state st = {NULL, 0};
    size_t n;

    if (!c->vocab || !c->kb)
        return;
    n = sol_vocab_count(c->vocab);
    st.used = calloc(n ? n : 1, 1);
    if (!st.used) {
        c->nomem = 1;
        return;
    }
    walk_rules(c, finding_cond, &st);
    walk_actions(c, advice_action);
    for (size_t i = 0; i < n; i++) {
        const sol_term *t = sol_vocab_at(c->vocab, i);

        /* Derived entries (wells-score …) are computed by the rules, never
         * read from a record, so no rule reading them is expected. */
        if (st.used[i] || t->type == SOL_TYPE_DERIVED ||
            (st.screen_generic && strcmp(t->screen, "-") != 0))
            continue;
        lint_add(c, c->vocab_path, t->line, "unused-finding", "no rule reads finding %s",
                 t->name);
    }
    free(st.used);
}

/* ---- conclusions and recommendations ---- */

static void conclusion_cond(lint_ctx *c, const sol_kb_rule *r, const sol_kb_cond *x, void *arg)
{
    (void)arg;
    if ((x->kind == SOL_KB_CE_EVIDENCE || x->kind == SOL_KB_CE_BELIEF ||
         x->kind == SOL_KB_CE_CONDITION) &&
        x->conclusion && !sol_catalog_condition(c->cat, x->conclusion))
        lint_add(c, r->file, x->line, "unknown-conclusion",
                 "rule %s tests conclusion %s, which is not in conditions.tsv", r->qname,
                 x->conclusion);
}

/* Does MANAGE rule r recommend something for conclusion id? */
static int recommends_for(const sol_kb_rule *r, const char *id)
{
    for (size_t k = 0; k < r->nactions; k++) {
        const sol_kb_action *a = &r->actions[k];

        if (a->kind != SOL_KB_ACT_RECOMMENDATION)
            continue;
        if (a->conclusion && strcmp(a->conclusion, id) == 0)
            return 1;
        if (!a->conclusion) /* (for ?c): the conclusions the LHS names */
            for (size_t j = 0; j < r->nconds; j++)
                if ((r->conds[j].kind == SOL_KB_CE_EVIDENCE ||
                     r->conds[j].kind == SOL_KB_CE_BELIEF) &&
                    r->conds[j].conclusion && strcmp(r->conds[j].conclusion, id) == 0)
                    return 1;
    }
    return 0;
}

/* Does some rule read facts of template tmpl (a knowledge table asserted
 * by the host) and recommend? Then that table's rows are recommendations
 * the rules give (the referral table). */
static int applies_table(const lint_ctx *c, const char *tmpl)
{
    for (size_t i = 0; c->kb && i < sol_kb_unit_count(c->kb); i++) {
        const sol_kb_rule *r = sol_kb_unit_at(c->kb, i);
        int reads = 0, recommends = 0;

        for (size_t k = 0; k < r->nconds; k++)
            reads |= r->conds[k].tmpl && strcmp(r->conds[k].tmpl, tmpl) == 0;
        for (size_t k = 0; k < r->nactions; k++)
            recommends |= r->actions[k].kind == SOL_KB_ACT_RECOMMENDATION;
        if (reads && recommends)
            return 1;
    }
    return 0;
}

/* A row of referrals.tsv, applied by a rule, recommends for conclusion id
 * (or gives recommendation rec). */
static int referred(const lint_ctx *c, const char *id, const char *rec)
{
    if (!applies_table(c, "referral"))
        return 0;
    for (size_t i = 0; i < sol_catalog_referral_count(c->cat); i++) {
        const sol_referral *x = sol_catalog_referral_at(c->cat, i);
        if ((id && strcmp(x->conclusion, id) == 0) ||
            (rec && strcmp(x->recommendation, rec) == 0))
            return 1;
    }
    return 0;
}

static void check_conclusions(lint_ctx *c)
{
    if (!c->cat || !c->kb)
        return;
    walk_rules(c, conclusion_cond, NULL);
    for (size_t i = 0; i < sol_kb_unit_count(c->kb); i++) {
        const sol_kb_rule *r = sol_kb_unit_at(c->kb, i);

        for (size_t k = 0; k < r->nactions; k++) {
            const sol_kb_action *a = &r->actions[k];

            if ((a->kind == SOL_KB_ACT_EVIDENCE || a->kind == SOL_KB_ACT_RECOMMENDATION) &&
                a->conclusion && !sol_catalog_condition(c->cat, a->conclusion))
                lint_add(c, r->file, a->line, "unknown-conclusion",
                         "rule %s %s %s, which is not in conditions.tsv", r->qname,
                         a->kind == SOL_KB_ACT_EVIDENCE ? "asserts evidence on"
                                                        : "recommends for",
                         a->conclusion);
            if ((a->kind == SOL_KB_ACT_ADVICE || a->kind == SOL_KB_ACT_GATE) && a->because &&
                !sol_catalog_condition(c->cat, a->because))
                lint_add(c, r->file, a->line, "unknown-conclusion",
                         "rule %s gives %s as the reason, which is not in "
                         "conditions.tsv",
                         r->qname, a->because);
        }
    }
    for (size_t i = 0; i < sol_catalog_condition_count(c->cat); i++) {
        const sol_condition *x = sol_catalog_condition_at(c->cat, i);
        int supported = 0, recommended = 0;

        for (size_t j = 0; j < sol_kb_unit_count(c->kb); j++) {
            const sol_kb_rule *r = sol_kb_unit_at(c->kb, j);

            supported |= sol_kb_rule_asserts(r, x->id, "support") != NULL;
            if (strcmp(r->module, "MANAGE") == 0)
                recommended |= recommends_for(r, x->id);
        }
        if (!supported)
            lint_add(c, c->conditions_path, x->line, "unreachable-conclusion",
                     "no rule supports conclusion %s", x->id);
        if (strcmp(x->description, "-") == 0)
            lint_add(c, c->conditions_path, x->line, "no-description",
                     "conclusion %s has no description", x->id);
        recommended |= referred(c, x->id, NULL);
        if (x->tier_def->managed && !recommended)
            lint_add(c, c->conditions_path, x->line, "no-recommendation",
                     "no MANAGE rule recommends anything for tier %c "
                     "conclusion %s",
                     x->tier, x->id);
    }
}

/* A recommendation and a strength a rule asserts must be in the catalogue. */
static void catalogue_action(lint_ctx *c, const sol_kb_rule *r, const sol_kb_action *a)
{
    if (a->kind == SOL_KB_ACT_RECOMMENDATION && a->id &&
        !sol_catalog_recommendation(c->cat, a->id))
        lint_add(c, r->file, a->line, "unknown-recommendation",
                 "rule %s recommends %s, which is not in recommendations.tsv", r->qname, a->id);
    if (a->kind == SOL_KB_ACT_EVIDENCE && a->strength &&
        !sol_catalog_strength(c->cat, a->strength))
        lint_add(c, r->file, a->line, "unknown-strength",
                 "rule %s asserts strength %s, which is not in strengths.tsv", r->qname,
                 a->strength);
}

static void check_recommendations(lint_ctx *c)
{
    if (!c->cat || !c->kb)
        return;
    walk_actions(c, catalogue_action);
    for (size_t i = 0; i < sol_catalog_recommendation_count(c->cat); i++) {
        const sol_recommendation *x = sol_catalog_recommendation_at(c->cat, i);
        int used = 0;

        for (size_t j = 0; j < sol_kb_unit_count(c->kb) && !used; j++) {
            const sol_kb_rule *r = sol_kb_unit_at(c->kb, j);

            for (size_t k = 0; k < r->nactions && !used; k++)
                used = r->actions[k].kind == SOL_KB_ACT_RECOMMENDATION && r->actions[k].id &&
                       strcmp(r->actions[k].id, x->id) == 0;
        }
        used |= referred(c, NULL, x->id);
        if (!used)
            lint_add(c, c->recommendations_path, x->line, "unused-recommendation",
                     "no rule recommends %s", x->id);
    }
}

/* ---- rule against rule ---- */

static void check_duplicates(lint_ctx *c)
{
    for (size_t i = 0; c->kb && i < sol_kb_rule_count(c->kb); i++) {
        const sol_kb_rule *r = sol_kb_rule_at(c->kb, i);

        for (size_t j = 0; j < i; j++) {
            const sol_kb_rule *q = sol_kb_rule_at(c->kb, j);

            if (strcmp(r->qname, q->qname) == 0) {
                lint_add(c, r->file, r->line, "duplicate-rule",
                         "rule %s is defined again (first at %s:%d)", r->qname, q->file, q->line);
                break;
            }
        }
    }
}

/* Canonical keys of a rule's top-level conditions, sorted: a finding test
 * becomes "F name kind values/tests", its negation "N …", anything else its
 * source text; threshold patterns are left out (the tests name them). */
typedef struct {
    char **keys;
    size_t n;
    int findings; /* how many keys are finding tests */
} cond_keys;

static int cmp_key(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static char *finding_key(char tag, const sol_kb_cond *x)
{
    const sol_kb_constraint *k = x->value;
    const char **vals = NULL;
    sol_buf b = {0}; /* whole, never cut: two keys must not collide */

    sol_buf_printf(&b, "%c %s %d", tag, x->finding, (int)k->kind);
    if (k->nvalues) {
        vals = malloc(k->nvalues * sizeof *vals);
        if (!vals) {
            sol_buf_free(&b);
            return NULL;
        }
        memcpy(vals, k->values, k->nvalues * sizeof *vals);
        sol_sort(vals, k->nvalues, sizeof *vals, cmp_key);
    }
    for (size_t i = 0; i < k->nvalues; i++)
        sol_buf_printf(&b, " %s", vals[i]);
    for (size_t i = 0; i < k->ntests; i++)
        sol_buf_printf(&b, " %s%s", sol_kb_op_text(k->tests[i].op),
                       k->tests[i].threshold ? k->tests[i].threshold : "");
    for (size_t i = 0; i < k->ntests; i++)
        if (!k->tests[i].threshold)
            sol_buf_printf(&b, " %g", k->tests[i].value);
    if (k->kind == SOL_KB_CONS_OPAQUE)
        sol_buf_printf(&b, " %s", k->text);
    free(vals);
    return sol_buf_take(&b);
}

static int build_keys(const sol_kb_rule *r, cond_keys *out)
{
    out->keys = calloc(r->nconds ? r->nconds : 1, sizeof *out->keys);
    out->n = 0;
    out->findings = 0;
    if (!out->keys)
        return SOL_ENOMEM;
    for (size_t i = 0; i < r->nconds; i++) {
        const sol_kb_cond *x = &r->conds[i];
        char *key;

        if (x->kind == SOL_KB_CE_THRESHOLD)
            continue;
        if (x->kind == SOL_KB_CE_FINDING && x->finding) {
            key = finding_key('F', x);
            out->findings++;
        } else if (x->kind == SOL_KB_CE_NOT && x->nchildren == 1 &&
                   x->children[0].kind == SOL_KB_CE_FINDING && x->children[0].finding) {
            key = finding_key('N', &x->children[0]);
            out->findings++;
        } else {
            key = malloc(strlen(x->text) + 3);
            if (key)
                sprintf(key, "T %s", x->text);
        }
        if (!key)
            return SOL_ENOMEM;
        out->keys[out->n++] = key;
    }
    sol_sort(out->keys, out->n, sizeof *out->keys, cmp_key);
    return SOL_OK;
}

/* 1 when every key of a is in b (both sorted). */
static int keys_subset(const cond_keys *a, const cond_keys *b)
{
    size_t j = 0;

    for (size_t i = 0; i < a->n; i++) {
        while (j < b->n && strcmp(b->keys[j], a->keys[i]) < 0)
            j++;
        if (j == b->n || strcmp(b->keys[j], a->keys[i]) != 0)
            return 0;
        j++;
    }
    return 1;
}

static int keys_equal(const cond_keys *a, const cond_keys *b)
{
    return a->n == b->n && keys_subset(a, b);
}

static const char *polarity_or(const char *p) { return p ? p : "?"; }

/* Rules q (earlier) and r (later) that vote on the same conclusion. */
static void compare_rules(lint_ctx *c, const sol_kb_rule *q, const cond_keys *kq,
                          const sol_kb_rule *r, const cond_keys *kr)
{
    int eq = keys_equal(kq, kr), subsumed = 0, conflict = 0;

    for (size_t a = 0; a < q->nactions; a++) {
        const sol_kb_action *x = &q->actions[a];

        if (x->kind != SOL_KB_ACT_EVIDENCE || !x->conclusion || !x->polarity)
            continue;
        for (size_t b = 0; b < r->nactions; b++) {
            const sol_kb_action *y = &r->actions[b];
            int same;

            if (y->kind != SOL_KB_ACT_EVIDENCE || !y->conclusion || !y->polarity ||
                strcmp(x->conclusion, y->conclusion) != 0)
                continue;
            same = strcmp(x->polarity, y->polarity) == 0;
            if (same && !subsumed && (eq || keys_subset(kq, kr) || keys_subset(kr, kq))) {
                const sol_kb_rule *big = eq || keys_subset(kq, kr) ? r : q;
                const sol_kb_rule *small = big == r ? q : r;

                subsumed = 1;
                lint_add(c, big->file, big->line, eq ? "duplicate-conditions" : "subsumed-rule",
                         eq ? "rule %s has the same conditions as %s (%s:%d); "
                              "both %s %s"
                            : "rule %s needs everything %s (%s:%d) needs, so "
                              "it only adds a second vote whenever that rule "
                              "fires; both %s %s",
                         big->qname, small->qname, small->file, small->line,
                         polarity_or(x->polarity), x->conclusion);
            } else if (!same && eq && !conflict && strcmp(x->polarity, "prior") != 0 &&
                       strcmp(y->polarity, "prior") != 0) {
                conflict = 1;
                lint_add(c, r->file, r->line, "support-and-oppose",
                         "rule %s %ss %s on the same conditions that make %s "
                         "(%s:%d) %s it",
                         r->qname, y->polarity, y->conclusion, q->qname, q->file, q->line,
                         x->polarity);
            }
        }
    }
}

static void check_overlaps(lint_ctx *c)
{
    size_t n = c->kb ? sol_kb_unit_count(c->kb) : 0;
    cond_keys *keys;
    int rc = SOL_OK;

    if (!n)
        return;
    keys = calloc(n, sizeof *keys);
    if (!keys) {
        c->nomem = 1;
        return;
    }
    for (size_t i = 0; i < n && rc == SOL_OK; i++)
        rc = build_keys(sol_kb_unit_at(c->kb, i), &keys[i]);
    if (rc != SOL_OK)
        c->nomem = 1;
    for (size_t i = 0; i < n && rc == SOL_OK; i++) {
        if (!keys[i].findings)
            continue;
        for (size_t j = i + 1; j < n; j++)
            if (keys[j].findings)
                compare_rules(c, sol_kb_unit_at(c->kb, i), &keys[i], sol_kb_unit_at(c->kb, j),
                              &keys[j]);
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < keys[i].n; k++)
            free(keys[i].keys[k]);
        free(keys[i].keys);
    }
    free(keys);
}

/* ---- thresholds, printout ---- */

static void threshold_cond(lint_ctx *c, const sol_kb_rule *r, const sol_kb_cond *x, void *arg)
{
    char *used = arg;
    const sol_kb_threshold *t;

    if (x->kind != SOL_KB_CE_THRESHOLD || !x->threshold)
        return;
    t = sol_kb_threshold_find(c->kb, x->threshold);
    if (t) {
        for (size_t i = 0; i < sol_kb_threshold_count(c->kb); i++)
            if (sol_kb_threshold_at(c->kb, i) == t)
                used[i] = 1;
        return;
    }
    lint_add(c, r->file, x->line, "unknown-threshold",
             sol_kb_thresholds_file(c->kb)
                 ? "rule %s reads threshold %s, which is not in thresholds.tsv"
                 : "rule %s reads threshold %s, but there is no thresholds.tsv",
             r->qname, x->threshold);
}

static void check_thresholds(lint_ctx *c)
{
    size_t n;
    char *used;

    if (!c->kb)
        return;
    n = sol_kb_threshold_count(c->kb);
    used = calloc(n ? n : 1, 1);
    if (!used) {
        c->nomem = 1;
        return;
    }
    walk_rules(c, threshold_cond, used);
    for (size_t i = 0; i < n; i++)
        if (!used[i])
            lint_add(c, c->thresholds_path, sol_kb_threshold_at(c->kb, i)->line,
                     "unused-threshold", "no rule reads threshold %s",
                     sol_kb_threshold_at(c->kb, i)->name);
    free(used);
}

static void check_printout(lint_ctx *c)
{
    for (size_t i = 0; c->kb && i < sol_kb_rule_count(c->kb); i++) {
        const sol_kb_rule *r = sol_kb_rule_at(c->kb, i);

        for (size_t k = 0; k < r->nactions; k++)
            if (r->actions[k].kind == SOL_KB_ACT_CALL &&
                (strcmp(r->actions[k].tmpl, "printout") == 0 ||
                 strstr(r->actions[k].text, "(printout ")))
                lint_add(c, r->file, r->actions[k].line, "printout",
                         "rule %s prints; assert a fact and let a writer "
                         "present it",
                         r->qname);
    }
}

/* ---- note patterns ----
 * Runs when KNOWLEDGE/note-patterns.tsv and the sentence corpus
 * KNOWLEDGE/../tests/notes/sentences.tsv both exist (an installed share dir
 * has no tests, so the check is skipped there). Every sentence (column 1) is
 * scanned by notes.c; a pattern row that no sentence triggers is reported. */
static int scan_sentences(lint_ctx *c, const sol_notes *notes, const sol_table *t, size_t *hits)
{
    sol_diag d = {"", 0, ""};

    for (size_t i = 0; i < sol_table_count(t); i++) {
        const sol_table_row *r = sol_table_at(t, i);
        sol_note_mention *m = NULL;
        size_t n = 0;
        int rc = sol_notes_scan(&m, &n, hits, notes, r->col[0], strlen(r->col[0]),
                                sol_table_path(t), r->line, &d);

        free(m);
        if (rc == SOL_ENOMEM)
            return rc;
        if (rc != SOL_OK)
            lint_add(c, sol_table_path(t), r->line, "load", "%s", d.msg);
    }
    return SOL_OK;
}

static void check_note_patterns(lint_ctx *c)
{
    char ppath[LINT_PATH], spath[LINT_PATH];
    const sol_table *sentences = NULL;
    sol_notes *notes = NULL;
    size_t *hits = NULL, n;
    sol_diag d = {"", 0, ""};

    snprintf(ppath, sizeof ppath, "%s/note-patterns.tsv", c->knowledge_dir);
    snprintf(spath, sizeof spath, "%s/../tests/notes/sentences.tsv", c->knowledge_dir);
    if (!c->vocab || access(ppath, F_OK) != 0 || access(spath, F_OK) != 0)
        return;
    if (sol_notes_load(&notes, ppath, c->vocab, &d) != SOL_OK) {
        if (d.msg[0])
            lint_add(c, d.file, d.line, "load", "%s", d.msg);
        return;
    }
    if (sol_table_open(&sentences, spath, "sentence expected", 0, &d) != SOL_OK) {
        lint_add(c, d.file, d.line, "load", "%s", d.msg);
        goto cleanup;
    }
    n = sol_notes_pattern_count(notes);
    hits = calloc(n ? n : 1, sizeof *hits);
    if (!hits || scan_sentences(c, notes, sentences, hits) != SOL_OK) {
        c->nomem = 1;
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        const sol_note_pattern *p = sol_notes_pattern_at(notes, i);

        if (!hits[i])
            lint_add(c, ppath, p->line, "untested-note-pattern",
                     "no sentence in tests/notes/sentences.tsv triggers note "
                     "pattern %s",
                     p->id);
    }
cleanup:
    free(hits);
    sol_table_close(sentences);
    sol_notes_free(notes);
}

/* ---- safety tables: contraindications, severity, must-not-miss ---- */

/* Does top-level condition x read (not (blocked (recommendation rec)))? */
static int guards_blocked(const sol_kb_cond *x, const char *rec)
{
    const sol_kb_cond *p;

    if (x->kind != SOL_KB_CE_NOT || x->nchildren != 1)
        return 0;
    p = &x->children[0];
    if (p->kind != SOL_KB_CE_PATTERN || !p->tmpl || strcmp(p->tmpl, "blocked") != 0)
        return 0;
    for (size_t i = 0; i < p->nslots; i++)
        if (strcmp(p->slots[i].name, "recommendation") == 0 &&
            p->slots[i].c.kind == SOL_KB_CONS_IN && p->slots[i].c.nvalues == 1 &&
            strcmp(p->slots[i].c.values[0], rec) == 0)
            return 1;
    return 0;
}

/* Does top-level condition x read (not (gate …))? */
static int guards_gate(const sol_kb_cond *x)
{
    return x->kind == SOL_KB_CE_NOT && x->nchildren == 1 && x->children[0].kind == SOL_KB_CE_GATE;
}

/* 1 when some rule asserts (state (name NAME)): the GATE states are what
 * the rules derive. */
static int derives_state(const sol_kb *kb, const char *name)
{
    char want[256];

    snprintf(want, sizeof want, "(name %s)", name);
    for (size_t j = 0; j < sol_kb_rule_count(kb); j++) {
        const sol_kb_rule *r = sol_kb_rule_at(kb, j);

        for (size_t k = 0; k < r->nactions; k++)
            if (r->actions[k].kind == SOL_KB_ACT_ASSERT && r->actions[k].tmpl &&
                strcmp(r->actions[k].tmpl, "state") == 0 && r->actions[k].text &&
                strstr(r->actions[k].text, want))
                return 1;
    }
    return 0;
}

/* A rule that can give a recommendation must not be able to give it while a
 * contraindicated conclusion or state stands: it needs the blocked guard,
 * or the management gate when the conclusion closes it. */
static void check_contraindications(lint_ctx *c)
{
    char path[LINT_PATH];

    if (!c->cat || !c->kb)
        return;
    snprintf(path, sizeof path, "%s/contraindications.tsv", c->knowledge_dir);
    for (size_t i = 0; i < sol_catalog_contraindication_count(c->cat); i++) {
        const sol_contraindication *x = sol_catalog_contraindication_at(c->cat, i);
        const sol_condition *by = sol_catalog_condition(c->cat, x->by);

        if (!by && !derives_state(c->kb, x->by))
            lint_add(c, path, x->line, "contraindication",
                     "'%s' is neither a conclusion of conditions.tsv nor a state a rule "
                     "asserts as (state (name %s))",
                     x->by, x->by);
        for (size_t j = 0; j < sol_kb_unit_count(c->kb); j++) {
            const sol_kb_rule *r = sol_kb_unit_at(c->kb, j);
            int gives = 0, guarded = 0;

            for (size_t k = 0; k < r->nactions; k++)
                gives |= r->actions[k].kind == SOL_KB_ACT_RECOMMENDATION && r->actions[k].id &&
                         strcmp(r->actions[k].id, x->recommendation) == 0;
            if (!gives)
                continue;
            for (size_t k = 0; k < r->nconds; k++)
                guarded |= guards_blocked(&r->conds[k], x->recommendation) ||
                           (by && by->suppresses && guards_gate(&r->conds[k]));
            if (!guarded)
                lint_add(c, r->file, r->line, "contraindication",
                         "rule %s can give %s while %s stands (%s:%d); add "
                         "(not (blocked (recommendation %s)))",
                         r->qname, x->recommendation, x->by, path, x->line, x->recommendation);
        }
    }
}

/* Every conclusion of a tier ordered by severity (tiers.tsv) has a severity
 * rank, and no rank puts a less urgent conclusion (urgency.tsv) before a
 * more urgent one. */
static void check_severity(lint_ctx *c)
{
    char path[LINT_PATH];

    if (!c->cat)
        return;
    snprintf(path, sizeof path, "%s/severity.tsv", c->knowledge_dir);
    for (size_t i = 0; i < sol_catalog_condition_count(c->cat); i++) {
        const sol_condition *a = sol_catalog_condition_at(c->cat, i);

        if (!a->tier_def->by_severity)
            continue;
        if (!a->severity) {
            lint_add(c, c->conditions_path, a->line, "severity-order",
                     "tier-%c conclusion %s has no rank in %s", a->tier, a->id, path);
            continue;
        }
        for (size_t j = 0; j < sol_catalog_condition_count(c->cat); j++) {
            const sol_condition *b = sol_catalog_condition_at(c->cat, j);

            if (b->tier_def->by_severity && b->severity && a->severity < b->severity &&
                a->urgency_rank > b->urgency_rank)
                lint_add(c, c->conditions_path, a->line, "severity-order",
                         "%s (%s) is ranked before %s (%s) in %s", a->id, a->urgency, b->id,
                         b->urgency, path);
        }
    }
}

/* Every finding the must-not-miss table names exists, with a legal value;
 * every red flag or referral has at least one presentation. */
/* Is finding=value something a record can hold? Reports a finding not in
 * the vocabulary (0) or a value it does not allow under check, at
 * path:line, what naming the row; 1 when the finding is known. value NULL:
 * only the finding is checked. */
static int table_value(lint_ctx *c, const char *path, int line, const char *check,
                       const char *what, const char *finding, const char *value)
{
    const sol_term *t = sol_vocab_lookup(c->vocab, finding);
    sol_value *v;
    size_t nv = 0;

    if (!t) {
        lint_add(c, path, line, check,
                 "%s names finding %s, which is not in "
                 "vocabulary.tsv",
                 what, finding);
        return 0;
    }
    if (!value)
        return 1;
    v = calloc(t->nvalues ? t->nvalues : 1, sizeof *v);
    if (!v) {
        c->nomem = 1;
        return 1;
    }
    if (sol_vocab_parse_value(t, value, v, &nv, NULL) != SOL_OK)
        lint_add(c, path, line, check, "%s: '%s' is not an allowed value of %s", what, value,
                 finding);
    for (size_t k = 0; k < nv; k++)
        sol_value_clear(&v[k]);
    free(v);
    return 1;
}

static void check_must_not_miss(lint_ctx *c)
{
    char path[LINT_PATH];

    if (!c->cat || !c->vocab)
        return;
    snprintf(path, sizeof path, "%s/must-not-miss.tsv", c->knowledge_dir);
    for (size_t i = 0; i < sol_catalog_mnm_count(c->cat); i++) {
        const sol_mnm *m = sol_catalog_mnm_at(c->cat, i);
        int ask = strcmp(m->kind, "ask") == 0;
        char buf[2048];
        char *save = NULL;

        snprintf(buf, sizeof buf, "%s %s", ask ? m->when : "", m->findings);
        for (char *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
            char *eq = strchr(t, '=');
            char what[300];

            if (eq)
                *eq = '\0';
            snprintf(what, sizeof what, "row %s", m->id);
            if (!table_value(c, path, m->line, "must-not-miss", what, t, eq ? eq + 1 : NULL))
                continue;
            if (!eq && !ask)
                lint_add(c, path, m->line, "must-not-miss",
                         "row %s: %s needs a value (name=value)", m->id, t);
        }
    }
    for (size_t i = 0; i < sol_catalog_condition_count(c->cat); i++) {
        const sol_condition *a = sol_catalog_condition_at(c->cat, i);
        int has = 0;

        if (!a->red_flag)
            continue;
        for (size_t j = 0; j < sol_catalog_mnm_count(c->cat); j++)
            has |= strcmp(sol_catalog_mnm_at(c->cat, j)->kind, "present") == 0 &&
                   strcmp(sol_catalog_mnm_at(c->cat, j)->conclusion, a->id) == 0;
        if (!has)
            lint_add(c, c->conditions_path, a->line, "must-not-miss",
                     "red flag %s has no presentation in %s", a->id, path);
    }
}

/* ---- tables applied by generic rules (wells.tsv, sign-sets.tsv) ---- */

/* Does some rule apply the row at path:line (an instance made from it)? */
static int row_applied(const lint_ctx *c, const char *path, int line)
{
    for (size_t i = 0; c->kb && i < sol_kb_unit_count(c->kb); i++) {
        const sol_kb_rule *u = sol_kb_unit_at(c->kb, i);
        if (u->row_file && u->row_line == line && strcmp(u->row_file, path) == 0)
            return 1;
    }
    return 0;
}

static void check_tables(lint_ctx *c)
{
    char path[LINT_PATH], what[600];

    if (!c->cat || !c->vocab)
        return;
    snprintf(path, sizeof path, "%s/wells.tsv", c->knowledge_dir);
    for (size_t i = 0; i < sol_catalog_wells_item_count(c->cat); i++) {
        const sol_wells_item *w = sol_catalog_wells_item_at(c->cat, i);
        const sol_term *t = sol_vocab_lookup(c->vocab, w->finding);

        snprintf(what, sizeof what, "Wells item %s", w->finding);
        table_value(c, path, w->line, "table-row", what, w->finding, w->value);
        if (t && w->at_least && t->type != SOL_TYPE_INT && t->type != SOL_TYPE_REAL)
            lint_add(c, path, w->line, "table-row",
                     "%s is compared with cut-off %s, but it is "
                     "not a number",
                     w->finding, w->at_least);
        if (t && strcmp(t->screen, "wells") != 0)
            lint_add(c, path, w->line, "table-row",
                     "%s is not marked wells in the screen "
                     "column of vocabulary.tsv",
                     w->finding);
        check_source_list(c, path, w->line, what, w->sources);
        if (c->kb && !row_applied(c, path, w->line))
            lint_add(c, path, w->line, "table-row",
                     "no rule applies this row of the Wells "
                     "table, so its points are never scored");
    }
    for (size_t i = 0; i < sol_vocab_count(c->vocab); i++) {
        const sol_term *t = sol_vocab_at(c->vocab, i);
        if (strcmp(t->screen, "wells") == 0 && t->type != SOL_TYPE_DERIVED &&
            !sol_catalog_wells_item(c->cat, t->name))
            lint_add(c, c->vocab_path, t->line, "table-row", "Wells item %s has no row in %s",
                     t->name, path);
    }
    snprintf(path, sizeof path, "%s/sign-sets.tsv", c->knowledge_dir);
    for (size_t i = 0; i < sol_catalog_sign_set_count(c->cat); i++) {
        const sol_sign_set *x = sol_catalog_sign_set_at(c->cat, i);
        char members[1024], *save = NULL;

        snprintf(what, sizeof what, "sign set %s", x->id);
        snprintf(members, sizeof members, "%s", x->members);
        for (char *m = strtok_r(members, " ", &save); m; m = strtok_r(NULL, " ", &save))
            table_value(c, path, x->line, "table-row", what, m, x->value);
        check_source_list(c, path, x->line, what, x->sources);
        if (c->kb && !row_applied(c, path, x->line))
            lint_add(c, path, x->line, "table-row",
                     "no rule applies sign set %s (phase %s), "
                     "so it never votes",
                     x->id, x->phase);
    }
}

/* ---- strength against evidence level ---- */

/* A vote may be no stronger than its best cited source allows: strengths.tsv
 * lists, per strength, the evidence levels (sources.tsv column 5) that may
 * carry it. Off when strengths.tsv declares no levels (small fixtures). A
 * source without a level allows only what every level allows. */
static void check_evidence_levels(lint_ctx *c)
{
    if (!c->cat || !c->kb || !sol_catalog_levels_declared(c->cat))
        return;
    for (size_t i = 0; i < sol_kb_unit_count(c->kb); i++) {
        const sol_kb_rule *r = sol_kb_unit_at(c->kb, i);

        for (size_t k = 0; k < r->nactions; k++) {
            const sol_kb_action *a = &r->actions[k];
            char levels[256] = "";
            int ok = 0;

            if (a->kind != SOL_KB_ACT_EVIDENCE || !a->strength)
                continue;
            for (size_t j = 0; j < r->nsources && !ok; j++) {
                const sol_source *src = sol_catalog_source(c->cat, r->sources[j]);
                const char *lv = src ? src->level : NULL;
                size_t n = strlen(levels);

                ok = src && sol_catalog_strength_allows(c->cat, a->strength, lv);
                snprintf(levels + n, sizeof levels - n, "%s%s %s", n ? ", " : "", r->sources[j],
                         lv ? lv : "(no level)");
            }
            if (r->nsources == 0)
                ok = sol_catalog_strength_allows(c->cat, a->strength, NULL);
            if (!ok) {
                const char *allowed = "?";

                for (size_t s = 0; s < sol_catalog_strength_count(c->cat); s++)
                    if (strcmp(sol_catalog_strength_at(c->cat, s)->strength, a->strength) == 0 &&
                        sol_catalog_strength_at(c->cat, s)->levels)
                        allowed = sol_catalog_strength_at(c->cat, s)->levels;
                lint_add(c, r->file, a->line, "strength-above-evidence",
                         "rule %s asserts %s evidence, which strengths.tsv "
                         "allows only for %s sources; it cites %s",
                         r->qname, a->strength, allowed, *levels ? levels : "none");
            }
        }
    }
}

/* The listing-policy tables agree with the rest of the knowledge: every
 * tier and urgency conditions.tsv could use is there (the loader refuses
 * unknown ones), a red flag sits in a tier ordered by severity, every
 * recommendation phase is in phases.tsv, every population.tsv row names a
 * brief rule id the rules use, every red flag has a referral row and the
 * referral table is applied by some rule. */
static void check_policy(lint_ctx *c)
{
    char path[LINT_PATH];

    if (!c->cat)
        return;
    for (size_t i = 0; i < sol_catalog_condition_count(c->cat); i++) {
        const sol_condition *x = sol_catalog_condition_at(c->cat, i);
        if (x->red_flag && !x->tier_def->by_severity)
            lint_add(c, c->conditions_path, x->line, "policy-table",
                     "red flag %s (urgency %s) is in tier %c, which tiers.tsv lists by "
                     "certainty: a red flag must be listed by severity",
                     x->id, x->urgency, x->tier);
        /* a knowledge base without the referral rule refers in its own rules
         * (no-recommendation checks those) */
        if (x->red_flag && applies_table(c, "referral") && !referred(c, x->id, NULL)) {
            snprintf(path, sizeof path, "%s/referrals.tsv", c->knowledge_dir);
            lint_add(c, c->conditions_path, x->line, "policy-table",
                     "red flag %s has no referral applied from %s", x->id, path);
        }
    }
    snprintf(path, sizeof path, "%s/phases.tsv", c->knowledge_dir);
    for (size_t i = 0; i < sol_catalog_recommendation_count(c->cat); i++) {
        const sol_recommendation *x = sol_catalog_recommendation_at(c->cat, i);
        int known = 0;
        for (size_t k = 0; k < sol_catalog_phase_count(c->cat); k++)
            known |= strcmp(sol_catalog_phase_at(c->cat, k, NULL), x->phase) == 0;
        if (!known)
            lint_add(c, c->recommendations_path, x->line, "policy-table",
                     "recommendation %s has phase %s, which is not in %s", x->id, x->phase, path);
    }
    snprintf(path, sizeof path, "%s/population.tsv", c->knowledge_dir);
    for (size_t i = 0; c->kb && i < sol_catalog_population_count(c->cat); i++) {
        int line = 0, used = 0;
        const char *fam = sol_catalog_population_at(c->cat, i, &line);
        for (size_t k = 0; k < sol_kb_rule_count(c->kb) && !used; k++) {
            const char *f = sol_kb_rule_at(c->kb, k)->family;
            used = f && strcmp(f, fam) == 0;
        }
        if (!used)
            lint_add(c, path, line, "policy-table",
                     "population tendency %s is not the brief id of any rule", fam);
    }
    for (size_t i = 0; i < sol_catalog_referral_count(c->cat); i++) {
        const sol_referral *x = sol_catalog_referral_at(c->cat, i);
        snprintf(path, sizeof path, "%s/referrals.tsv", c->knowledge_dir);
        if (c->kb && !applies_table(c, "referral")) {
            lint_add(c, path, x->line, "policy-table",
                     "no rule reads (referral) facts and recommends, so this row is never "
                     "applied");
            break;
        }
    }
}

void lint_run_checks(lint_ctx *c)
{
    if (c->kb) {
        check_docs(c);
        check_duplicates(c);
        check_overlaps(c);
        check_thresholds(c);
        check_printout(c);
    }
    check_sources(c);
    check_findings(c);
    check_conclusions(c);
    check_recommendations(c);
    check_evidence_levels(c);
    check_note_patterns(c);
    if (c->kb)
        check_contraindications(c);
    check_severity(c);
    check_must_not_miss(c);
    check_tables(c);
    check_policy(c);
}
