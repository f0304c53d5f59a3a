/* write_text.c — the plain-text assessment report for physiotherapists:
 * red flags and referrals first, then tissue state, drivers and advisories,
 * each conclusion with its "because" lines, then management. */
#include "writers.h"
#include "nextbest.h"

#include <string.h>

static const char *tier_title(char t)
{
    switch (t) {
    case 'A': return "RED FLAGS AND REFERRALS";
    case 'T': return "CALF TISSUE STATE";
    case 'K': return "KINETIC-CHAIN AND LOAD DRIVERS";
    default: return "ADVISORIES";
    }
}

const char *sol_format_finding(const sol_finding *f, char *buf, size_t len)
{
    char val[64], at[300], q[4 * SOL_QUOTE_SHOWN + 1];
    sol_value_text(&f->value, val, sizeof val);
    sol_finding_where(f, at, sizeof at);
    if (f->origin == SOL_ORIGIN_NOTE)
        snprintf(buf, len, "%s = %s (note, %s: \"%s\")", f->name, val, at,
                 sol_escape_ctl(q, sizeof q, f->quote));
    else if (f->origin == SOL_ORIGIN_WHATIF)
        snprintf(buf, len, "%s = %s (what-if)", f->name, val);
    else
        snprintf(buf, len, "%s = %s (%s)", f->name, val, at);
    return buf;
}

static void write_contrib(FILE *out, const sol_report *r, const sol_rcontrib *c)
{
    const sol_findings *fs = sol_report_findings(r);
    char sign = strcmp(c->polarity, "oppose") == 0 ? '-' : '+';
    if (!c->combined && c->counted_as)
        fprintf(out, "       %c %s %s %s, not counted again: it shares %s with an earlier or stronger %s vote\n", sign,
                c->rule_id, c->polarity, c->strength, c->shared_sign, c->counted_as);
    else if (!c->combined)
        fprintf(out, "       %c %s %s %s, not combined\n", sign, c->rule_id, c->polarity,
                c->strength);
    else
        fprintf(out, "       %c %s %s %s: %+.2f, %.2f -> %.2f\n", sign, c->rule_id,
                c->polarity, c->strength, c->cf, c->before, c->after);
    fprintf(out, "         because: %s\n", c->rationale);
    if (sol_rule_is_population(c->rule_id))
        fprintf(out, "         population tendency only (S4), not shown to predict calf strain "
                     "(L11): it nudges, it never makes a conclusion\n");
    for (size_t k = 0; k < c->nfindings; k++) {
        char buf[512];
        fprintf(out, "         finding: %s\n",
                sol_format_finding(sol_findings_at(fs, c->findings[k]), buf, sizeof buf));
    }
    fprintf(out, "         rule: %s; sources: %s\n", c->rule, c->sources);
}

int sol_write_text(FILE *out, const sol_report *r)
{
    return sol_write_text_with(out, r, NULL);
}

/* ---- ASSESS NEXT (would change the picture): from nextbest.c ---- */

static void write_next(FILE *out, const sol_report *r, const sol_nextbest *next)
{
    size_t n = sol_nextbest_count(next);

    fprintf(out, "\nASSESS NEXT (would change the picture)\n");
    if (!n) {
        fprintf(out, "  no unrecorded finding would change the assessment\n");
        return;
    }
    for (size_t i = 0; i < n && i < SOL_NEXTBEST_SHOW; i++) {
        const sol_nb_item *it = sol_nextbest_at(next, i);
        fprintf(out, "  %zu. %s [%s]%s\n", i + 1, it->label, it->finding,
                it->asked ? ", asked, no answer recorded" : "");
        for (size_t k = 0; k < it->nanswers; k++) {
            char v[64], buf[1024];
            fprintf(out, "     if %s: %s\n", sol_value_text(&it->answers[k].value, v, sizeof v),
                    sol_nb_answer_text(&it->answers[k], sol_report_catalog(r), buf, sizeof buf));
        }
    }
    if (n > SOL_NEXTBEST_SHOW)
        fprintf(out, "  (%zu more in the JSON report)\n", n - SOL_NEXTBEST_SHOW);
}

int sol_write_text_with(FILE *out, const sol_report *r, const sol_nextbest *next)
{
    const sol_findings *fs = sol_report_findings(r);
    char id[4 * 64 + 1], file[4 * 512 + 1];
    fprintf(out, "Soleus assessment of record '%s' (%s)\n",
            sol_escape_ctl(id, sizeof id, sol_report_record_id(r)),
            sol_escape_ctl(file, sizeof file, sol_report_record_file(r)));
    fprintf(out, "Decision support for a qualified clinician; it suggests, it does not diagnose.\n");

    char tier = 0;
    size_t n = sol_report_conclusion_count(r);
    if (!sol_report_has_red_flag(r))
        fprintf(out, "\n%s\n  none reached%s\n", tier_title('A'),
                sol_report_unanswered_count(r) ? " on the answers given (see UNANSWERED)" : "");
    for (size_t i = 0; i < n; i++) {
        const sol_rconclusion *c = sol_report_conclusion_at(r, i);
        if (c->tier != tier) {
            tier = c->tier;
            if (tier == 'A' && !sol_report_has_red_flag(r))
                fprintf(out, "\nDIFFERENTIALS TO CONSIDER\n");
            else if (tier != 'A' || sol_report_has_red_flag(r))
                fprintf(out, "\n%s%s\n", tier_title(tier),
                        (tier == 'T' || tier == 'K') && sol_report_suppressed(r)
                            ? " (deferred pending medical clearance)"
                            : "");
        }
        if (c->tier == 'A')
            fprintf(out, "  %d. [%s] %s (%s, %s), certainty %.2f\n", c->rank, c->cond->urgency,
                    c->cond->label, c->cond->code, c->id, c->cf);
        else
            fprintf(out, "  %d. %s (%s, %s), certainty %.2f%s\n", c->rank, c->cond->label,
                    c->cond->code, c->id, c->cf, c->deferred ? ", deferred" : "");
        for (size_t k = 0; k < c->ncontrib; k++)
            write_contrib(out, r, &c->contrib[k]);
        if (c->held_by)
            fprintf(out, "       = %s: %.2f held at %.2f, the ceiling for a belief resting on "
                         "expert opinion only (thresholds.tsv opinion-ceiling-cf)\n",
                    c->held_by, c->held_from, c->cf);
    }

    size_t nu = sol_report_unanswered_count(r);
    if (nu) {
        fprintf(out, "\nUNANSWERED SCREENING QUESTIONS (red flags cannot be ruled out)\n");
        for (size_t i = 0; i < nu; i++) {
            const sol_runanswered *u = sol_report_unanswered_at(r, i);
            char uq[4 * SOL_QUOTE_SHOWN + 1];
            if (u->quote)
                fprintf(out, "  - %s [%s] (%s): a note names it after a negation list "
                             "(\"%s\", line %d): confirm\n",
                        u->label, u->finding, u->screen, sol_escape_ctl(uq, sizeof uq, u->quote),
                        u->line);
            else
                fprintf(out, "  - %s [%s] (%s): %s\n", u->label, u->finding, u->screen,
                        u->asked ? "asked, no answer recorded" : "not recorded");
        }
    }

    size_t nr = sol_report_recommendation_count(r);
    fprintf(out, "\nRECOMMENDATIONS\n");
    if (sol_report_suppressed(r))
        fprintf(out, "  Management advice is withheld while a red flag stands (R58): refer first.\n");
    for (size_t i = 0; i < nr; i++) {
        const sol_rrec *rr = sol_report_recommendation_at(r, i);
        /* One recommendation serving several conclusions (hold treatment
         * for two red flags) is printed once, naming them all. */
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = sol_report_recommendation_at(r, k)->rec == rr->rec;
        if (seen)
            continue;
        fprintf(out, "  - %s [%s]%s%s", rr->rec->label, rr->rec->phase,
                *rr->for_id ? " for " : "", rr->for_id);
        for (size_t k = i + 1; k < nr; k++) {
            const sol_rrec *more = sol_report_recommendation_at(r, k);
            if (more->rec == rr->rec && *more->for_id)
                fprintf(out, ", %s", more->for_id);
        }
        fprintf(out, ": %s\n", rr->rec->text);
        if (rr->rec->contested)
            fprintf(out, "    contested: %s\n", rr->rec->contested);
        fprintf(out, "    rule: %s %s; sources: %s\n", rr->rule_id, rr->rule, rr->rec->sources);
    }
    if (!nr)
        fprintf(out, "  none\n");
    /* Advice a contraindication holds back (contraindications.tsv), one
     * line per reason; under a closed gate everything is already held. */
    size_t nw = sol_report_withheld_count(r);
    for (size_t i = 0; i < nw && !sol_report_suppressed(r); i++) {
        const sol_rwithheld *w = sol_report_withheld_at(r, i);
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(sol_report_withheld_at(r, k)->because, w->because) == 0;
        if (seen)
            continue;
        const sol_rconclusion *by = sol_report_conclusion(r, w->because);
        fprintf(out, "  Withheld while %s: %s", by ? by->cond->label : w->because,
                w->rec->label);
        for (size_t k = i + 1; k < nw; k++)
            if (strcmp(sol_report_withheld_at(r, k)->because, w->because) == 0)
                fprintf(out, "; %s", sol_report_withheld_at(r, k)->rec->label);
        fprintf(out, ".\n    why: %s (sources: %s)\n", w->reason, w->sources);
    }

    size_t na = sol_report_advice_count(r);
    if (na && sol_report_advice_at(r, 0)->withheld) {
        /* R58: with a red flag standing nothing more is done to the leg
         * (no hop, heel-raise or loading test) before medical clearance. */
        fprintf(out, "\nSUGGESTED CHECKS\n"
                     "  %zu check(s) on the leg withheld while a red flag stands (R58): "
                     "refer first.\n",
                na);
    } else if (na) {
        fprintf(out, "\nSUGGESTED CHECKS (for the conclusions above)\n");
        for (size_t i = 0; i < na; i++) {
            const sol_radvice *a = sol_report_advice_at(r, i);
            fprintf(out, "  - %s [%s], for %s (%s)%s\n", a->label, a->finding, a->because,
                    a->rule_id,
                    a->population ? "; population tendency only (S4), not shown to predict "
                                    "calf strain (L11)"
                                  : "");
        }
    }

    size_t nc = sol_findings_conflict_count(fs);
    if (nc) {
        fprintf(out, "\nNOTE CONFLICTS (the structured value is used)\n");
        for (size_t i = 0; i < nc; i++) {
            const sol_conflict *c = sol_findings_conflict_at(fs, i);
            char a[64], b[64], wa[300], wb[300], q[4 * SOL_QUOTE_SHOWN + 1],
                kq[4 * SOL_QUOTE_SHOWN + 1];
            if (c->kept_from_note)
                fprintf(out, "  - %s: notes disagree: kept %s (%s: \"%s\"), "
                             "not %s (%s: \"%s\")\n",
                        c->name, sol_value_text(&c->record_value, a, sizeof a),
                        sol_where(c->record_line, c->record_path, wa, sizeof wa),
                        sol_escape_ctl(kq, sizeof kq, c->kept_quote),
                        sol_value_text(&c->note_value, b, sizeof b),
                        sol_where(c->note_line, c->note_path, wb, sizeof wb),
                        sol_escape_ctl(q, sizeof q, c->quote));
            else
                fprintf(out, "  - %s: record says %s (%s), note says %s (%s: \"%s\")\n",
                        c->name, sol_value_text(&c->record_value, a, sizeof a),
                        sol_where(c->record_line, c->record_path, wa, sizeof wa),
                        sol_value_text(&c->note_value, b, sizeof b),
                        sol_where(c->note_line, c->note_path, wb, sizeof wb),
                        sol_escape_ctl(q, sizeof q, c->quote));
            if (c->more)
                fprintf(out, "    (and %zu more mention%s of %s in the notes, not listed)\n",
                        c->more, c->more == 1 ? "" : "s", c->name);
        }
    }
    int hist = 0;
    for (size_t i = 0; i < sol_findings_count(fs); i++) {
        const sol_finding *f = sol_findings_at(fs, i);
        if (f->context != SOL_CTX_HISTORY)
            continue;
        if (!hist++)
            fprintf(out, "\nHISTORICAL MENTIONS (not used as current signs)\n");
        char buf[512];
        fprintf(out, "  - %s\n", sol_format_finding(f, buf, sizeof buf));
    }
    if (next)
        write_next(out, r, next);
    return sol_write_end(out);
}
