/* report_tree.h — the test oracle for the streamed assessment JSON: the
 * jansson tree write_json.c built for the report before it wrote the text
 * straight from the report model, kept here only so test_json_stream can
 * serialise it with jansson's own json_dumpb and compare the bytes. */
#ifndef SOL_TEST_REPORT_TREE_H
#define SOL_TEST_REPORT_TREE_H

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "glance.h"
#include "report.h"
#include "tooljson.h"
#include "write_int.h"
#include "writers.h"

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
static json_t *tree_report_json(const sol_report *r)
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

static json_t *tree_input_json(const sol_input_pos *in)
{
    return json_pack("{s:o,s:I,s:I}", "source", utf8_string(in->source), "number",
                     (json_int_t)in->number, "line", (json_int_t)in->line);
}

#endif
