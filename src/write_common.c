/* write_common.c — the formatting every writer shares (write_int.h): a
 * conclusion's name, a finding's citation, a value in its unit, the action,
 * the visit, a red flag's sources and a next-best answer's effect.
 * The model decides what is said (report.c, glance.c); this says it once. */
#include "write_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

const char *sol_wr_condition_name(const sol_report *r, const char *id, char *buf, size_t len)
{
    const sol_condition *c = sol_catalog_condition(sol_report_catalog(r), id);
    if (c)
        snprintf(buf, len, "%s (%s)", c->label, c->code);
    else
        snprintf(buf, len, "%s", id);
    return buf;
}

int sol_wr_cite_parts(const sol_finding *f, const char *val, const sol_wr_cite_style *st,
                      char *pre, size_t prelen, char *post, size_t postlen)
{
    static const sol_wr_cite_style plain = {0, 0, 0, NULL, NULL};
    char q[4 * SOL_QUOTE_SHOWN + 1], span[64] = "";
    const char *quote = f->quote ? f->quote : "";

    if (!st)
        st = &plain;
    const char *open = st->lines ? "\n" : " (", *close = st->lines ? "" : ")";
    const char *lq = st->lq ? st->lq : "\"", *rq = st->rq ? st->rq : "\"";
    post[0] = '\0';
    if (f->origin == SOL_ORIGIN_WHATIF) {
        snprintf(pre, prelen, "%s = %s%swhat-if%s", f->name, val, open, close);
        return 0;
    }
    if (f->origin != SOL_ORIGIN_NOTE) {
        snprintf(pre, prelen, "%s = %s%s", f->name, val, open);
        snprintf(post, postlen, "%s", close);
        return 1;
    }
    if (!st->raw)
        quote = sol_escape_ctl(q, sizeof q, f->quote);
    if (st->span)
        snprintf(span, sizeof span, ", bytes %zu-%zu", f->span_start, f->span_end);
    snprintf(pre, prelen, "%s = %s%snote, ", f->name, val, open);
    snprintf(post, postlen, "%s%s%s%s%s%s", span, st->lines ? "\n" : ": ", lq, quote, rq, close);
    return 1;
}

const char *sol_wr_cite(const sol_finding *f, const char *val, const char *at,
                        const sol_wr_cite_style *st, char *buf, size_t len)
{
    char pre[512], post[4 * SOL_QUOTE_SHOWN + 128];
    if (sol_wr_cite_parts(f, val, st, pre, sizeof pre, post, sizeof post))
        snprintf(buf, len, "%s%s%s", pre, at, post);
    else
        snprintf(buf, len, "%s", pre);
    return buf;
}

static const char *code_of(const sol_report *r, const char *id)
{
    const sol_condition *c = sol_catalog_condition(sol_report_catalog(r), id);
    return c ? c->code : "?";
}

const char *sol_wr_effect_text(const sol_report *r, const sol_nb_answer *a, char *buf, size_t len)
{
    size_t used = 0;

    buf[0] = '\0';
#define ADD(...)                                                                                 \
    do {                                                                                         \
        if (used < len) {                                                                        \
            snprintf(buf + used, len - used, __VA_ARGS__);                                       \
            used = strlen(buf);                                                                  \
        }                                                                                        \
    } while (0)
    for (size_t i = 0; i < a->neffects; i++) {
        int t = a->effects[i].tier;
        const sol_tier *tier;
        const char *was = a->top_before[t], *now = a->top_after[t];
        if (i)
            ADD("; ");
        switch (a->effects[i].kind) {
        case SOL_NB_RED_RAISED:
            ADD("red flag raised: %s (%s) %.2f", now, code_of(r, now), a->cf_after[t]);
            break;
        case SOL_NB_RED_CLEARED: ADD("red flag cleared"); break;
        case SOL_NB_TOP_CHANGED:
            tier = sol_catalog_tier_at(sol_report_catalog(r), (size_t)t);
            ADD("top %s: ", tier ? tier->name : "tier");
            if (*was)
                ADD("%s (%s)", was, code_of(r, was));
            else
                ADD("none");
            if (*now)
                ADD(" -> %s (%s) %.2f", now, code_of(r, now), a->cf_after[t]);
            else
                ADD(" -> none");
            break;
        case SOL_NB_CF_CHANGED:
            ADD("%s (%s) %.2f -> %.2f", now, code_of(r, now), a->cf_before[t], a->cf_after[t]);
            break;
        }
    }
#undef ADD
    return buf;
}

const char *sol_wr_score_text(const sol_report *r, const sol_glance *g, char *buf, size_t len)
{
    const sol_catalog *cat = sol_report_catalog(r);
    const sol_score_band *band;
    long long total;
    sol_buf b = {0};
    const char *sep = " (";

    if (!sol_glance_score(g, &total, &band))
        return NULL;
    sol_buf_printf(&b, "%s: %lld point%s, %s band", band->label, total,
                   total == 1 || total == -1 ? "" : "s", band->band);
    /* every cut-off of this score, lowest first, then the sources */
    for (double at = -HUGE_VAL;;) {
        const sol_score_band *next = NULL;
        for (size_t i = 0; i < sol_catalog_score_band_count(cat); i++) {
            const sol_score_band *x = sol_catalog_score_band_at(cat, i);
            if (strcmp(x->score, band->score) == 0 && x->at > at && (!next || x->at < next->at))
                next = x;
        }
        if (!next)
            break;
        sol_buf_printf(&b, "%s%s from %g", sep, next->band, next->at);
        sep = ", ";
        at = next->at;
    }
    sol_buf_printf(&b, "%s%s)", *sep == ',' ? "; " : " (", band->sources);
    snprintf(buf, len, "%s", sol_buf_str(&b));
    sol_buf_free(&b);
    return buf;
}

const char *sol_wr_action_text(const sol_glance *g)
{
    switch (sol_glance_action(g)) {
    case SOL_ACTION_REFER_NOW: return "refer now (emergency)";
    case SOL_ACTION_REFER_SOON: return "refer soon (urgent)";
    case SOL_ACTION_REFER: return "refer (non-urgent)";
    default: return "no red flag on the answers given";
    }
}

const char *sol_wr_value(const sol_report *r, const char *finding, const sol_value *v, char *buf,
                         size_t len)
{
    const sol_term *t = sol_vocab_lookup(sol_report_vocab(r), finding);
    char val[64];
    sol_value_text(v, val, sizeof val);
    if (t && (v->kind == SOL_VAL_INTEGER || v->kind == SOL_VAL_REAL) && strcmp(t->unit, "-") != 0)
        snprintf(buf, len, "%s %s", val, t->unit);
    else
        snprintf(buf, len, "%s", val);
    return buf;
}

const char *sol_wr_visit_text(const sol_report *r, char *buf, size_t len)
{
    const char *date = sol_report_date(r), *who = sol_report_clinician(r),
               *visit = sol_report_visit(r);
    size_t used = 0;

    buf[0] = '\0';
    if (visit)
        used += (size_t)snprintf(buf, len, "visit %s", visit);
    if (date && used < len)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "", date);
    if (who && used < len)
        snprintf(buf + used, len - used, "%s%s", used ? ", " : "", who);
    return buf;
}

const char *sol_wr_flag_sources(const sol_report *r, const char *id, char *buf, size_t len)
{
    const sol_rconclusion *c = sol_report_conclusion(r, id);
    size_t used = 0;

    buf[0] = '\0';
    for (size_t k = 0; c && k < c->ncontrib; k++) {
        const char *s = c->contrib[k].sources;
        if (strcmp(c->contrib[k].polarity, "support") != 0)
            continue;
        while (*s) {
            size_t n = strcspn(s, ",");
            int have = 0;
            for (const char *p = buf; *p && !have;) { /* already listed? */
                size_t m = strcspn(p, ",");
                have = m == n && strncmp(p, s, n) == 0;
                p += m + (p[m] == ',');
            }
            if (!have && n && used + n + 2 < len) {
                snprintf(buf + used, len - used, "%s%.*s", used ? "," : "", (int)n, s);
                used = strlen(buf);
            }
            s += n + (s[n] == ',');
        }
    }
    return buf;
}

const char *sol_wr_tier_title(const sol_tier *t, int upper, char *buf, size_t len)
{
    size_t i = 0;
    for (; t->title[i] && i + 1 < len; i++) {
        unsigned char ch = (unsigned char)t->title[i];
        buf[i] = (char)(upper ? toupper(ch) : tolower(ch));
    }
    if (len)
        buf[i] = '\0';
    return buf;
}
