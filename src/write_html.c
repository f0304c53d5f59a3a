/* write_html.c — the assessment as one self-contained HTML page: the same
 * content and order as the text report (summary first, each conclusion's
 * evidence folded under it, findings linked to their record lines), print
 * styles for A4, and a second page for the runner in plain words. No script,
 * no network. The page is built as a libxml2 tree and written by libxml2's
 * HTML serialiser, so every piece of record text is escaped by the library,
 * never by hand. This is the only libxml2 user on the output side (record.c
 * owns reading); nothing from libxml2 leaves this file. */
#include "writers.h"
#include "glance.h"
#include "runner.h"
#include "write_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

typedef xmlNodePtr node;

static const char CSS[] =
    "body{font:15px/1.45 system-ui,sans-serif;color:#1a1a1a;max-width:52em;margin:1.5em auto;"
    "padding:0 1em}"
    "h1{font-size:1.4em;margin:0}h2{font-size:1.1em;border-bottom:1px solid #ccc;"
    "margin-top:1.6em}h3{font-size:1em;margin:.8em 0 .2em}"
    ".meta{color:#555;margin:.2em 0}"
    "#summary{border:2px solid #2d6a4f;border-radius:6px;padding:.4em 1em;margin:1em 0}"
    "#summary.refer{border-color:#b00020;background:#fff4f4}"
    "#summary dl{display:grid;grid-template-columns:7em 1fr;margin:.4em 0}"
    "#summary dt{font-weight:bold}#summary dd{margin:0}#summary h2{margin-top:.3em}"
    ".action-refer{color:#b00020;font-weight:bold}"
    ".certainty{font-style:italic;color:#444}"
    "article.red-flag h3{color:#b00020}"
    "details{margin:.2em 0 .6em 1.2em}summary{cursor:pointer;color:#2d4a8a}"
    "ul.contrib{padding-left:1.2em}ul.contrib li{margin:.3em 0}"
    ".rule{color:#555;font-size:.9em}.contested{color:#7a4b00}"
    "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.15em .5em;"
    "text-align:left;vertical-align:top}"
    "#runner{border-top:3px double #999;margin-top:2em}"
    "#runner h2{border:none;font-size:1.3em}#runner li{margin:.3em 0;font-size:1.05em}"
    "#runner .now{font-weight:bold;color:#b00020}"
    "@page{size:A4;margin:15mm}"
    "@media print{body{margin:0;max-width:none;font-size:11pt}"
    "details::details-content{content-visibility:visible;display:block}"
    "summary{color:inherit}a{color:inherit;text-decoration:none}"
    "#runner{break-before:page;border:none;margin-top:0}"
    "article{break-inside:avoid}}";

/* ---- building blocks -------------------------------------------------- */

static node el(node parent, const char *tag, const char *cls, const char *text)
{
    node n = xmlNewTextChild(parent, NULL, (const xmlChar *)tag, (const xmlChar *)text);
    if (n && cls)
        xmlNewProp(n, (const xmlChar *)"class", (const xmlChar *)cls);
    return n;
}

static node elf(node parent, const char *tag, const char *cls, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static node elf(node parent, const char *tag, const char *cls, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return el(parent, tag, cls, buf);
}

static void text(node parent, const char *s) { xmlNodeAddContent(parent, (const xmlChar *)s); }

static void textf(node parent, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void textf(node parent, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    text(parent, buf);
}

static void attr(node n, const char *name, const char *value)
{
    if (n)
        xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

/* <a href="#line-N">line N</a> */
static void line_link(node parent, int line)
{
    char href[32], label[32];
    snprintf(href, sizeof href, "#line-%d", line);
    snprintf(label, sizeof label, "line %d", line);
    attr(el(parent, "a", NULL, label), "href", href);
}

/* "name = value unit (line N)" with the line linked; from a note, its quote. */
static void finding_item(node parent, const sol_report *r, const sol_finding *f, int cited)
{
    static const sol_wr_cite_style st = {0, 0, 1, "\u201c", "\u201d"};
    char v[96], pre[512], post[4 * SOL_QUOTE_SHOWN + 128];
    if (cited) {
        textf(parent, "%s (cited above)", f->name);
        return;
    }
    sol_wr_value(r, f->name, &f->value, v, sizeof v);
    int at = sol_wr_cite_parts(f, v, &st, pre, sizeof pre, post, sizeof post);
    text(parent, pre);
    if (at)
        line_link(parent, f->line);
    text(parent, post);
}

/* ---- sections --------------------------------------------------------- */

static void summary(node body, const sol_report *r, const sol_glance *g)
{
    const sol_rconclusion *flag = sol_glance_flag(g), *t = sol_glance_tissue(g),
                          *k = sol_glance_driver(g);
    const sol_nb_item *next = sol_glance_next(g);
    size_t nu = sol_report_unanswered_count(r);
    node sec = el(body, "section", flag ? "refer" : NULL, NULL), dl, dd;
    char a[256];

    attr(sec, "id", "summary");
    el(sec, "h2", NULL, "At a glance");
    dl = el(sec, "dl", NULL, NULL);
    el(dl, "dt", NULL, "Action");
    if (flag) {
        const sol_rrec *ref = sol_glance_referral(g);
        dd = el(dl, "dd", "action-refer", NULL);
        textf(dd, "%s: %s%s%s", sol_wr_action_text(g),
              sol_wr_condition_name(r, flag->id, a, sizeof a), ref ? "; " : "",
              ref ? ref->rec->label : "");
    } else if (nu) {
        elf(dl, "dd", NULL, "%s; %zu screening question%s unanswered", sol_wr_action_text(g), nu,
            nu == 1 ? "" : "s");
    } else {
        el(dl, "dd", NULL, sol_wr_action_text(g));
    }
    if (flag && sol_report_suppressed(r)) {
        el(dl, "dt", NULL, "Hold");
        el(dl, "dd", NULL, "calf treatment and tests on the leg until cleared");
    } else {
        el(dl, "dt", NULL, "Tissue");
        el(dl, "dd", NULL, t ? sol_wr_condition_name(r, t->id, a, sizeof a) : "none reached");
        el(dl, "dt", NULL, "Driver");
        el(dl, "dd", NULL, k ? sol_wr_condition_name(r, k->id, a, sizeof a) : "none reached");
    }
    if (next) {
        el(dl, "dt", NULL, "Ask next");
        el(dl, "dd", NULL, next->label);
    }
}

static void conclusion(node sec, const sol_report *r, const sol_rconclusion *c,
                       const char **cited)
{
    const sol_findings *fs = sol_report_findings(r);
    node art = el(sec, "article", c->cond->red_flag ? "conclusion red-flag" : "conclusion", NULL);
    node det, ul;
    size_t ncited = 0, nfind = 0;
    int caveat = 0;
    char id[160];

    snprintf(id, sizeof id, "concl-%s", c->id);
    attr(art, "id", id);
    attr(art, "data-id", c->id);
    if (c->cond->tier_def->by_severity)
        elf(art, "h3", NULL, "%d. [%s] %s (%s, %s), certainty %.2f", c->rank, c->cond->urgency,
            c->cond->label, c->cond->code, c->id, c->cf);
    else
        elf(art, "h3", NULL, "%d. %s (%s, %s), certainty %.2f%s", c->rank, c->cond->label,
            c->cond->code, c->id, c->cf, c->deferred ? ", deferred" : "");
    for (size_t k = 0; k < c->ncontrib; k++)
        nfind += c->contrib[k].nfindings;
    det = el(art, "details", NULL, NULL);
    elf(det, "summary", NULL, "Why: %zu rule%s, %zu finding citation%s", c->ncontrib,
        c->ncontrib == 1 ? "" : "s", nfind, nfind == 1 ? "" : "s");
    ul = el(det, "ul", "contrib", NULL);
    for (size_t k = 0; k < c->ncontrib; k++) {
        const sol_rcontrib *cb = &c->contrib[k];
        node li = el(ul, "li", NULL, NULL), p;
        char sign = strcmp(cb->polarity, "oppose") == 0 ? '-' : '+';
        if (!cb->counted_as)
            elf(li, "strong", NULL, "%c %s %s %s: %+.2f, %.2f \u2192 %.2f", sign, cb->rule_id,
                cb->polarity, cb->strength, cb->cf, cb->before, cb->after);
        else
            elf(li, "strong", NULL, "%c %s %s %s, not combined", sign, cb->rule_id, cb->polarity,
                cb->strength);
        elf(li, "div", NULL, "because: %s", cb->rationale);
        if (cb->population && !caveat++)
            el(li, "div", "contested",
               "population tendency only (S4), not shown to predict calf strain (L11): it "
               "nudges, it never makes a conclusion");
        if (cb->nfindings) {
            p = el(li, "div", NULL, cb->nfindings == 1 ? "finding: " : "findings: ");
            for (size_t i = 0; i < cb->nfindings; i++) {
                const sol_finding *f = sol_findings_at(fs, cb->findings[i]);
                int seen = 0;
                for (size_t q = 0; q < ncited && !seen; q++)
                    seen = strcmp(cited[q], f->name) == 0;
                if (i)
                    text(p, "; ");
                finding_item(p, r, f, seen);
                if (!seen)
                    cited[ncited++] = f->name;
            }
        }
        elf(li, "div", "rule", "rule: %s; sources: %s", cb->rule, cb->sources);
    }
}

static void nearest(node sec, const sol_report *r, const sol_glance *g, int tier)
{
    const sol_nb_answer *a;
    const sol_nb_item *it = sol_glance_nearest(g, tier, &a);
    char v[96], c[256];
    if (it)
        elf(sec, "p", NULL, "nearest: %s, if %s [%s] were %s",
            sol_wr_condition_name(r, a->top_after[tier], c, sizeof c), it->label, it->finding,
            sol_wr_value(r, it->finding, &a->value, v, sizeof v));
}

static void tiers(node body, const sol_report *r, const sol_glance *g, const char **cited)
{
    const sol_catalog *cat = sol_report_catalog(r);
    char wells[256];

    for (size_t ti = 0; ti < sol_catalog_tier_count(cat); ti++) {
        const sol_tier *t = sol_catalog_tier_at(cat, ti);
        char tier = t->tier, sid[16];
        /* the red-flag and referral tier: listed by severity (tiers.tsv) */
        int flags = t->by_severity;
        node sec = el(body, "section", NULL, NULL);
        int any = 0;
        snprintf(sid, sizeof sid, "tier-%c", tier);
        attr(sec, "id", sid);
        elf(sec, "h2", NULL, "%s%s", t->title,
            t->deferred && sol_report_suppressed(r) ? " (deferred pending medical clearance)"
                                                    : "");
        if (flags && !sol_report_has_red_flag(r))
            elf(sec, "p", NULL, "none reached%s",
                sol_report_unanswered_count(r) ? " on the answers given (see unanswered)" : "");
        if (flags && sol_wr_score_text(r, g, wells, sizeof wells))
            el(sec, "p", "wells", wells);
        for (size_t i = 0; i < sol_report_conclusion_count(r); i++) {
            const sol_rconclusion *c = sol_report_conclusion_at(r, i);
            if (c->tier != tier)
                continue;
            if (!any++ && flags && !sol_report_has_red_flag(r))
                el(sec, "h3", NULL, "Differentials to consider");
            conclusion(sec, r, c, cited);
        }
        /* nearest misses for the tiers a clinician acts on (managed) */
        if (!any && !flags) {
            el(sec, "p", NULL, "none reached");
            if (t->managed)
                nearest(sec, r, g, (int)ti);
        }
    }
}

static void unanswered(node body, const sol_report *r, const sol_glance *g)
{
    size_t nu = sol_report_unanswered_count(r), ng = sol_glance_unanswered_count(g);
    node sec, ul;
    if (!nu)
        return;
    sec = el(body, "section", NULL, NULL);
    attr(sec, "id", "unanswered");
    if (sol_glance_action(g) == SOL_ACTION_NONE)
        el(sec, "h2", NULL, "Unanswered screening questions (red flags cannot be ruled out)");
    else {
        el(sec, "h2", NULL, "Unanswered screening questions that could change the referral");
        if (!ng)
            elf(sec, "p", NULL, "none: the %zu unanswered could not make it more urgent", nu);
    }
    ul = el(sec, "ul", NULL, NULL);
    for (size_t i = 0; i < ng; i++) {
        const sol_runanswered *u = sol_glance_unanswered_at(g, i);
        elf(ul, "li", NULL, "%s [%s] (%s): %s", u->label, u->finding, u->screen,
            u->asked ? "asked, no answer recorded" : "not recorded");
    }
    if (ng && ng < nu)
        elf(sec, "p", NULL, "(%zu more unanswered could not make it more urgent)", nu - ng);
}

static void recommendations(node body, const sol_report *r, const sol_glance *g)
{
    size_t nr = sol_glance_rec_count(g);
    node sec = el(body, "section", NULL, NULL), ul;
    attr(sec, "id", "recommendations");
    el(sec, "h2", NULL, "Recommendations");
    if (sol_report_suppressed(r))
        el(sec, "p", "action-refer",
           "Management advice is withheld while a red flag stands (R58): refer first.");
    ul = el(sec, "ul", NULL, NULL);
    for (size_t i = 0; i < nr; i++) {
        const sol_grec *gr = sol_glance_rec_at(g, i);
        const sol_rrec *rr = gr->rr;
        node li = el(ul, "li", NULL, NULL);
        attr(li, "data-id", rr->rec->id);
        elf(li, "strong", NULL, "%s", rr->rec->label);
        textf(li, " [%s]", rr->rec->phase);
        for (size_t k = 0; k < gr->nfor; k++)
            textf(li, "%s%s", k ? ", " : " for ", gr->fors[k]);
        textf(li, ": %s", rr->rec->text);
        if (rr->rec->contested)
            elf(li, "div", "contested", "contested: %s", rr->rec->contested);
        elf(li, "div", "rule", "rule: %s %s; sources: %s", rr->rule_id, rr->rule,
            rr->rec->sources);
        for (size_t k = 0; k < gr->nflags; k++) { /* serving a red flag: cite it */
            char srcs[512];
            elf(li, "div", "rule", "serves the red flag %s, raised on sources %s", gr->flags[k],
                sol_wr_flag_sources(r, gr->flags[k], srcs, sizeof srcs));
        }
    }
    if (!nr)
        el(sec, "p", NULL, "none");
}

static void checks(node body, const sol_report *r, const sol_glance *g)
{
    size_t na = sol_glance_check_count(g);
    node sec, ul;
    int pop_said = 0;
    if (!na)
        return;
    sec = el(body, "section", NULL, NULL);
    attr(sec, "id", "checks");
    el(sec, "h2", NULL, "Suggested checks");
    if (sol_glance_check_at(g, 0)->withheld) {
        elf(sec, "p", NULL,
            "%zu check(s) on the leg withheld while a red flag stands (R58): refer first.", na);
        return;
    }
    ul = el(sec, "ul", NULL, NULL);
    for (size_t i = 0; i < na; i++) {
        const sol_radvice *a = sol_glance_check_at(g, i);
        char c[256];
        if (a->population && !pop_said++)
            el(ul, "li", "contested",
               "Population tendencies (S4), not shown to predict "
               "calf strain (L11); they only order the tests:");
        elf(ul, "li", NULL, "%s [%s], %s %s (%s)", a->label, a->finding,
            sol_report_conclusion(r, a->because) ? "for" : "to check for",
            sol_wr_condition_name(r, a->because, c, sizeof c), a->rule_id);
    }
}

static void notes_and_unused(node body, const sol_report *r, const sol_glance *g)
{
    const sol_findings *fs = sol_report_findings(r);
    size_t nc = sol_findings_conflict_count(fs);
    node sec, ul;

    if (nc) {
        sec = el(body, "section", NULL, NULL);
        el(sec, "h2", NULL, "Note conflicts (the structured value is used)");
        ul = el(sec, "ul", NULL, NULL);
        for (size_t i = 0; i < nc; i++) {
            const sol_conflict *c = sol_findings_conflict_at(fs, i);
            char a[96], b[96];
            node li = el(ul, "li", NULL, NULL);
            textf(li, "%s: record says %s (", c->name,
                  sol_wr_value(r, c->name, &c->record_value, a, sizeof a));
            line_link(li, c->record_line);
            textf(li, "), note says %s (", sol_wr_value(r, c->name, &c->note_value, b, sizeof b));
            line_link(li, c->note_line);
            textf(li, ": \u201c%s\u201d)", c->quote ? c->quote : "");
        }
    }
    if (sol_glance_note_count(g)) {
        sec = el(body, "section", NULL, NULL);
        attr(sec, "id", "from-notes");
        el(sec, "h2", NULL, "Read from your notes (confirm or strike each)");
        ul = el(sec, "ul", NULL, NULL);
        for (size_t i = 0; i < sol_glance_note_count(g); i++) {
            const sol_finding *f = sol_glance_note_at(g, i);
            char v[96];
            node li = el(ul, "li", NULL, NULL);
            line_link(li, f->line);
            textf(li, ": \u201c%s\u201d read as %s = %s%s", f->quote ? f->quote : "", f->name,
                  sol_wr_value(r, f->name, &f->value, v, sizeof v),
                  f->context == SOL_CTX_HISTORY ? " (in the past: not a current sign)" : "");
        }
    }
    if (sol_glance_unused_count(g)) {
        sec = el(body, "section", NULL, NULL);
        attr(sec, "id", "unused");
        el(sec, "h2", NULL, "Recorded, not used by any rule (for your picture only)");
        ul = el(sec, "ul", NULL, NULL);
        for (size_t i = 0; i < sol_glance_unused_count(g); i++)
            finding_item(el(ul, "li", NULL, NULL), r, sol_glance_unused_at(g, i), 0);
    }
}

static void assess_next(node body, const sol_report *r)
{
    size_t n = sol_report_next_count(r);
    node sec = el(body, "section", NULL, NULL), ol;
    attr(sec, "id", "next");
    el(sec, "h2", NULL, "Assess next (would change the picture)");
    if (!n) {
        el(sec, "p", NULL, "no unrecorded finding would change the assessment");
        return;
    }
    ol = el(sec, "ol", NULL, NULL);
    for (size_t i = 0; i < n && i < SOL_NEXTBEST_SHOW; i++) {
        const sol_nb_item *it = sol_report_next_at(r, i);
        node li = elf(ol, "li", NULL, "%s [%s]%s", it->label, it->finding,
                      it->asked ? ", asked, no answer recorded" : "");
        node ul = el(li, "ul", NULL, NULL);
        for (size_t k = 0; k < it->nanswers; k++) {
            char v[96], buf[1024];
            elf(ul, "li", NULL, "if %s: %s",
                sol_wr_value(r, it->finding, &it->answers[k].value, v, sizeof v),
                sol_wr_effect_text(r, &it->answers[k], buf, sizeof buf));
        }
    }
}

static int cmp_line(const void *a, const void *b)
{
    const sol_finding *x = *(const sol_finding *const *)a, *y = *(const sol_finding *const *)b;
    return (x->line > y->line) - (x->line < y->line);
}

/* The record's findings by line: the targets of every line link. */
static int record_lines(node body, const sol_report *r)
{
    const sol_findings *fs = sol_report_findings(r);
    size_t n = sol_findings_count(fs), m = 0;
    const sol_finding **v = calloc(n ? n : 1, sizeof *v);
    node sec, table, tr;
    int last = -1;

    if (!v)
        return SOL_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (sol_findings_at(fs, i)->origin != SOL_ORIGIN_WHATIF)
            v[m++] = sol_findings_at(fs, i);
    sol_sort((void *)v, m, sizeof *v, cmp_line);
    sec = el(body, "section", NULL, NULL);
    attr(sec, "id", "record");
    elf(sec, "h2", NULL, "The record, by line (%s)", sol_report_record_file(r));
    table = el(sec, "table", NULL, NULL);
    tr = el(table, "tr", NULL, NULL);
    el(tr, "th", NULL, "line");
    el(tr, "th", NULL, "finding");
    for (size_t i = 0; i < m; i++) {
        char idb[32], val[96], lb[16];
        node td;
        tr = el(table, "tr", NULL, NULL);
        snprintf(lb, sizeof lb, "%d", v[i]->line);
        td = el(tr, "td", NULL, lb);
        if (v[i]->line != last) { /* the anchor on the first row of a line */
            snprintf(idb, sizeof idb, "line-%d", v[i]->line);
            attr(td, "id", idb);
            last = v[i]->line;
        }
        td = elf(tr, "td", NULL, "%s = %s", v[i]->name,
                 sol_wr_value(r, v[i]->name, &v[i]->value, val, sizeof val));
        if (v[i]->origin == SOL_ORIGIN_NOTE)
            textf(td, " (note: \u201c%s\u201d)", v[i]->quote ? v[i]->quote : "");
    }
    free((void *)v);
    return SOL_OK;
}

/* The runner's page: plain words from runner.tsv, never a diagnosis. */
static void runner_page(node body, const sol_report *r, const sol_runner *run)
{
    static const char *const heads[] = {"Do this first", "What to do", "What to avoid",
                                        "Get help at once"};
    const sol_runner_row *rows[64];
    node sec = el(body, "section", NULL, NULL);

    attr(sec, "id", "runner");
    el(sec, "h2", NULL, "For the runner");
    el(sec, "p", "meta", "From your physiotherapist's assessment. Keep this page.");
    for (int k = SOL_RUNNER_NOW; k <= SOL_RUNNER_COME_BACK; k++) {
        size_t n = sol_runner_select(run, r, (sol_runner_kind)k, rows, 64);
        node ul;
        if (!n)
            continue;
        el(sec, "h3", NULL, heads[k]);
        ul = el(sec, "ul", NULL, NULL);
        for (size_t i = 0; i < n; i++)
            el(ul, "li", k == SOL_RUNNER_NOW ? "now" : NULL, rows[i]->text);
    }
    el(sec, "p", "meta",
       "This sheet is advice from your assessment, not a diagnosis. "
       "Ask your physiotherapist if anything is unclear.");
}

int sol_write_html(FILE *out, const sol_report *r, const sol_runner *runner)
{
    const sol_findings *fs = sol_report_findings(r);
    htmlDocPtr doc = NULL;
    xmlChar *mem = NULL;
    int size = 0, rc;
    sol_glance *g = NULL;
    sol_diag d;
    const char **cited = calloc(sol_findings_count(fs) + 1, sizeof *cited);
    node html, head, body, hdr;
    char title[600];

    if (!cited)
        return SOL_ENOMEM;
    rc = sol_glance_build(&g, r, &d);
    if (rc)
        goto cleanup;
    doc = htmlNewDocNoDtD(NULL, NULL);
    if (!doc) {
        rc = SOL_ENOMEM;
        goto cleanup;
    }
    xmlCreateIntSubset(doc, (const xmlChar *)"html", NULL, NULL);
    html = xmlNewNode(NULL, (const xmlChar *)"html");
    xmlDocSetRootElement(doc, html);
    attr(html, "lang", "en");
    head = el(html, "head", NULL, NULL);
    attr(el(head, "meta", NULL, NULL), "charset", "utf-8");
    snprintf(title, sizeof title, "Soleus assessment: %s", sol_report_record_id(r));
    el(head, "title", NULL, title);
    el(head, "style", NULL, CSS);
    body = el(html, "body", NULL, NULL);
    hdr = el(body, "header", NULL, NULL);
    elf(hdr, "h1", NULL, "Soleus assessment of record \u2018%s\u2019", sol_report_record_id(r));
    {
        char visit[400];
        sol_wr_visit_text(r, visit, sizeof visit);
        elf(hdr, "p", "meta",
            "from %s%s%s. Decision support for a qualified clinician; it "
            "suggests, it does not diagnose.",
            sol_report_record_file(r), *visit ? "; " : "", visit);
    }
    summary(body, r, g);
    el(body, "p", "certainty",
       "A certainty (0 to 1) is a rule-based strength of belief combined from the rules' "
       "votes below, not a probability.");
    tiers(body, r, g, cited);
    unanswered(body, r, g);
    recommendations(body, r, g);
    checks(body, r, g);
    notes_and_unused(body, r, g);
    if (sol_report_has_next(r))
        assess_next(body, r);
    if ((rc = record_lines(body, r)))
        goto cleanup;
    if (runner)
        runner_page(body, r, runner);
    htmlDocDumpMemoryFormat(doc, &mem, &size, 1);
    if (!mem) {
        rc = SOL_ENOMEM;
        goto cleanup;
    }
    fwrite(mem, 1, (size_t)size, out);
    rc = sol_write_end(out);
cleanup:
    xmlFree(mem);
    xmlFreeDoc(doc);
    sol_glance_free(g);
    free((void *)cited);
    return rc;
}
