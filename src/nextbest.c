/* nextbest.c — ranks the unrecorded findings by how much their answer could
 * change the assessment (nextbest.h). Each plausible answer is tried by
 * re-assessing; answers that cannot change any rule's verdict (judged with
 * the knowledge-base model) are skipped without running the engine. */
#include "nextbest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "kb.h"
#include "probe.h"

struct sol_nextbest {
    sol_nb_item *items;
    size_t nitems;
    size_t runs;
};

typedef struct {
    sol_pipeline *p;
    const sol_findings *f;
    const sol_report *base;
    sol_kb *kb;
    sol_kb_facts facts;         /* judged against the baseline's derived facts */
    size_t runs;
    sol_diag *d;
} ctx;

static void tops(const sol_report *r, char top[4][64], double cf[4])
{
    for (int t = 0; t < 4; t++) {
        const sol_rconclusion *c = NULL;
        for (size_t i = 0; i < sol_report_conclusion_count(r) && !c; i++) {
            const sol_rconclusion *x = sol_report_conclusion_at(r, i);
            if (x->tier == SOL_NEXTBEST_TIERS[t] && x->rank == 1)
                c = x;
        }
        snprintf(top[t], 64, "%s", c ? c->id : "");
        cf[t] = c ? c->cf : 0;
    }
}

/* While a red flag stands only the red-flag tier counts: nothing else is
 * done to the leg before medical clearance (R58), so a hop or heel-raise
 * test that would move a driver is not worth suggesting. */
static double score_of(const sol_nb_answer *a)
{
    double s = a->red_before != a->red_after ? 1000 : 0;
    int tiers = a->red_before ? 1 : 4; /* index 0 of SOL_NEXTBEST_TIERS is A */
    for (int t = 0; t < tiers; t++) {
        if (strcmp(a->top_before[t], a->top_after[t]) != 0)
            s += 100 + 10 * a->cf_after[t]; /* a stronger new top weighs more */
        else
            s += 100 * fabs(a->cf_after[t] - a->cf_before[t]);
    }
    /* Whole hundredths only: float noise must not reorder the list. */
    return floor(s * 100 + 0.5) / 100;
}

/* Could answering name = v change any rule's verdict? Rules that read the
 * finding are judged with and without it; unanalysable ones count as
 * "could". Screening items always could (they feed the unanswered list). */
static int could_matter(ctx *c, const sol_term *t, const sol_change *ch)
{
    sol_findings *alt = NULL;
    int could = 0;

    if (t->screen && strcmp(t->screen, "-") != 0)
        return 1;
    if (sol_change_apply(&alt, c->f, ch, 1))
        return 1;
    for (size_t i = 0; i < sol_kb_rule_count(c->kb) && !could; i++) {
        const sol_kb_rule *r = sol_kb_rule_at(c->kb, i);
        if (!sol_probe_rule_reads(r, t->name))
            continue;
        sol_kb_result a = sol_kb_eval_rule(c->kb, i, c->f, &c->facts);
        sol_kb_result b = sol_kb_eval_rule(c->kb, i, alt, &c->facts);
        could = a != b || a == SOL_KB_OPAQUE;
    }
    sol_findings_free(alt);
    return could;
}

static int cmp_answer(const void *x, const void *y)
{
    const sol_nb_answer *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return 0;
}

static int cmp_item(const void *x, const void *y)
{
    const sol_nb_item *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return strcmp(a->finding, b->finding);
}

static void item_clear(sol_nb_item *it)
{
    for (size_t i = 0; i < it->nanswers; i++)
        sol_value_clear(&it->answers[i].value);
    free(it->answers);
}

/* Try every plausible answer to term t; append an item when one matters. */
static int try_finding(ctx *c, sol_nextbest *nb, const sol_term *t)
{
    sol_value *vals = NULL;
    size_t nv = 0;
    sol_nb_item it;
    int rc;

    memset(&it, 0, sizeof it);
    it.finding = t->name;
    it.label = t->label;
    for (size_t i = 0; i < sol_findings_count(c->f); i++) {
        const sol_finding *x = sol_findings_at(c->f, i);
        it.asked |= strcmp(x->name, t->name) == 0 && x->value.kind == SOL_VAL_UNKNOWN;
    }
    if ((rc = sol_probe_values(&vals, &nv, c->kb, t)))
        return sol_diag_set(c->d, rc, "", 0, "out of memory");
    for (size_t v = 0; v < nv && !rc; v++) {
        sol_change ch;
        sol_findings *alt = NULL;
        sol_assessment *a = NULL;
        sol_nb_answer ans;

        if ((rc = sol_change_set1(&ch, t->name, &vals[v]))) {
            sol_diag_set(c->d, rc, "", 0, "out of memory");
            break;
        }
        if (!could_matter(c, t, &ch)) {
            sol_change_clear(&ch);
            continue;
        }
        rc = sol_change_apply(&alt, c->f, &ch, 1);
        sol_change_clear(&ch);
        if (rc) {
            sol_diag_set(c->d, rc, "", 0, "out of memory");
            break;
        }
        rc = sol_pipeline_assess(c->p, sol_report_record_id(c->base),
                                 sol_report_record_file(c->base), alt, &a, c->d);
        sol_findings_free(alt);
        c->runs++;
        if (rc)
            break;
        memset(&ans, 0, sizeof ans);
        ans.red_before = sol_report_has_red_flag(c->base);
        ans.red_after = sol_report_has_red_flag(a->report);
        tops(c->base, ans.top_before, ans.cf_before);
        tops(a->report, ans.top_after, ans.cf_after);
        sol_assessment_free(a);
        ans.score = score_of(&ans);
        if (ans.score < 1)
            continue; /* less than a hundredth of certainty anywhere */
        sol_nb_answer *na = realloc(it.answers, (it.nanswers + 1) * sizeof *na);
        if (!na || sol_value_copy(&ans.value, &vals[v])) {
            if (na)
                it.answers = na;
            rc = sol_diag_set(c->d, SOL_ENOMEM, "", 0, "out of memory");
            break;
        }
        it.answers = na;
        it.answers[it.nanswers++] = ans;
        if (ans.score > it.score)
            it.score = ans.score;
    }
    sol_probe_values_free(vals, nv);
    if (rc || !it.nanswers) {
        item_clear(&it);
        return rc;
    }
    /* Stable: equal scores keep the vocabulary's order of values. */
    for (size_t i = 1; i < it.nanswers; i++)
        for (size_t k = i; k > 0 && cmp_answer(&it.answers[k - 1], &it.answers[k]) > 0; k--) {
            sol_nb_answer tmp = it.answers[k];
            it.answers[k] = it.answers[k - 1];
            it.answers[k - 1] = tmp;
        }
    sol_nb_item *ni = realloc(nb->items, (nb->nitems + 1) * sizeof *ni);
    if (!ni) {
        item_clear(&it);
        return sol_diag_set(c->d, SOL_ENOMEM, "", 0, "out of memory");
    }
    nb->items = ni;
    nb->items[nb->nitems++] = it;
    return SOL_OK;
}

int sol_nextbest_compute(sol_nextbest **out, sol_pipeline *p, const sol_findings *f,
                         const sol_report *baseline, sol_diag *d)
{
    sol_nextbest *nb = calloc(1, sizeof *nb);
    const char **names = NULL;
    size_t nnames = 0;
    unsigned char *sup = NULL;
    ctx c;
    int rc;

    *out = NULL;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.f = f;
    c.base = baseline;
    c.d = d;
    if (!nb)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    if ((rc = sol_kb_load(&c.kb, sol_pipeline_rules_dir(p), sol_pipeline_knowledge_dir(p), d)))
        goto cleanup;
    if (sol_explain_superseded(sol_report_graph(baseline), &sup) ||
        sol_probe_read_findings(&names, &nnames, c.kb)) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        goto cleanup;
    }
    sol_explain_facts fctx = {sol_report_graph(baseline), sup, c.kb};
    c.facts.fact = sol_explain_fact_judge;
    c.facts.ctx = &fctx;
    for (size_t i = 0; i < nnames && !rc; i++) {
        const sol_term *t = sol_vocab_lookup(sol_pipeline_vocab(p), names[i]);
        if (!t || t->type == SOL_TYPE_DERIVED || sol_probe_known(f, names[i]))
            continue;
        rc = try_finding(&c, nb, t);
    }
    if (rc)
        goto cleanup;
    if (nb->nitems)
        qsort(nb->items, nb->nitems, sizeof *nb->items, cmp_item);
    nb->runs = c.runs;
    *out = nb;
    nb = NULL;
cleanup:
    sol_nextbest_free(nb);
    free((void *)names);
    free(sup);
    sol_kb_free(c.kb);
    return rc;
}

void sol_nextbest_free(sol_nextbest *nb)
{
    if (!nb)
        return;
    for (size_t i = 0; i < nb->nitems; i++)
        item_clear(&nb->items[i]);
    free(nb->items);
    free(nb);
}

size_t sol_nextbest_count(const sol_nextbest *nb) { return nb ? nb->nitems : 0; }
const sol_nb_item *sol_nextbest_at(const sol_nextbest *nb, size_t i) { return &nb->items[i]; }
size_t sol_nextbest_runs(const sol_nextbest *nb) { return nb ? nb->runs : 0; }

static const char *code_of(const sol_catalog *cat, const char *id)
{
    const sol_condition *c = cat ? sol_catalog_condition(cat, id) : NULL;
    return c ? c->code : "?";
}

const char *sol_nb_answer_text(const sol_nb_answer *a, const sol_catalog *cat, char *buf,
                               size_t len)
{
    static const char *const tier[] = {"red flag", "tissue state", "driver", "advisory"};
    size_t used = 0;

    buf[0] = '\0';
#define ADD(...) do { if (used < len) { snprintf(buf + used, len - used, __VA_ARGS__); \
                      used = strlen(buf); } } while (0)
    if (a->red_before != a->red_after) {
        if (a->red_after)
            ADD("red flag raised: %s (%s) %.2f", a->top_after[0], code_of(cat, a->top_after[0]),
                a->cf_after[0]);
        else
            ADD("red flag cleared");
    }
    for (int t = 0; t < 4; t++) {
        if (t == 0 && a->red_before != a->red_after)
            continue;
        if (strcmp(a->top_before[t], a->top_after[t]) != 0) {
            ADD("%stop %s: ", used ? "; " : "", tier[t]);
            if (*a->top_before[t])
                ADD("%s (%s)", a->top_before[t], code_of(cat, a->top_before[t]));
            else
                ADD("none");
            if (*a->top_after[t])
                ADD(" -> %s (%s) %.2f", a->top_after[t], code_of(cat, a->top_after[t]),
                    a->cf_after[t]);
            else
                ADD(" -> none");
        } else if (fabs(a->cf_after[t] - a->cf_before[t]) >= 0.005) {
            ADD("%s%s (%s) %.2f -> %.2f", used ? "; " : "", a->top_after[t],
                code_of(cat, a->top_after[t]), a->cf_before[t], a->cf_after[t]);
        }
    }
#undef ADD
    return buf;
}
