/* write_text.c — the plain-text assessment report for physiotherapists: a
 * summary of at most six lines (the action first), one line on what a
 * certainty is, then red flags and referrals, tissue state, drivers and
 * advisories, each conclusion with its "because" lines (each finding cited
 * once), management, and what was read from the notes. Lines are wrapped to
 * the width asked for; bold and colour only when asked (a terminal without
 * NO_COLOR). Record text passes through with control characters replaced,
 * so it never becomes a terminal control sequence. */
#include "writers.h"
#include "glance.h"
#include "write_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- wrapped output -------------------------------------------------- */

typedef struct {
    FILE *out;
    int width;
    int color;
} tw;

#define BOLD "\033[1m"
#define RED "\033[1;31m"
#define RESET "\033[0m"

/* Control characters (C0, DEL, C1) from any text become '?'. */
static void sanitize(char *s)
{
    for (unsigned char *p = (unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            *p = '?';
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            p[0] = '?';
            p[1] = '?';
            p++;
        }
    }
}

static size_t cols(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xc0) != 0x80;
    return c;
}

/* One paragraph: first line indented by indent, the rest by hang, words
 * wrapped at the width (a longer word stands alone). style (ANSI) wraps the
 * whole paragraph when colour is on. */
static void tw_para(tw *w, int indent, int hang, const char *style, const char *text)
{
    size_t col = 0, gap = 0;
    int started = 0;
    const char *p = text;

    if (w->color && style)
        fputs(style, w->out);
    while (*p) {
        const char *e;
        size_t n, c;
        for (gap = 0; *p == ' '; p++)
            gap++;
        if (!*p)
            break;
        for (e = p; *e && *e != ' '; e++)
            ;
        /* "line 12" stays on one line. */
        if (((e - p == 4 && memcmp(p, "line", 4) == 0) ||
             (e - p == 5 && memcmp(p, "(line", 5) == 0)) &&
            e[0] == ' ' && e[1] >= '0' && e[1] <= '9')
            for (e++; *e && *e != ' '; e++)
                ;
        n = (size_t)(e - p);
        c = cols(p, n);
        if (!started) { /* leading spaces of the text add to the indent */
            col = (size_t)indent + gap;
            fprintf(w->out, "%*s", (int)col, "");
            started = 1;
        } else if (col + gap + c > (size_t)w->width) {
            col = (size_t)hang;
            fprintf(w->out, "\n%*s", (int)col, "");
        } else {
            fprintf(w->out, "%*s", (int)gap, "");
            col += gap;
        }
        fwrite(p, 1, n, w->out);
        col += c;
        p = e;
    }
    if (w->color && style)
        fputs(RESET, w->out);
    fputc('\n', w->out);
}

static void tw_line(tw *w, int indent, int hang, const char *style, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void tw_line(tw *w, int indent, int hang, const char *style, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    sanitize(buf);
    tw_para(w, indent, hang, style, buf);
}

static void tw_head(tw *w, const char *title)
{
    fputc('\n', w->out);
    tw_line(w, 0, 2, BOLD, "%s", title);
}

/* ---- helpers --------------------------------------------------------- */

/* "name = 18 reps (line 12)": the value in its unit, from a note with its
 * quote, or marked as a what-if change. */
static const char *finding_text(const sol_report *r, const sol_finding *f, char *buf, size_t len)
{
    char val[96], at[300];
    sol_wr_value(r, f->name, &f->value, val, sizeof val);
    return sol_wr_cite(f, val, sol_finding_where(f, at, sizeof at), NULL, buf, len);
}

static const char *const POPULATION_CAVEAT =
    "population tendency only (S4), not shown to predict calf strain (L11): it "
    "nudges, it never makes a conclusion";

/* ---- the summary ------------------------------------------------------ */

static void write_summary_block(tw *w, const sol_report *r, const sol_glance *g)
{
    const sol_rconclusion *flag = sol_glance_flag(g), *t = sol_glance_tissue(g),
                          *k = sol_glance_driver(g);
    const sol_nb_item *next = sol_glance_next(g);
    size_t nu = sol_report_unanswered_count(r);
    char a[256], b[256];

    tw_head(w, "AT A GLANCE");
    if (flag) {
        const sol_rrec *ref = sol_glance_referral(g);
        tw_line(w, 2, 12, RED, "Action:   %s: %s%s%s", sol_wr_action_text(g),
                sol_wr_condition_name(r, flag->id, a, sizeof a), ref ? "; " : "",
                ref ? ref->rec->label : "");
    } else {
        snprintf(b, sizeof b, "; %zu screening question%s unanswered", nu, nu == 1 ? "" : "s");
        tw_line(w, 2, 12, NULL, "Action:   %s%s", sol_wr_action_text(g), nu ? b : "");
    }
    if (flag && sol_report_suppressed(r))
        tw_line(w, 2, 12, NULL, "Hold:     calf treatment and tests on the leg until cleared");
    else {
        tw_line(w, 2, 12, NULL, "Tissue:   %s",
                t ? sol_wr_condition_name(r, t->id, a, sizeof a) : "none reached");
        tw_line(w, 2, 12, NULL, "Driver:   %s",
                k ? sol_wr_condition_name(r, k->id, a, sizeof a) : "none reached");
    }
    if (next)
        tw_line(w, 2, 12, NULL, "Ask next: %s", next->label);
}

/* ---- one conclusion ---------------------------------------------------- */

/* rule_said: an earlier vote of this conclusion came from the same rule,
 * whose rationale, name and sources are then not repeated. */
static void write_contrib(tw *w, const sol_report *r, const sol_rcontrib *c, const char **cited,
                          size_t *ncited, int *caveat_said, int rule_said)
{
    const sol_findings *fs = sol_report_findings(r);
    char sign = strcmp(c->polarity, "oppose") == 0 ? '-' : '+';
    char line[2048];
    size_t used = 0;

    /* A table row's votes share their rule's id: the signs tell them apart. */
    char id[512];
    int at = snprintf(id, sizeof id, "%s", c->rule_id);
    for (size_t k = 0; c->row && k < c->nfindings && at > 0 && (size_t)at < sizeof id; k++)
        at += snprintf(id + at, sizeof id - (size_t)at, "%s%s%s", k ? " + " : " (",
                       sol_findings_at(fs, c->findings[k])->name,
                       k + 1 == c->nfindings ? ")" : "");
    if (c->counted_as)
        tw_line(w, 5, 9, NULL,
                "%c %s %s %s on %s, not counted again: an earlier or stronger %s vote "
                "already rests on it",
                sign, id, c->polarity, c->strength, c->shared_sign, c->counted_as);
    else
        tw_line(w, 5, 9, NULL, "%c %s %s %s: %+.2f, %.2f -> %.2f", sign, id, c->polarity,
                c->strength, c->cf, c->before, c->after);
    if (!rule_said)
        tw_line(w, 7, 9, NULL, "because: %s", c->rationale);
    if (c->population && !*caveat_said) {
        tw_line(w, 7, 9, NULL, "%s", POPULATION_CAVEAT);
        *caveat_said = 1;
    }
    /* Each finding in full the first time in this conclusion, then by name. */
    line[0] = '\0';
    size_t fresh = 0;
    for (size_t k = 0; k < c->nfindings; k++) {
        const sol_finding *f = sol_findings_at(fs, c->findings[k]);
        char buf[512];
        int seen = 0;
        for (size_t i = 0; i < *ncited && !seen; i++)
            seen = strcmp(cited[i], f->name) == 0 && strcmp(f->name, "") != 0;
        if (seen)
            snprintf(buf, sizeof buf, "%s (cited above)", f->name);
        else {
            finding_text(r, f, buf, sizeof buf);
            cited[(*ncited)++] = f->name;
            fresh++;
        }
        snprintf(line + used, sizeof line - used, "%s%s", used ? "; " : "", buf);
        used = strlen(line);
    }
    if (c->nfindings && fresh)
        tw_line(w, 7, 9, NULL, "finding%s: %s", c->nfindings == 1 ? "" : "s", line);
    else if (c->nfindings) /* name the vote: two such lines must not read alike */
        tw_line(w, 7, 9, NULL, "finding%s of %s: %s", c->nfindings == 1 ? "" : "s", c->rule_id,
                line);
    if (!rule_said && c->row)
        tw_line(w, 7, 9, NULL, "rule: %s, row %s:%d; sources: %s", c->rule, c->row, c->row_line,
                c->sources);
    else if (!rule_said)
        tw_line(w, 7, 9, NULL, "rule: %s; sources: %s", c->rule, c->sources);
}

/* cited: room for every finding name, reused per conclusion. */
static void write_conclusion(tw *w, const sol_report *r, const sol_rconclusion *c,
                             const char **cited)
{
    size_t ncited = 0;
    int caveat = 0;

    if (c->cond->tier_def->by_severity)
        tw_line(w, 2, 5, NULL, "%d. [%s] %s (%s, %s), certainty %.2f", c->rank, c->cond->urgency,
                c->cond->label, c->cond->code, c->id, c->cf);
    else
        tw_line(w, 2, 5, NULL, "%d. %s (%s, %s), certainty %.2f%s", c->rank, c->cond->label,
                c->cond->code, c->id, c->cf, c->deferred ? ", deferred" : "");
    for (size_t k = 0; k < c->ncontrib; k++) {
        int said = 0;
        for (size_t j = 0; j < k && !said; j++)
            said = strcmp(c->contrib[j].rule, c->contrib[k].rule) == 0;
        write_contrib(w, r, &c->contrib[k], cited, &ncited, &caveat, said);
    }
    if (c->held_by)
        tw_line(w, 7, 9, NULL,
                "= %s: %.2f held at %.2f, the ceiling for a belief resting on expert opinion "
                "only (thresholds.tsv opinion-ceiling-cf)",
                c->held_by, c->held_from, c->cf);
}

/* The nearest miss of an empty tier (glance.c). */
static void write_nearest(tw *w, const sol_report *r, const sol_glance *g, int tier)
{
    const sol_nb_answer *a;
    const sol_nb_item *it = sol_glance_nearest(g, tier, &a);
    char v[96], c[256];
    if (it)
        tw_line(w, 4, 6, NULL, "nearest: %s, if %s [%s] were %s",
                sol_wr_condition_name(r, a->top_after[tier], c, sizeof c), it->label, it->finding,
                sol_wr_value(r, it->finding, &a->value, v, sizeof v));
}

/* ---- ASSESS NEXT (would change the picture): the report's ranking ---- */

static void write_next(tw *w, const sol_report *r)
{
    size_t n = sol_report_next_count(r);

    tw_head(w, "ASSESS NEXT (would change the picture)");
    if (!n) {
        tw_line(w, 2, 4, NULL, "no unrecorded finding would change the assessment");
        return;
    }
    for (size_t i = 0; i < n && i < SOL_NEXTBEST_SHOW; i++) {
        const sol_nb_item *it = sol_report_next_at(r, i);
        tw_line(w, 2, 5, NULL, "%zu. %s [%s]%s", i + 1, it->label, it->finding,
                it->asked ? ", asked, no answer recorded" : "");
        for (size_t k = 0; k < it->nanswers; k++) {
            char v[96], buf[1024];
            tw_line(w, 5, 7, NULL, "if %s: %s",
                    sol_wr_value(r, it->finding, &it->answers[k].value, v, sizeof v),
                    sol_wr_effect_text(r, &it->answers[k], buf, sizeof buf));
        }
    }
    if (n > SOL_NEXTBEST_SHOW)
        tw_line(w, 2, 4, NULL, "(%zu more in the JSON report)", n - SOL_NEXTBEST_SHOW);
}

/* ---- sections after the conclusions ------------------------------------ */

static void write_unanswered(tw *w, const sol_report *r, const sol_glance *g)
{
    size_t nu = sol_report_unanswered_count(r), ng = sol_glance_unanswered_count(g);

    if (!nu)
        return;
    if (sol_glance_action(g) == SOL_ACTION_NONE) {
        tw_head(w, "UNANSWERED SCREENING QUESTIONS (red flags cannot be ruled out)");
    } else {
        tw_head(w, "UNANSWERED SCREENING QUESTIONS THAT COULD CHANGE THE REFERRAL");
        if (!ng)
            tw_line(w, 2, 4, NULL, "none: the %zu unanswered could not make it more urgent", nu);
    }
    for (size_t i = 0; i < ng; i++) {
        const sol_runanswered *u = sol_glance_unanswered_at(g, i);
        if (u->quote)
            tw_line(w, 2, 4, NULL,
                    "- %s [%s] (%s): a note names it after a negation list (\"%s\", line %d): "
                    "confirm",
                    u->label, u->finding, u->screen, u->quote, u->line);
        else
            tw_line(w, 2, 4, NULL, "- %s [%s] (%s): %s", u->label, u->finding, u->screen,
                    u->asked ? "asked, no answer recorded" : "not recorded");
    }
    if (ng && ng < nu)
        tw_line(w, 2, 4, NULL, "(%zu more unanswered could not make it more urgent)", nu - ng);
}

/* One recommendation's line: " for a, b" when it serves conclusions. */
static const char *rec_fors(const sol_grec *gr, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < gr->nfor && used < len; k++) {
        snprintf(buf + used, len - used, "%s%s", k ? ", " : " for ", gr->fors[k]);
        used = strlen(buf);
    }
    return buf;
}

static void write_recommendations(tw *w, const sol_report *r, const sol_glance *g)
{
    size_t nr = sol_glance_rec_count(g);

    tw_head(w, "RECOMMENDATIONS");
    if (sol_report_suppressed(r))
        tw_line(w, 2, 4, NULL,
                "Management advice is withheld while a red flag stands (R58): refer first.");
    for (size_t i = 0; i < nr; i++) {
        const sol_grec *gr = sol_glance_rec_at(g, i);
        const sol_rrec *rr = gr->rr;
        char fors[512], srcs[512];
        tw_line(w, 2, 4, NULL, "- %s [%s]%s: %s", rr->rec->label, rr->rec->phase,
                rec_fors(gr, fors, sizeof fors), rr->rec->text);
        if (rr->rec->contested)
            tw_line(w, 4, 6, NULL, "contested: %s", rr->rec->contested);
        tw_line(w, 4, 6, NULL, "rule: %s %s; sources: %s", rr->rule_id, rr->rule,
                rr->rec->sources);
        for (size_t k = 0; k < gr->nflags; k++)
            tw_line(w, 4, 6, NULL, "serves the red flag %s, raised on sources %s", gr->flags[k],
                    sol_wr_flag_sources(r, gr->flags[k], srcs, sizeof srcs));
    }
    if (!nr)
        tw_line(w, 2, 4, NULL, "none");
    /* Advice a contraindication holds back (contraindications.tsv), one
     * line per reason. */
    for (size_t i = 0; i < sol_glance_withheld_count(g); i++) {
        const sol_gwithheld *gw = sol_glance_withheld_at(g, i);
        char list[1024];
        size_t used = 0;
        list[0] = '\0';
        for (size_t k = 0; k < gw->n && used < sizeof list; k++) {
            snprintf(list + used, sizeof list - used, "%s%s", k ? "; " : "",
                     gw->items[k]->rec->label);
            used = strlen(list);
        }
        tw_line(w, 2, 4, NULL, "Withheld while %s: %s.",
                gw->by ? gw->by->cond->label : gw->wh->because, list);
        tw_line(w, 4, 6, NULL, "why: %s (sources: %s)", gw->wh->reason, gw->wh->sources);
    }
}

static void write_checks(tw *w, const sol_report *r, const sol_glance *g)
{
    size_t na = sol_glance_check_count(g);
    int pop_said = 0;

    if (!na)
        return;
    tw_head(w, "SUGGESTED CHECKS");
    if (sol_glance_check_at(g, 0)->withheld) {
        /* R58: with a red flag standing nothing more is done to the leg
         * (no hop, heel-raise or loading test) before medical clearance. */
        tw_line(w, 2, 4, NULL,
                "%zu check(s) on the leg withheld while a red flag stands (R58): refer first.",
                na);
        return;
    }
    for (size_t i = 0; i < na; i++) {
        const sol_radvice *a = sol_glance_check_at(g, i);
        char c[256];
        if (a->population && !pop_said++)
            tw_line(w, 2, 4, NULL,
                    "Population tendencies (S4), not shown to predict "
                    "calf strain (L11); they only order the tests:");
        tw_line(w, a->population ? 4 : 2, a->population ? 6 : 4, NULL, "- %s [%s], %s %s (%s)",
                a->label, a->finding,
                sol_report_conclusion(r, a->because) ? "for" : "to check for",
                sol_wr_condition_name(r, a->because, c, sizeof c), a->rule_id);
    }
}

static void write_notes_read(tw *w, const sol_report *r, const sol_glance *g)
{
    size_t n = sol_glance_note_count(g);
    if (!n)
        return;
    tw_head(w, "READ FROM YOUR NOTES (confirm or strike each)");
    for (size_t i = 0; i < n; i++) {
        const sol_finding *f = sol_glance_note_at(g, i);
        char v[96], at[300], q[4 * SOL_QUOTE_SHOWN + 1];
        sol_finding_where(f, at, sizeof at);
        tw_line(w, 2, 4, NULL, "- %s: \"%s\" read as %s = %s%s", at,
                sol_escape_ctl(q, sizeof q, f->quote), f->name,
                sol_wr_value(r, f->name, &f->value, v, sizeof v),
                f->context == SOL_CTX_HISTORY ? " (in the past: not a current sign)" : "");
    }
}

static void write_unused(tw *w, const sol_report *r, const sol_glance *g)
{
    size_t n = sol_glance_unused_count(g);
    if (!n)
        return;
    tw_head(w, "RECORDED, NOT USED BY ANY RULE (for your picture only)");
    for (size_t i = 0; i < n; i++) {
        char buf[512];
        tw_line(w, 2, 4, NULL, "- %s",
                finding_text(r, sol_glance_unused_at(g, i), buf, sizeof buf));
    }
}

/* ---- the report ------------------------------------------------------ */

int sol_write_text(FILE *out, const sol_report *r, const sol_text_opts *opts)
{
    const sol_findings *fs = sol_report_findings(r);
    tw w = {out, opts && opts->width >= 40 ? opts->width : 80, opts ? opts->color : 0};
    sol_glance *g = NULL;
    sol_diag d;
    char wells[256];
    const char **cited = calloc(sol_findings_count(fs) + 1, sizeof *cited);
    int rc = cited ? sol_glance_build(&g, r, &d) : SOL_ENOMEM;

    if (rc) {
        free((void *)cited);
        return rc;
    }
    tw_line(&w, 0, 2, BOLD, "Soleus assessment of record '%s'", sol_report_record_id(r));
    {
        char visit[400];
        sol_wr_visit_text(r, visit, sizeof visit);
        tw_line(&w, 0, 2, NULL, "from %s", sol_report_record_file(r));
        if (*visit)
            tw_line(&w, 0, 2, NULL, "%c%s", visit[0] == 'v' ? 'V' : visit[0], visit + 1);
    }
    tw_line(&w, 0, 2, NULL,
            "Decision support for a qualified clinician; it suggests, it does not diagnose.");
    write_summary_block(&w, r, g);
    fputc('\n', out);
    tw_line(&w, 0, 2, NULL,
            "A certainty (0 to 1) is a rule-based strength of belief combined from the "
            "rules' votes below, not a probability.");

    const sol_catalog *cat = sol_report_catalog(r);
    for (size_t ti = 0; ti < sol_catalog_tier_count(cat); ti++) {
        const sol_tier *t = sol_catalog_tier_at(cat, ti);
        char tier = t->tier, title[192], upper[128];
        /* the red-flag and referral tier: listed by severity (tiers.tsv) */
        int flags = t->by_severity;
        int any = 0;
        snprintf(title, sizeof title, "%s%s", sol_wr_tier_title(t, 1, upper, sizeof upper),
                 t->deferred && sol_report_suppressed(r) ? " (deferred pending medical clearance)"
                                                         : "");
        tw_head(&w, title);
        if (flags && !sol_report_has_red_flag(r))
            tw_line(&w, 2, 4, NULL, "none reached%s",
                    sol_report_unanswered_count(r) ? " on the answers given (see UNANSWERED)"
                                                   : "");
        if (flags && sol_wr_score_text(r, g, wells, sizeof wells))
            tw_line(&w, 2, 4, NULL, "%s", wells);
        for (size_t i = 0; i < sol_report_conclusion_count(r); i++) {
            const sol_rconclusion *c = sol_report_conclusion_at(r, i);
            if (c->tier != tier)
                continue;
            if (!any++ && flags && !sol_report_has_red_flag(r))
                tw_head(&w, "DIFFERENTIALS TO CONSIDER");
            write_conclusion(&w, r, c, cited);
        }
        /* nearest misses for the tiers a clinician acts on (managed) */
        if (!any && !flags) {
            tw_line(&w, 2, 4, NULL, "none reached");
            if (t->managed)
                write_nearest(&w, r, g, (int)ti);
        }
    }

    write_unanswered(&w, r, g);
    write_recommendations(&w, r, g);
    write_checks(&w, r, g);

    size_t nc = sol_findings_conflict_count(fs);
    if (nc) {
        tw_head(&w, "NOTE CONFLICTS (the structured value is used)");
        for (size_t i = 0; i < nc; i++) {
            const sol_conflict *c = sol_findings_conflict_at(fs, i);
            char a[96], b[96], wa[300], wb[300], q[4 * SOL_QUOTE_SHOWN + 1],
                kq[4 * SOL_QUOTE_SHOWN + 1];
            if (c->kept_from_note)
                tw_line(&w, 2, 4, NULL,
                        "- %s: notes disagree: kept %s (%s: \"%s\"), not %s (%s: \"%s\")",
                        c->name, sol_wr_value(r, c->name, &c->record_value, a, sizeof a),
                        sol_where(c->record_line, c->record_path, wa, sizeof wa),
                        sol_escape_ctl(kq, sizeof kq, c->kept_quote),
                        sol_wr_value(r, c->name, &c->note_value, b, sizeof b),
                        sol_where(c->note_line, c->note_path, wb, sizeof wb),
                        sol_escape_ctl(q, sizeof q, c->quote));
            else
                tw_line(&w, 2, 4, NULL, "- %s: record says %s (%s), note says %s (%s: \"%s\")",
                        c->name, sol_wr_value(r, c->name, &c->record_value, a, sizeof a),
                        sol_where(c->record_line, c->record_path, wa, sizeof wa),
                        sol_wr_value(r, c->name, &c->note_value, b, sizeof b),
                        sol_where(c->note_line, c->note_path, wb, sizeof wb),
                        sol_escape_ctl(q, sizeof q, c->quote));
            if (c->more)
                tw_line(&w, 4, 6, NULL, "(and %zu more mention%s of %s in the notes, not listed)",
                        c->more, c->more == 1 ? "" : "s", c->name);
        }
    }
    write_notes_read(&w, r, g);
    write_unused(&w, r, g);
    if (sol_report_has_next(r))
        write_next(&w, r);
    sol_glance_free(g);
    free((void *)cited);
    return sol_write_end(out);
}
