/* write_common.c — the formatting every writer shares (write_int.h): a
 * conclusion's name, a finding's citation and a next-best answer's effect.
 * The model decides what is said (report.c, glance.c); this says it once. */
#include "write_int.h"

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
    snprintf(post, postlen, "%s%s%s%s%s%s", span, st->lines ? "\n" : ": ", lq, quote, rq,
             close);
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

const char *sol_wr_effect_text(const sol_report *r, const sol_nb_answer *a, char *buf,
                               size_t len)
{
    static const char *const tier[] = {"red flag", "tissue state", "driver", "advisory"};
    size_t used = 0;

    buf[0] = '\0';
#define ADD(...) do { if (used < len) { snprintf(buf + used, len - used, __VA_ARGS__); \
                      used = strlen(buf); } } while (0)
    for (size_t i = 0; i < a->neffects; i++) {
        int t = a->effects[i].tier;
        const char *was = a->top_before[t], *now = a->top_after[t];
        if (i)
            ADD("; ");
        switch (a->effects[i].kind) {
        case SOL_NB_RED_RAISED:
            ADD("red flag raised: %s (%s) %.2f", now, code_of(r, now), a->cf_after[t]);
            break;
        case SOL_NB_RED_CLEARED:
            ADD("red flag cleared");
            break;
        case SOL_NB_TOP_CHANGED:
            ADD("top %s: ", tier[t]);
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

const char *sol_wr_wells_text(const sol_glance *g, char *buf, size_t len)
{
    long long wells;
    const char *band;
    double wmod, whigh;
    if (!sol_glance_wells(g, &wells, &band, &wmod, &whigh))
        return NULL;
    snprintf(buf, len,
             "Wells DVT score: %lld point%s, %s band (moderate from %g, high from %g; L1)", wells,
             wells == 1 || wells == -1 ? "" : "s", band, wmod, whigh);
    return buf;
}
