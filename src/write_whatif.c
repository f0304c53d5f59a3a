/* write_whatif.c — the what-if comparison as text, for `soleus what-if`:
 * the changes applied (with what the record said before), then what a
 * clinician would see change. Walks the sol_whatif model (whatif.c). */
#include "whatif.h"

#include <math.h>
#include <string.h>

static const char *yn(int b) { return b ? "yes" : "no"; }

static void write_concl(FILE *out, const sol_wi_concl *c)
{
    static const char mark[] = {'+', '-', '~'};
    const char *urg = c->cond->tier_def->by_severity ? c->cond->urgency : NULL;

    fprintf(out, "    %c %s (%s, %s)", mark[c->kind], c->cond->label, c->cond->code, c->id);
    if (urg && strcmp(urg, "-") != 0)
        fprintf(out, " [%s]", urg);
    switch (c->kind) {
    case SOL_WI_GAINED:
        fprintf(out, ": now rank %d in tier %c, certainty %.2f%s\n", c->rank_after, c->tier,
                c->cf_after, c->deferred_after ? ", deferred" : "");
        break;
    case SOL_WI_LOST:
        fprintf(out, ": no longer reached (was rank %d, certainty %.2f)\n", c->rank_before,
                c->cf_before);
        break;
    default:
        fprintf(out, ":");
        if (fabs(c->cf_after - c->cf_before) > 0.005)
            fprintf(out, " certainty %.2f -> %.2f", c->cf_before, c->cf_after);
        if (c->rank_after != c->rank_before)
            fprintf(out, "%s rank %d -> %d", fabs(c->cf_after - c->cf_before) > 0.005 ? "," : "",
                    c->rank_before, c->rank_after);
        if (c->deferred_after != c->deferred_before)
            fprintf(out, "%s %s",
                    (fabs(c->cf_after - c->cf_before) > 0.005 || c->rank_after != c->rank_before)
                        ? ","
                        : "",
                    c->deferred_after ? "now deferred pending medical clearance"
                                      : "no longer deferred");
        fprintf(out, "\n");
        break;
    }
}

int sol_whatif_write_text(FILE *out, const sol_whatif *w, const sol_report *baseline,
                          const sol_change *changes, size_t n)
{
    const sol_findings *fs = sol_report_findings(baseline);

    fprintf(out, "What if, for record '%s' (%s)\n", sol_report_record_id(baseline),
            sol_report_record_file(baseline));
    fprintf(out,
            "Decision support for a qualified clinician; it suggests, it does not diagnose.\n");
    fprintf(out, "\nCHANGES\n");
    for (size_t i = 0; i < n; i++) {
        char buf[512], was[512] = "";
        size_t used = 0;
        for (size_t k = 0; k < sol_findings_count(fs); k++) {
            const sol_finding *f = sol_findings_at(fs, k);
            char v[64], at[300];
            if (strcmp(f->name, changes[i].name) != 0 || f->context != SOL_CTX_CURRENT)
                continue;
            used = strlen(was);
            sol_finding_where(f, at, sizeof at);
            snprintf(was + used, sizeof was - used, "%s%s (%s%s)", used ? ", " : "",
                     sol_value_text(&f->value, v, sizeof v),
                     f->origin == SOL_ORIGIN_NOTE ? "note, " : "", at);
        }
        fprintf(out, "  %s, was %s\n", sol_change_text(&changes[i], buf, sizeof buf),
                *was ? was : "not recorded");
    }
    fprintf(out, "\nDIFFERENCES\n");
    if (!sol_whatif_changed(w)) {
        fprintf(out, "  none: the assessment is the same\n");
        return sol_write_end(out);
    }
    if (sol_whatif_red_flag_before(w) != sol_whatif_red_flag_after(w))
        fprintf(out, "  red flag: %s -> %s\n", yn(sol_whatif_red_flag_before(w)),
                yn(sol_whatif_red_flag_after(w)));
    if (sol_whatif_suppressed_before(w) != sol_whatif_suppressed_after(w))
        fprintf(out, "  management suppressed (R58): %s -> %s\n",
                yn(sol_whatif_suppressed_before(w)), yn(sol_whatif_suppressed_after(w)));
    static const char *const titles[] = {"Conclusions gained", "Conclusions lost",
                                         "Conclusions changed"};
    for (int kind = SOL_WI_GAINED; kind <= SOL_WI_CHANGED; kind++) {
        int any = 0;
        for (size_t i = 0; i < sol_whatif_concl_count(w); i++) {
            if ((int)sol_whatif_concl_at(w, i)->kind != kind)
                continue;
            if (!any++)
                fprintf(out, "  %s:\n", titles[kind]);
            write_concl(out, sol_whatif_concl_at(w, i));
        }
    }
    for (int gained = 1; gained >= 0; gained--) {
        int any = 0;
        for (size_t i = 0; i < sol_whatif_rec_count(w); i++) {
            const sol_wi_rec *r = sol_whatif_rec_at(w, i);
            if (r->gained != gained)
                continue;
            if (!any++)
                fprintf(out, "  Recommendations %s:\n", gained ? "gained" : "lost");
            fprintf(out, "    %c %s [%s]%s%s\n", gained ? '+' : '-', r->rec->label, r->rec->phase,
                    *r->for_id ? " for " : "", r->for_id);
        }
    }
    return sol_write_end(out);
}
