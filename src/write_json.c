/* write_json.c — every JSON output: the assessment, written straight from
 * the report model through the text writer (json_stream.h, no tree), and
 * explain, why-not, what-if, coverage, lint and rules (tooljson.h), built as
 * jansson trees and serialised by json_dump.c through the same writer.
 * Keys sorted, arrays in report order, no timestamps: byte-stable output;
 * each document carries "format_version" (schemas in docs/schema/). */
#include "writers.h"
#include "explain.h"
#include "kb_text.h"
#include "glance.h"
#include "tooljson.h"
#include "write_int.h"

#include "json_int.h"
#include "json_stream.h"
#include <string.h>

/* The next id of a source list, "S5,S4,L10" ("-" and "" hold none): its
 * start, with its length in *n, and *list moved past it; NULL at the end.
 * Both the tree and the streamed forms read lists through it. */
static const char *next_id(const char **list, size_t *n)
{
    while (*list && **list) {
        const char *id = *list;
        *n = strcspn(id, ", ");
        *list = id + *n + strspn(id + *n, ", ");
        if (*n && !(*n == 1 && *id == '-'))
            return id;
    }
    return NULL;
}

/* The tree forms explain, why-not and what-if build: a source list and a
 * value, as the report writes them. */
static json_t *id_list(const char *list)
{
    json_t *a = json_array();
    size_t n;
    for (const char *id; (id = next_id(&list, &n));)
        json_array_append_new(a, json_stringn(id, n));
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

/* ---- the assessment report, streamed from the report model ----
 * Members are written in sorted key order (the writer would sort an object
 * that came out of order, only slower); a string member whose text is NULL
 * is left out, as the tree jansson built left it out. */

/* "S5,S4,L10" as ["S5","S4","L10"]; "-" or "" as []. */
static void put_id_list(sol_jw *w, const char *key, const char *list)
{
    size_t n;
    sol_jw_array(w, key);
    for (const char *id; (id = next_id(&list, &n));)
        sol_jw_strn(w, NULL, id, n);
    sol_jw_close(w);
}

static void put_value(sol_jw *w, const char *key, const sol_value *v)
{
    switch (v->kind) {
    case SOL_VAL_SYMBOL: sol_jw_str(w, key, v->sym); break;
    case SOL_VAL_INTEGER: sol_jw_int(w, key, v->i); break;
    case SOL_VAL_REAL: sol_jw_real(w, key, v->r); break;
    case SOL_VAL_UNKNOWN: sol_jw_str(w, key, "unknown"); break;
    default: sol_jw_null(w, key);
    }
}

static void put_finding(sol_jw *w, const sol_finding *f)
{
    static const char *origins[] = {"record", "note", "what-if"};
    int note = f->origin == SOL_ORIGIN_NOTE;
    sol_jw_object(w, NULL);
    if (f->context == SOL_CTX_HISTORY)
        sol_jw_str(w, "context", "history");
    sol_jw_int(w, "line", f->line);
    sol_jw_str(w, "name", f->name);
    sol_jw_str(w, "origin", origins[f->origin]);
    sol_jw_str(w, "path", f->path ? f->path : "");
    if (note) {
        sol_jw_str(w, "quote", f->quote ? f->quote : "");
        sol_jw_array(w, "span");
        sol_jw_int(w, NULL, (long long)f->span_start);
        sol_jw_int(w, NULL, (long long)f->span_end);
        sol_jw_close(w);
        sol_jw_str(w, "trigger", f->trigger);
    }
    put_value(w, "value", &f->value);
    sol_jw_close(w);
}

static void put_contrib(sol_jw *w, const sol_report *r, const sol_rcontrib *c)
{
    sol_jw_object(w, NULL);
    if (!c->counted_as) {
        sol_jw_real(w, "after", c->after);
        sol_jw_real(w, "before", c->before);
    }
    sol_jw_real(w, "cf", c->cf);
    sol_jw_bool(w, "counted", !c->counted_as);
    sol_jw_array(w, "findings");
    for (size_t k = 0; k < c->nfindings; k++)
        put_finding(w, sol_findings_at(sol_report_findings(r), c->findings[k]));
    sol_jw_close(w);
    sol_jw_str(w, "polarity", c->polarity);
    sol_jw_bool(w, "population_tendency", c->population);
    sol_jw_str(w, "rationale", c->rationale);
    sol_jw_str(w, "rule", c->rule);
    sol_jw_str(w, "rule_id", c->rule_id);
    if (c->counted_as) {
        sol_jw_str(w, "same_sign_as", c->counted_as);
        sol_jw_str(w, "shared_sign", c->shared_sign);
    }
    put_id_list(w, "sources", c->sources);
    sol_jw_str(w, "strength", c->strength);
    sol_jw_close(w);
}

static void put_conclusion(sol_jw *w, const sol_report *r, const sol_rconclusion *c)
{
    char tier[2] = {c->tier, 0};
    sol_jw_object(w, NULL);
    sol_jw_real(w, "cf", c->cf);
    sol_jw_str(w, "code", c->cond->code);
    sol_jw_array(w, "contributions");
    for (size_t k = 0; k < c->ncontrib; k++)
        put_contrib(w, r, &c->contrib[k]);
    sol_jw_close(w);
    sol_jw_bool(w, "deferred", c->deferred);
    if (c->held_by) {
        sol_jw_object(w, "held_at_ceiling");
        sol_jw_real(w, "from", c->held_from);
        sol_jw_str(w, "rule_id", c->held_by);
        sol_jw_real(w, "to", c->cf);
        sol_jw_close(w);
    }
    sol_jw_str(w, "id", c->id);
    sol_jw_str(w, "label", c->cond->label);
    sol_jw_int(w, "rank", c->rank);
    sol_jw_str(w, "tier", tier);
    sol_jw_str(w, "urgency", c->cond->urgency);
    sol_jw_close(w);
}

/* ASSESS NEXT (would change the picture): the ranked unrecorded findings. */
static void put_next(sol_jw *w, const sol_report *r)
{
    char buf[1024];
    sol_jw_array(w, "assess_next");
    for (size_t i = 0; i < sol_report_next_count(r); i++) {
        const sol_nb_item *it = sol_report_next_at(r, i);
        sol_jw_object(w, NULL);
        sol_jw_array(w, "answers");
        for (size_t k = 0; k < it->nanswers; k++) {
            const sol_nb_answer *a = &it->answers[k];
            sol_jw_object(w, NULL);
            sol_jw_str(w, "effect", sol_wr_effect_text(r, a, buf, sizeof buf));
            sol_jw_bool(w, "red_flag", a->red_after);
            sol_jw_real(w, "score", a->score);
            put_value(w, "value", &a->value);
            sol_jw_close(w);
        }
        sol_jw_close(w);
        sol_jw_bool(w, "asked", it->asked);
        sol_jw_str(w, "finding", it->finding);
        sol_jw_str(w, "label", it->label);
        sol_jw_real(w, "score", it->score);
        sol_jw_close(w);
    }
    sol_jw_close(w);
}

/* What the text and HTML reports show first (glance.c): the action, the
 * Wells total and band, the visit details and the recorded findings no rule
 * reads. The score's key is the band table's name for it, so this object
 * may be sorted when it closes. SOL_ENOMEM when the glance cannot be built. */
static int put_glance(sol_jw *w, const sol_report *r)
{
    sol_glance *g = NULL;
    sol_diag d;
    long long total;
    const sol_score_band *band;

    if (sol_glance_build(&g, r, &d))
        return SOL_ENOMEM;
    sol_jw_object(w, "at_a_glance");
    sol_jw_str(w, "action", sol_wr_action_text(g));
    if (sol_glance_flag(g))
        sol_jw_str(w, "action_for", sol_glance_flag(g)->id);
    if (sol_glance_score(g, &total, &band)) {
        sol_jw_object(w, band->score);
        sol_jw_str(w, "band", band->band);
        sol_jw_int(w, "total", total);
        sol_jw_close(w);
    }
    sol_jw_str(w, "clinician", sol_report_clinician(r));
    sol_jw_str(w, "date", sol_report_date(r));
    sol_jw_array(w, "unused_findings");
    for (size_t i = 0; i < sol_glance_unused_count(g); i++)
        sol_jw_str(w, NULL, sol_glance_unused_at(g, i)->name);
    sol_jw_close(w);
    sol_jw_str(w, "visit", sol_report_visit(r));
    sol_jw_close(w);
    sol_glance_free(g);
    return SOL_OK;
}

static void put_conflict(sol_jw *w, const sol_conflict *c)
{
    sol_jw_object(w, NULL);
    sol_jw_str(w, "finding", c->name);
    sol_jw_str(w, "kept_from", c->kept_from_note ? "note" : "record");
    if (c->kept_from_note)
        sol_jw_str(w, "kept_quote", c->kept_quote ? c->kept_quote : "");
    if (c->more)
        sol_jw_int(w, "more", (long long)c->more);
    sol_jw_int(w, "note_line", c->note_line);
    sol_jw_str(w, "note_path", c->note_path ? c->note_path : "");
    put_value(w, "note_value", &c->note_value);
    sol_jw_str(w, "quote", c->quote ? c->quote : "");
    sol_jw_int(w, "record_line", c->record_line);
    sol_jw_str(w, "record_path", c->record_path ? c->record_path : "");
    put_value(w, "record_value", &c->record_value);
    sol_jw_close(w);
}

static void put_unanswered(sol_jw *w, const sol_runanswered *u)
{
    sol_jw_object(w, NULL);
    sol_jw_bool(w, "asked", u->asked);
    if (u->quote) {
        sol_jw_int(w, "confirm_line", u->line);
        sol_jw_str(w, "confirm_quote", u->quote);
    }
    sol_jw_str(w, "finding", u->finding);
    sol_jw_str(w, "label", u->label);
    sol_jw_str(w, "screen", u->screen);
    sol_jw_close(w);
}

static void put_recommendation(sol_jw *w, const sol_rrec *rr)
{
    sol_jw_object(w, NULL);
    sol_jw_str(w, "contested", rr->rec->contested);
    sol_jw_str(w, "for", rr->for_id);
    sol_jw_str(w, "id", rr->rec->id);
    sol_jw_str(w, "label", rr->rec->label);
    sol_jw_str(w, "phase", rr->rec->phase);
    sol_jw_str(w, "rule", rr->rule);
    sol_jw_str(w, "rule_id", rr->rule_id);
    put_id_list(w, "sources", rr->rec->sources);
    sol_jw_str(w, "text", rr->rec->text);
    sol_jw_close(w);
}

static void put_withheld(sol_jw *w, const sol_rwithheld *wh)
{
    sol_jw_object(w, NULL);
    sol_jw_str(w, "because", wh->because);
    sol_jw_str(w, "id", wh->rec->id);
    sol_jw_str(w, "label", wh->rec->label);
    sol_jw_str(w, "reason", wh->reason);
    sol_jw_str(w, "sources", wh->sources);
    sol_jw_close(w);
}

static void put_advice(sol_jw *w, const sol_radvice *a)
{
    sol_jw_object(w, NULL);
    sol_jw_str(w, "because", a->because);
    sol_jw_str(w, "finding", a->finding);
    sol_jw_str(w, "label", a->label);
    sol_jw_bool(w, "population_tendency", a->population);
    sol_jw_str(w, "rule", a->rule);
    sol_jw_str(w, "rule_id", a->rule_id);
    sol_jw_bool(w, "withheld", a->withheld);
    sol_jw_close(w);
}

/* Where a batch record came from: {"line", "number", "source"}. */
static void put_input(sol_jw *w, const sol_input_pos *in)
{
    sol_jw_object(w, "input");
    sol_jw_int(w, "line", in->line);
    sol_jw_int(w, "number", in->number);
    sol_jw_utf8(w, "source", in->source);
    sol_jw_close(w);
}

/* The report's members from "assess_next" to "format_version", each list
 * in report order. */
static int put_report_head(sol_jw *w, const sol_report *r)
{
    const sol_findings *fs = sol_report_findings(r);
    if (sol_report_has_next(r))
        put_next(w, r);
    if (put_glance(w, r))
        return SOL_ENOMEM;
    sol_jw_str(w, "command", "assess");
    sol_jw_array(w, "conclusions");
    for (size_t i = 0; i < sol_report_conclusion_count(r); i++)
        put_conclusion(w, r, sol_report_conclusion_at(r, i));
    sol_jw_close(w);
    sol_jw_array(w, "conflicts");
    for (size_t i = 0; i < sol_findings_conflict_count(fs); i++)
        put_conflict(w, sol_findings_conflict_at(fs, i));
    sol_jw_close(w);
    sol_jw_str(w, "disclaimer", "Decision support for a qualified clinician; not a diagnosis.");
    sol_jw_utf8(w, "file", sol_report_record_file(r));
    sol_jw_array(w, "findings");
    for (size_t i = 0; i < sol_findings_count(fs); i++)
        put_finding(w, sol_findings_at(fs, i));
    sol_jw_close(w);
    sol_jw_int(w, "format_version", SOL_JSON_FORMAT_VERSION);
    return SOL_OK;
}

/* The report as JSON text into *out (*len bytes, NUL-terminated, the
 * caller's to free), with the "input" member when in is not NULL. */
static int report_text(const sol_report *r, const sol_input_pos *in, int indent, char **out,
                       size_t *len)
{
    sol_jw w;
    sol_jw_init(&w, indent);
    sol_jw_object(&w, NULL);
    if (put_report_head(&w, r)) {
        sol_jw_finish(&w, out, len);
        return SOL_ENOMEM;
    }
    if (in)
        put_input(&w, in);
    sol_jw_bool(&w, "management_suppressed", sol_report_suppressed(r));
    sol_jw_array(&w, "recommendations");
    for (size_t i = 0; i < sol_report_recommendation_count(r); i++)
        put_recommendation(&w, sol_report_recommendation_at(r, i));
    sol_jw_close(&w);
    sol_jw_str(&w, "record", sol_report_record_id(r));
    sol_jw_bool(&w, "red_flag", sol_report_has_red_flag(r));
    sol_jw_array(&w, "suggested_checks");
    for (size_t i = 0; i < sol_report_advice_count(r); i++)
        put_advice(&w, sol_report_advice_at(r, i));
    sol_jw_close(&w);
    sol_jw_array(&w, "unanswered_screening_questions");
    for (size_t i = 0; i < sol_report_unanswered_count(r); i++)
        put_unanswered(&w, sol_report_unanswered_at(r, i));
    sol_jw_close(&w);
    sol_jw_array(&w, "withheld");
    for (size_t i = 0; i < sol_report_withheld_count(r); i++)
        put_withheld(&w, sol_report_withheld_at(r, i));
    sol_jw_close(&w);
    sol_jw_close(&w);
    return sol_jw_finish(&w, out, len);
}

/* Write n bytes of buf and a newline (over the NUL), then free buf. */
static int write_text(FILE *out, char *buf, size_t n)
{
    buf[n++] = '\n';
    int rc = fwrite(buf, 1, n, out) == n ? sol_write_end(out) : SOL_EWRITE;
    free(buf);
    return rc;
}

/* Serialise into memory (json_dump.c) and write once, with the newline. */
static int dump(FILE *out, json_t *root, int indent)
{
    char *buf = NULL;
    size_t n = 0;
    int rc = root ? sol_json_dump(&buf, &n, root, indent) : SOL_ENOMEM;
    json_decref(root);
    return rc ? rc : write_text(out, buf, n);
}

/* The tree explain embeds for a finding: the report's own finding text,
 * parsed, so a finding has one JSON form. */
static json_t *finding_json(const sol_finding *f)
{
    sol_jw w;
    char *buf;
    size_t n;
    json_t *j;
    sol_jw_init(&w, 0);
    put_finding(&w, f);
    if (sol_jw_finish(&w, &buf, &n))
        return NULL;
    j = json_loadb(buf, n, 0, NULL);
    free(buf);
    return j;
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

int sol_write_json(FILE *out, const sol_report *r)
{
    char *buf;
    size_t n;
    int rc = report_text(r, NULL, 2, &buf, &n);
    return rc ? rc : write_text(out, buf, n);
}

int sol_write_json_line(FILE *out, const sol_report *r, const sol_input_pos *in)
{
    char *buf;
    size_t n;
    int rc = report_text(r, in, 0, &buf, &n);
    return rc ? rc : write_text(out, buf, n);
}

int sol_json_report(char **out, size_t *out_len, const sol_report *r)
{
    int rc = report_text(r, NULL, 2, out, out_len);
    if (rc == SOL_OK) { /* the text sol_write_json writes, newline and all */
        (*out)[(*out_len)++] = '\n';
        (*out)[*out_len] = '\0';
    }
    return rc;
}
