/* write_json.c — the assessment as JSON for scripts (the only jansson user).
 * Keys sorted, arrays in report order, no timestamps: byte-stable output. */
#include "writers.h"
#include "nextbest.h"

#include <jansson.h>
#include <string.h>

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
        json_object_set_new(o, "span", json_pack("[I,I]", (json_int_t)f->span_start,
                                                 (json_int_t)f->span_end));
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
    json_object_set_new(o, "sources", json_string(c->sources));
    json_object_set_new(o, "cf", json_real(c->cf));
    json_object_set_new(o, "population_tendency", json_boolean(sol_rule_is_population(c->rule_id)));
    if (c->combined) {
        json_object_set_new(o, "before", json_real(c->before));
        json_object_set_new(o, "after", json_real(c->after));
    }
    json_t *fa = json_array();
    for (size_t k = 0; k < c->nfindings; k++)
        json_array_append_new(fa, finding_json(sol_findings_at(sol_report_findings(r), c->findings[k])));
    json_object_set_new(o, "findings", fa);
    return o;
}

int sol_write_json(FILE *out, const sol_report *r)
{
    return sol_write_json_with(out, r, NULL);
}

/* ASSESS NEXT (would change the picture): the ranked unrecorded findings. */
static json_t *next_json(const sol_report *r, const sol_nextbest *next)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < sol_nextbest_count(next); i++) {
        const sol_nb_item *it = sol_nextbest_at(next, i);
        json_t *answers = json_array();
        for (size_t k = 0; k < it->nanswers; k++) {
            char buf[1024];
            const sol_nb_answer *a = &it->answers[k];
            json_t *o = json_object();
            json_object_set_new(o, "value", value_json(&a->value));
            json_object_set_new(o, "score", json_real(a->score));
            json_object_set_new(o, "red_flag", json_boolean(a->red_after));
            json_object_set_new(o, "effect",
                                json_string(sol_nb_answer_text(a, sol_report_catalog(r), buf,
                                                               sizeof buf)));
            json_array_append_new(answers, o);
        }
        json_array_append_new(arr, json_pack("{s:s,s:s,s:b,s:f,s:o}", "finding", it->finding,
                                             "label", it->label, "asked", it->asked, "score",
                                             it->score, "answers", answers));
    }
    return arr;
}

/* The report as one JSON object (the caller decrefs it). */
static json_t *report_json(const sol_report *r, const sol_nextbest *next)
{
    json_t *root = json_object();
    json_object_set_new(root, "record", json_string(sol_report_record_id(r)));
    json_object_set_new(root, "file", json_string(sol_report_record_file(r)));
    json_object_set_new(root, "disclaimer",
                        json_string("Decision support for a qualified clinician; not a diagnosis."));
    json_object_set_new(root, "red_flag", json_boolean(sol_report_has_red_flag(r)));
    json_object_set_new(root, "management_suppressed", json_boolean(sol_report_suppressed(r)));

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
        json_array_append_new(ca, o);
    }
    json_object_set_new(root, "conclusions", ca);

    json_t *ua = json_array();
    for (size_t i = 0; i < sol_report_unanswered_count(r); i++) {
        const sol_runanswered *u = sol_report_unanswered_at(r, i);
        json_array_append_new(ua, json_pack("{s:s,s:s,s:s,s:b}", "finding", u->finding, "label",
                                            u->label, "screen", u->screen, "asked", u->asked));
    }
    json_object_set_new(root, "unanswered", ua);

    json_t *ra = json_array();
    for (size_t i = 0; i < sol_report_recommendation_count(r); i++) {
        const sol_rrec *rr = sol_report_recommendation_at(r, i);
        json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", rr->rec->id, "phase",
                              rr->rec->phase, "label", rr->rec->label, "text", rr->rec->text,
                              "for", rr->for_id, "rule", rr->rule, "sources", rr->rec->sources);
        if (rr->rec->contested)
            json_object_set_new(o, "contested", json_string(rr->rec->contested));
        json_array_append_new(ra, o);
    }
    json_object_set_new(root, "recommendations", ra);

    json_t *aa = json_array();
    for (size_t i = 0; i < sol_report_advice_count(r); i++) {
        const sol_radvice *a = sol_report_advice_at(r, i);
        json_array_append_new(aa, json_pack("{s:s,s:s,s:s,s:s,s:b,s:b}", "finding", a->finding,
                                            "label", a->label, "because", a->because, "rule",
                                            a->rule, "population_tendency", a->population,
                                            "withheld", a->withheld));
    }
    json_object_set_new(root, "assess_next", aa);

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
        json_object_set_new(o, "quote", json_string(c->quote ? c->quote : ""));
        json_array_append_new(cf, o);
    }
    json_object_set_new(root, "conflicts", cf);

    json_t *fa = json_array();
    for (size_t i = 0; i < sol_findings_count(fs); i++)
        json_array_append_new(fa, finding_json(sol_findings_at(fs, i)));
    json_object_set_new(root, "findings", fa);

    if (next)
        json_object_set_new(root, "assess_next_would_change", next_json(r, next));
    return root;
}

/* Write root with flags and a newline; NULL root is out of memory. */
static int dump(FILE *out, json_t *root, size_t flags)
{
    if (!root)
        return SOL_ENOMEM;
    int rc = json_dumpf(root, out, flags | JSON_SORT_KEYS | JSON_REAL_PRECISION(4));
    fputc('\n', out);
    json_decref(root);
    return rc == 0 && !ferror(out) ? SOL_OK : SOL_EIO;
}

int sol_write_json_with(FILE *out, const sol_report *r, const sol_nextbest *next)
{
    return dump(out, report_json(r, next), JSON_INDENT(2));
}

static json_t *input_json(const sol_input_pos *in)
{
    return json_pack("{s:s,s:I,s:I}", "source", in->source ? in->source : "", "number",
                     (json_int_t)in->number, "line", (json_int_t)in->line);
}

int sol_write_json_line(FILE *out, const sol_report *r, const sol_nextbest *next,
                        const sol_input_pos *in)
{
    json_t *root = report_json(r, next);
    if (root)
        json_object_set_new(root, "input", input_json(in));
    return dump(out, root, JSON_COMPACT);
}
