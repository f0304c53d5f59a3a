/* differential.h — the differential check between the two evaluators of the
 * rules: CLIPS, which runs them, and the rule model's C evaluator (kb_eval.c),
 * which why-not and next-best use to judge rules without running them. For
 * one assessed run it compares, rule by rule, what the model says with what
 * CLIPS did, and writes one line per divergence.
 *
 * "Can fire", precisely. The model judges a rule's whole left-hand side
 * (sol_kb_eval_rule) against the run's findings and the working memory of
 * derived and knowledge facts (sol_explain_fact_judge: a pattern holds when
 * a fact in memory matches its literal slots):
 *   - for a rule CLIPS fired: the working memory just before its first
 *     firing (facts asserted by earlier firings and not yet modified away).
 *     A rule's own assertions can defeat its (not …) elements afterwards
 *     (BELIEF::open-belief asserts the belief its (not (belief)) forbids),
 *     and refraction keeps it from firing again, so the final memory is the
 *     wrong place to judge a rule that fired;
 *   - for a rule CLIPS did not fire: the final working memory (every module
 *     on the focus stack ran until its agenda was empty, so a rule whose
 *     left-hand side holds on it would have fired). Salience only orders
 *     firings within a module and changes none of this. What would break
 *     it: a rule whose module had already left the focus stack when a later
 *     module asserted what it needs (it holds at the end but never fired),
 *     or a run stopped by the engine's firing cap; no rule or case of the
 *     corpus does either, and one that did is reported as a divergence to
 *     look at, not hidden.
 * A table-driven rule (kb.h: its findings come from a knowledge table such
 * as wells.tsv) is judged through its row instances: held when one row's
 * instance holds, since CLIPS fires the rule once per matching row.
 * Verdicts: held = the model says the rule can fire; failed or unknown (a
 * finding it needs is absent) = it cannot; opaque = the model declines to
 * judge (joins through variables, (test) expressions on several variables,
 * forall). Held must equal "CLIPS fired"; failed and unknown must equal
 * "CLIPS did not fire"; opaque verdicts are counted, never compared. */
#ifndef SOL_TEST_DIFFERENTIAL_H
#define SOL_TEST_DIFFERENTIAL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "kb.h"
#include "pipeline.h"

typedef struct {
    size_t runs;   /* assessed runs compared */
    size_t judged; /* rule verdicts compared (held, failed, unknown) */
    size_t opaque; /* rule verdicts the model declined */
    size_t fired;  /* rules CLIPS fired, summed over runs */
    size_t divergences;
} diff_stats;

/* Index of rule qname's first firing in g, or -1. */
static long diff_first_firing(const sol_graph *g, const char *qname)
{
    for (size_t i = 0; i < sol_graph_firing_count(g); i++)
        if (strcmp(sol_graph_firing_at(g, i)->rule, qname) == 0)
            return (long)i;
    return -1;
}

/* hidden[p] = 1 for every fact not in working memory just before firing t
 * (t = the firing count: the final memory): asserted by firing t or later,
 * or replaced (modify) by a firing before t. */
static void diff_memory_at(const sol_graph *g, const long *died, size_t t, unsigned char *hidden)
{
    for (size_t p = 0; p < sol_graph_fact_count(g); p++) {
        const sol_gfact *f = sol_graph_fact_at(g, p);
        hidden[p] = (f->firing >= 0 && (size_t)f->firing >= t) ||
                    (died[p] >= 0 && (size_t)died[p] < t);
    }
}

/* Did a firing of the instance's rule match every finding its top-level
 * finding patterns name? That is the row it applied (a Wells item, a sign
 * pair): the firing's basis holds those finding facts. */
static int diff_row_fired(const sol_graph *g, const sol_findings *f, const sol_kb_rule *u)
{
    for (size_t i = 0; i < sol_graph_firing_count(g); i++) {
        const sol_firing *fi = sol_graph_firing_at(g, i);
        int all = 1;

        if (strcmp(fi->rule, u->qname) != 0)
            continue;
        for (size_t c = 0; c < u->nconds && all; c++) {
            int hit = 0;

            if (u->conds[c].kind != SOL_KB_CE_FINDING || !u->conds[c].finding)
                continue;
            for (size_t k = 0; k < fi->nbasis && !hit; k++) {
                const sol_gfact *b = sol_graph_fact_at(g, fi->basis[k]);
                hit = b->finding >= 0 && strcmp(sol_findings_at(f, (size_t)b->finding)->name,
                                                u->conds[c].finding) == 0;
            }
            all = hit;
        }
        if (all)
            return 1;
    }
    return 0;
}

/* Compare the model with CLIPS on one run (findings f, graph g). label names
 * the case and change in each divergence line written to out. Returns 0, or
 * -1 when out of memory. */
static int diff_run(const sol_kb *kb, const sol_findings *f, const sol_graph *g,
                    const char *label, FILE *out, diff_stats *st)
{
    size_t nfa = sol_graph_fact_count(g), nfi = sol_graph_firing_count(g);
    unsigned char *hidden = calloc(nfa ? nfa : 1, 1);
    long *died = NULL;

    if (!hidden || sol_explain_fact_deaths(g, &died) != SOL_OK) {
        free(hidden);
        free(died);
        return -1;
    }
    st->runs++;
    for (size_t i = 0; i < sol_kb_rule_count(kb); i++) {
        const sol_kb_rule *r = sol_kb_rule_at(kb, i);
        long first = diff_first_firing(g, r->qname);
        sol_explain_facts ctx = {g, hidden, kb};
        sol_kb_facts facts = {sol_explain_fact_judge, &ctx};
        sol_kb_result v;

        diff_memory_at(g, died, first >= 0 ? (size_t)first : nfi, hidden);
        v = sol_kb_eval_rule(kb, i, f, &facts);
        st->fired += first >= 0;
        if (v == SOL_KB_OPAQUE) {
            st->opaque++;
            continue;
        }
        st->judged++;
        /* a table-driven rule, row by row: each row's instance can fire
         * exactly when CLIPS applied that row */
        for (size_t k = 0; r->table && k < r->nrows; k++) {
            const sol_kb_rule *u = &r->rows[k];
            sol_kb_result rv = sol_kb_eval_whole(kb, u, f, &facts);
            int fired = diff_row_fired(g, f, u);

            if (rv == SOL_KB_OPAQUE || (rv == SOL_KB_HELD) == fired)
                continue;
            st->divergences++;
            fprintf(out, "divergence: %s row %s:%d in %s: the model says it %s (%s), CLIPS %s\n",
                    r->qname, u->row_file, u->row_line, label,
                    rv == SOL_KB_HELD ? "can fire" : "cannot fire", sol_kb_result_name(rv),
                    fired ? "applied the row" : "did not apply it");
        }
        if ((v == SOL_KB_HELD) == (first >= 0))
            continue;
        st->divergences++;
        fprintf(out, "divergence: %s (%s) in %s: the model says it %s (%s), CLIPS %s\n", r->qname,
                r->id ? r->id : "-", label, v == SOL_KB_HELD ? "can fire" : "cannot fire",
                sol_kb_result_name(v), first >= 0 ? "fired it" : "did not fire it");
    }
    free(hidden);
    free(died);
    return 0;
}

#endif
