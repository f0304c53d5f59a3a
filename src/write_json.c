/* write_json.c — every JSON output (the only jansson user): the assessment,
 * and explain, why-not, what-if, coverage, lint and rules (tooljson.h).
 * Keys sorted, arrays in report order, no timestamps: byte-stable output;
 * each document carries "format_version" (schemas in docs/schema/). */
#include "writers.h"
#include "explain.h"
#include "kb_text.h"
#include "glance.h"
#include "tooljson.h"
#include "write_int.h"

#include "json_int.h"
#include <string.h>

/* "S5,S4,L10" as ["S5","S4","L10"]; "-" or "" as []. */
static json_t *id_list(const char *list)
{
    json_t *a = json_array();
    while (list && *list) {
        size_t n = strcspn(list, ", ");
        if (n && !(n == 1 && *list == '-'))
            json_array_append_new(a, json_stringn(list, n));
        list += n;
        list += strspn(list, ", ");
    }
    return a;
}

static json_t *value_json(const sol_value *v)
{
    switch (v->kind) {
    case SOL_VAL_SYMBOL: return json_string(v->sym);
    case SOL_VAL_INTEGER: return json_integer(v->i);
    case SOL_VAL_REAL: return json_real(v->r);
    case SOL_VAL_UNKNOWN: return json_string("unknown");
    default: return json_null();
    }
}

static json_t *finding_json(const sol_finding *f)
{
    static const char *origins[] = {"record", "note", "what-if"};
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(f->name));
    json_object_set_new(o, "value", value_json(&f->value));
    json_object_set_new(o, "origin", json_string(origins[f->origin]));
    json_object_set_new(o, "line", json_integer(f->line));
    json_object_set_new(o, "path", json_string(f->path ? f->path : ""));
    if (f->origin == SOL_ORIGIN_NOTE) {
        json_object_set_new(o, "quote", json_string(f->quote ? f->quote : ""));
        json_object_set_new(
            o, "span", json_pack("[I,I]", (json_int_t)f->span_start, (json_int_t)f->span_end));
        if (f->trigger)
            json_object_set_new(o, "trigger", json_string(f->trigger));
    }
    if (f->context == SOL_CTX_HISTORY)
        json_object_set_new(o, "context", json_string("history"));
    return o;
}

static json_t *contrib_json(const sol_report *r, const sol_rcontrib *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "rule", json_string(c->rule));
    json_object_set_new(o, "rule_id", json_string(c->rule_id));
    json_object_set_new(o, "polarity", json_string(c->polarity));
    json_object_set_new(o, "strength", json_string(c->strength));
    json_object_set_new(o, "rationale", json_string(c->rationale));
    json_object_set_new(o, "sources", id_list(c->sources));
    json_object_set_new(o, "cf", json_real(c->cf));
    json_object_set_new(o, "population_tendency", json_boolean(c->population));
    json_object_set_new(o, "counted", json_boolean(!c->counted_as));
    if (c->counted_as) {
        json_object_set_new(o, "same_sign_as", json_string(c->counted_as));
        json_object_set_new(o, "shared_sign", json_string(c->shared_sign));
    } else {
        json_object_set_new(o, "before", json_real(c->before));
        json_object_set_new(o, "after", json_real(c->after));
    }
    json_t *fa = json_array();
    for (size_t k = 0; k < c->nfindings; k++)
        json_array_append_new(
            fa, finding_json(sol_findings_at(sol_report_findings(r), c->findings[k])));
    json_object_set_new(o, "findings", fa);
    return o;
}

/* ASSESS NEXT (would change the picture): the ranked unrecorded findings. */
static json_t *next_json(const sol_report *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < sol_report_next_count(r); i++) {
        const sol_nb_item *it = sol_report_next_at(r, i);
        json_t *answers = json_array();
        for (size_t k = 0; k < it->nanswers; k++) {
            char buf[1024];
            const sol_nb_answer *a = &it->answers[k];
            json_t *o = json_object();
            json_object_set_new(o, "value", value_json(&a->value));
            json_object_set_new(o, "score", json_real(a->score));
            json_object_set_new(o, "red_flag", json_boolean(a->red_after));
            json_object_set_new(o, "effect",
                                json_string(sol_wr_effect_text(r, a, buf, sizeof buf)));
            json_array_append_new(answers, o);
        }
        json_array_append_new(arr, json_pack("{s:s,s:s,s:b,s:f,s:o}", "finding", it->finding,
                                             "label", it->label, "asked", it->asked, "score",
                                             it->score, "answers", answers));
    }
    return arr;
}

/* What the text and HTML reports show first (glance.c): the action, the
 * Wells total and band, the visit details and the recorded findings no rule
 * reads. NULL on ENOMEM. */
static json_t *glance_json(const sol_report *r)
{
    sol_glance *g = NULL;
    sol_diag d;
    long long total;
    const sol_score_band *band;
    json_t *o, *unused;

    if (sol_glance_build(&g, r, &d))
        return NULL;
    o = json_object();
    unused = json_array();
    json_object_set_new(o, "action", json_string(sol_wr_action_text(g)));
    if (sol_glance_flag(g))
        json_object_set_new(o, "action_for", json_string(sol_glance_flag(g)->id));
    if (sol_glance_score(g, &total, &band))
        json_object_set_new(
            o, band->score,
            json_pack("{s:I,s:s}", "total", (json_int_t)total, "band", band->band));
    if (sol_report_date(r))
        json_object_set_new(o, "date", json_string(sol_report_date(r)));
    if (sol_report_clinician(r))
        json_object_set_new(o, "clinician", json_string(sol_report_clinician(r)));
    if (sol_report_visit(r))
        json_object_set_new(o, "visit", json_string(sol_report_visit(r)));
    for (size_t i = 0; i < sol_glance_unused_count(g); i++)
        json_array_append_new(unused, json_string(sol_glance_unused_at(g, i)->name));
    json_object_set_new(o, "unused_findings", unused);
    sol_glance_free(g);
    return o;
}

/* A JSON string of s with every byte that is not valid UTF-8 replaced by
 * U+FFFD (file names need not be UTF-8; JSON must be). */
static json_t *utf8_string(const char *s)
{
    json_t *j;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    char *buf;
    size_t o = 0;

    if ((j = json_string((const char *)p)) != NULL)
        return j;
    if (n > ((size_t)-1) / 3 - 1 || !(buf = malloc(3 * n + 1)))
        return NULL;
    for (size_t i = 0; i < n;) {
        size_t len = p[i] < 0x80             ? 1
                     : (p[i] & 0xe0) == 0xc0 ? 2
                     : (p[i] & 0xf0) == 0xe0 ? 3
                     : (p[i] & 0xf8) == 0xf0 ? 4
                                             : 0;
        int ok = len > 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; k++)
            ok = (p[i + k] & 0xc0) == 0x80;
        if (ok && len > 1) {
            /* what json_string would still refuse: over-long forms, surrogates */
            char tmp[5] = {0};
            memcpy(tmp, p + i, len);
            json_t *t = json_string(tmp);
            ok = t != NULL;
            json_decref(t);
        }
        if (ok) {
            memcpy(buf + o, p + i, len);
            o += len;
            i += len;
        } else {
            memcpy(buf + o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
        }
    }
    buf[o] = '\0';
    j = json_string(buf);
    free(buf);
    return j;
}

/* The report as one JSON object (the caller decrefs it). */
static json_t *report_json(const sol_report *r)
{
    json_t *root = json_object();
    json_object_set_new(root, "format_version", json_integer(SOL_JSON_FORMAT_VERSION));
    json_object_set_new(root, "command", json_string("assess"));
    json_object_set_new(root, "record", json_string(sol_report_record_id(r)));
    json_object_set_new(root, "file", utf8_string(sol_report_record_file(r)));
    json_object_set_new(
        root, "disclaimer",
        json_string("Decision support for a qualified clinician; not a diagnosis."));
    json_object_set_new(root, "red_flag", json_boolean(sol_report_has_red_flag(r)));
    json_object_set_new(root, "management_suppressed", json_boolean(sol_report_suppressed(r)));
    json_t *glance = glance_json(r);
    if (!glance) {
        json_decref(root);
        return NULL;
    }
    json_object_set_new(root, "at_a_glance", glance);

    json_t *ca = json_array();
    for (size_t i = 0; i < sol_report_conclusion_count(r); i++) {
        const sol_rconclusion *c = sol_report_conclusion_at(r, i);
        json_t *o = json_object();
        char tier[2] = {c->tier, 0};
        json_object_set_new(o, "id", json_string(c->id));
        json_object_set_new(o, "code", json_string(c->cond->code));
        json_object_set_new(o, "label", json_string(c->cond->label));
        json_object_set_new(o, "tier", json_string(tier));
        json_object_set_new(o, "urgency", json_string(c->cond->urgency));
        json_object_set_new(o, "cf", json_real(c->cf));
        json_object_set_new(o, "rank", json_integer(c->rank));
        json_object_set_new(o, "deferred", json_boolean(c->deferred));
        json_t *contrib = json_array();
        for (size_t k = 0; k < c->ncontrib; k++)
            json_array_append_new(contrib, contrib_json(r, &c->contrib[k]));
        json_object_set_new(o, "contributions", contrib);
        if (c->held_by) {
            json_t *h = json_object();
            json_object_set_new(h, "rule_id", json_string(c->held_by));
            json_object_set_new(h, "from", json_real(c->held_from));
            json_object_set_new(h, "to", json_real(c->cf));
            json_object_set_new(o, "held_at_ceiling", h);
        }
        json_array_append_new(ca, o);
    }
    json_object_set_new(root, "conclusions", ca);

    json_t *ua = json_array();
    for (size_t i = 0; i < sol_report_unanswered_count(r); i++) {
        const sol_runanswered *u = sol_report_unanswered_at(r, i);
        json_t *o = json_pack("{s:s,s:s,s:s,s:b}", "finding", u->finding, "label", u->label,
                              "screen", u->screen, "asked", u->asked);
        if (o && u->quote) {
            json_object_set_new(o, "confirm_quote", json_string(u->quote));
            json_object_set_new(o, "confirm_line", json_integer(u->line));
        }
        json_array_append_new(ua, o);
    }
    json_object_set_new(root, "unanswered_screening_questions", ua);

    json_t *ra = json_array();
    for (size_t i = 0; i < sol_report_recommendation_count(r); i++) {
        const sol_rrec *rr = sol_report_recommendation_at(r, i);
        json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "id", rr->rec->id, "phase",
                              rr->rec->phase, "label", rr->rec->label, "text", rr->rec->text,
                              "for", rr->for_id, "rule", rr->rule, "rule_id", rr->rule_id,
                              "sources", id_list(rr->rec->sources));
        if (rr->rec->contested)
            json_object_set_new(o, "contested", json_string(rr->rec->contested));
        json_array_append_new(ra, o);
    }
    json_object_set_new(root, "recommendations", ra);
    json_t *wa = json_array();
    for (size_t i = 0; i < sol_report_withheld_count(r); i++) {
        const sol_rwithheld *w = sol_report_withheld_at(r, i);
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(w->rec->id));
        json_object_set_new(o, "label", json_string(w->rec->label));
        json_object_set_new(o, "because", json_string(w->because));
        json_object_set_new(o, "reason", json_string(w->reason));
        json_object_set_new(o, "sources", json_string(w->sources));
        json_array_append_new(wa, o);
    }
    json_object_set_new(root, "withheld", wa);

    json_t *aa = json_array();
    for (size_t i = 0; i < sol_report_advice_count(r); i++) {
        const sol_radvice *a = sol_report_advice_at(r, i);
        json_array_append_new(
            aa, json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:b}", "finding", a->finding, "label",
                          a->label, "because", a->because, "rule", a->rule, "rule_id", a->rule_id,
                          "population_tendency", a->population, "withheld", a->withheld));
    }
    json_object_set_new(root, "suggested_checks", aa);

    const sol_findings *fs = sol_report_findings(r);
    json_t *cf = json_array();
    for (size_t i = 0; i < sol_findings_conflict_count(fs); i++) {
        const sol_conflict *c = sol_findings_conflict_at(fs, i);
        json_t *o = json_object();
        json_object_set_new(o, "finding", json_string(c->name));
        json_object_set_new(o, "record_value", value_json(&c->record_value));
        json_object_set_new(o, "note_value", value_json(&c->note_value));
        json_object_set_new(o, "record_line", json_integer(c->record_line));
        json_object_set_new(o, "note_line", json_integer(c->note_line));
        json_object_set_new(o, "record_path", json_string(c->record_path ? c->record_path : ""));
        json_object_set_new(o, "note_path", json_string(c->note_path ? c->note_path : ""));
        json_object_set_new(o, "quote", json_string(c->quote ? c->quote : ""));
        json_object_set_new(o, "kept_from", json_string(c->kept_from_note ? "note" : "record"));
        if (c->kept_from_note)
            json_object_set_new(o, "kept_quote", json_string(c->kept_quote ? c->kept_quote : ""));
        if (c->more)
            json_object_set_new(o, "more", json_integer((json_int_t)c->more));
        json_array_append_new(cf, o);
    }
    json_object_set_new(root, "conflicts", cf);

    json_t *fa = json_array();
    for (size_t i = 0; i < sol_findings_count(fs); i++)
        json_array_append_new(fa, finding_json(sol_findings_at(fs, i)));
    json_object_set_new(root, "findings", fa);

    if (sol_report_has_next(r))
        json_object_set_new(root, "assess_next", next_json(r));
    return root;
}

/* Write root with flags and a newline; NULL root is out of memory. */
/* Serialise into memory (json_dump.c) and write once, with the newline. */
static int dump(FILE *out, json_t *root, int indent)
{
    char *buf = NULL;
    size_t n = 0;
    int rc = root ? sol_json_dump(&buf, &n, root, indent) : SOL_ENOMEM;
    json_decref(root);
    if (rc)
        return rc;
    buf[n++] = '\n'; /* over the NUL */
    rc = fwrite(buf, 1, n, out) == n ? sol_write_end(out) : SOL_EWRITE;
    free(buf);
    return rc;
}

/* ---- the other commands (each schema in docs/schema/) ---- */


static json_t *kb_sources(const sol_kb_rule *kr)
{
    json_t *a = json_array();
    for (size_t i = 0; kr && i < kr->nsources; i++)
        json_array_append_new(a, json_string(kr->sources[i]));
    return a;
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* The rule as every tool names it: own id, family, name, file and line. */
static void rule_keys(json_t *o, const sol_kb_rule *kr, const char *name)
{
    json_object_set_new(o, "rule_id", str_or_null(kr ? kr->id : NULL));
    json_object_set_new(o, "family", str_or_null(kr ? kr->family : NULL));
    json_object_set_new(o, "rule", json_string(kr ? kr->qname : name ? name : "?"));
    json_object_set_new(o, "file", str_or_null(kr ? kr->file : NULL));
    json_object_set_new(o, "line", kr ? json_integer(kr->line) : json_null());
}

static json_t *envelope(const char *command)
{
    json_t *o = json_object();
    json_object_set_new(o, "format_version", json_integer(SOL_JSON_FORMAT_VERSION));
    json_object_set_new(o, "command", json_string(command));
    json_object_set_new(
        o, "disclaimer",
        json_string("Decision support for a qualified clinician; not a diagnosis."));
    return o;
}


static json_t *concl_json(const sol_condition *c)
{
    return json_pack("{s:s,s:s,s:s}", "id", c->id, "code", c->code, "label", c->label);
}

static const char *xkind_name(sol_xkind k)
{
    switch (k) {
    case SOL_XN_CONCLUSION: return "conclusion";
    case SOL_XN_RULE: return "rule";
    case SOL_XN_FACT: return "derived";
    case SOL_XN_FINDING: return "finding";
    case SOL_XN_KNOWLEDGE: return "knowledge";
    default: return "seen";
    }
}

static json_t *xnode_json(const sol_explain *x, const sol_xnode *n)
{
    json_t *o = json_object(), *kids = json_array();
    char buf[1024];

    json_object_set_new(o, "kind", json_string(xkind_name(n->kind)));
    if (n->kind == SOL_XN_RULE) {
        rule_keys(o, n->kbrule, n->rule);
        json_object_set_new(o, "firing", json_integer(n->firing + 1));
        if (n->contrib) {
            const sol_rcontrib *c = n->contrib;
            json_object_set_new(o, "polarity", json_string(c->polarity));
            json_object_set_new(o, "strength", json_string(c->strength));
            json_object_set_new(o, "cf", json_real(c->cf));
            json_object_set_new(o, "combined", json_boolean(!c->counted_as));
            if (!c->counted_as) {
                json_object_set_new(o, "before", json_real(c->before));
                json_object_set_new(o, "after", json_real(c->after));
            }
            json_object_set_new(o, "rationale",
                                json_string(n->kbrule && n->kbrule->rationale
                                                ? n->kbrule->rationale
                                                : c->rationale));
            json_object_set_new(o, "sources",
                                n->kbrule ? kb_sources(n->kbrule) : id_list(c->sources));
        }
    } else {
        json_object_set_new(o, "text",
                            json_string(sol_explain_fact_words(x, n->fact, buf, sizeof buf)));
        json_object_set_new(o, "exists", json_boolean(n->exists));
        if (n->kind == SOL_XN_FINDING && n->finding)
            json_object_set_new(o, "finding", finding_json(n->finding));
    }
    for (size_t i = 0; i < n->nkids; i++)
        json_array_append_new(kids, xnode_json(x, &n->kids[i]));
    json_object_set_new(o, "children", kids);
    return o;
}

static json_t *xstep_json(const sol_explain *x, size_t i)
{
    const sol_xstep *s = sol_explain_step_at(x, i);
    const sol_graph *g = sol_report_graph(sol_explain_report(x));
    const sol_firing *fi = sol_graph_firing_at(g, (size_t)s->firing);
    json_t *o = json_object(), *known = json_array(), *match = json_array(),
           *added = json_array();
    char buf[1024];

    json_object_set_new(o, "step", json_integer((json_int_t)i + 1));
    json_object_set_new(o, "firing", json_integer(s->firing + 1));
    rule_keys(o, s->kbrule, s->rule);
    json_object_set_new(o, "phase", json_string(s->module));
    json_object_set_new(o, "phase_place", json_integer(s->phase));
    json_object_set_new(o, "salience",
                        s->kbrule && s->kbrule->has_salience ? json_integer(s->kbrule->salience)
                                                             : json_null());
    for (size_t k = 0; k < s->nknown; k++)
        json_array_append_new(
            known, json_string(sol_explain_fact_words(x, s->known[k], buf, sizeof buf)));
    for (size_t k = 0; k < s->nmatch; k++) {
        const sol_xmatch *m = &s->match[k];
        json_array_append_new(
            match, json_pack("{s:i,s:s,s:s,s:o}", "line", m->cond->line, "kind",
                             sol_kb_ce_kind_name(m->cond->kind), "pattern", m->cond->text, "fact",
                             m->fact >= 0 ? json_string(sol_explain_fact_words(x, m->fact, buf,
                                                                               sizeof buf))
                                          : json_null()));
    }
    for (size_t k = 0; k < fi->nadded; k++)
        json_array_append_new(
            added, json_string(sol_explain_fact_words(x, (long)fi->added[k], buf, sizeof buf)));
    json_object_set_new(o, "known_so_far", known);
    json_object_set_new(o, "chosen_because", match);
    json_object_set_new(o, "added", added);
    json_object_set_new(o, "rationale", str_or_null(s->kbrule ? s->kbrule->rationale : NULL));
    return o;
}

int sol_write_json_explain(FILE *out, const sol_explain *x, int teach)
{
    const sol_report *r = sol_explain_report(x);
    const sol_condition *asked = sol_explain_asked(x);
    json_t *root = envelope("explain"), *ca = json_array();

    json_object_set_new(root, "record", json_string(sol_report_record_id(r)));
    json_object_set_new(root, "file", json_string(sol_report_record_file(r)));
    json_object_set_new(root, "asked", asked ? concl_json(asked) : json_null());
    json_object_set_new(root, "style", json_string(teach ? "teach" : "terse"));
    for (size_t i = 0; i < sol_explain_root_count(x); i++) {
        const sol_xnode *n = sol_explain_root_at(x, i);
        const sol_rconclusion *c = n->concl;
        json_t *o = concl_json(c->cond), *votes = json_array();
        char tier[2] = {c->tier, 0};
        json_object_set_new(o, "tier", json_string(tier));
        json_object_set_new(o, "cf", json_real(c->cf));
        json_object_set_new(o, "rank", json_integer(c->rank));
        json_object_set_new(o, "deferred", json_boolean(c->deferred));
        for (size_t k = 0; k < n->nkids; k++)
            json_array_append_new(votes, xnode_json(x, &n->kids[k]));
        json_object_set_new(o, "votes", votes);
        json_array_append_new(ca, o);
    }
    json_object_set_new(root, "conclusions", ca);
    if (teach) {
        json_t *steps = json_array(), *phases = json_array();
        for (size_t i = 0; i < sol_explain_phase_count(x); i++)
            json_array_append_new(phases, json_string(sol_explain_phase_at(x, i)));
        for (size_t i = 0; i < sol_explain_step_count(x); i++)
            json_array_append_new(steps, xstep_json(x, i));
        json_object_set_new(root, "phases", phases);
        json_object_set_new(root, "steps", steps);
    }
    return dump(out, root, 2);
}

static json_t *change_json(const sol_change *c)
{
    char buf[512];
    json_t *vals = json_array();
    for (size_t i = 0; i < c->nvalues; i++)
        json_array_append_new(vals, value_json(&c->values[i]));
    return json_pack("{s:s,s:b,s:o,s:s}", "finding", c->name, "unset", c->unset, "values", vals,
                     "text", sol_change_text(c, buf, sizeof buf));
}

int sol_write_json_whynot(FILE *out, const sol_whynot *w, const sol_vocab *v,
                          const sol_catalog *cat)
{
    const sol_report *r = sol_whynot_report(w);
    const sol_rconclusion *reached = sol_whynot_reached(w);
    json_t *root = envelope("why-not"), *rules = json_array();
    long best = sol_whynot_best(w);

    json_object_set_new(root, "record", json_string(sol_report_record_id(r)));
    json_object_set_new(root, "file", json_string(sol_report_record_file(r)));
    json_object_set_new(root, "conclusion", concl_json(sol_whynot_condition(w)));
    json_object_set_new(root, "reached", json_boolean(reached != NULL));
    json_object_set_new(root, "cf", reached ? json_real(reached->cf) : json_null());
    for (size_t i = 0; i < sol_whynot_rule_count(w); i++) {
        const sol_wn_rule *wr = sol_whynot_rule_at(w, i);
        json_t *o = json_object(), *conds = json_array(), *needs = json_array();
        char phrase[512];
        rule_keys(o, wr->rule, NULL);
        json_object_set_new(o, "polarity", str_or_null(wr->vote ? wr->vote->polarity : NULL));
        json_object_set_new(o, "strength", str_or_null(wr->vote ? wr->vote->strength : NULL));
        json_object_set_new(o, "fired", json_boolean(wr->fired));
        json_object_set_new(o, "result", json_string(sol_kb_result_name(wr->result)));
        for (size_t k = 0; k < wr->nconds; k++) {
            const sol_wn_cond *c = &wr->conds[k];
            sol_kb_cond_text(phrase, sizeof phrase, NULL, wr->rule, c->cond, v, cat);
            json_array_append_new(conds, json_pack("{s:i,s:i,s:s,s:s,s:s}", "line", c->cond->line,
                                                   "depth", c->depth, "result",
                                                   sol_kb_result_name(c->result), "pattern",
                                                   c->cond->text, "phrase", phrase));
        }
        for (size_t k = 0; k < wr->nchanges; k++) {
            json_t *ch = change_json(&wr->changes[k]);
            json_object_set_new(ch, "direct", json_boolean(k < wr->ndirect));
            json_array_append_new(needs, ch);
        }
        json_object_set_new(o, "conditions", conds);
        json_object_set_new(o, "needs", needs);
        json_object_set_new(o, "checked", json_boolean(wr->tried));
        json_object_set_new(o, "fires_after", json_boolean(wr->fires));
        json_object_set_new(o, "reached_after", json_boolean(wr->reached));
        json_object_set_new(o, "cf_after", wr->reached ? json_real(wr->cf) : json_null());
        json_array_append_new(rules, o);
    }
    json_object_set_new(root, "rules", rules);
    if (best >= 0) {
        const sol_wn_rule *b = sol_whynot_rule_at(w, (size_t)best);
        json_t *o = json_object(), *ch = json_array();
        rule_keys(o, b->rule, NULL);
        for (size_t k = 0; k < b->nchanges; k++)
            json_array_append_new(ch, change_json(&b->changes[k]));
        json_object_set_new(o, "changes", ch);
        json_object_set_new(o, "cf_after", json_real(b->cf));
        json_object_set_new(root, "smallest_change", o);
    } else {
        json_object_set_new(root, "smallest_change", json_null());
    }
    return dump(out, root, 2);
}

int sol_write_json_whatif(FILE *out, const sol_whatif *w, const sol_report *baseline,
                          const sol_change *changes, size_t n)
{
    static const char *kinds[] = {"gained", "lost", "changed", "same"};
    json_t *root = envelope("what-if"), *ch = json_array(), *ca = json_array(),
           *ra = json_array();

    json_object_set_new(root, "record", json_string(sol_report_record_id(baseline)));
    json_object_set_new(root, "file", json_string(sol_report_record_file(baseline)));
    for (size_t i = 0; i < n; i++)
        json_array_append_new(ch, change_json(&changes[i]));
    json_object_set_new(root, "changes", ch);
    json_object_set_new(root, "changed", json_boolean(sol_whatif_changed(w)));
    json_object_set_new(root, "red_flag",
                        json_pack("{s:b,s:b}", "before", sol_whatif_red_flag_before(w), "after",
                                  sol_whatif_red_flag_after(w)));
    json_object_set_new(root, "management_suppressed",
                        json_pack("{s:b,s:b}", "before", sol_whatif_suppressed_before(w), "after",
                                  sol_whatif_suppressed_after(w)));
    for (size_t i = 0; i < sol_whatif_concl_count(w); i++) {
        const sol_wi_concl *c = sol_whatif_concl_at(w, i);
        json_t *o;
        char tier[2] = {c->tier, 0};
        if (c->kind == SOL_WI_SAME)
            continue;
        o = concl_json(c->cond);
        json_object_set_new(o, "change", json_string(kinds[c->kind]));
        json_object_set_new(o, "tier", json_string(tier));
        json_object_set_new(o, "before",
                            c->rank_before
                                ? json_pack("{s:i,s:f,s:b}", "rank", c->rank_before, "cf",
                                            c->cf_before, "deferred", c->deferred_before)
                                : json_null());
        json_object_set_new(o, "after",
                            c->rank_after
                                ? json_pack("{s:i,s:f,s:b}", "rank", c->rank_after, "cf",
                                            c->cf_after, "deferred", c->deferred_after)
                                : json_null());
        json_array_append_new(ca, o);
    }
    json_object_set_new(root, "conclusions", ca);
    for (size_t i = 0; i < sol_whatif_rec_count(w); i++) {
        const sol_wi_rec *rr = sol_whatif_rec_at(w, i);
        json_array_append_new(ra, json_pack("{s:s,s:s,s:s,s:s,s:s}", "change",
                                            rr->gained ? "gained" : "lost", "id", rr->rec->id,
                                            "label", rr->rec->label, "phase", rr->rec->phase,
                                            "for", rr->for_id));
    }
    json_object_set_new(root, "recommendations", ra);
    return dump(out, root, 2);
}

int sol_write_json_coverage(FILE *out, const sol_coverage *c, const sol_catalog *cat)
{
    json_t *root = envelope("coverage"), *rules = json_array(), *concl = json_array();
    size_t never = 0;

    json_object_set_new(root, "cases", json_integer((json_int_t)sol_coverage_case_count(c)));
    for (size_t i = 0; i < sol_coverage_rule_count(c); i++) {
        const sol_cov_rule *cr = sol_coverage_rule_at(c, i);
        json_t *o = json_object(), *cases = json_array(), *br = json_array();
        rule_keys(o, cr->rule, NULL);
        json_object_set_new(o, "fired", json_integer((json_int_t)cr->fired));
        for (size_t k = 0; k < cr->ncases; k++)
            json_array_append_new(cases, json_string(cr->cases[k]));
        json_object_set_new(o, "cases", cases);
        for (size_t k = 0; k < cr->rule->nconds; k++)
            json_array_append_new(br,
                                  json_pack("{s:i,s:I,s:I,s:I}", "line", cr->rule->conds[k].line,
                                            "held", (json_int_t)cr->branches[k].held, "missed",
                                            (json_int_t)cr->branches[k].missed, "opaque",
                                            (json_int_t)cr->branches[k].opaque));
        json_object_set_new(o, "patterns", br);
        never += cr->fired == 0;
        json_array_append_new(rules, o);
    }
    json_object_set_new(root, "rules", rules);
    json_object_set_new(root, "rules_never_fired", json_integer((json_int_t)never));
    for (size_t i = 0; cat && i < sol_catalog_condition_count(cat); i++) {
        const sol_condition *cd = sol_catalog_condition_at(cat, i);
        json_t *o = concl_json(cd);
        json_object_set_new(o, "reached", json_boolean(sol_coverage_reached(c, cd->id)));
        json_array_append_new(concl, o);
    }
    json_object_set_new(root, "conclusions", concl);
    return dump(out, root, 2);
}

int sol_write_json_lint(FILE *out, const sol_lint *l)
{
    json_t *root = envelope("lint"), *msgs = json_array();
    for (size_t i = 0; i < sol_lint_count(l); i++) {
        const sol_lint_msg *m = sol_lint_at(l, i);
        json_array_append_new(msgs, json_pack("{s:s,s:i,s:s,s:s,s:s}", "file", m->file, "line",
                                              m->line, "severity",
                                              m->severity == SOL_LINT_ERROR ? "error" : "warning",
                                              "check", m->check, "message", m->text));
    }
    json_object_set_new(root, "messages", msgs);
    json_object_set_new(root, "errors", json_integer((json_int_t)sol_lint_error_count(l)));
    json_object_set_new(root, "warnings", json_integer((json_int_t)sol_lint_warning_count(l)));
    return dump(out, root, 2);
}

int sol_write_json_rules(FILE *out, const sol_kb *kb, const sol_vocab *v, const sol_catalog *cat,
                         const char *const *ids, size_t nids)
{
    json_t *root = envelope("rules"), *rules = json_array();
    char buf[1024];

    for (size_t i = 0; i < sol_kb_rule_count(kb); i++) {
        const sol_kb_rule *r = sol_kb_rule_at(kb, i);
        int want = nids == 0;
        for (size_t k = 0; k < nids && !want; k++)
            want = sol_kb_rule_selected(r, ids[k]);
        if (!want)
            continue;
        json_t *o = json_object(), *ifs = json_array(), *thens = json_array();
        rule_keys(o, r, NULL);
        json_object_set_new(o, "module", json_string(r->module));
        json_object_set_new(o, "sources", kb_sources(r));
        json_object_set_new(o, "rationale", str_or_null(r->rationale));
        json_object_set_new(o, "salience",
                            r->has_salience ? json_integer(r->salience) : json_null());
        for (size_t k = 0; k < r->nconds; k++) {
            sol_kb_cond_text(buf, sizeof buf, kb, r, &r->conds[k], v, cat);
            if (*buf)
                json_array_append_new(ifs, json_pack("{s:i,s:s,s:s}", "line", r->conds[k].line,
                                                     "phrase", buf, "pattern", r->conds[k].text));
        }
        for (size_t k = 0; k < r->nactions; k++) {
            sol_kb_action_text(buf, sizeof buf, &r->actions[k], v, cat);
            if (*buf)
                json_array_append_new(
                    thens, json_pack("{s:i,s:s}", "line", r->actions[k].line, "phrase", buf));
        }
        json_object_set_new(o, "if", ifs);
        json_object_set_new(o, "then", thens);
        json_array_append_new(rules, o);
    }
    json_object_set_new(root, "rules", rules);
    return dump(out, root, 2);
}

int sol_write_json(FILE *out, const sol_report *r) { return dump(out, report_json(r), 2); }

static json_t *input_json(const sol_input_pos *in)
{
    return json_pack("{s:o,s:I,s:I}", "source", utf8_string(in->source), "number",
                     (json_int_t)in->number, "line", (json_int_t)in->line);
}

int sol_write_json_line(FILE *out, const sol_report *r, const sol_input_pos *in)
{
    json_t *root = report_json(r);
    if (root)
        json_object_set_new(root, "input", input_json(in));
    return dump(out, root, 0);
}
