/* write_jsonl.c — the assessment as one JSON line for `soleus batch`,
 * streamed straight to the FILE (no tree, no allocation): the same members
 * and values as write_json.c, keys in sorted order, reals as "%.4g". The
 * batch test compares the two writers on every golden case. */
#include "writers.h"
#include "nextbest.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    FILE *out;
    int first;              /* no member written yet in the current container */
} jw;

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
             : s[0] >= 0xE0 && s[0] <= 0xEF ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    for (size_t k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* A JSON string; invalid UTF-8 (a file name, a message cut mid-character)
 * becomes U+FFFD so the line stays valid JSON. */
static void put_str(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    putc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const unsigned char *run = p;
        while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            fwrite(run, 1, (size_t)(p - run), out);
        if (!*p)
            break;
        if (*p >= 0x80) {
            size_t n = utf8_len(p);
            if (n)
                fwrite(p, 1, n, out);
            else
                fputs("\\uFFFD", out);
            p += n ? n - 1 : 0;
            continue;
        }
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\b': fputs("\\b", out); break;
        case '\f': fputs("\\f", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default: fprintf(out, "\\u%04X", *p); break;
        }
    }
    putc('"', out);
}

/* As jansson with JSON_REAL_PRECISION(4): "%.4g", ".0" added to integers. */
static void put_real(FILE *out, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.4g", v);
    if (!strpbrk(buf, ".eEni"))
        strcat(buf, ".0");
    fputs(buf, out);
}

static void open_(jw *w, char c)
{
    putc(c, w->out);
    w->first = 1;
}

static void close_(jw *w, char c)
{
    putc(c, w->out);
    w->first = 0;
}

static void key(jw *w, const char *k)
{
    if (!w->first)
        putc(',', w->out);
    w->first = 0;
    if (k) {
        put_str(w->out, k);
        putc(':', w->out);
    }
}

static void k_str(jw *w, const char *k, const char *v) { key(w, k); put_str(w->out, v); }
static void k_int(jw *w, const char *k, long long v) { key(w, k); fprintf(w->out, "%lld", v); }
static void k_real(jw *w, const char *k, double v) { key(w, k); put_real(w->out, v); }
static void k_bool(jw *w, const char *k, int v) { key(w, k); fputs(v ? "true" : "false", w->out); }

static void k_value(jw *w, const char *k, const sol_value *v)
{
    key(w, k);
    switch (v->kind) {
    case SOL_VAL_SYMBOL: put_str(w->out, v->sym); break;
    case SOL_VAL_INTEGER: fprintf(w->out, "%lld", v->i); break;
    case SOL_VAL_REAL: put_real(w->out, v->r); break;
    case SOL_VAL_UNKNOWN: put_str(w->out, "unknown"); break;
    default: fputs("null", w->out); break;
    }
}

static void finding(jw *w, const sol_finding *f)
{
    static const char *origins[] = {"record", "note", "what-if"};
    key(w, NULL);
    open_(w, '{');
    if (f->context == SOL_CTX_HISTORY)
        k_str(w, "context", "history");
    k_int(w, "line", f->line);
    k_str(w, "name", f->name);
    k_str(w, "origin", origins[f->origin]);
    k_str(w, "path", f->path ? f->path : "");
    if (f->origin == SOL_ORIGIN_NOTE) {
        k_str(w, "quote", f->quote ? f->quote : "");
        key(w, "span");
        fprintf(w->out, "[%lld,%lld]", (long long)f->span_start, (long long)f->span_end);
        if (f->trigger)
            k_str(w, "trigger", f->trigger);
    }
    k_value(w, "value", &f->value);
    close_(w, '}');
}

static void contrib(jw *w, const sol_report *r, const sol_rcontrib *c)
{
    key(w, NULL);
    open_(w, '{');
    if (c->combined) {
        k_real(w, "after", c->after);
        k_real(w, "before", c->before);
    }
    k_real(w, "cf", c->cf);
    key(w, "findings");
    open_(w, '[');
    for (size_t k = 0; k < c->nfindings; k++)
        finding(w, sol_findings_at(sol_report_findings(r), c->findings[k]));
    close_(w, ']');
    k_str(w, "polarity", c->polarity);
    k_bool(w, "population_tendency", sol_rule_is_population(c->rule_id));
    k_str(w, "rationale", c->rationale);
    k_str(w, "rule", c->rule);
    k_str(w, "rule_id", c->rule_id);
    k_str(w, "sources", c->sources);
    k_str(w, "strength", c->strength);
    close_(w, '}');
}

static void next_items(jw *w, const sol_report *r, const sol_nextbest *next)
{
    key(w, "assess_next_would_change");
    open_(w, '[');
    for (size_t i = 0; i < sol_nextbest_count(next); i++) {
        const sol_nb_item *it = sol_nextbest_at(next, i);
        key(w, NULL);
        open_(w, '{');
        key(w, "answers");
        open_(w, '[');
        for (size_t k = 0; k < it->nanswers; k++) {
            char buf[1024];
            const sol_nb_answer *a = &it->answers[k];
            key(w, NULL);
            open_(w, '{');
            k_str(w, "effect", sol_nb_answer_text(a, sol_report_catalog(r), buf, sizeof buf));
            k_bool(w, "red_flag", a->red_after);
            k_real(w, "score", a->score);
            k_value(w, "value", &a->value);
            close_(w, '}');
        }
        close_(w, ']');
        k_bool(w, "asked", it->asked);
        k_str(w, "finding", it->finding);
        k_str(w, "label", it->label);
        k_real(w, "score", it->score);
        close_(w, '}');
    }
    close_(w, ']');
}

int sol_write_jsonl(FILE *out, const sol_report *r, const struct sol_nextbest *next,
                    const sol_input_pos *in)
{
    jw w = {out, 1};
    const sol_findings *fs = sol_report_findings(r);
    open_(&w, '{');

    key(&w, "assess_next");
    open_(&w, '[');
    for (size_t i = 0; i < sol_report_advice_count(r); i++) {
        const sol_radvice *a = sol_report_advice_at(r, i);
        key(&w, NULL);
        open_(&w, '{');
        k_str(&w, "because", a->because);
        k_str(&w, "finding", a->finding);
        k_str(&w, "label", a->label);
        k_bool(&w, "population_tendency", a->population);
        k_str(&w, "rule", a->rule);
        k_bool(&w, "withheld", a->withheld);
        close_(&w, '}');
    }
    close_(&w, ']');
    if (next)
        next_items(&w, r, next);

    key(&w, "conclusions");
    open_(&w, '[');
    for (size_t i = 0; i < sol_report_conclusion_count(r); i++) {
        const sol_rconclusion *c = sol_report_conclusion_at(r, i);
        char tier[2] = {c->tier, 0};
        key(&w, NULL);
        open_(&w, '{');
        k_real(&w, "cf", c->cf);
        k_str(&w, "code", c->cond->code);
        key(&w, "contributions");
        open_(&w, '[');
        for (size_t k = 0; k < c->ncontrib; k++)
            contrib(&w, r, &c->contrib[k]);
        close_(&w, ']');
        k_bool(&w, "deferred", c->deferred);
        k_str(&w, "id", c->id);
        k_str(&w, "label", c->cond->label);
        k_int(&w, "rank", c->rank);
        k_str(&w, "tier", tier);
        k_str(&w, "urgency", c->cond->urgency);
        close_(&w, '}');
    }
    close_(&w, ']');

    key(&w, "conflicts");
    open_(&w, '[');
    for (size_t i = 0; i < sol_findings_conflict_count(fs); i++) {
        const sol_conflict *c = sol_findings_conflict_at(fs, i);
        key(&w, NULL);
        open_(&w, '{');
        k_str(&w, "finding", c->name);
        k_int(&w, "note_line", c->note_line);
        k_value(&w, "note_value", &c->note_value);
        k_str(&w, "quote", c->quote ? c->quote : "");
        k_int(&w, "record_line", c->record_line);
        k_value(&w, "record_value", &c->record_value);
        close_(&w, '}');
    }
    close_(&w, ']');

    k_str(&w, "disclaimer", "Decision support for a qualified clinician; not a diagnosis.");
    k_str(&w, "file", sol_report_record_file(r));
    key(&w, "findings");
    open_(&w, '[');
    for (size_t i = 0; i < sol_findings_count(fs); i++)
        finding(&w, sol_findings_at(fs, i));
    close_(&w, ']');

    key(&w, "input");
    open_(&w, '{');
    k_int(&w, "line", in->line);
    k_int(&w, "number", in->number);
    k_str(&w, "source", in->source ? in->source : "");
    close_(&w, '}');

    k_bool(&w, "management_suppressed", sol_report_suppressed(r));
    key(&w, "recommendations");
    open_(&w, '[');
    for (size_t i = 0; i < sol_report_recommendation_count(r); i++) {
        const sol_rrec *rr = sol_report_recommendation_at(r, i);
        key(&w, NULL);
        open_(&w, '{');
        if (rr->rec->contested)
            k_str(&w, "contested", rr->rec->contested);
        k_str(&w, "for", rr->for_id);
        k_str(&w, "id", rr->rec->id);
        k_str(&w, "label", rr->rec->label);
        k_str(&w, "phase", rr->rec->phase);
        k_str(&w, "rule", rr->rule);
        k_str(&w, "sources", rr->rec->sources);
        k_str(&w, "text", rr->rec->text);
        close_(&w, '}');
    }
    close_(&w, ']');
    k_str(&w, "record", sol_report_record_id(r));
    k_bool(&w, "red_flag", sol_report_has_red_flag(r));

    key(&w, "unanswered");
    open_(&w, '[');
    for (size_t i = 0; i < sol_report_unanswered_count(r); i++) {
        const sol_runanswered *u = sol_report_unanswered_at(r, i);
        key(&w, NULL);
        open_(&w, '{');
        k_bool(&w, "asked", u->asked);
        k_str(&w, "finding", u->finding);
        k_str(&w, "label", u->label);
        k_str(&w, "screen", u->screen);
        close_(&w, '}');
    }
    close_(&w, ']');
    close_(&w, '}');
    putc('\n', out);
    return ferror(out) ? SOL_EIO : SOL_OK;
}

int sol_write_jsonl_error(FILE *out, const sol_input_pos *in, int line, int status,
                          const char *message)
{
    jw w = {out, 1};
    open_(&w, '{');
    key(&w, "error");
    open_(&w, '{');
    k_int(&w, "exit", status);
    k_int(&w, "line", line);
    k_str(&w, "message", message ? message : "");
    close_(&w, '}');
    key(&w, "input");
    open_(&w, '{');
    k_int(&w, "line", in->line);
    k_int(&w, "number", in->number);
    k_str(&w, "source", in->source ? in->source : "");
    close_(&w, '}');
    close_(&w, '}');
    putc('\n', out);
    return ferror(out) ? SOL_EIO : SOL_OK;
}
