/* explain.c — walks the justification graph into the explanation model
 * (explain.h): a tree per conclusion (conclusion → rules → derived facts →
 * findings) and the same firings in firing order for the teaching story.
 * Presentation lives in write_explain.c and write_dot.c. */
#include "explain.h"

#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

#define MAX_DEPTH 200 /* deeper derivations are cut (never seen in practice) */

struct sol_explain {
    const sol_report *r;
    const sol_kb *kb;
    const sol_condition *asked;
    sol_xnode *roots;
    size_t nroots;
    sol_xstep *steps;
    size_t nsteps;
    size_t *findings; /* finding indices the story starts from */
    size_t nfindings;
    const char *const *phases; /* the rule model's focus order (kb owns it) */
    size_t nphases;
    int clips; /* 1: show facts and patterns in CLIPS syntax */
};

typedef struct {
    const sol_report *r;
    const sol_graph *g;
    const sol_kb *kb;
    unsigned char *seen;      /* per root: derived facts already expanded */
    unsigned char *infire;    /* firings in the story */
    unsigned char *infact;    /* derived facts in the story */
    unsigned char *infinding; /* findings in the story (by finding index) */
    long *died;               /* per fact: the firing that replaced it, -1 none */
} builder;

/* ---- graph helpers ---- */

static int slot0_equal(const sol_gfact *a, const sol_gfact *b)
{
    if (!a->nslots || !b->nslots)
        return a->nslots == b->nslots;
    return strcmp(a->slot_names[0], b->slot_names[0]) == 0 &&
           sol_value_equal(&a->slot_values[0], &b->slot_values[0]);
}

long sol_explain_previous(const sol_graph *g, size_t pos)
{
    const sol_gfact *f = sol_graph_fact_at(g, pos);
    const sol_firing *fi;

    if (f->firing < 0)
        return -1;
    fi = sol_graph_firing_at(g, (size_t)f->firing);
    for (size_t i = 0; i < fi->nbasis; i++) {
        const sol_gfact *b = sol_graph_fact_at(g, fi->basis[i]);
        if (fi->basis[i] != pos && strcmp(b->relation, f->relation) == 0 && slot0_equal(b, f))
            return (long)fi->basis[i];
    }
    return -1;
}

int sol_explain_superseded(const sol_graph *g, unsigned char **out)
{
    size_t n = sol_graph_fact_count(g);
    unsigned char *s = calloc(n ? n : 1, 1);

    *out = NULL;
    if (!s)
        return SOL_ENOMEM;
    for (size_t p = 0; p < n; p++) {
        long prev = sol_explain_previous(g, p);
        if (prev >= 0)
            s[prev] = 1;
    }
    *out = s;
    return SOL_OK;
}

const char *sol_explain_fact_text(const sol_gfact *f, char *buf, size_t len)
{
    size_t used;

    snprintf(buf, len, "(%s", f->relation);
    for (size_t i = 0; i < f->nslots; i++) {
        char v[256];
        used = strlen(buf);
        if (used + 1 >= len)
            break;
        sol_value_text(&f->slot_values[i], v, sizeof v);
        snprintf(buf + used, len - used, " (%s%s%s)", f->slot_names[i], *v ? " " : "", v);
    }
    used = strlen(buf);
    if (used + 1 < len)
        snprintf(buf + used, len - used, ")");
    return buf;
}

/* Does pattern c (any template) match fact f on its literal slots? */
static sol_kb_result pattern_matches(const sol_kb_cond *c, const sol_gfact *f)
{
    int opaque = 0;

    if (!c->tmpl || strcmp(c->tmpl, f->relation) != 0)
        return SOL_KB_FAILED;
    for (size_t i = 0; i < c->nslots; i++) {
        const sol_kb_constraint *k = &c->slots[i].c;
        const sol_value *v;
        sol_kb_result res;

        if (k->kind == SOL_KB_CONS_ANY)
            continue;
        v = sol_gfact_slot(f, c->slots[i].name);
        if (!v)
            return SOL_KB_FAILED;
        res = sol_kb_constraint_match(k, v);
        if (res == SOL_KB_FAILED)
            return SOL_KB_FAILED;
        opaque |= res == SOL_KB_OPAQUE;
    }
    return opaque ? SOL_KB_OPAQUE : SOL_KB_HELD;
}

sol_kb_result sol_explain_fact_judge(void *ctx, const sol_kb_rule *r, const sol_kb_cond *c)
{
    const sol_explain_facts *x = ctx;
    int opaque = 0;

    (void)r;
    if (c->kind == SOL_KB_CE_THRESHOLD)
        return c->threshold && x->kb && sol_kb_threshold_find(x->kb, c->threshold)
                   ? SOL_KB_HELD
                   : SOL_KB_OPAQUE;
    for (size_t p = 0; p < sol_graph_fact_count(x->g); p++) {
        sol_kb_result res;
        if (x->superseded && x->superseded[p])
            continue;
        res = pattern_matches(c, sol_graph_fact_at(x->g, p));
        if (res == SOL_KB_HELD)
            return SOL_KB_HELD;
        opaque |= res == SOL_KB_OPAQUE;
    }
    return opaque ? SOL_KB_OPAQUE : SOL_KB_FAILED;
}

/* ---- conclusions by id or code ---- */

int sol_explain_resolve(const sol_condition **out, const sol_catalog *cat, const char *arg,
                        sol_diag *d)
{
    size_t n = sol_catalog_condition_count(cat);
    const char **ids;
    char close[512] = "";

    *out = NULL;
    for (size_t i = 0; i < n; i++) {
        const sol_condition *c = sol_catalog_condition_at(cat, i);
        if (strcasecmp(c->id, arg) == 0 || strcasecmp(c->code, arg) == 0) {
            *out = c;
            return SOL_OK;
        }
    }
    ids = calloc(n ? n : 1, sizeof *ids);
    if (ids) {
        for (size_t i = 0; i < n; i++)
            ids[i] = sol_catalog_condition_at(cat, i)->id;
        sol_probe_close_names(arg, ids, n, 5, close, sizeof close);
        free(ids);
    }
    return sol_diag_set(d, SOL_EUSAGE, "", 0, "unknown conclusion '%s'%s%s%s", arg,
                        *close ? " (did you mean: " : " (see knowledge/conditions.tsv)", close,
                        *close ? ")" : "");
}

/* ---- facts behind (exists …) ----
 * CLIPS keeps no fact in a firing's basis for an (exists …) element, so the
 * fact that satisfied it is found here: the first fact matching the pattern
 * that was present when the rule fired. Only patterns without variables
 * are looked up (with variables the match would need the joins). */

static int literal_pattern(const sol_kb_cond *c)
{
    if (c->kind == SOL_KB_CE_NOT || c->kind == SOL_KB_CE_TEST || c->kind == SOL_KB_CE_OTHER ||
        c->nchildren || !c->tmpl)
        return 0;
    for (size_t i = 0; i < c->nslots; i++)
        if (c->slots[i].c.var)
            return 0;
    return 1;
}

static long present_match(const sol_graph *g, const long *died, const sol_kb_cond *c,
                          size_t firing)
{
    for (size_t p = 0; p < sol_graph_fact_count(g); p++) {
        const sol_gfact *f = sol_graph_fact_at(g, p);
        if (f->firing >= (long)firing || (died[p] >= 0 && died[p] < (long)firing))
            continue;
        if (pattern_matches(c, f) != SOL_KB_FAILED)
            return (long)p;
    }
    return -1;
}

/* The fact behind exists-element c of a firing, or -1. */
static long exists_fact(const sol_graph *g, const long *died, const sol_kb_cond *c, size_t firing)
{
    for (size_t i = 0; c->kind == SOL_KB_CE_EXISTS && i < c->nchildren; i++)
        if (literal_pattern(&c->children[i])) {
            long m = present_match(g, died, &c->children[i], firing);
            if (m >= 0)
                return m;
        }
    return -1;
}

int sol_explain_fact_deaths(const sol_graph *g, long **out)
{
    size_t nfa = sol_graph_fact_count(g);
    long *died = malloc((nfa ? nfa : 1) * sizeof *died);

    *out = died;
    if (!died)
        return SOL_ENOMEM;
    for (size_t p = 0; p < nfa; p++)
        died[p] = -1;
    for (size_t p = 0; p < nfa; p++) {
        long prev = sol_explain_previous(g, p);
        if (prev >= 0)
            died[prev] = sol_graph_fact_at(g, p)->firing;
    }
    return SOL_OK;
}

/* ---- the tree ---- */

static void node_free(sol_xnode *n)
{
    for (size_t i = 0; i < n->nkids; i++)
        node_free(&n->kids[i]);
    free(n->kids);
}

static void step_free(sol_xstep *s)
{
    free(s->match);
    free(s->known);
}

static sol_xnode *add_kid(sol_xnode *parent)
{
    if (sol_grow_one((void **)&parent->kids, parent->nkids, sizeof *parent->kids))
        return NULL;
    sol_xnode *k = &parent->kids[parent->nkids++];
    memset(k, 0, sizeof *k);
    k->firing = -1;
    k->fact = -1;
    return k;
}

static int fact_node(builder *b, sol_xnode *n, size_t pos, int depth);

/* A firing node: its rule and the facts it matched, leaving out the
 * earlier version of a fact it modified (exclude). */
static int rule_node(builder *b, sol_xnode *n, size_t firing, long exclude, int depth)
{
    const sol_firing *fi = sol_graph_firing_at(b->g, firing);

    n->kind = SOL_XN_RULE;
    n->firing = (long)firing;
    n->rule = fi->rule;
    n->kbrule = b->kb ? sol_kb_rule_find(b->kb, fi->rule) : NULL;
    b->infire[firing] = 1;
    if (depth > MAX_DEPTH)
        return SOL_OK;
    for (size_t i = 0; i < fi->nbasis; i++) {
        sol_xnode *k;
        if ((long)fi->basis[i] == exclude)
            continue;
        if (!(k = add_kid(n)))
            return SOL_ENOMEM;
        if (fact_node(b, k, fi->basis[i], depth + 1))
            return SOL_ENOMEM;
    }
    for (size_t i = 0; n->kbrule && i < n->kbrule->nconds; i++) {
        long m = exists_fact(b->g, b->died, &n->kbrule->conds[i], firing);
        sol_xnode *k;
        if (m < 0)
            continue;
        if (!(k = add_kid(n)) || fact_node(b, k, (size_t)m, depth + 1))
            return SOL_ENOMEM;
        k->exists = 1;
    }
    return SOL_OK;
}

static int fact_node(builder *b, sol_xnode *n, size_t pos, int depth)
{
    const sol_gfact *f = sol_graph_fact_at(b->g, pos);
    long *chain = NULL;
    size_t nchain = 0;
    int rc = SOL_OK;

    n->fact = (long)pos;
    if (f->finding >= 0) {
        n->kind = SOL_XN_FINDING;
        n->finding = sol_findings_at(sol_report_findings(b->r), (size_t)f->finding);
        b->infinding[f->finding] = 1;
        return SOL_OK;
    }
    if (f->firing < 0) {
        n->kind = SOL_XN_KNOWLEDGE;
        return SOL_OK;
    }
    if (b->seen[pos]) {
        n->kind = SOL_XN_SEEN;
        return SOL_OK;
    }
    n->kind = SOL_XN_FACT;
    /* The versions of this fact, newest first (a modify chain). */
    for (long v = (long)pos; v >= 0; v = sol_explain_previous(b->g, (size_t)v)) {
        if (sol_graph_fact_at(b->g, (size_t)v)->firing < 0 || (b->seen[v] && v != (long)pos))
            break;
        if (sol_grow_one((void **)&chain, nchain, sizeof *chain)) {
            free(chain);
            return SOL_ENOMEM;
        }
        chain[nchain++] = v;
        b->seen[v] = 1;
        b->infact[v] = 1;
    }
    /* One firing per version, oldest first. */
    for (size_t i = nchain; i-- > 0 && !rc;) {
        const sol_gfact *vf = sol_graph_fact_at(b->g, (size_t)chain[i]);
        sol_xnode *k = add_kid(n);
        rc = k ? rule_node(b, k, (size_t)vf->firing, sol_explain_previous(b->g, (size_t)chain[i]),
                           depth + 1)
               : SOL_ENOMEM;
    }
    free(chain);
    return rc;
}

static int concl_node(builder *b, sol_xnode *n, const sol_rconclusion *c)
{
    n->kind = SOL_XN_CONCLUSION;
    n->concl = c;
    n->firing = -1;
    n->fact = (long)c->belief_fact;
    for (size_t i = 0; i < c->ncontrib; i++) {
        sol_xnode *k = add_kid(n);
        if (!k || rule_node(b, k, c->contrib[i].firing, -1, 1))
            return SOL_ENOMEM;
        k->contrib = &c->contrib[i];
    }
    /* The BELIEF firings that combined the votes belong to the story. */
    for (long v = (long)c->belief_fact; v >= 0; v = sol_explain_previous(b->g, (size_t)v)) {
        const sol_gfact *f = sol_graph_fact_at(b->g, (size_t)v);
        if (f->firing < 0)
            break;
        b->infire[f->firing] = 1;
        b->infact[v] = 1;
    }
    return SOL_OK;
}

/* ---- the story ---- */

static int is_focus_rule(const sol_kb_rule *r)
{
    for (size_t i = 0; r && i < r->nactions; i++)
        if (r->actions[i].kind == SOL_KB_ACT_CALL && r->actions[i].tmpl &&
            strcmp(r->actions[i].tmpl, "focus") == 0)
            return 1;
    return 0;
}

/* The phase order: the modules the first focus call of the rule model
 * pushes, in the order they run. */
static void read_phases(sol_explain *x)
{
    for (size_t i = 0; x->kb && i < sol_kb_rule_count(x->kb); i++) {
        const sol_kb_rule *r = sol_kb_rule_at(x->kb, i);
        for (size_t k = 0; k < r->nactions; k++) {
            const sol_kb_action *a = &r->actions[k];
            if (a->kind != SOL_KB_ACT_CALL || !a->tmpl || strcmp(a->tmpl, "focus") != 0)
                continue;
            x->phases = a->args;
            x->nphases = a->nargs;
            return;
        }
    }
}

/* The first basis fact not yet used that matches pattern c (or, for and/or,
 * one of its patterns). */
static long match_cond(const sol_graph *g, const sol_firing *fi, unsigned char *used,
                       const sol_kb_cond *c)
{
    switch (c->kind) {
    case SOL_KB_CE_NOT:
    case SOL_KB_CE_TEST:
    case SOL_KB_CE_OTHER: return -1;
    case SOL_KB_CE_AND:
    case SOL_KB_CE_OR:
    case SOL_KB_CE_EXISTS:
        for (size_t i = 0; i < c->nchildren; i++) {
            long m = match_cond(g, fi, used, &c->children[i]);
            if (m >= 0)
                return m;
        }
        return -1;
    default:
        for (size_t i = 0; i < fi->nbasis; i++) {
            if (used[i] ||
                pattern_matches(c, sol_graph_fact_at(g, fi->basis[i])) == SOL_KB_FAILED)
                continue;
            used[i] = 1;
            return (long)fi->basis[i];
        }
        return -1;
    }
}

static int build_step(sol_explain *x, const builder *b, sol_xstep *s, size_t firing,
                      const long *died)
{
    const sol_firing *fi = sol_graph_firing_at(b->g, firing);
    const char *sep = strstr(fi->rule, "::");
    unsigned char *used = NULL;

    s->firing = (long)firing;
    s->rule = fi->rule;
    s->kbrule = b->kb ? sol_kb_rule_find(b->kb, fi->rule) : NULL;
    snprintf(s->module, sizeof s->module, "%.*s", sep ? (int)(sep - fi->rule) : 4,
             sep ? fi->rule : "MAIN");
    for (size_t i = 0; i < x->nphases; i++)
        if (strcmp(x->phases[i], s->module) == 0)
            s->phase = (int)i + 1;
    if (s->kbrule && s->kbrule->nconds) {
        used = calloc(fi->nbasis ? fi->nbasis : 1, 1);
        s->match = calloc(s->kbrule->nconds, sizeof *s->match);
        if (!used || !s->match) {
            free(used);
            return SOL_ENOMEM;
        }
        s->nmatch = s->kbrule->nconds;
        for (size_t i = 0; i < s->nmatch; i++) {
            const sol_kb_cond *c = &s->kbrule->conds[i];
            s->match[i].cond = c;
            s->match[i].fact = c->kind == SOL_KB_CE_EXISTS ? exists_fact(b->g, died, c, firing)
                                                           : match_cond(b->g, fi, used, c);
        }
        free(used);
    }
    for (size_t p = 0; p < sol_graph_fact_count(b->g); p++) {
        const sol_gfact *f = sol_graph_fact_at(b->g, p);
        /* every derived fact of the story: made by a firing of the story, or
         * expanded in its tree (the votes a belief step matched included) */
        if (f->firing < 0 || !(b->infact[p] || b->infire[f->firing]) ||
            (size_t)f->firing >= firing || (died[p] >= 0 && (size_t)died[p] < firing))
            continue;
        if (sol_grow_one((void **)&s->known, s->nknown, sizeof *s->known))
            return SOL_ENOMEM;
        s->known[s->nknown++] = (long)p;
    }
    return SOL_OK;
}

/* 1-based place of a rule's module in the focus order, 0 when not in it. */
static int phase_of(const sol_explain *x, const char *rule)
{
    const char *sep = strstr(rule, "::");
    size_t n = sep ? (size_t)(sep - rule) : 0;
    for (size_t i = 0; i < x->nphases; i++)
        if (strlen(x->phases[i]) == n && strncmp(x->phases[i], rule, n) == 0)
            return (int)i + 1;
    return 0;
}

static int build_steps(sol_explain *x, builder *b)
{
    size_t nfi = sol_graph_firing_count(b->g);
    const long *died = b->died;
    /* The start rule that pushed the phases opens every story. Other rules
     * that call focus (handing late votes back to BELIEF) belong to a story
     * only when its chain needs them. */
    for (size_t i = 0; i < nfi; i++) {
        const char *rule = sol_graph_firing_at(b->g, i)->rule;
        const sol_kb_rule *kr = b->kb ? sol_kb_rule_find(b->kb, rule) : NULL;
        if (strncmp(rule, "MAIN::", 6) == 0 && (!kr || is_focus_rule(kr)))
            b->infire[i] = 1;
    }
    /* A later rule that pushed an earlier phase back (MANAGE handing late
     * votes to BELIEF) belongs to the story when the story's next firing
     * runs in that earlier phase. */
    for (size_t i = 0; i < nfi; i++) {
        const char *rule = sol_graph_firing_at(b->g, i)->rule;
        const sol_kb_rule *kr = b->kb ? sol_kb_rule_find(b->kb, rule) : NULL;
        size_t j = i + 1;
        if (b->infire[i] || !kr || !is_focus_rule(kr))
            continue;
        while (j < nfi && !b->infire[j])
            j++;
        if (j < nfi && phase_of(x, sol_graph_firing_at(b->g, j)->rule) < phase_of(x, rule))
            b->infire[i] = 1;
    }
    for (size_t i = 0; i < nfi; i++) {
        if (!b->infire[i])
            continue;
        if (sol_grow_one((void **)&x->steps, x->nsteps, sizeof *x->steps))
            return SOL_ENOMEM;
        memset(&x->steps[x->nsteps], 0, sizeof *x->steps);
        x->nsteps++;
        if (build_step(x, b, &x->steps[x->nsteps - 1], i, died))
            return SOL_ENOMEM;
    }
    return SOL_OK;
}

int sol_explain_build(sol_explain **out, const sol_report *r, const sol_kb *kb,
                      const sol_condition *cond, sol_diag *d)
{
    const sol_graph *g = sol_report_graph(r);
    size_t nfa = sol_graph_fact_count(g), nfi = sol_graph_firing_count(g);
    size_t nfind = sol_findings_count(sol_report_findings(r));
    builder b = {r, g, kb, NULL, NULL, NULL, NULL, NULL};
    sol_explain *x = calloc(1, sizeof *x);
    int rc = SOL_ENOMEM;

    *out = NULL;
    if (!x)
        goto cleanup;
    x->r = r;
    x->kb = kb;
    x->asked = cond;
    b.seen = calloc(nfa ? nfa : 1, 1);
    b.infact = calloc(nfa ? nfa : 1, 1);
    b.infire = calloc(nfi ? nfi : 1, 1);
    b.infinding = calloc(nfind ? nfind : 1, 1);
    if (!b.seen || !b.infact || !b.infire || !b.infinding || sol_explain_fact_deaths(g, &b.died))
        goto cleanup;
    read_phases(x);
    for (size_t i = 0; i < sol_report_conclusion_count(r); i++) {
        const sol_rconclusion *c = sol_report_conclusion_at(r, i);
        if (cond && strcmp(c->id, cond->id) != 0)
            continue;
        if (sol_grow_one((void **)&x->roots, x->nroots, sizeof *x->roots))
            goto cleanup;
        memset(&x->roots[x->nroots], 0, sizeof *x->roots);
        x->nroots++;
        memset(b.seen, 0, nfa ? nfa : 1);
        if (concl_node(&b, &x->roots[x->nroots - 1], c))
            goto cleanup;
    }
    for (size_t i = 0; i < nfind; i++) {
        if (!b.infinding[i])
            continue;
        if (sol_grow_one((void **)&x->findings, x->nfindings, sizeof *x->findings))
            goto cleanup;
        x->findings[x->nfindings++] = i;
    }
    if (x->nroots && build_steps(x, &b))
        goto cleanup;
    *out = x;
    x = NULL;
    rc = SOL_OK;
cleanup:
    if (rc)
        sol_diag_set(d, rc, "", 0, "out of memory");
    sol_explain_free(x);
    free(b.seen);
    free(b.infact);
    free(b.infire);
    free(b.infinding);
    free(b.died);
    return rc;
}

void sol_explain_free(sol_explain *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->nroots; i++)
        node_free(&x->roots[i]);
    free(x->roots);
    for (size_t i = 0; i < x->nsteps; i++)
        step_free(&x->steps[i]);
    free(x->steps);
    free(x->findings);
    free(x);
}

const sol_report *sol_explain_report(const sol_explain *x) { return x->r; }
const sol_kb *sol_explain_kb(const sol_explain *x) { return x->kb; }
const sol_condition *sol_explain_asked(const sol_explain *x) { return x->asked; }
size_t sol_explain_root_count(const sol_explain *x) { return x->nroots; }
const sol_xnode *sol_explain_root_at(const sol_explain *x, size_t i) { return &x->roots[i]; }
size_t sol_explain_step_count(const sol_explain *x) { return x->nsteps; }
const sol_xstep *sol_explain_step_at(const sol_explain *x, size_t i) { return &x->steps[i]; }
size_t sol_explain_finding_count(const sol_explain *x) { return x->nfindings; }
size_t sol_explain_finding_at(const sol_explain *x, size_t i) { return x->findings[i]; }
size_t sol_explain_phase_count(const sol_explain *x) { return x->nphases; }
const char *sol_explain_phase_at(const sol_explain *x, size_t i) { return x->phases[i]; }

void sol_explain_set_clips(sol_explain *x, int clips)
{
    if (x)
        x->clips = clips;
}

int sol_explain_clips(const sol_explain *x) { return x ? x->clips : 0; }
