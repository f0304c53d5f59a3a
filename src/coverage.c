/* coverage.c — counts rule firings per case from the justification graphs
 * (CLIPS's own record), and pattern outcomes: a fired rule's patterns all
 * held; for a rule that did not fire, each top-level pattern is judged by the
 * kb model against the case's findings and the facts the run ended with. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "coverage.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"

struct sol_coverage {
    const sol_kb *kb;
    sol_cov_rule *rules;
    size_t nrules;
    char **cases;
    size_t ncases;
    char **reached; /* conclusions supported in some case */
    size_t nreached;
    size_t unknown;
};

int sol_coverage_new(sol_coverage **out, const sol_kb *kb)
{
    *out = NULL;
    sol_coverage *c = calloc(1, sizeof *c);
    if (!c)
        return SOL_ENOMEM;
    c->kb = kb;
    c->nrules = sol_kb_rule_count(kb);
    c->rules = calloc(c->nrules ? c->nrules : 1, sizeof *c->rules);
    if (!c->rules) {
        free(c);
        return SOL_ENOMEM;
    }
    for (size_t i = 0; i < c->nrules; i++) {
        c->rules[i].rule = sol_kb_rule_at(kb, i);
        size_t n = c->rules[i].rule->nconds;
        c->rules[i].branches = calloc(n ? n : 1, sizeof(sol_cov_branch));
        if (!c->rules[i].branches) {
            sol_coverage_free(c);
            return SOL_ENOMEM;
        }
    }
    *out = c;
    return SOL_OK;
}

void sol_coverage_free(sol_coverage *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nrules; i++) {
        free(c->rules[i].cases);
        free(c->rules[i].branches);
    }
    free(c->rules);
    for (size_t i = 0; i < c->ncases; i++)
        free(c->cases[i]);
    free(c->cases);
    for (size_t i = 0; i < c->nreached; i++)
        free(c->reached[i]);
    free(c->reached);
    free(c);
}

static int add_reached(sol_coverage *c, const char *id)
{
    for (size_t i = 0; i < c->nreached; i++)
        if (strcmp(c->reached[i], id) == 0)
            return SOL_OK;
    if (sol_grow_one((void **)&c->reached, c->nreached, sizeof *c->reached))
        return SOL_ENOMEM;
    if (!(c->reached[c->nreached] = sol_strdup(id)))
        return SOL_ENOMEM;
    c->nreached++;
    return SOL_OK;
}

int sol_coverage_add(sol_coverage *c, const char *case_name, const sol_findings *f,
                     const sol_graph *g)
{
    int rc = SOL_ENOMEM;
    size_t *counts = calloc(c->nrules ? c->nrules : 1, sizeof *counts);
    unsigned char *superseded = NULL;
    if (!counts || sol_grow_one((void **)&c->cases, c->ncases, sizeof *c->cases))
        goto cleanup;
    if (!(c->cases[c->ncases] = sol_strdup(case_name)))
        goto cleanup;
    const char *name = c->cases[c->ncases++];

    for (size_t i = 0; i < sol_graph_firing_count(g); i++) {
        const sol_kb_rule *r = sol_kb_rule_find(c->kb, sol_graph_firing_at(g, i)->rule);
        long idx = r ? sol_kb_rule_index(c->kb, r) : -1;
        if (idx < 0)
            c->unknown++;
        else
            counts[idx]++;
    }
    for (size_t i = 0; i < sol_graph_fact_count(g); i++) {
        const sol_gfact *gf = sol_graph_fact_at(g, i);
        if (strcmp(gf->relation, "evidence") != 0 ||
            strcmp(sol_gfact_sym(gf, "polarity"), "support") != 0)
            continue;
        const char *id = sol_gfact_sym(gf, "conclusion");
        if (add_reached(c, id))
            goto cleanup;
    }
    if (sol_explain_superseded(g, &superseded))
        goto cleanup;
    sol_explain_facts fctx = {g, superseded, c->kb};
    sol_kb_facts facts = {sol_explain_fact_judge, &fctx};
    for (size_t i = 0; i < c->nrules; i++) {
        sol_cov_rule *cr = &c->rules[i];
        if (counts[i]) {
            if (sol_grow_one((void **)&cr->cases, cr->ncases, sizeof *cr->cases))
                goto cleanup;
            cr->cases[cr->ncases++] = name;
            cr->fired += counts[i];
        }
        for (size_t k = 0; k < cr->rule->nconds; k++) {
            sol_kb_result res = counts[i] ? SOL_KB_HELD
                                          : sol_kb_eval_condition(c->kb, i, k, f, &facts);
            if (res == SOL_KB_HELD)
                cr->branches[k].held++;
            else if (res == SOL_KB_OPAQUE)
                cr->branches[k].opaque++;
            else
                cr->branches[k].missed++;
        }
    }
    rc = SOL_OK;
cleanup:
    free(counts);
    free(superseded);
    return rc;
}

size_t sol_coverage_rule_count(const sol_coverage *c) { return c->nrules; }
const sol_cov_rule *sol_coverage_rule_at(const sol_coverage *c, size_t i) { return &c->rules[i]; }
size_t sol_coverage_case_count(const sol_coverage *c) { return c->ncases; }

int sol_coverage_reached(const sol_coverage *c, const char *conclusion)
{
    for (size_t i = 0; i < c->nreached; i++)
        if (strcmp(c->reached[i], conclusion) == 0)
            return 1;
    return 0;
}

int sol_coverage_write_text(FILE *out, const sol_coverage *c, const sol_catalog *cat)
{
    size_t never = 0;
    int wid = 6, wq = 40;
    for (size_t i = 0; i < c->nrules; i++) {
        const sol_kb_rule *r = c->rules[i].rule;
        int l = r->id ? (int)strlen(r->id) : 1, q = (int)strlen(r->qname);
        wid = l > wid ? l : wid;
        wq = q > wq ? q : wq;
    }
    fprintf(out, "Rule coverage over %zu case(s)\n\n", c->ncases);
    for (size_t i = 0; i < c->nrules; i++) {
        const sol_cov_rule *cr = &c->rules[i];
        fprintf(out, "%-*s %-*s fired %3zu in %2zu case(s)", wid,
                cr->rule->id ? cr->rule->id : "?", wq, cr->rule->qname, cr->fired, cr->ncases);
        for (size_t k = 0; k < cr->ncases && k < 4; k++)
            fprintf(out, "%s%s", k ? ", " : ": ", cr->cases[k]);
        if (cr->ncases > 4)
            fprintf(out, ", +%zu", cr->ncases - 4);
        fputc('\n', out);
        never += cr->fired == 0;
    }
    fprintf(out, "\nNever fired (%zu):\n", never);
    for (size_t i = 0; i < c->nrules; i++)
        if (c->rules[i].fired == 0)
            fprintf(out, "  %s:%d: %s (%s)\n", c->rules[i].rule->file, c->rules[i].rule->line,
                    c->rules[i].rule->qname, c->rules[i].rule->id ? c->rules[i].rule->id : "?");
    size_t nconds = sol_catalog_condition_count(cat), unreached = 0;
    fprintf(out, "\nConclusions:\n");
    for (size_t i = 0; i < nconds; i++) {
        const sol_condition *cd = sol_catalog_condition_at(cat, i);
        int r = sol_coverage_reached(c, cd->id);
        unreached += !r;
        fprintf(out, "  %-4s %-40s %s\n", cd->code, cd->id, r ? "reached" : "NEVER REACHED");
    }
    size_t fired = c->nrules - never;
    fprintf(out, "\n%zu of %zu rules fired (%.1f%%); %zu of %zu conclusions reached\n", fired,
            c->nrules, c->nrules ? 100.0 * fired / c->nrules : 0.0, nconds - unreached, nconds);
    if (c->unknown)
        fprintf(out, "%zu firing(s) of rules missing from the model\n", c->unknown);
    return sol_write_end(out);
}

/* A pattern on a knowledge fact the host asserts after every reset
 * (thresholds, the conditions catalogue, strengths, screening items): it
 * cannot fail, so it is not a decision and has no "not held" branch. */
static int cannot_fail(const sol_kb_cond *c)
{
    if (c->kind == SOL_KB_CE_THRESHOLD || c->kind == SOL_KB_CE_CONDITION)
        return 1;
    return c->kind == SOL_KB_CE_PATTERN && c->tmpl &&
           (strcmp(c->tmpl, "strength-cf") == 0 || strcmp(c->tmpl, "screen-item") == 0);
}

/* How often text calls function name: "(name " or "(name)" occurrences. */
static size_t calls_in(const char *text, const char *name)
{
    size_t n = 0, len = strlen(name);
    for (const char *p = text ? strchr(text, '(') : NULL; p; p = strchr(p + 1, '('))
        if (strncmp(p + 1, name, len) == 0 && (p[1 + len] == ' ' || p[1 + len] == ')'))
            n++;
    return n;
}

/* Calls of a deffunction made by the firings of the corpus: each firing of
 * a rule runs every call written in its right-hand side (and its tests) once. */
static size_t function_calls(const sol_coverage *c, const sol_kb_function *fn)
{
    size_t total = 0;
    for (size_t i = 0; i < c->nrules; i++) {
        const sol_kb_rule *r = c->rules[i].rule;
        size_t per = 0;
        for (size_t k = 0; k < r->nactions; k++)
            per += calls_in(r->actions[k].text, fn->name);
        for (size_t k = 0; k < r->nconds; k++)
            per += calls_in(r->conds[k].text, fn->name);
        total += per * c->rules[i].fired;
    }
    return total;
}

/* SF path: absolute by default; with prefix, PREFIX/RULESDIR/FILE. */
static void sf_path(const char *file, const char *prefix, char *out, size_t len)
{
    if (prefix) {
        const char *base = strrchr(file, '/');
        const char *dir = base;
        while (dir && dir > file && dir[-1] != '/')
            dir--;
        if (base && dir)
            snprintf(out, len, "%s/%.*s%s", prefix, (int)(base - dir), dir, base);
        else
            snprintf(out, len, "%s/%s", prefix, file);
        return;
    }
    if (!realpath(file, out) || strlen(out) >= len)
        snprintf(out, len, "%s", file);
}

/* LCOV: each defrule is a function at its line in its .clp file, and so is
 * each deffunction (its calls by the corpus's firings); each top-level
 * pattern is a branch pair (held / not held), except a pattern that cannot
 * fail (one branch); a side the model could not judge in any case is "-".
 * DA lines carry the same counts so genhtml can colour the rule sources. */
int sol_coverage_write_lcov_prefix(FILE *out, const sol_coverage *c, const char *prefix)
{
    char sf[4096];
    fprintf(out, "TN:soleus\n");
    for (size_t i = 0; i < c->nrules;) {
        const char *file = c->rules[i].rule->file;
        size_t end = i;
        while (end < c->nrules && strcmp(c->rules[end].rule->file, file) == 0)
            end++;
        sf_path(file, prefix, sf, sizeof sf);
        fprintf(out, "SF:%s\n", sf);
        size_t fnf = end - i, fnh = 0, brf = 0, brh = 0, lf = 0, lh = 0;
        for (size_t f = 0; f < sol_kb_function_count(c->kb); f++) {
            const sol_kb_function *fn = sol_kb_function_at(c->kb, f);
            if (strcmp(fn->file, file) == 0)
                fprintf(out, "FN:%d,%s::%s\n", fn->line, fn->module, fn->name);
        }
        for (size_t k = i; k < end; k++)
            fprintf(out, "FN:%d,%s\n", c->rules[k].rule->line, c->rules[k].rule->qname);
        for (size_t f = 0; f < sol_kb_function_count(c->kb); f++) {
            const sol_kb_function *fn = sol_kb_function_at(c->kb, f);
            if (strcmp(fn->file, file) != 0)
                continue;
            size_t calls = function_calls(c, fn);
            fprintf(out, "FNDA:%zu,%s::%s\n", calls, fn->module, fn->name);
            fnf++;
            fnh += calls > 0;
        }
        for (size_t k = i; k < end; k++) {
            fprintf(out, "FNDA:%zu,%s\n", c->rules[k].fired, c->rules[k].rule->qname);
            fnh += c->rules[k].fired > 0;
        }
        fprintf(out, "FNF:%zu\nFNH:%zu\n", fnf, fnh);
        for (size_t k = i; k < end; k++) {
            const sol_cov_rule *cr = &c->rules[k];
            for (size_t b = 0; b < cr->rule->nconds; b++) {
                const sol_cov_branch *br = &cr->branches[b];
                int line = cr->rule->conds[b].line;
                /* judged: a number; never judged (only opaque): "-" */
                int held_known = br->held > 0 || br->missed > 0 || !br->opaque;
                int missed_known = br->missed > 0 || !br->opaque;
                if (held_known)
                    fprintf(out, "BRDA:%d,%zu,0,%zu\n", line, k, br->held);
                else
                    fprintf(out, "BRDA:%d,%zu,0,-\n", line, k);
                brf++;
                brh += br->held > 0;
                if (cannot_fail(&cr->rule->conds[b]))
                    continue;
                if (missed_known)
                    fprintf(out, "BRDA:%d,%zu,1,%zu\n", line, k, br->missed);
                else
                    fprintf(out, "BRDA:%d,%zu,1,-\n", line, k);
                brf++;
                brh += br->missed > 0;
            }
        }
        fprintf(out, "BRF:%zu\nBRH:%zu\n", brf, brh);
        /* DA lines in line order: deffunctions come before the rules that
         * call them in a file, rules in file order. */
        for (size_t f = 0; f < sol_kb_function_count(c->kb); f++) {
            const sol_kb_function *fn = sol_kb_function_at(c->kb, f);
            if (strcmp(fn->file, file) != 0)
                continue;
            size_t calls = function_calls(c, fn);
            fprintf(out, "DA:%d,%zu\n", fn->line, calls);
            lf++;
            lh += calls > 0;
        }
        for (size_t k = i; k < end; k++) {
            const sol_cov_rule *cr = &c->rules[k];
            fprintf(out, "DA:%d,%zu\n", cr->rule->line, cr->fired);
            lf++;
            lh += cr->fired > 0;
            int last = cr->rule->line;
            for (size_t b = 0; b < cr->rule->nconds; b++) {
                int line = cr->rule->conds[b].line;
                if (line <= last)
                    continue; /* one DA per line, in order */
                fprintf(out, "DA:%d,%zu\n", line, cr->branches[b].held);
                lf++;
                lh += cr->branches[b].held > 0;
                last = line;
            }
        }
        fprintf(out, "LF:%zu\nLH:%zu\nend_of_record\n", lf, lh);
        i = end;
    }
    return sol_write_end(out);
}
