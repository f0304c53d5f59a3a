/* report.c — builds the report model from the justification graph: final
 * beliefs and how each evidence fact moved them, recommendations, unanswered
 * screening items and what to assess next. No presentation here. */
#include "report.h"

#include <stddef.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A fired rule's doc string, split; parsed: filled (the rules that fired). */
typedef struct {
    char *id, *family, *sources, *rationale; /* id: own (R07a); family: R07 */
    int parsed;
} ruledoc;

struct sol_report {
    char *record_id, *record_file;
    const sol_findings *findings;
    const sol_graph *graph;
    const sol_catalog *cat;
    const sol_vocab *vocab;
    const sol_ruledoc *rules; /* sorted by name (borrowed) */
    ruledoc *docs;            /* one per rule, in the order of rules */
    size_t ndocs;
    sol_rconclusion *concl;
    size_t nconcl;
    sol_rrec *recs;
    size_t nrecs;
    sol_runanswered *unans;
    size_t nunans;
    sol_radvice *advice;
    size_t nadvice;
    sol_rwithheld *withheld;
    size_t nwithheld;
    int suppressed;
    char *date, *clinician, *visit; /* the record's visit details, or NULL */
    const char *const *reads;       /* finding names some rule reads (borrowed) */
    size_t nreads;
    const char *const *tables; /* table-driven rules (borrowed) */
    size_t ntables;
    int reads_set;
    sol_nb_item *next; /* the next-best ranking (owned) */
    size_t nnext;
    int has_next;
};

/* s[0..n) trimmed (sol_trim) into out (cut to outlen; nothing copied when
 * out is NULL); 1 when something is left. A copy, not snprintf: every start
 * splits every rule's doc string. */
static int trim_into(char *out, size_t outlen, const char *s, size_t n)
{
    s = sol_trim(s, &n);
    if (out && outlen) {
        size_t k = n < outlen ? n : outlen - 1;
        memcpy(out, s, k);
        out[k] = '\0';
    }
    return n > 0;
}

int sol_ruledoc_parse(const char *doc, char *id, size_t idlen, char *sources, size_t srclen,
                      char *rationale, size_t ratlen)
{
    const char *b1 = strchr(doc, '|');
    const char *b2 = b1 ? strchr(b1 + 1, '|') : NULL;
    /* No copies on the heap: this runs for every rule that fires. */
    if (b2 && trim_into(id, idlen, doc, (size_t)(b1 - doc)) &
                  trim_into(sources, srclen, b1 + 1, (size_t)(b2 - b1 - 1)) &
                  trim_into(rationale, ratlen, b2 + 1, strlen(b2 + 1)))
        return 0;
    snprintf(id, idlen, "?");
    snprintf(sources, srclen, "-");
    if (rationale)
        snprintf(rationale, ratlen, "%s", doc);
    return -1;
}

/* The index of the rule called name in r->rules, by binary search, or
 * r->ndocs. */
static size_t rule_index(const sol_report *r, const char *name)
{
    size_t lo = 0, hi = r->ndocs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(r->rules[mid].name, name);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return r->ndocs;
}

static const ruledoc *find_doc(const sol_report *r, const char *name)
{
    size_t i = rule_index(r, name);
    return i < r->ndocs && r->docs[i].parsed ? &r->docs[i] : NULL;
}

/* 1 when fact f is of relation rel. The first letters are compared
 * inline: most facts the report walks past differ there, and this runs for
 * every fact of every record. */
static int is_rel(const sol_gfact *f, const char *rel)
{
    return f->relation[0] == rel[0] && strcmp(f->relation, rel) == 0;
}

static double num(const sol_value *v)
{
    if (!v)
        return 0.0;
    if (v->kind == SOL_VAL_REAL)
        return v->r;
    if (v->kind == SOL_VAL_INTEGER)
        return (double)v->i;
    return 0.0;
}

/* Conclusions in tier order (knowledge/tiers.tsv). A tier ordered by
 * severity lists by urgency (urgency.tsv), then the clinical severity order
 * of severity.tsv, never by certainty (lint checks every conclusion of such
 * a tier has a rank); the other tiers by certainty. */
static int cmp_concl(const void *pa, const void *pb)
{
    const sol_rconclusion *a = pa, *b = pb;
    const sol_tier *ta = a->cond->tier_def, *tb = b->cond->tier_def;
    if (ta->rank != tb->rank)
        return ta->rank - tb->rank;
    if (ta->by_severity) {
        int ua = a->cond->urgency_rank, ub = b->cond->urgency_rank;
        if (ua != ub)
            return ua - ub;
        int sa = a->cond->severity ? a->cond->severity : 1 << 20;
        int sb = b->cond->severity ? b->cond->severity : 1 << 20;
        if (sa != sb)
            return sa < sb ? -1 : 1;
    }
    if (a->cf > b->cf + 1e-9)
        return -1;
    if (b->cf > a->cf + 1e-9)
        return 1;
    return strcmp(a->id, b->id);
}

/* Listed at all: a tier shown on support (red flags) with any supporting
 * vote, so a contrary vote never hides one; other tiers with support and a
 * positive belief. */
static int is_shown(const sol_condition *cond, int support, double cf)
{
    return cond->tier_def->on_support ? support : (support && cf > 1e-9);
}

/* The sign-set row a firing applied (a knowledge fact in its basis), or
 * NULL. A vote a generic rule cast for a row carries the row's brief id,
 * sources and words, as the referral table's rows do for recommendations;
 * its own id stays the rule's. */
static const sol_sign_set *row_vote(const sol_report *r, const sol_firing *fi)
{
    for (size_t k = 0; k < fi->nbasis; k++) {
        const sol_gfact *b = sol_graph_fact_at(r->graph, fi->basis[k]);
        if (b->firing < 0 && is_rel(b, "sign-set"))
            return sol_catalog_sign_set(r->cat, sol_gfact_sym(b, "id"));
    }
    return NULL;
}

/* Fill one contribution from an evidence fact. */
static int fill_contrib(sol_report *r, sol_rcontrib *c, size_t epos, double before, double after)
{
    const sol_gfact *ev = sol_graph_fact_at(r->graph, epos);
    memset(c, 0, sizeof *c);
    c->polarity = sol_gfact_sym(ev, "polarity");
    c->strength = sol_gfact_sym(ev, "strength");
    double cf = sol_catalog_cf(r->cat, c->strength);
    c->cf = strcmp(c->polarity, "oppose") == 0 ? -cf : cf;
    c->before = before;
    c->after = after;
    c->population = 0;
    if (ev->firing >= 0) {
        const sol_firing *fi = sol_graph_firing_at(r->graph, (size_t)ev->firing);
        c->firing = (size_t)ev->firing;
        c->rule = fi->rule;
        const ruledoc *rd = find_doc(r, fi->rule);
        c->rule_id = rd ? rd->id : "?";
        c->rule_family = rd ? rd->family : "?";
        c->sources = rd ? rd->sources : "-";
        c->rationale = rd ? rd->rationale : "";
        const sol_sign_set *x = row_vote(r, fi);
        if (x) {
            c->rule_family = x->rule; /* rule_id stays the rule's own: one id per rule */
            c->sources = x->sources;
            c->rationale = x->why;
            c->row = "knowledge/sign-sets.tsv";
            c->row_line = x->line;
        }
        c->population = (rd || x) && sol_catalog_is_population(r->cat, c->rule_family);
    } else {
        c->rule = c->rule_id = c->rule_family = "?";
        c->sources = "-";
        c->rationale = "";
    }
    return sol_graph_findings_under(r->graph, epos, &c->findings, &c->nfindings);
}

/* Append the vote of evidence fact ev to conclusion cid's contributions;
 * *out is the new entry, or NULL when cid is not among the conclusions. */
static int add_contrib(sol_report *r, const char *cid, size_t ev, double before, double after,
                       sol_rcontrib **out)
{
    *out = NULL;
    for (size_t c = 0; c < r->nconcl; c++) {
        if (strcmp(r->concl[c].id, cid) != 0)
            continue;
        sol_rconclusion *rc = &r->concl[c];
        if (sol_push((void **)&rc->contrib, &rc->ncontrib, sizeof(sol_rcontrib)))
            return SOL_ENOMEM;
        *out = &rc->contrib[rc->ncontrib - 1];
        return fill_contrib(r, *out, ev, before, after);
    }
    return SOL_OK;
}

/* Position of the first conclusion of the tier that conclusion i is in. */
static size_t first_of_tier(const sol_report *r, size_t i)
{
    while (i > 0 && r->concl[i - 1].tier == r->concl[i].tier)
        i--;
    return i;
}

/* The conclusions: final belief per conclusion and its arithmetic. */
static int build_conclusions(sol_report *r)
{
    const sol_graph *g = r->graph;
    size_t nf = sol_graph_fact_count(g);
    for (size_t p = 0; p < nf; p++) {
        const sol_gfact *f = sol_graph_fact_at(g, p);
        if (!is_rel(f, "belief"))
            continue;
        const char *cid = sol_gfact_sym(f, "conclusion");
        sol_rconclusion *c = NULL;
        for (size_t i = 0; i < r->nconcl; i++)
            if (strcmp(r->concl[i].id, cid) == 0)
                c = &r->concl[i];
        if (!c) {
            const sol_condition *cond = sol_catalog_condition(r->cat, cid);
            if (!cond)
                continue; /* lint reports conclusions missing from the catalogue */
            if (sol_push((void **)&r->concl, &r->nconcl, sizeof *c))
                return SOL_ENOMEM;
            c = &r->concl[r->nconcl - 1];
            c->id = cond->id;
            c->cond = cond;
            c->tier = cond->tier;
        }
        c->cf = num(sol_gfact_slot(f, "cf"));
        c->belief_fact = p;
    }
    /* Arithmetic: each firing that produced a belief fact, in firing order. */
    size_t nfi = sol_graph_firing_count(g);
    for (size_t i = 0; i < nfi; i++) {
        const sol_firing *fi = sol_graph_firing_at(g, i);
        long bel = -1, ev = -1, old = -1;
        for (size_t k = 0; k < fi->nadded; k++)
            if (is_rel(sol_graph_fact_at(g, fi->added[k]), "belief"))
                bel = (long)fi->added[k];
        if (bel < 0)
            continue;
        for (size_t k = 0; k < fi->nbasis; k++) {
            const sol_gfact *bf = sol_graph_fact_at(g, fi->basis[k]);
            if (is_rel(bf, "evidence"))
                ev = (long)fi->basis[k];
            else if (is_rel(bf, "belief"))
                old = (long)fi->basis[k];
        }
        if (ev < 0 && old >= 0) {
            /* No vote: a rule that held the belief at a ceiling. */
            const char *hid = sol_gfact_sym(sol_graph_fact_at(g, (size_t)bel), "conclusion");
            const ruledoc *rd = find_doc(r, fi->rule);
            for (size_t c = 0; hid && c < r->nconcl; c++)
                if (strcmp(r->concl[c].id, hid) == 0) {
                    r->concl[c].held_by = rd ? rd->id : fi->rule;
                    r->concl[c].held_from = num(
                        sol_gfact_slot(sol_graph_fact_at(g, (size_t)old), "cf"));
                }
            continue;
        }
        if (ev < 0)
            continue;
        const char *cid = sol_gfact_sym(sol_graph_fact_at(g, (size_t)bel), "conclusion");
        double before = old >= 0 ? num(sol_gfact_slot(sol_graph_fact_at(g, (size_t)old), "cf"))
                                 : 0.0;
        double after = num(sol_gfact_slot(sol_graph_fact_at(g, (size_t)bel), "cf"));
        sol_rcontrib *nc;
        if (add_contrib(r, cid, (size_t)ev, before, after, &nc))
            return SOL_ENOMEM;
    }
    /* Votes set aside as dependent: shown after the arithmetic, not counted. */
    for (size_t p = 0; p < nf; p++) {
        const sol_gfact *f = sol_graph_fact_at(g, p);
        if (!is_rel(f, "dependent"))
            continue;
        long ev = sol_graph_find_index(g, (long long)num(sol_gfact_slot(f, "vote")));
        long kept = sol_graph_find_index(g, (long long)num(sol_gfact_slot(f, "kept")));
        if (ev < 0)
            continue;
        sol_rcontrib *nc;
        if (add_contrib(r, sol_gfact_sym(f, "conclusion"), (size_t)ev, 0.0, 0.0, &nc))
            return SOL_ENOMEM;
        if (!nc)
            continue;
        nc->shared_sign = sol_gfact_sym(f, "on");
        nc->counted_as = "?";
        const sol_gfact *kf = kept >= 0 ? sol_graph_fact_at(g, (size_t)kept) : NULL;
        if (kf && kf->firing >= 0) {
            const ruledoc *rd = find_doc(r, sol_graph_firing_at(g, (size_t)kf->firing)->rule);
            if (rd)
                nc->counted_as = rd->id;
        }
    }
    /* Keep what the conclusion's tier shows (see is_shown). */
    size_t keep = 0;
    for (size_t i = 0; i < r->nconcl; i++) {
        sol_rconclusion *c = &r->concl[i];
        int support = 0;
        for (size_t k = 0; k < c->ncontrib; k++)
            support |= strcmp(c->contrib[k].polarity, "support") == 0;
        if (is_shown(c->cond, support, c->cf)) {
            r->concl[keep++] = *c;
        } else {
            for (size_t k = 0; k < c->ncontrib; k++)
                free(c->contrib[k].findings);
            free(c->contrib);
        }
    }
    r->nconcl = keep;
    sol_sort(r->concl, r->nconcl, sizeof *r->concl, cmp_concl);
    for (size_t i = 0; i < r->nconcl; i++) {
        /* Competition ranking: equal certainty in a tier ordered by
         * certainty is a joint rank ("1, 1, 3"); severity ranks never tie. */
        const sol_rconclusion *prev = i > 0 ? &r->concl[i - 1] : NULL;
        if (!prev || prev->tier != r->concl[i].tier)
            r->concl[i].rank = 1;
        else if (!r->concl[i].cond->tier_def->by_severity &&
                 fabs(prev->cf - r->concl[i].cf) < 1e-9)
            r->concl[i].rank = prev->rank;
        else
            r->concl[i].rank = (int)(i - first_of_tier(r, i)) + 1;
    }
    return SOL_OK;
}

static long concl_pos(const sol_report *r, const char *id)
{
    for (size_t i = 0; i < r->nconcl; i++)
        if (strcmp(r->concl[i].id, id) == 0)
            return (long)i;
    return -1;
}


/* The report being sorted, for the qsort comparator; per thread, as the
 * server assesses on several worker threads at once. */
static _Thread_local const sol_report *sort_ctx;

static int cmp_rec_q(const void *pa, const void *pb)
{
    const sol_rrec *a = pa, *b = pb;
    long ca = concl_pos(sort_ctx, a->for_id), cb = concl_pos(sort_ctx, b->for_id);
    if (ca < 0)
        ca = 1L << 20;
    if (cb < 0)
        cb = 1L << 20;
    if (ca != cb)
        return ca < cb ? -1 : 1;
    /* knowledge/phases.tsv: the order a clinician works through them */
    int pa_ = sol_catalog_phase_rank(sort_ctx->cat, a->rec->phase);
    int pb_ = sol_catalog_phase_rank(sort_ctx->cat, b->rec->phase);
    if (pa_ != pb_)
        return pa_ - pb_;
    int c = strcmp(a->rec->id, b->rec->id);
    return c ? c : strcmp(a->for_id, b->for_id);
}

/* Unanswered items in reverse vocabulary order: the order a fresh reset
 * fires them in, made explicit, so a reused engine (knowledge facts kept
 * between runs, rules refreshed) lists them the same way. Few items:
 * insertion sort. */
static void sort_unanswered(sol_report *r)
{
    for (size_t i = 1; i < r->nunans; i++) {
        for (size_t k = i; k > 0; k--) {
            const sol_term *a = sol_vocab_lookup(r->vocab, r->unans[k - 1].finding);
            const sol_term *b = sol_vocab_lookup(r->vocab, r->unans[k].finding);
            /* terms are one array in vocabulary order; unknown names last */
            int swap = a && b ? (const char *)a < (const char *)b
                              : (!a && b) ||
                                    (!a && !b &&
                                     strcmp(r->unans[k - 1].finding, r->unans[k].finding) > 0);
            if (!swap)
                break;
            sol_runanswered tmp = r->unans[k];
            r->unans[k] = r->unans[k - 1];
            r->unans[k - 1] = tmp;
        }
    }
}

/* 1 when one of the n entries (size bytes each) at arr names finding name
 * in its member at offset off (sol_runanswered, sol_radvice: once each). */
static int listed(const void *arr, size_t n, size_t size, size_t off, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        const char *s;
        memcpy(&s, (const char *)arr + i * size + off, sizeof s);
        if (strcmp(s, name) == 0)
            return 1;
    }
    return 0;
}

/* A finding's vocabulary label, or its name when the vocabulary has none. */
static const char *label_of(const sol_report *r, const char *name)
{
    const sol_term *t = sol_vocab_lookup(r->vocab, name);
    return t ? t->label : name;
}

static int build_rest(sol_report *r)
{
    const sol_graph *g = r->graph;
    size_t nf = sol_graph_fact_count(g);
    for (size_t p = 0; p < nf; p++) {
        const sol_gfact *f = sol_graph_fact_at(g, p);
        const sol_firing *fi = f->firing >= 0 ? sol_graph_firing_at(g, (size_t)f->firing) : NULL;
        const ruledoc *rd; /* looked up only for the facts that cite their rule */
        if (is_rel(f, "gate")) {
            r->suppressed = 1;
        } else if (is_rel(f, "recommendation")) {
            const sol_recommendation *rec = sol_catalog_recommendation(r->cat,
                                                                       sol_gfact_sym(f, "id"));
            if (!rec)
                continue;
            const char *for_id = sol_gfact_sym(f, "for");
            int dup = 0;
            for (size_t i = 0; i < r->nrecs; i++)
                dup |= r->recs[i].rec == rec && strcmp(r->recs[i].for_id, for_id) == 0;
            if (dup)
                continue;
            if (sol_push((void **)&r->recs, &r->nrecs, sizeof(sol_rrec)))
                return SOL_ENOMEM;
            sol_rrec *rr = &r->recs[r->nrecs - 1];
            rd = fi ? find_doc(r, fi->rule) : NULL;
            rr->rec = rec;
            rr->for_id = for_id;
            rr->rule = fi ? fi->rule : "?";
            rr->rule_id = rd ? rd->id : "?";
            rr->sources = rd ? rd->sources : "-";
            /* given through the referral table: its row's sources, not the
             * union the generic rule cites */
            const sol_referral *ref = sol_catalog_referral(r->cat, for_id, rec->id);
            if (ref)
                rr->sources = ref->sources;
        } else if (is_rel(f, "blocked")) {
            const sol_recommendation *rec = sol_catalog_recommendation(
                r->cat, sol_gfact_sym(f, "recommendation"));
            const char *because = sol_gfact_sym(f, "because");
            if (!rec)
                continue;
            if (sol_push((void **)&r->withheld, &r->nwithheld, sizeof(sol_rwithheld)))
                return SOL_ENOMEM;
            sol_rwithheld *w = &r->withheld[r->nwithheld - 1];
            w->rec = rec;
            w->because = because;
            w->reason = "";
            w->sources = "-";
            for (size_t i = 0; i < sol_catalog_contraindication_count(r->cat); i++) {
                const sol_contraindication *x = sol_catalog_contraindication_at(r->cat, i);
                if (strcmp(x->recommendation, rec->id) == 0 && strcmp(x->by, because) == 0) {
                    w->reason = x->reason;
                    w->sources = x->sources;
                }
            }
        } else if (is_rel(f, "unanswered")) {
            const char *name = sol_gfact_sym(f, "name");
            if (listed(r->unans, r->nunans, sizeof *r->unans, offsetof(sol_runanswered, finding),
                       name))
                continue;
            if (sol_push((void **)&r->unans, &r->nunans, sizeof(sol_runanswered)))
                return SOL_ENOMEM;
            sol_runanswered *u = &r->unans[r->nunans - 1];
            u->finding = name;
            u->label = label_of(r, name);
            u->screen = sol_gfact_sym(f, "screen");
            for (size_t i = 0; i < sol_findings_count(r->findings); i++) {
                const sol_finding *fd = sol_findings_at(r->findings, i);
                if (strcmp(fd->name, name) == 0 && fd->value.kind == SOL_VAL_UNKNOWN) {
                    u->asked = 1;
                    if (fd->origin == SOL_ORIGIN_NOTE) {
                        u->quote = fd->quote;
                        u->line = fd->line;
                    }
                }
            }
        } else if (is_rel(f, "advice")) {
            const char *name = sol_gfact_sym(f, "finding");
            const sol_finding *have = sol_findings_find(r->findings, name);
            if (have && have->value.kind != SOL_VAL_UNKNOWN &&
                !(have->value.kind == SOL_VAL_SYMBOL && strcmp(have->value.sym, "not-done") == 0))
                continue; /* already assessed; unknown or not-done is still to do */
            if (listed(r->advice, r->nadvice, sizeof *r->advice, offsetof(sol_radvice, finding),
                       name))
                continue;
            if (sol_push((void **)&r->advice, &r->nadvice, sizeof(sol_radvice)))
                return SOL_ENOMEM;
            sol_radvice *a = &r->advice[r->nadvice - 1];
            rd = fi ? find_doc(r, fi->rule) : NULL;
            a->finding = name;
            a->label = label_of(r, name);
            a->because = sol_gfact_sym(f, "because");
            a->rule = fi ? fi->rule : "?";
            a->rule_id = rd ? rd->id : "?";
            /* knowledge/population.tsv names the tendency-only families */
            a->population = rd && sol_catalog_is_population(r->cat, rd->family);
        }
    }
    if (r->suppressed)
        for (size_t i = 0; i < r->nadvice; i++)
            r->advice[i].withheld = 1;
    if (r->suppressed)
        for (size_t i = 0; i < r->nconcl; i++)
            if (r->concl[i].cond->tier_def->deferred)
                r->concl[i].deferred = 1;
    sort_ctx = r;
    sol_sort(r->recs, r->nrecs, sizeof *r->recs, cmp_rec_q);
    sort_ctx = NULL;
    sort_unanswered(r);
    return SOL_OK;
}

int sol_report_build(sol_report **out, const char *record_id, const char *record_file,
                     const sol_findings *f, const sol_graph *g, const sol_catalog *cat,
                     const sol_vocab *vocab, const sol_ruledoc *rules, size_t nrules, sol_diag *d)
{
    *out = NULL;
    sol_report *r = calloc(1, sizeof *r);
    if (!r)
        goto oom;
    r->findings = f;
    r->graph = g;
    r->cat = cat;
    r->vocab = vocab;
    r->record_id = sol_strdup(record_id ? record_id : "");
    r->record_file = sol_strdup(record_file ? record_file : "");
    r->rules = rules;
    r->docs = calloc(nrules ? nrules : 1, sizeof(ruledoc));
    if (!r->record_id || !r->record_file || !r->docs)
        goto oom;
    r->ndocs = nrules;
    /* Only the rules that fired are ever looked up: parse just their docs
     * (parsing all of them was a tenth of an assessment's time), each found
     * by a binary search of the rules. */
    for (size_t fi = 0; fi < sol_graph_firing_count(g); fi++) {
        size_t i = rule_index(r, sol_graph_firing_at(g, fi)->rule);
        if (i == nrules || r->docs[i].parsed)
            continue;
        char id[64], src[256], rat[1024];
        sol_ruledoc_parse(rules[i].doc, id, sizeof id, src, sizeof src, rat, sizeof rat);
        ruledoc *rd = &r->docs[i];
        rd->parsed = 1;
        rd->id = sol_strdup(rules[i].uid ? rules[i].uid : id);
        rd->family = sol_strdup(id);
        rd->sources = sol_strdup(src);
        rd->rationale = sol_strdup(rat);
        if (!rd->id || !rd->family || !rd->sources || !rd->rationale)
            goto oom;
    }
    if (build_conclusions(r) || build_rest(r))
        goto oom;
    *out = r;
    return SOL_OK;
oom:
    sol_report_free(r);
    return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
}

void sol_report_free(sol_report *r)
{
    if (!r)
        return;
    free(r->record_id);
    free(r->record_file);
    free(r->date);
    free(r->clinician);
    free(r->visit);
    for (size_t i = 0; r->docs && i < r->ndocs; i++) {
        free(r->docs[i].id);
        free(r->docs[i].family);
        free(r->docs[i].sources);
        free(r->docs[i].rationale);
    }
    free(r->docs);
    for (size_t i = 0; i < r->nconcl; i++) {
        for (size_t k = 0; k < r->concl[i].ncontrib; k++)
            free(r->concl[i].contrib[k].findings);
        free(r->concl[i].contrib);
    }
    free(r->concl);
    free(r->recs);
    free(r->unans);
    free(r->advice);
    free(r->withheld);
    for (size_t i = 0; i < r->nnext; i++)
        sol_nb_item_clear(&r->next[i]);
    free(r->next);
    free(r);
}

const char *sol_report_record_id(const sol_report *r) { return r->record_id; }
const char *sol_report_record_file(const sol_report *r) { return r->record_file; }
const sol_findings *sol_report_findings(const sol_report *r) { return r->findings; }
const sol_graph *sol_report_graph(const sol_report *r) { return r->graph; }
const sol_vocab *sol_report_vocab(const sol_report *r) { return r->vocab; }
const sol_catalog *sol_report_catalog(const sol_report *r) { return r->cat; }
size_t sol_report_conclusion_count(const sol_report *r) { return r->nconcl; }
const sol_rconclusion *sol_report_conclusion_at(const sol_report *r, size_t i)
{
    return &r->concl[i];
}

const sol_rconclusion *sol_report_conclusion(const sol_report *r, const char *id)
{
    long p = concl_pos(r, id);
    return p < 0 ? NULL : &r->concl[p];
}

void sol_report_tops_of(const sol_belief *b, size_t n, const sol_catalog *cat, const char *tiers,
                        char top[][64], double cf[], int *red_flag)
{
    size_t nt = strlen(tiers);
    const sol_rconclusion *best[8] = {NULL};
    sol_rconclusion *c = calloc(n ? n : 1, sizeof *c);
    *red_flag = 0;
    for (size_t i = 0; c && i < n; i++) {
        const sol_condition *cond = sol_catalog_condition(cat, b[i].conclusion);
        /* shown as in build_conclusions */
        if (!cond || !is_shown(cond, b[i].support, b[i].cf))
            continue;
        c[i].id = cond->id;
        c[i].cond = cond;
        c[i].tier = cond->tier;
        c[i].cf = b[i].cf;
        *red_flag |= cond->red_flag;
        for (size_t t = 0; t < nt && t < 8; t++)
            if (tiers[t] == cond->tier && (!best[t] || cmp_concl(&c[i], best[t]) < 0))
                best[t] = &c[i];
    }
    for (size_t t = 0; t < nt && t < 8; t++) {
        snprintf(top[t], 64, "%s", best[t] ? best[t]->id : "");
        cf[t] = best[t] ? best[t]->cf : 0;
    }
    free(c);
}

int sol_report_has_red_flag(const sol_report *r)
{
    for (size_t i = 0; i < r->nconcl; i++)
        if (r->concl[i].cond->red_flag)
            return 1;
    return 0;
}

int sol_report_suppressed(const sol_report *r) { return r->suppressed; }
size_t sol_report_recommendation_count(const sol_report *r) { return r->nrecs; }
const sol_rrec *sol_report_recommendation_at(const sol_report *r, size_t i)
{
    return &r->recs[i];
}
size_t sol_report_unanswered_count(const sol_report *r) { return r->nunans; }
const sol_runanswered *sol_report_unanswered_at(const sol_report *r, size_t i)
{
    return &r->unans[i];
}
size_t sol_report_advice_count(const sol_report *r) { return r->nadvice; }
size_t sol_report_withheld_count(const sol_report *r) { return r->nwithheld; }
const sol_rwithheld *sol_report_withheld_at(const sol_report *r, size_t i)
{
    return &r->withheld[i];
}
const sol_radvice *sol_report_advice_at(const sol_report *r, size_t i) { return &r->advice[i]; }

void sol_report_set_rule_reads(sol_report *r, const char *const *names, size_t n)
{
    r->reads = names;
    r->nreads = n;
    r->reads_set = 1;
}

void sol_report_set_table_rules(sol_report *r, const char *const *names, size_t n)
{
    r->tables = names;
    r->ntables = n;
}

int sol_report_table_rule(const sol_report *r, const char *qname)
{
    for (size_t i = 0; i < r->ntables; i++)
        if (strcmp(r->tables[i], qname) == 0)
            return 1;
    return 0;
}

int sol_report_rule_reads(const sol_report *r, const char *name)
{
    if (!r->reads_set)
        return -1;
    for (size_t i = 0; i < r->nreads; i++)
        if (strcmp(r->reads[i], name) == 0)
            return 1;
    return 0;
}

static int set_str(char **dst, const char *src)
{
    free(*dst);
    *dst = NULL;
    if (!src || !*src)
        return SOL_OK;
    *dst = sol_strdup(src);
    return *dst ? SOL_OK : SOL_ENOMEM;
}

int sol_report_set_visit(sol_report *r, const char *date, const char *clinician,
                         const char *visit)
{
    if (set_str(&r->date, date) || set_str(&r->clinician, clinician) || set_str(&r->visit, visit))
        return SOL_ENOMEM;
    return SOL_OK;
}

const char *sol_report_date(const sol_report *r) { return r->date; }
const char *sol_report_clinician(const sol_report *r) { return r->clinician; }
const char *sol_report_visit(const sol_report *r) { return r->visit; }

void sol_nb_item_clear(sol_nb_item *it)
{
    for (size_t i = 0; i < it->nanswers; i++)
        sol_value_clear(&it->answers[i].value);
    free(it->answers);
}

void sol_report_set_next(sol_report *r, sol_nb_item *items, size_t n)
{
    for (size_t i = 0; i < r->nnext; i++)
        sol_nb_item_clear(&r->next[i]);
    free(r->next);
    r->next = items;
    r->nnext = n;
    r->has_next = 1;
}

int sol_report_has_next(const sol_report *r) { return r->has_next; }
size_t sol_report_next_count(const sol_report *r) { return r->nnext; }
const sol_nb_item *sol_report_next_at(const sol_report *r, size_t i) { return &r->next[i]; }
