/* write_whynot.c — the why-not analysis as text: every rule that could
 * support the conclusion with each condition held/failed/unknown against
 * this case, then the smallest checked change set and the what-if command
 * that shows its full effect. */
#include "whynot.h"

#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "kb_text.h"

static const char *clean_path(const char *p)
{
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    return p;
}

/* What the case says about finding name: recorded values with lines. */
static void write_recorded(FILE *out, const sol_findings *fs, const char *name, int named)
{
    int any = 0;

    for (size_t i = 0; i < sol_findings_count(fs); i++) {
        const sol_finding *f = sol_findings_at(fs, i);
        char v[64], at[300];
        if (strcmp(f->name, name) != 0 || f->context != SOL_CTX_CURRENT)
            continue;
        fprintf(out, "%s%s%s%s (%s%s)", any++ ? ", " : "recorded: ", named ? name : "",
                named ? " = " : "", sol_value_text(&f->value, v, sizeof v),
                f->origin == SOL_ORIGIN_NOTE ? "note, " : "",
                sol_finding_where(f, at, sizeof at));
    }
    if (!any)
        fprintf(out, "%s%snot recorded", named ? name : "", named ? " " : "");
}

/* For a pattern on derived facts: the closest fact of its template. */
static void write_derived(FILE *out, const sol_report *r, const sol_kb_cond *c)
{
    const sol_graph *g = sol_report_graph(r);
    unsigned char *sup = NULL;
    char buf[768];
    int any = 0;

    if (!c->tmpl || sol_explain_superseded(g, &sup))
        return;
    for (size_t p = 0; p < sol_graph_fact_count(g); p++) {
        const sol_gfact *f = sol_graph_fact_at(g, p);
        int ok = !sup[p] && strcmp(f->relation, c->tmpl) == 0;
        for (size_t s = 0; ok && s < c->nslots; s++) {
            const sol_kb_constraint *k = &c->slots[s].c;
            const sol_value *v = sol_gfact_slot(f, c->slots[s].name);
            if (k->kind == SOL_KB_CONS_IN)
                ok = v && sol_kb_constraint_match(k, v) == SOL_KB_HELD;
        }
        if (!ok || any >= 3)
            continue;
        fprintf(out, "%s%s",
                any++ ? "; " : "in this run: ", sol_explain_fact_text(f, buf, sizeof buf));
    }
    if (!any)
        fprintf(out, "no such fact in this run");
    free(sup);
}

static void write_cond(FILE *out, const sol_whynot *w, const sol_report *r, const sol_wn_rule *wr,
                       const sol_wn_cond *wc)
{
    const sol_kb_cond *c = wc->cond;
    char phrase[512];

    sol_kb_cond_text(phrase, sizeof phrase, NULL, wr->rule, c, sol_report_vocab(r),
                     sol_report_catalog(r));
    fprintf(out, "    %*s%-8s line %d: %s", wc->depth * 2, "", sol_kb_result_name(wc->result),
            c->line, phrase);
    int not_finding = c->kind == SOL_KB_CE_NOT && c->nchildren == 1 &&
                      c->children[0].kind == SOL_KB_CE_FINDING && c->children[0].finding;
    if (wc->result != SOL_KB_HELD || c->kind == SOL_KB_CE_FINDING || c->kind == SOL_KB_CE_TEST ||
        not_finding) {
        const char *name = c->kind == SOL_KB_CE_FINDING ? c->finding
                           : not_finding                ? c->children[0].finding
                                                        : NULL;
        if (c->kind == SOL_KB_CE_TEST && c->value && c->value->var) {
            const sol_kb_cond *b = sol_kb_binder(wr->rule->conds, wr->rule->nconds,
                                                 c->value->var);
            name = b ? b->finding : NULL;
        }
        if (name) {
            fprintf(out, "; ");
            write_recorded(out, sol_report_findings(r), name, 1);
        } else if (c->kind == SOL_KB_CE_PATTERN || c->kind == SOL_KB_CE_EVIDENCE ||
                   c->kind == SOL_KB_CE_BELIEF || c->kind == SOL_KB_CE_GATE) {
            fprintf(out, "; ");
            write_derived(out, r, c);
        } else if (c->kind == SOL_KB_CE_EXISTS && c->nchildren == 1 &&
                   c->children[0].kind != SOL_KB_CE_FINDING) {
            fprintf(out, "; ");
            write_derived(out, r, &c->children[0]);
        }
    }
    fprintf(out, "\n");
    (void)w;
}

static void write_changes(FILE *out, const sol_report *r, const sol_wn_rule *wr,
                          const char *indent)
{
    for (size_t i = 0; i < wr->nchanges; i++) {
        char buf[512];
        fprintf(out, "%s- %s (now ", indent, sol_change_text(&wr->changes[i], buf, sizeof buf));
        write_recorded(out, sol_report_findings(r), wr->changes[i].name, 0);
        fprintf(out, ")%s\n",
                i >= wr->ndirect ? ", found by trying the findings behind its"
                                   " derived conditions"
                                 : "");
    }
}

static void write_whatif_cmd(FILE *out, const sol_report *r, const sol_wn_rule *wr)
{
    fprintf(out, "    soleus what-if %s", sol_report_record_file(r));
    for (size_t i = 0; i < wr->nchanges; i++) {
        const sol_change *c = &wr->changes[i];
        if (c->unset) {
            fprintf(out, " --unset %s", c->name);
            continue;
        }
        fprintf(out, " --set %s%s=", c->nvalues > 1 ? "'" : "", c->name);
        for (size_t k = 0; k < c->nvalues; k++) {
            char v[64];
            fprintf(out, "%s%s", k ? " " : "", sol_value_text(&c->values[k], v, sizeof v));
        }
        fprintf(out, "%s", c->nvalues > 1 ? "'" : "");
    }
    fprintf(out, "\n");
}

static void write_rule(FILE *out, const sol_whynot *w, const sol_report *r, const sol_wn_rule *wr)
{
    const sol_kb_rule *kr = wr->rule;

    char row[1100] = "";

    if (kr->row_file) /* a table row's instance: the row is the rule's other half */
        snprintf(row, sizeof row, "; row %s:%d", clean_path(kr->row_file), kr->row_line);
    fprintf(out, "\n  %s %s (%s:%d%s), votes %s %s: %s\n", kr->id ? kr->id : "?", kr->qname,
            clean_path(kr->file), kr->line, row,
            wr->vote->polarity ? wr->vote->polarity : "support",
            wr->vote->strength ? wr->vote->strength : "?",
            wr->fired                      ? "it FIRED in this run"
            : wr->result == SOL_KB_UNKNOWN ? "did not fire, a finding it needs is not recorded"
            : wr->result == SOL_KB_FAILED  ? "did not fire, a condition failed"
                                           : "did not fire");
    if (kr->rationale)
        fprintf(out, "    because: %s\n", kr->rationale);
    for (size_t i = 0; i < wr->nconds; i++)
        write_cond(out, w, r, wr, &wr->conds[i]);
    if (wr->fired)
        return;
    if (wr->unmet_derived < 0) {
        fprintf(out, "    needs: no consistent set of finding changes\n");
        return;
    }
    if (wr->nchanges) {
        fprintf(out, "    needs:\n");
        write_changes(out, r, wr, "      ");
    } else if (wr->unmet_derived) {
        fprintf(out, "    needs: derived facts that no single finding change provides\n");
    }
    if (wr->unmet_derived && wr->nchanges == wr->ndirect)
        fprintf(out, "    and: %d derived condition%s to meet as well\n", wr->unmet_derived,
                wr->unmet_derived == 1 ? "" : "s");
    if (!wr->tried)
        fprintf(out, "    checked: not re-assessed, a smaller change set exists\n");
    else if (wr->reached)
        fprintf(out,
                "    checked: re-assessed with these changes, it fires and the conclusion "
                "is reached (certainty %.2f)\n",
                wr->cf);
    else if (wr->fires && wr->has_belief)
        fprintf(out,
                "    checked: re-assessed with these changes, it fires but the conclusion "
                "is still not shown: the votes against outweigh it (combined certainty "
                "%.2f; only a certainty above 0 is shown)\n",
                wr->belief);
    else if (wr->fires)
        fprintf(out, "    checked: re-assessed with these changes, it fires but the conclusion "
                     "is still not shown: no belief in it was formed\n");
    else
        fprintf(out, "    checked: re-assessed with these changes, it still does not fire\n");
}

int sol_whynot_write_text(FILE *out, const sol_whynot *w)
{
    const sol_condition *c = sol_whynot_condition(w);
    const sol_rconclusion *reached = sol_whynot_reached(w);
    const sol_report *r = sol_whynot_report(w);
    size_t n = sol_whynot_rule_count(w);
    long best = sol_whynot_best(w);

    fprintf(out, "Why not: %s (%s, %s) for record '%s' (%s)\n", c->label, c->code, c->id,
            sol_report_record_id(r), sol_report_record_file(r));
    fprintf(out,
            "Decision support for a qualified clinician; it suggests, it does not diagnose.\n");
    if (reached) {
        fprintf(out,
                "\nIt WAS reached: certainty %.2f, rank %d in tier %c%s.\n"
                "For the chain of reasoning behind it run:\n    soleus explain %s %s\n",
                reached->cf, reached->rank, reached->tier,
                reached->deferred ? ", deferred pending medical clearance" : "",
                sol_report_record_file(r), c->id);
        return sol_write_end(out);
    }
    fprintf(out, "\nIt was NOT reached.\n");
    if (!n) {
        fprintf(out, "No rule in the knowledge base supports it.\n");
        return sol_write_end(out);
    }
    fprintf(out, "\nRULES THAT COULD REACH IT (%zu)\n", n);
    fprintf(out, "  Each condition against this case: held, failed (the case says otherwise),\n"
                 "  unknown (a finding it needs is not recorded; unknown is not negative).\n");
    for (size_t i = 0; i < n; i++)
        write_rule(out, w, r, sol_whynot_rule_at(w, i));
    fprintf(out, "\nSMALLEST CHANGE\n");
    if (best < 0) {
        fprintf(out, "  No set of finding changes tried here makes it reached.\n");
        return sol_write_end(out);
    }
    const sol_wn_rule *b = sol_whynot_rule_at(w, (size_t)best);
    fprintf(out, "  Through %s %s: %zu finding change%s\n", b->rule->id ? b->rule->id : "?",
            b->rule->qname, b->nchanges, b->nchanges == 1 ? "" : "s");
    write_changes(out, r, b, "    ");
    fprintf(out, "  Checked by re-assessing the case: %s is then reached with certainty %.2f.\n",
            c->id, b->cf);
    fprintf(out, "  The whole difference it makes:\n");
    write_whatif_cmd(out, r, b);
    return sol_write_end(out);
}
