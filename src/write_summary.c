/* write_summary.c — one line per fact of the assessment, for golden tests and
 * shell scripts: conclusions with tier/rank/cf, recommendations, unanswered
 * items, advice and every rule that fired. Stable order, no prose. */
#include "writers.h"

#include <string.h>

int sol_write_summary(FILE *out, const sol_report *r)
{
    fprintf(out, "red-flag %s\n", sol_report_has_red_flag(r) ? "yes" : "no");
    fprintf(out, "suppressed %s\n", sol_report_suppressed(r) ? "yes" : "no");
    for (size_t i = 0; i < sol_report_conclusion_count(r); i++) {
        const sol_rconclusion *c = sol_report_conclusion_at(r, i);
        fprintf(out, "conclusion %c %d %s cf=%.2f%s\n", c->tier, c->rank, c->id, c->cf,
                c->deferred ? " deferred" : "");
        for (size_t k = 0; k < c->ncontrib; k++)
            fprintf(out, "because %s %s %s %s %s%s\n", c->id, c->contrib[k].rule_family,
                    c->contrib[k].polarity, c->contrib[k].strength, c->contrib[k].rule_id,
                    c->contrib[k].counted_as ? " not-counted" : "");
        if (c->held_by)
            fprintf(out, "held %s %s from=%.2f\n", c->id, c->held_by, c->held_from);
    }
    for (size_t i = 0; i < sol_report_recommendation_count(r); i++) {
        const sol_rrec *rr = sol_report_recommendation_at(r, i);
        fprintf(out, "recommendation %s for %s\n", rr->rec->id, *rr->for_id ? rr->for_id : "-");
    }
    for (size_t i = 0; i < sol_report_withheld_count(r); i++)
        fprintf(out, "withheld %s because %s\n", sol_report_withheld_at(r, i)->rec->id,
                sol_report_withheld_at(r, i)->because);
    for (size_t i = 0; i < sol_report_unanswered_count(r); i++)
        fprintf(out, "unanswered %s\n", sol_report_unanswered_at(r, i)->finding);
    for (size_t i = 0; i < sol_report_advice_count(r); i++) {
        const sol_radvice *a = sol_report_advice_at(r, i);
        fprintf(out, "advice %s because %s%s\n", a->finding, a->because,
                a->withheld ? " withheld" : "");
    }
    const sol_findings *fs = sol_report_findings(r);
    for (size_t i = 0; i < sol_findings_conflict_count(fs); i++)
        fprintf(out, "conflict %s\n", sol_findings_conflict_at(fs, i)->name);
    const sol_graph *g = sol_report_graph(r);
    for (size_t i = 0; i < sol_graph_firing_count(g); i++) {
        const sol_firing *fi = sol_graph_firing_at(g, i);
        fprintf(out, "fired %s", fi->rule);
        /* a table-driven rule: the findings say which row it applied */
        for (size_t k = 0; sol_report_table_rule(r, fi->rule) && k < fi->nbasis; k++) {
            const sol_gfact *f = sol_graph_fact_at(g, (size_t)fi->basis[k]);
            if (f->finding >= 0)
                fprintf(out, " %s", sol_findings_at(fs, (size_t)f->finding)->name);
        }
        fprintf(out, "\n");
    }
    /* ASSESS NEXT (would change the picture): "next RANK FINDING score=S". */
    for (size_t i = 0; i < sol_report_next_count(r); i++) {
        const sol_nb_item *it = sol_report_next_at(r, i);
        fprintf(out, "next %zu %s score=%.2f\n", i + 1, it->finding, it->score);
    }
    return sol_write_end(out);
}
