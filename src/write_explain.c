/* write_explain.c — the explanation model as text, in two registers: terse
 * (a tree for physiotherapists: conclusion, the rules that voted with their
 * belief arithmetic, the facts they matched, down to the record lines) and
 * teach (for educators: the same firings narrated in firing order, with the
 * focus-stack phase, the fact behind every pattern and what each added). */
#include "explain.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "kb_text.h"
#include "write_int.h"
#include "writers.h"

/* ---- shared pieces ---- */

/* "name = value (line N, path)"; notes add the quote and its byte span. */
static const char *finding_text(const sol_finding *f, char *buf, size_t len)
{
    static const sol_wr_cite_style st = {1, 0, 0, NULL, NULL};
    char v[64], at[300];

    sol_value_text(&f->value, v, sizeof v);
    /* A FHIR answer has no line: its JSON path is the whole provenance. */
    if (f->line > 0 || !f->path || f->path[0] != '$')
        snprintf(at, sizeof at, "line %d, %s", f->line, f->path ? f->path : "");
    else
        snprintf(at, sizeof at, "%s", f->path);
    return sol_wr_cite(f, v, at, &st, buf, len);
}

/* A rule file as the reader knows it: "rules/20-redflag.clp", not "./rules/…". */
static const char *clean_path(const char *p)
{
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    return p;
}

static void rule_where(FILE *out, const sol_kb_rule *kr, const char *rule)
{
    if (kr)
        fprintf(out, "%s %s (%s:%d)", kr->id ? kr->id : "?", kr->qname, clean_path(kr->file),
                kr->line);
    else
        fprintf(out, "? %s", rule);
}

static void write_sources(FILE *out, const sol_catalog *cat, const sol_kb_rule *kr, int full)
{
    if (!kr || !kr->nsources) {
        fprintf(out, "none");
        return;
    }
    for (size_t i = 0; i < kr->nsources; i++) {
        const sol_source *s = sol_catalog_source(cat, kr->sources[i]);
        char buf[256];
        fprintf(out, "%s%s", i ? ", " : "", kr->sources[i]);
        if (full && s)
            fprintf(out, " (%s)", sol_kb_short_citation(buf, sizeof buf, s));
    }
}

static const char *finding_label(const sol_report *r, const char *name)
{
    const sol_term *e = sol_vocab_lookup(sol_report_vocab(r), name);
    return e && e->label && *e->label ? e->label : name;
}

/* Number of space-separated fields of a multislot ("" has none). */
static size_t fields(const sol_value *v)
{
    size_t n = 0;
    char t[512];
    if (!v)
        return 0;
    sol_value_text(v, t, sizeof t);
    for (const char *p = t; *p;) {
        p += strspn(p, " ");
        if (*p)
            n++;
        p += strcspn(p, " ");
    }
    return n;
}

/* A derived or knowledge fact in clinical words: the vote, the belief, the
 * score; the CLIPS form only for templates that have no words. */
static const char *fact_clinical(const sol_explain *x, const sol_gfact *f, char *buf, size_t len)
{
    const sol_report *r = sol_explain_report(x);
    char a[256], v[128];
    const char *rel = f->relation;

    if (strcmp(rel, "evidence") == 0) {
        const char *pol = sol_gfact_sym(f, "polarity");
        /* the voting rule's own id (R52c), not the family the fact carries */
        const char *rule = sol_gfact_sym(f, "rule");
        const sol_kb_rule *kr = NULL;
        if (f->firing >= 0 && sol_explain_kb(x))
            kr = sol_kb_rule_find(
                sol_explain_kb(x),
                sol_graph_firing_at(sol_report_graph(r), (size_t)f->firing)->rule);
        snprintf(buf, len, "vote of %s: %s %s, %s", kr && kr->id ? kr->id : rule,
                 strcmp(pol, "oppose") == 0  ? "against"
                 : strcmp(pol, "prior") == 0 ? "prior for"
                                             : "for",
                 sol_wr_condition_name(r, sol_gfact_sym(f, "conclusion"), a, sizeof a),
                 sol_gfact_sym(f, "strength"));
    } else if (strcmp(rel, "belief") == 0) {
        const sol_value *cf = sol_gfact_slot(f, "cf");
        size_t n = fields(sol_gfact_slot(f, "counted"));
        sol_value_text(cf, v, sizeof v);
        snprintf(buf, len, "belief in %s: certainty %s after %zu vote%s",
                 sol_wr_condition_name(r, sol_gfact_sym(f, "conclusion"), a, sizeof a), v, n,
                 n == 1 ? "" : "s");
    } else if (strcmp(rel, "score") == 0) {
        size_t n = fields(sol_gfact_slot(f, "counted"));
        sol_value_text(sol_gfact_slot(f, "value"), v, sizeof v);
        snprintf(buf, len, "%s score: %s after %zu item%s", sol_gfact_sym(f, "name"), v, n,
                 n == 1 ? "" : "s");
    } else if (strcmp(rel, "wells-point") == 0) {
        sol_value_text(sol_gfact_slot(f, "points"), v, sizeof v);
        snprintf(buf, len, "Wells item %s: %s point(s)", sol_gfact_sym(f, "item"), v);
    } else if (strcmp(rel, "advice") == 0) {
        snprintf(buf, len, "suggested check: %s [%s], because of %s",
                 finding_label(r, sol_gfact_sym(f, "finding")), sol_gfact_sym(f, "finding"),
                 sol_wr_condition_name(r, sol_gfact_sym(f, "because"), a, sizeof a));
    } else if (strcmp(rel, "gate") == 0) {
        snprintf(buf, len, "management held back, because of %s",
                 sol_wr_condition_name(r, sol_gfact_sym(f, "because"), a, sizeof a));
    } else if (strcmp(rel, "recommendation") == 0) {
        const sol_recommendation *rec = sol_catalog_recommendation(sol_report_catalog(r),
                                                                   sol_gfact_sym(f, "id"));
        snprintf(buf, len, "recommendation: %s, for %s",
                 rec && *rec->label ? rec->label : sol_gfact_sym(f, "id"),
                 sol_wr_condition_name(r, sol_gfact_sym(f, "for"), a, sizeof a));
    } else if (strcmp(rel, "unanswered") == 0) {
        snprintf(buf, len, "unanswered %s screening question: %s", sol_gfact_sym(f, "screen"),
                 finding_label(r, sol_gfact_sym(f, "name")));
    } else if (strcmp(rel, "threshold") == 0) {
        sol_value_text(sol_gfact_slot(f, "value"), v, sizeof v);
        snprintf(buf, len, "cut-off %s = %s (knowledge/thresholds.tsv)", sol_gfact_sym(f, "name"),
                 v);
    } else if (strcmp(rel, "strength-cf") == 0) {
        sol_value_text(sol_gfact_slot(f, "cf"), v, sizeof v);
        snprintf(buf, len, "strength %s = certainty %s (knowledge/strengths.tsv)",
                 sol_gfact_sym(f, "strength"), v);
    } else if (strcmp(rel, "condition") == 0) {
        snprintf(buf, len, "catalogue entry of %s: tier %s%s (knowledge/conditions.tsv)",
                 sol_wr_condition_name(r, sol_gfact_sym(f, "id"), a, sizeof a),
                 sol_gfact_sym(f, "tier"),
                 strcmp(sol_gfact_sym(f, "red-flag"), "yes") == 0
                     ? ", a red flag by its urgency (knowledge/urgency.tsv)"
                     : "");
    } else if (strcmp(rel, "referral") == 0) {
        const sol_referral *x = sol_catalog_referral(sol_report_catalog(r),
                                                     sol_gfact_sym(f, "conclusion"),
                                                     sol_gfact_sym(f, "recommendation"));
        snprintf(buf, len,
                 "referral table: %s is referred with %s (knowledge/referrals.tsv:%d; "
                 "sources %s)",
                 sol_wr_condition_name(r, sol_gfact_sym(f, "conclusion"), a, sizeof a),
                 sol_gfact_sym(f, "recommendation"), x ? x->line : 0, x ? x->sources : "-");
    } else if (strcmp(rel, "wells-item") == 0 || strcmp(rel, "wells-measure") == 0) {
        const sol_wells_item *w = sol_catalog_wells_item(sol_report_catalog(r),
                                                         sol_gfact_sym(f, "finding"));
        sol_value_text(sol_gfact_slot(f, "points"), v, sizeof v);
        snprintf(buf, len,
                 "Wells table: %s %s%s scores %s point(s) (knowledge/wells.tsv:%d; "
                 "sources %s)",
                 finding_label(r, sol_gfact_sym(f, "finding")),
                 w && w->at_least ? "at least cut-off " : "= ",
                 w && w->at_least ? w->at_least : sol_gfact_sym(f, "value"), v, w ? w->line : 0,
                 w ? w->sources : "-");
    } else if (strcmp(rel, "sign-set") == 0) {
        const sol_sign_set *x = sol_catalog_sign_set(sol_report_catalog(r),
                                                     sol_gfact_sym(f, "id"));
        snprintf(buf, len,
                 "sign-set table: any two of %s vote for %s (knowledge/sign-sets.tsv:%d; "
                 "sources %s)",
                 x ? x->members : "?",
                 sol_wr_condition_name(r, sol_gfact_sym(f, "conclusion"), a, sizeof a),
                 x ? x->line : 0, x ? x->sources : "-");
    } else if (strcmp(rel, "screen-item") == 0) {
        snprintf(buf, len, "%s screening question: %s", sol_gfact_sym(f, "screen"),
                 finding_label(r, sol_gfact_sym(f, "name")));
    } else {
        char t[768];
        snprintf(buf, len, "%s", sol_explain_fact_text(f, t, sizeof t));
    }
    return buf;
}

/* The fact at graph position pos in words (in CLIPS syntax with --clips). */
const char *sol_explain_fact_words(const sol_explain *x, long pos, char *buf, size_t len)
{
    const sol_report *r = sol_explain_report(x);
    const sol_graph *g = sol_report_graph(r);
    const sol_gfact *f;
    char t[768];

    if (pos < 0) {
        snprintf(buf, len, "-");
        return buf;
    }
    f = sol_graph_fact_at(g, (size_t)pos);
    if (f->finding >= 0) {
        snprintf(buf, len, "finding ");
        finding_text(sol_findings_at(sol_report_findings(r), (size_t)f->finding), buf + 8,
                     len > 8 ? len - 8 : 0);
        return buf;
    }
    if (sol_explain_clips(x))
        sol_explain_fact_text(f, t, sizeof t);
    else
        fact_clinical(x, f, t, sizeof t);
    snprintf(buf, len, "%s %s", f->firing < 0 ? "knowledge" : "derived", t);
    return buf;
}

/* The contribution (vote) whose evidence fact is ev, searched in every
 * shown conclusion. */
static const sol_rcontrib *contrib_of_evidence(const sol_report *r, long ev)
{
    const sol_gfact *f;

    if (ev < 0)
        return NULL;
    f = sol_graph_fact_at(sol_report_graph(r), (size_t)ev);
    for (size_t i = 0; i < sol_report_conclusion_count(r); i++) {
        const sol_rconclusion *c = sol_report_conclusion_at(r, i);
        for (size_t k = 0; k < c->ncontrib; k++)
            if ((long)c->contrib[k].firing == f->firing &&
                strcmp(c->id, sol_gfact_sym(f, "conclusion")) == 0)
                return &c->contrib[k];
    }
    return NULL;
}

/* MYCIN arithmetic of one combination, in words. */
static void write_arith(FILE *out, const sol_rcontrib *c, int opens)
{
    double x = c->before, y = c->cf;

    if (c->counted_as) {
        fprintf(out, "not counted again: it shares %s with an earlier or stronger %s vote",
                c->shared_sign, c->counted_as);
    } else if (opens) {
        fprintf(out, "the first vote opens the belief at %+.2f", c->after);
    } else if (x >= 0 && y >= 0) {
        fprintf(out, "%.2f + %.2f * (1 - %.2f) = %.2f", x, y, x, c->after);
    } else if (x < 0 && y < 0) {
        fprintf(out, "%.2f + (%.2f) * (1 + %.2f) = %.2f", x, y, x, c->after);
    } else {
        double m = fabs(x) < fabs(y) ? fabs(x) : fabs(y);
        fprintf(out, "(%.2f + %.2f) / (1 - %.2f) = %.2f", x, y, m, c->after);
    }
}

/* ---- terse: the tree ---- */

static void write_node(FILE *out, const sol_explain *x, const sol_xnode *n, const char *prefix,
                       int last);

static int shown_in_terse(const sol_explain *x, const sol_xnode *n)
{
    const sol_gfact *f;

    if (n->kind != SOL_XN_KNOWLEDGE)
        return 1;
    f = sol_graph_fact_at(sol_report_graph(sol_explain_report(x)), (size_t)n->fact);
    /* cut-offs and the table rows a generic rule applied (the Wells item,
     * the sign set): the row is half of the reason */
    return strcmp(f->relation, "threshold") == 0 || strcmp(f->relation, "wells-item") == 0 ||
           strcmp(f->relation, "wells-measure") == 0 || strcmp(f->relation, "sign-set") == 0;
}

static void write_kids(FILE *out, const sol_explain *x, const sol_xnode *kids, size_t n,
                       const char *prefix)
{
    size_t shown = 0, k = 0;

    for (size_t i = 0; i < n; i++)
        shown += (size_t)shown_in_terse(x, &kids[i]);
    for (size_t i = 0; i < n; i++) {
        if (!shown_in_terse(x, &kids[i]))
            continue;
        write_node(out, x, &kids[i], prefix, ++k == shown);
    }
}

static void write_node(FILE *out, const sol_explain *x, const sol_xnode *n, const char *prefix,
                       int last)
{
    const sol_report *r = sol_explain_report(x);
    char sub[1024], buf[1024];

    snprintf(sub, sizeof sub, "%s%s", prefix, last ? "    " : "|   ");
    fprintf(out, "%s%s%s", prefix, last ? "`-- " : "|-- ", n->exists ? "(exists) " : "");
    switch (n->kind) {
    case SOL_XN_RULE:
        if (n->contrib) {
            const sol_rcontrib *c = n->contrib;
            fprintf(out, "%s %s %s", c->rule_id, c->polarity, c->strength);
            if (!c->counted_as)
                fprintf(out, ": %+.2f, %.2f -> %.2f\n", c->cf, c->before, c->after);
            else
                fprintf(
                    out,
                    ": %+.2f, not counted again (shares %s with an earlier or stronger %s vote)\n",
                    c->cf, c->shared_sign, c->counted_as);
            fprintf(out, "%srule: ", sub);
            rule_where(out, n->kbrule, n->rule);
            fprintf(out, "\n%sbecause: %s\n%ssources: ", sub,
                    n->kbrule && n->kbrule->rationale ? n->kbrule->rationale : c->rationale, sub);
            write_sources(out, sol_report_catalog(r), n->kbrule, 1);
            fprintf(out, "\n");
        } else {
            fprintf(out, "step by ");
            rule_where(out, n->kbrule, n->rule);
            fprintf(out, "\n");
        }
        write_kids(out, x, n->kids, n->nkids, sub);
        break;
    case SOL_XN_FACT:
        fprintf(out, "%s", sol_explain_fact_words(x, n->fact, buf, sizeof buf));
        if (n->nkids == 1) {
            /* One firing made it: name the rule on the fact's line. */
            fprintf(out, ", by ");
            rule_where(out, n->kids[0].kbrule, n->kids[0].rule);
            fprintf(out, "\n");
            write_kids(out, x, n->kids[0].kids, n->kids[0].nkids, sub);
        } else {
            fprintf(out, ", built by %zu firings:\n", n->nkids);
            write_kids(out, x, n->kids, n->nkids, sub);
        }
        break;
    case SOL_XN_SEEN:
        fprintf(out, "%s (explained above)\n",
                sol_explain_fact_words(x, n->fact, buf, sizeof buf));
        break;
    case SOL_XN_FINDING:
    case SOL_XN_KNOWLEDGE:
    default: fprintf(out, "%s\n", sol_explain_fact_words(x, n->fact, buf, sizeof buf)); break;
    }
}

static void write_concl_line(FILE *out, const sol_rconclusion *c)
{
    fprintf(out, "%s (%s, %s)", c->cond->label, c->cond->code, c->id);
    char tn[128];
    if (c->cond->tier_def->by_severity && strcmp(c->cond->urgency, "-") != 0)
        fprintf(out, " [%s]", c->cond->urgency);
    fprintf(out, ", certainty %.2f, rank %d in %s%s\n", c->cf, c->rank,
            sol_wr_tier_title(c->cond->tier_def, 0, tn, sizeof tn),
            c->deferred ? ", deferred pending medical clearance" : "");
}

static void write_terse(FILE *out, const sol_explain *x)
{
    for (size_t i = 0; i < sol_explain_root_count(x); i++) {
        const sol_xnode *root = sol_explain_root_at(x, i);
        fprintf(out, "\n%zu. ", i + 1);
        write_concl_line(out, root->concl);
        write_kids(out, x, root->kids, root->nkids, "   ");
    }
}

/* ---- teach: the story ---- */

static const char *ordinal(int n, char *buf, size_t len)
{
    const char *suf = (n % 100 >= 11 && n % 100 <= 13) ? "th"
                      : n % 10 == 1                    ? "st"
                      : n % 10 == 2                    ? "nd"
                      : n % 10 == 3                    ? "rd"
                                                       : "th";
    snprintf(buf, len, "%d%s", n, suf);
    return buf;
}

static void write_match(FILE *out, const sol_explain *x, const sol_xstep *s, const sol_xmatch *m)
{
    const sol_report *r = sol_explain_report(x);
    char buf[1024];

    if (sol_explain_clips(x) || !s->kbrule) {
        fprintf(out, "      line %d: %s\n", m->cond->line, m->cond->text);
    } else {
        char phrase[512];
        sol_kb_cond_text(phrase, sizeof phrase, sol_explain_kb(x), s->kbrule, m->cond,
                         sol_report_vocab(r), sol_report_catalog(r));
        fprintf(out, "      line %d: %s\n", m->cond->line, *phrase ? phrase : m->cond->text);
    }
    switch (m->cond->kind) {
    case SOL_KB_CE_NOT:
        fprintf(out, "        held: no fact matched it (absent counts as \"not known to be\")\n");
        break;
    case SOL_KB_CE_TEST:
        fprintf(out, "        held: the test was true for the values bound above\n");
        break;
    case SOL_KB_CE_EXISTS:
        if (m->fact >= 0)
            fprintf(out, "        held: at least one such fact, e.g. %s\n",
                    sol_explain_fact_words(x, m->fact, buf, sizeof buf));
        else
            fprintf(out, "        held: at least one such fact existed\n");
        break;
    default:
        if (m->fact >= 0)
            fprintf(out, "        matched %s\n",
                    sol_explain_fact_words(x, m->fact, buf, sizeof buf));
        else
            fprintf(out, "        matched\n");
        break;
    }
}

static void write_added(FILE *out, const sol_explain *x, const sol_xstep *s)
{
    const sol_report *r = sol_explain_report(x);
    const sol_graph *g = sol_report_graph(r);
    const sol_firing *fi = sol_graph_firing_at(g, (size_t)s->firing);
    char buf[1024], old[1024];

    if (!fi->nadded) {
        int call = 0;
        for (size_t i = 0; s->kbrule && i < s->kbrule->nactions; i++)
            if (s->kbrule->actions[i].kind == SOL_KB_ACT_CALL && s->kbrule->actions[i].text) {
                fprintf(out, "    Did: %s\n", s->kbrule->actions[i].text);
                call = 1;
            }
        if (!call)
            fprintf(out, "    Added: nothing new\n");
        return;
    }
    for (size_t i = 0; i < fi->nadded; i++) {
        long prev = sol_explain_previous(g, fi->added[i]);
        if (prev >= 0)
            fprintf(out, "    Changed: %s\n         to %s\n",
                    sol_explain_fact_words(x, prev, old, sizeof old),
                    sol_explain_fact_words(x, (long)fi->added[i], buf, sizeof buf));
        else
            fprintf(out, "    Added: %s\n",
                    sol_explain_fact_words(x, (long)fi->added[i], buf, sizeof buf));
    }
}

/* For a BELIEF firing: the vote it folded in and the arithmetic. */
static void write_belief_step(FILE *out, const sol_explain *x, const sol_xstep *s)
{
    const sol_report *r = sol_explain_report(x);
    const sol_graph *g = sol_report_graph(r);
    const sol_firing *fi = sol_graph_firing_at(g, (size_t)s->firing);
    long ev = -1;
    int opens = 1;

    for (size_t i = 0; i < fi->nbasis; i++) {
        const char *rel = sol_graph_fact_at(g, fi->basis[i])->relation;
        if (strcmp(rel, "evidence") == 0)
            ev = (long)fi->basis[i];
        else if (strcmp(rel, "belief") == 0)
            opens = 0;
    }
    const sol_rcontrib *c = contrib_of_evidence(r, ev);
    if (!c)
        return;
    fprintf(out, "    Arithmetic (MYCIN certainty factors): %s %s %s is %+.2f; ", c->rule_id,
            c->polarity, c->strength, c->cf);
    write_arith(out, c, opens);
    fprintf(out, "\n");
}

static void write_step(FILE *out, const sol_explain *x, size_t i, const sol_xstep *prev)
{
    const sol_report *r = sol_explain_report(x);
    const sol_xstep *s = sol_explain_step_at(x, i);
    const sol_kb_rule *kr = s->kbrule;
    char ord[16], buf[1024];

    fprintf(out, "\nStep %zu. ", i + 1);
    rule_where(out, kr, s->rule);
    fprintf(out, ", firing %ld of %zu in the run\n", s->firing + 1,
            sol_graph_firing_count(sol_report_graph(r)));
    if (s->phase == 0)
        fprintf(out, "    Phase: %s, before any phase is on the focus stack.\n", s->module);
    else
        fprintf(out, "    Phase: %s, the %s of %zu on the focus stack.%s\n", s->module,
                ordinal(s->phase, ord, sizeof ord), sol_explain_phase_count(x),
                !prev || strcmp(prev->module, s->module) == 0 ? ""
                : prev->phase > s->phase
                    ? " It is on top again: a rule of a later phase pushed it back onto the"
                      " stack with (focus)."
                : s->phase == 1 ? " It is on top of the stack once the start rule has run."
                                : " The phases before it had nothing left to fire, so it is"
                                  " on top now.");
    if (s->nknown) {
        fprintf(out, "    Known so far, besides the findings:\n");
        for (size_t k = 0; k < s->nknown; k++)
            fprintf(out, "      %s\n", sol_explain_fact_words(x, s->known[k], buf, sizeof buf));
    } else if (s->phase) {
        fprintf(out, "    Known so far: the findings (and the knowledge facts) only.\n");
    }
    if (!kr || !kr->nconds) {
        fprintf(out, "    Chosen because: it has no conditions, so the reset activates it.\n");
    } else {
        fprintf(out, "    Chosen because its module was on top of the focus stack and every "
                     "pattern matched");
        if (kr->has_salience && kr->salience > 0)
            fprintf(out,
                    " (salience %d, for control: it fires before the other candidates of"
                    " its module)",
                    kr->salience);
        else if (kr->has_salience && kr->salience < 0)
            fprintf(out,
                    " (salience %d, for control: it waits until the other candidates of"
                    " its module have fired)",
                    kr->salience);
        fprintf(out, ":\n");
        for (size_t k = 0; k < s->nmatch; k++)
            write_match(out, x, s, &s->match[k]);
    }
    write_added(out, x, s);
    if (strcmp(s->module, "BELIEF") == 0)
        write_belief_step(out, x, s);
    if (kr && kr->rationale) {
        fprintf(out, "    Why: %s", kr->rationale);
        if (kr->nsources) {
            fprintf(out, " [");
            write_sources(out, sol_report_catalog(r), kr, 0);
            fprintf(out, "]");
        }
        fprintf(out, "\n");
    }
}

static void write_teach(FILE *out, const sol_explain *x)
{
    const sol_report *r = sol_explain_report(x);
    const sol_findings *fs = sol_report_findings(r);
    char buf[1024];
    const sol_xstep *prev = NULL;

    fprintf(out, "\nHOW THE ENGINE WORKS\n");
    fprintf(out, "  The rules are grouped in modules, one per phase. After a reset the start\n"
                 "  rule puts the phases on CLIPS's focus stack in this order:\n    ");
    for (size_t i = 0; i < sol_explain_phase_count(x); i++)
        fprintf(out, "%s%s", i ? " -> " : "", sol_explain_phase_at(x, i));
    fprintf(out, "\n  Only rules of the module on top of the stack fire. A rule is a candidate\n"
                 "  when every pattern on its left-hand side matches facts; when the top\n"
                 "  module has no candidates left it is popped and the next phase runs. What\n"
                 "  a rule asserts becomes a fact that later rules can match. Below are only\n"
                 "  the firings this explanation needs, in the order they happened.\n");
    fprintf(out, "\nTHE FINDINGS IT STARTS FROM\n");
    for (size_t i = 0; i < sol_explain_finding_count(x); i++)
        fprintf(out, "  - %s\n",
                finding_text(sol_findings_at(fs, sol_explain_finding_at(x, i)), buf, sizeof buf));
    size_t others = 0;
    for (size_t i = 0; i < sol_findings_count(fs); i++)
        others += sol_findings_at(fs, i)->context == SOL_CTX_CURRENT &&
                  sol_findings_at(fs, i)->value.kind != SOL_VAL_UNKNOWN;
    others -= others >= sol_explain_finding_count(x) ? sol_explain_finding_count(x) : others;
    if (others)
        fprintf(out, "  (%zu other recorded finding%s play no part in this)\n", others,
                others == 1 ? "" : "s");
    fprintf(out, "\nSTEP BY STEP\n");
    for (size_t i = 0; i < sol_explain_step_count(x); i++) {
        write_step(out, x, i, prev);
        prev = sol_explain_step_at(x, i);
    }
    fprintf(out, "\nRESULT\n");
    for (size_t i = 0; i < sol_explain_root_count(x); i++) {
        const sol_rconclusion *c = sol_explain_root_at(x, i)->concl;
        fprintf(out, "  ");
        write_concl_line(out, c);
        int opened = 0;
        for (size_t k = 0; k < c->ncontrib; k++) {
            fprintf(out, "    %s %s %s %+.2f: ", c->contrib[k].rule_id, c->contrib[k].polarity,
                    c->contrib[k].strength, c->contrib[k].cf);
            write_arith(out, &c->contrib[k], !opened && !c->contrib[k].counted_as);
            opened |= !c->contrib[k].counted_as;
            fprintf(out, "\n");
        }
    }
}

int sol_write_explain(FILE *out, const sol_explain *x, int teach)
{
    const sol_report *r = sol_explain_report(x);
    const sol_condition *asked = sol_explain_asked(x);

    fprintf(out, "Explanation of record '%s' (%s)", sol_report_record_id(r),
            sol_report_record_file(r));
    if (asked)
        fprintf(out, ": %s (%s)", asked->id, asked->code);
    fprintf(out,
            "\nDecision support for a qualified clinician; it suggests, it does not diagnose.\n");
    if (!sol_explain_root_count(x)) {
        if (asked)
            fprintf(out,
                    "\n%s (%s, %s) was not reached for this record.\n"
                    "See `soleus why-not %s %s` for what it would take.\n",
                    asked->label, asked->code, asked->id, sol_report_record_file(r), asked->id);
        else
            fprintf(out, "\nNo conclusion was reached for this record.\n");
        return sol_write_end(out);
    }
    if (teach)
        write_teach(out, x);
    else
        write_terse(out, x);
    return sol_write_end(out);
}
