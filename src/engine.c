/* engine.c — the CLIPS owner. Loads the rule files, asserts facts through the
 * fact API, runs with a cap and records provenance: a before-run hook notes
 * the rule and the facts that matched it (activation basis), a run function
 * after each firing snapshots the facts it asserted. Each use of a CLIPS 6.30
 * private structure is marked "CLIPS 6.30 internals" with its reason. */
#include "engine_int.h"

#include <clips/clips.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUTER_NAME "soleus-capture"
#define MSG_CAP 8192

/* A knowledge fact kept for the asserts after each reset: its slots array
 * and every string it points to (template, slot names, symbols) are one
 * allocation, slots. */
typedef struct {
    const char *tmpl;
    void *deftemplate; /* cached on first assert (constructs outlive resets) */
    uint32_t multi;    /* its multislots, once known (slot_multi) */
    sol_slotval *slots;
    size_t n;
} kfact;

struct sol_engine {
    void *env;
    char messages[MSG_CAP]; /* captured CLIPS output, truncated */
    size_t msglen;
    sol_rule_info *rules;
    size_t nrules;
    kfact *kfacts;
    size_t nkfacts, kfcap;
    /* state of the run in progress */
    sol_graph *graph;
    const sol_findings *findings;
    long long last_index;   /* highest fact index already in the graph */
    long current_firing;    /* firing being executed, -1 before the first */
    int provenance;         /* 0 off, 1 before-run hook only, 2 hook + fact snapshots */
    void *finding_tmpl;     /* MAIN::finding, looked up once */
    uint32_t finding_multi; /* its multislots (slot_multi) */
    void *belief_tmpl, *evidence_tmpl; /* read by trials, looked up once */
    int oom;                           /* an allocation failed inside a hook */
    int from_image;                    /* 1: rules came from the binary image */
    char *docbuf; /* from an image: the text beside it, which the docs point into */
    /* Knowledge facts stay asserted between runs: after a run only the
     * record's facts (index above kmark) are retracted and the rules
     * refreshed, instead of a reset and 68 knowledge asserts. */
    int can_keep;    /* 0: the rules have defglobals, always reset */
    int kept;        /* 1: working memory is initial fact + knowledge */
    long long kmark; /* index of the last knowledge fact */
    size_t kcount;   /* facts in memory right after the knowledge */
    void **ruleptrs; /* every defrule, for refresh */
    struct rule_at {
        void *rule;
        size_t i;
    } * rule_at;             /* defrule pointer -> index in rules, by pointer */
    unsigned long resets;    /* resets so far (each asserts the knowledge anew) */
    sol_graph *kgraph;       /* snapshot of the initial fact and knowledge facts */
    unsigned long kgraph_at; /* value of resets when kgraph was taken */
    long long klast;         /* highest fact index in kgraph */
    struct tslots *tslots;   /* slot names per template, for snapshots */
    size_t ntslots;
    unsigned long graph_gen; /* bumped for every graph the facts go into */
    /* Rules whose right-hand sides trials skip (sol_engine_trial_skip),
     * every disjunct of each, and their actions while a trial runs. */
    struct defrule **quiet;
    struct expr **quiet_rhs;
    size_t nquiet;
};

/* A template's slot names, looked up once (the strings belong to CLIPS
 * and live as long as the template). */
struct tslots {
    void *tmpl;
    long n; /* 0 for an implied (ordered) template */
    const char **names;
    size_t *lens; /* strlen of each name */
    /* The template's name and slot names copied once into the graph of
     * generation gen (every fact of that graph shares them). */
    unsigned long gen;
    char *relation;
    char **gnames;
};

/* ---- router: CLIPS output goes into e->messages, never to stdout ---- */

/* Every output router name CLIPS 6.30 itself prints to (router.h; the
 * prompt router WPROMPT is "wclips", from constant.h), plus "t", which
 * printout maps to stdout. Taken from CLIPS's own constants, so a name
 * cannot drift. */
static const char *const ROUTER_NAMES[] = {
    STDOUT, WPROMPT, WDISPLAY, WTRACE, WERROR, WWARNING, WDIALOG, "t",
};

static int router_query(void *env, const char *name)
{
    (void)env;
    for (size_t i = 0; i < sizeof ROUTER_NAMES / sizeof *ROUTER_NAMES; i++)
        if (strcmp(name, ROUTER_NAMES[i]) == 0)
            return 1;
    return 0;
}

static int router_print(void *env, const char *name, const char *str)
{
    (void)name;
    sol_engine *e = GetEnvironmentContext(env);
    size_t n = strlen(str);
    if (e->msglen + n >= MSG_CAP)
        n = MSG_CAP - 1 - e->msglen;
    memcpy(e->messages + e->msglen, str, n);
    e->msglen += n;
    e->messages[e->msglen] = '\0';
    return 1;
}

static int router_getc(void *env, const char *name)
{
    (void)env;
    (void)name;
    return EOF;
}
static int router_ungetc(void *env, int c, const char *name)
{
    (void)env;
    (void)name;
    return c;
}
static int router_exit(void *env, int code)
{
    (void)env;
    (void)code;
    return 1;
}

static void clear_messages(sol_engine *e)
{
    e->msglen = 0;
    e->messages[0] = '\0';
}

/* Last non-empty line of the captured messages, for diagnostics. */
static const char *clips_said(sol_engine *e)
{
    size_t n = e->msglen;
    while (n && (e->messages[n - 1] == '\n' || e->messages[n - 1] == ' '))
        n--;
    e->messages[n] = '\0';
    e->msglen = n;
    const char *p = e->messages + n;
    while (p > e->messages && p[-1] != '\n')
        p--;
    /* CLIPS puts the location on the line before the message. */
    if (p > e->messages && strlen(p) < 12) {
        p--;
        while (p > e->messages && p[-1] != '\n')
            p--;
    }
    return p;
}

/* ---- fact snapshots ---- */

/* A fact's slot value as a sol_value; text goes into g's memory. */
static int dobj_to_value(void *env, sol_graph *g, DATA_OBJECT *d, sol_value *out)
{
    memset(out, 0, sizeof(*out));
    switch (GetType(*d)) {
    case SYMBOL:
    case STRING:
    case INSTANCE_NAME: {
        const char *t = DOToString(*d);
        out->kind = SOL_VAL_SYMBOL;
        out->sym = sol_graph_strndup(g, t, strlen(t));
        return out->sym ? SOL_OK : SOL_ENOMEM;
    }
    case INTEGER:
        out->kind = SOL_VAL_INTEGER;
        out->i = DOToLong(*d);
        return SOL_OK;
    case FLOAT:
        out->kind = SOL_VAL_REAL;
        out->r = DOToDouble(*d);
        return SOL_OK;
    case MULTIFIELD: {
        /* Multislot: space-joined text of its fields. */
        size_t cap = 256, len = 0;
        char stack[256], *buf = stack;
        int rc = SOL_OK;
        buf[0] = '\0';
        void *mf = GetValue(*d);
        for (long i = GetDOBegin(*d); i <= GetDOEnd(*d); i++) {
            char num[64];
            const char *item = num;
            int t = GetMFType(mf, i);
            void *v = GetMFValue(mf, i);
            if (t == INTEGER)
                snprintf(num, sizeof num, "%lld", (long long)ValueToLong(v));
            else if (t == FLOAT)
                snprintf(num, sizeof num, "%g", ValueToDouble(v));
            else
                item = ValueToString(v); /* whole, not cut at 63 bytes */
            size_t il = strlen(item);
            if (len + il + 2 > cap) {
                cap = (len + il + 2) * 2;
                char *nb = buf == stack ? malloc(cap) : realloc(buf, cap);
                if (!nb) {
                    rc = SOL_ENOMEM;
                    break;
                }
                if (buf == stack)
                    memcpy(nb, stack, len + 1);
                buf = nb;
            }
            if (len)
                buf[len++] = ' ';
            memcpy(buf + len, item, il + 1);
            len += il;
        }
        if (rc == SOL_OK) {
            out->kind = SOL_VAL_SYMBOL;
            out->sym = sol_graph_strndup(g, buf, len);
            rc = out->sym ? SOL_OK : SOL_ENOMEM;
        }
        if (buf != stack)
            free(buf);
        return rc;
    }
    default:
        (void)env;
        out->kind = SOL_VAL_NONE;
        return SOL_OK;
    }
}

static struct tslots *template_slots(sol_engine *e, void *tmpl)
{
    for (size_t i = 0; i < e->ntslots; i++)
        if (e->tslots[i].tmpl == tmpl)
            return &e->tslots[i];
    struct tslots *nt = realloc(e->tslots, (e->ntslots + 1) * sizeof *nt);
    if (!nt)
        return NULL;
    e->tslots = nt;
    struct tslots *t = &nt[e->ntslots];
    DATA_OBJECT names;
    EnvDeftemplateSlotNames(e->env, tmpl, &names);
    long n = GetDOLength(names);
    void *mf = GetValue(names);
    int implied = n == 1 &&
                  strcmp(ValueToString(GetMFValue(mf, GetDOBegin(names))), "implied") == 0;
    t->tmpl = tmpl;
    t->n = implied ? 0 : n;
    t->gen = 0; /* no graph holds its names yet (graph_gen starts at 1) */
    t->relation = NULL;
    t->gnames = NULL;
    t->names = calloc(n > 0 ? (size_t)n : 1, sizeof *t->names);
    t->lens = calloc(n > 0 ? (size_t)n : 1, sizeof *t->lens);
    if (!t->names || !t->lens) {
        free(t->names);
        free(t->lens);
        return NULL;
    }
    for (long i = 0; i < t->n; i++) {
        t->names[i] = ValueToString(GetMFValue(mf, GetDOBegin(names) + i));
        t->lens[i] = strlen(t->names[i]);
    }
    e->ntslots++;
    return t;
}

/* Copy template ts's name and slot names into the current graph once: the
 * graph's facts share them (a fact used to copy each, a third of the
 * provenance cost). */
static int names_in_graph(sol_engine *e, struct tslots *ts, void *tmpl)
{
    if (ts->gen == e->graph_gen)
        return SOL_OK;
    const char *rel = EnvGetDeftemplateName(e->env, tmpl);
    ts->relation = sol_graph_strndup(e->graph, rel, strlen(rel));
    ts->gnames = ts->n > 0 ? sol_graph_alloc(e->graph, (size_t)ts->n * sizeof(char *)) : NULL;
    if (!ts->relation || (ts->n > 0 && !ts->gnames))
        return SOL_ENOMEM;
    for (long i = 0; i < ts->n; i++)
        if (!(ts->gnames[i] = sol_graph_strndup(e->graph, ts->names[i], ts->lens[i])))
            return SOL_ENOMEM;
    ts->gen = e->graph_gen;
    return SOL_OK;
}

/* Snapshot one CLIPS fact into the graph (its text in the graph's own
 * memory, see sol_graph_alloc). */
static int snapshot_fact(sol_engine *e, void *fact, int finding, size_t *out_pos)
{
    void *env = e->env;
    sol_graph *g = e->graph;
    sol_gfact gf;
    memset(&gf, 0, sizeof gf);
    gf.index = EnvFactIndex(env, fact);
    gf.firing = -1;
    gf.finding = finding;
    void *tmpl = EnvFactDeftemplate(env, fact);
    struct tslots *ts = template_slots(e, tmpl);
    if (!ts || names_in_graph(e, ts, tmpl) != SOL_OK)
        return SOL_ENOMEM;
    gf.relation = ts->relation;
    if (ts->n > 0) {
        /* CLIPS 6.30 internals: struct fact (factmngr.h) and its
         * theProposition, a struct multifield (multifld.h) whose theFields[]
         * are the slots in deftemplate order. The public EnvGetFactSlot
         * looks each slot up by name; snapshots read every slot of every
         * fact after every firing, so they index the fields directly. */
        struct fact *fp = fact;
        gf.slot_names = ts->gnames;
        gf.slot_values = sol_graph_alloc(g, (size_t)ts->n * sizeof(sol_value));
        if (!gf.slot_values)
            return SOL_ENOMEM;
        for (long i = 0; i < ts->n && i < fp->theProposition.multifieldLength; i++) {
            /* the fact's fields are its slots in template order, as
             * EnvGetFactSlot reads them, without the name lookup */
            DATA_OBJECT v;
            v.type = fp->theProposition.theFields[i].type;
            v.value = fp->theProposition.theFields[i].value;
            if (v.type == MULTIFIELD) {
                SetpDOBegin(&v, 1);
                SetpDOEnd(&v, GetMFLength(v.value));
            }
            gf.nslots++;
            if (dobj_to_value(env, g, &v, &gf.slot_values[i]) != SOL_OK)
                return SOL_ENOMEM;
        }
    }
    if (gf.index > e->last_index)
        e->last_index = gf.index;
    return sol_graph_add_fact(g, &gf, out_pos);
}

/* Snapshot every fact newer than the last one seen, crediting the firing. */
static void collect_new_facts(sol_engine *e)
{
    long long mark = e->last_index;
    /* CLIPS appends every new fact at the tail of its fact list, so the
     * facts newer than the mark are a suffix of it: walk back from the tail
     * to the first of them instead of scanning the whole list each firing
     * (that scan was most of the provenance cost; see make bench). */
    /* CLIPS 6.30 internals: FactData(env)->LastFact (struct factsData,
     * factmngr.h) and struct fact's factIndex, previousFact and nextFact.
     * The public EnvGetNextFact walks only forward from the first fact;
     * there is no public way to start at the tail. */
    struct fact *first = FactData(e->env)->LastFact;
    if (!first || first->factIndex <= mark)
        return;
    while (first->previousFact && first->previousFact->factIndex > mark)
        first = first->previousFact;
    for (struct fact *f = first; f; f = f->nextFact) {
        size_t pos;
        if (snapshot_fact(e, f, -1, &pos) != SOL_OK) {
            e->oom = 1;
            return;
        }
        if (e->current_firing >= 0 &&
            sol_graph_firing_add(e->graph, (size_t)e->current_firing, pos) != SOL_OK)
            e->oom = 1;
    }
}

/* ---- provenance hooks ---- */

static int cmp_rule_at(const void *x, const void *y)
{
    const struct rule_at *a = x, *b = y;
    return a->rule < b->rule ? -1 : a->rule > b->rule;
}

/* "MODULE::name" of a defrule, from the names collected at load (a binary
 * search by pointer instead of formatting it at every firing). */
static const char *rule_name(sol_engine *e, void *rule)
{
    size_t lo = 0, hi = e->nrules;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e->rule_at[mid].rule < rule)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < e->nrules && e->rule_at[lo].rule == rule)
        return e->rules[e->rule_at[lo].i].name;
    return "?";
}

static void before_firing(void *env, void *act)
{
    sol_engine *e = GetEnvironmentContext(env);
    if (!e->provenance || !e->graph)
        return;
    if (e->provenance >= 2)
        collect_new_facts(e); /* anything asserted outside a firing */
    /* CLIPS 6.30 internals: struct activation's theRule (agenda.h), the
     * defrule about to fire; the public EnvGetActivationName gives its name
     * but not its module, and rules are named MODULE::name everywhere. */
    struct activation *a = act;
    const char *name = rule_name(e, a->theRule);
    /* CLIPS 6.30 internals: EnvGetActivationBasis (agenda.h) returns the
     * private struct partialMatch (match.h);
     * its binds[0..bcount) hold, in gm.theMatch, the struct alphaMatch whose
     * matchingItem is each matched fact. The only public view of the basis
     * is EnvGetActivationBasisPPForm, text ("f-1,f-4") to print and parse
     * again on every firing. */
    struct partialMatch *pm = EnvGetActivationBasis(env, act);
    long long basis[64];
    size_t nb = 0;
    for (unsigned i = 0; pm && i < pm->bcount && nb < 64; i++) {
        struct alphaMatch *am = pm->binds[i].gm.theMatch;
        if (am && am->matchingItem)
            basis[nb++] = EnvFactIndex(env, am->matchingItem);
    }
    size_t pos;
    if (sol_graph_add_firing(e->graph, name, basis, nb, &pos) != SOL_OK) {
        e->oom = 1;
        return;
    }
    e->current_firing = (long)pos;
}

static void after_firing(void *env)
{
    sol_engine *e = GetEnvironmentContext(env);
    if (e->provenance < 2 || !e->graph)
        return;
    collect_new_facts(e);
    e->current_firing = -1;
}

/* ---- rules ---- */

/* The doc string of a rule from its pretty-print form, or "". */
static char *doc_from_ppform(const char *pp)
{
    const char *p = pp ? strchr(pp, ' ') : NULL; /* after "(defrule" */
    if (!p)
        return sol_strdup("");
    while (*p == ' ')
        p++;
    while (*p && *p != ' ' && *p != '\n')
        p++; /* the rule name */
    while (*p == ' ' || *p == '\n')
        p++;
    if (*p != '"')
        return sol_strdup("");
    p++;
    size_t len = strlen(p);
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    for (; *p && *p != '"'; p++) {
        if (*p == '\\' && p[1])
            p++;
        out[n++] = *p;
    }
    out[n] = '\0';
    return out;
}

/* "MODULE::name", malloc'd. */
static char *qualified_name(const char *module, const char *name)
{
    size_t lm = strlen(module), ln = strlen(name);
    char *out = malloc(lm + ln + 3);
    if (out) {
        memcpy(out, module, lm);
        memcpy(out + lm, "::", 2);
        memcpy(out + lm + 2, name, ln + 1);
    }
    return out;
}

static int collect_rules(sol_engine *e)
{
    void *env = e->env;
    size_t cap = 0;
    for (void *m = EnvGetNextDefmodule(env, NULL); m; m = EnvGetNextDefmodule(env, m)) {
        EnvSetCurrentModule(env, m);
        for (void *r = EnvGetNextDefrule(env, NULL); r; r = EnvGetNextDefrule(env, r)) {
            if (sol_grow((void **)&e->rules, &cap, e->nrules + 1, sizeof *e->rules))
                return SOL_ENOMEM;
            void **np = realloc(e->ruleptrs, (e->nrules + 1) * sizeof *np);
            if (!np)
                return SOL_ENOMEM;
            e->ruleptrs = np;
            e->ruleptrs[e->nrules] = r;
            sol_rule_info *ri = &e->rules[e->nrules];
            ri->name = qualified_name(EnvGetDefmoduleName(env, m), EnvGetDefruleName(env, r));
            /* an image has no pretty-print forms: its docs are read beside it */
            ri->doc = e->from_image ? "" : doc_from_ppform(EnvGetDefrulePPForm(env, r));
            if (!ri->name || !ri->doc) {
                free((char *)ri->name);
                if (!e->from_image)
                    free((char *)ri->doc);
                return SOL_ENOMEM;
            }
            e->nrules++;
        }
    }
    EnvSetCurrentModule(env, EnvFindDefmodule(env, "MAIN"));
    e->rule_at = calloc(e->nrules ? e->nrules : 1, sizeof *e->rule_at);
    if (!e->rule_at)
        return SOL_ENOMEM;
    for (size_t i = 0; i < e->nrules; i++) {
        e->rule_at[i].rule = e->ruleptrs[i];
        e->rule_at[i].i = i;
    }
    sol_sort(e->rule_at, e->nrules, sizeof *e->rule_at, cmp_rule_at);
    /* A reset also restores defglobals; keeping facts would not. */
    e->can_keep = 1;
    for (void *m = EnvGetNextDefmodule(env, NULL); m; m = EnvGetNextDefmodule(env, m)) {
        EnvSetCurrentModule(env, m);
        if (EnvGetNextDefglobal(env, NULL))
            e->can_keep = 0;
    }
    EnvSetCurrentModule(env, EnvFindDefmodule(env, "MAIN"));
    return SOL_OK;
}

/* ---- binary rule image (bsave/bload) ---- */

/* A hash over every rule file's name and bytes (sol_hash_bytes), in load
 * order: the image is
 * current only when this equals the sum saved beside it. 0 when a file
 * cannot be read. */
static unsigned long long rules_sum(const glob_t *gl)
{
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < gl->gl_pathc; i++) {
        const char *base = strrchr(gl->gl_pathv[i], '/');
        base = base ? base + 1 : gl->gl_pathv[i];
        for (const char *c = base;; c++) {
            h = (h ^ (unsigned char)*c) * 1099511628211ULL;
            if (!*c)
                break;
        }
        if (!(h = sol_hash_file(h, gl->gl_pathv[i])))
            return 0;
        h = (h ^ 0xff) * 1099511628211ULL;
    }
    return h;
}

static void image_paths(const char *rules_dir, char *img, char *sum, size_t len)
{
    snprintf(img, len, "%s/%s", rules_dir, SOL_ENGINE_IMAGE);
    snprintf(sum, len, "%s/%s.sum", rules_dir, SOL_ENGINE_IMAGE);
}

static void put_escaped(FILE *f, const char *t)
{
    for (; *t; t++) {
        if (*t == '\\')
            fputs("\\\\", f);
        else if (*t == '\n')
            fputs("\\n", f);
        else if (*t == '\t')
            fputs("\\t", f);
        else
            fputc(*t, f);
    }
}

static void unescape(char *t)
{
    char *o = t;
    for (; *t; t++) {
        if (*t == '\\' && t[1]) {
            t++;
            *o++ = *t == 'n' ? '\n' : *t == 't' ? '\t' : *t;
        } else {
            *o++ = *t;
        }
    }
    *o = '\0';
}

/* The doc strings an image drops, saved after the sum as "name<TAB>doc"
 * lines in rule order, kept in e->docbuf, which the rules' docs point into.
 * SOL_OK when every rule got its doc. */
static int read_image_docs(sol_engine *e, const char *rules_dir)
{
    char img[1024], sum[1024];
    image_paths(rules_dir, img, sum, sizeof img);
    size_t len = 0;
    int rc = sol_read_file(&e->docbuf, &len, sum, 1u << 24, NULL);
    if (rc != SOL_OK)
        return rc;
    size_t got = 0, at = 0;               /* the lines are in rule order: look from the last */
    char *line = strchr(e->docbuf, '\n'); /* past the sum */
    while (line && *++line) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        char *tab = strchr(line, '\t');
        if (tab) {
            *tab = '\0';
            /* few names or docs hold an escape */
            if (strchr(line, '\\'))
                unescape(line);
            if (strchr(tab + 1, '\\'))
                unescape(tab + 1);
            for (size_t j = 0; j < e->nrules; j++) {
                size_t i = (at + j) % e->nrules;
                if (strcmp(e->rules[i].name, line) != 0)
                    continue;
                at = i + 1;
                e->rules[i].doc = tab + 1;
                got++;
                break;
            }
        }
        line = end;
    }
    return got == e->nrules ? SOL_OK : SOL_EPARSE;
}

/* 1 when rules_dir holds an image whose saved sum matches the rule files. */
static int image_current(const char *rules_dir, const glob_t *gl)
{
    char img[1024], sum[1024], text[64] = "";
    image_paths(rules_dir, img, sum, sizeof img);
    FILE *f = fopen(sum, "r");
    if (!f)
        return 0;
    int ok = fgets(text, sizeof text, f) != NULL;
    fclose(f);
    unsigned long long want = rules_sum(gl);
    return ok && want && strtoull(text, NULL, 16) == want;
}

static int engine_new(sol_engine **out, const char *rules_dir, int use_image, sol_diag *d);

static int engine_new_text(sol_engine **out, const char *rules_dir, sol_diag *d)
{
    return engine_new(out, rules_dir, 0, d);
}

int sol_engine_new(sol_engine **out, const char *rules_dir, sol_diag *d)
{
    return engine_new(out, rules_dir, 1, d);
}

static int engine_new(sol_engine **out, const char *rules_dir, int use_image, sol_diag *d)
{
    int rc = SOL_ENOMEM;
    glob_t gl;
    int have_glob = 0;
    *out = NULL;
    sol_engine *e = calloc(1, sizeof *e);
    if (!e)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    e->provenance = 2;
    e->current_firing = -1;
    e->env = CreateEnvironment();
    if (!e->env) {
        rc = sol_diag_set(d, SOL_EENGINE, "", 0, "cannot create a CLIPS environment");
        goto cleanup;
    }
    SetEnvironmentContext(e->env, e);
    EnvAddRouter(e->env, ROUTER_NAME, 40, router_query, router_print, router_getc, router_ungetc,
                 router_exit);
    EnvSetDynamicConstraintChecking(e->env, TRUE);
    EnvAddBeforeRunFunction(e->env, "soleus-provenance", before_firing, 0);
    EnvAddRunFunction(e->env, "soleus-after-firing", after_firing, 0);

    char pattern[1024];
    snprintf(pattern, sizeof pattern, "%s/*.clp", rules_dir);
    int g = glob(pattern, 0, NULL, &gl);
    have_glob = g == 0;
    if (g != 0) {
        rc = sol_diag_set(d, SOL_EIO, rules_dir, 0, "no rule files (*.clp) found");
        goto cleanup;
    }
    if (use_image && image_current(rules_dir, &gl)) {
        char img[1024], sum[1024];
        image_paths(rules_dir, img, sum, sizeof img);
        clear_messages(e);
        e->from_image = EnvBload(e->env, img) ? 1 : 0;
        if (!e->from_image)
            EnvClear(e->env); /* a damaged image: start again from the text */
    }
    for (size_t i = 0; !e->from_image && i < gl.gl_pathc; i++) {
        clear_messages(e);
        int r = EnvLoad(e->env, gl.gl_pathv[i]);
        if (r != 1) {
            rc = sol_diag_set(d, r == 0 ? SOL_EIO : SOL_EENGINE, gl.gl_pathv[i], 0, "%s",
                              r == 0 ? "cannot open rule file" : clips_said(e));
            goto cleanup;
        }
    }
    if (collect_rules(e) != SOL_OK) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        goto cleanup;
    }
    if (e->from_image && read_image_docs(e, rules_dir) != SOL_OK) {
        /* no doc strings beside the image: load the text after all */
        sol_engine_free(e);
        e = NULL;
        if (have_glob)
            globfree(&gl);
        have_glob = 0;
        return engine_new_text(out, rules_dir, d);
    }
    *out = e;
    e = NULL;
    rc = SOL_OK;
cleanup:
    if (have_glob)
        globfree(&gl);
    sol_engine_free(e);
    return rc;
}

int sol_engine_from_image(const sol_engine *e) { return e->from_image; }

int sol_engine_save_image(const char *rules_dir, sol_diag *d)
{
    sol_engine *e = NULL;
    glob_t gl;
    char img[1024], sum[1024], tmp[1100];
    int rc = engine_new_text(&e, rules_dir, d);
    if (rc)
        return rc;
    image_paths(rules_dir, img, sum, sizeof img);
    char pattern[1024];
    snprintf(pattern, sizeof pattern, "%s/*.clp", rules_dir);
    if (glob(pattern, 0, NULL, &gl) != 0) {
        sol_engine_free(e);
        return sol_diag_set(d, SOL_EIO, rules_dir, 0, "no rule files (*.clp) found");
    }
    unsigned long long h = rules_sum(&gl);
    globfree(&gl);
    /* Write beside, then rename: a reader never sees half an image. */
    snprintf(tmp, sizeof tmp, "%s.tmp", img);
    if (!h || !EnvBsave(e->env, tmp) || rename(tmp, img) != 0) {
        remove(tmp);
        sol_engine_free(e);
        return sol_diag_set(d, SOL_EIO, img, 0, "cannot write the rule image");
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", sum);
    FILE *f = fopen(tmp, "w");
    int ok = f && fprintf(f, "%016llx\n", h) > 0;
    for (size_t i = 0; ok && i < e->nrules; i++) {
        put_escaped(f, e->rules[i].name);
        fputc('\t', f);
        put_escaped(f, e->rules[i].doc);
        fputc('\n', f);
    }
    sol_engine_free(e);
    if (f && (ferror(f) | fclose(f)) != 0)
        ok = 0;
    if (!ok || rename(tmp, sum) != 0) {
        remove(tmp);
        return sol_diag_set(d, SOL_EIO, sum, 0, "cannot write the rule image's sum");
    }
    return SOL_OK;
}

void sol_engine_free(sol_engine *e)
{
    if (!e)
        return;
    sol_graph_free(e->kgraph);
    if (e->env)
        DestroyEnvironment(e->env);
    for (size_t i = 0; i < e->nrules; i++) {
        free((char *)e->rules[i].name);
        if (!e->from_image) /* else they point into docbuf */
            free((char *)e->rules[i].doc);
    }
    free(e->docbuf);
    free(e->rules);
    free(e->ruleptrs);
    free(e->rule_at);
    free(e->quiet);
    free(e->quiet_rhs);
    for (size_t i = 0; i < e->ntslots; i++) {
        free(e->tslots[i].names);
        free(e->tslots[i].lens);
    }
    free(e->tslots);
    for (size_t i = 0; i < e->nkfacts; i++)
        free(e->kfacts[i].slots);
    free(e->kfacts);
    free(e);
}

int sol_engine_has_template(const sol_engine *e, const char *tmpl)
{
    char qualified[256];

    snprintf(qualified, sizeof qualified, "MAIN::%s", tmpl);
    return e && EnvFindDeftemplate(e->env, qualified) != NULL;
}

int sol_engine_slot_allows(const sol_engine *e, const char *tmpl, const char *slot,
                           const char *sym)
{
    char qualified[256];
    void *t;
    DATA_OBJECT allowed;

    snprintf(qualified, sizeof qualified, "MAIN::%s", tmpl);
    if (!e || !sym || !(t = EnvFindDeftemplate(e->env, qualified)))
        return 0;
    EnvDeftemplateSlotAllowedValues(e->env, t, slot, &allowed);
    if (GetType(allowed) != MULTIFIELD)
        return 1; /* FALSE: the slot restricts nothing */
    for (long i = GetDOBegin(allowed); i <= GetDOEnd(allowed); i++) {
        void *mf = GetValue(allowed);
        if (GetMFType(mf, i) == SYMBOL && strcmp(ValueToString(GetMFValue(mf, i)), sym) == 0)
            return 1;
    }
    return 0;
}

/* s copied to *at, which moves past it. */
static const char *put_str(char **at, const char *s)
{
    size_t n = strlen(s) + 1;
    char *out = memcpy(*at, s, n);
    *at += n;
    return out;
}

int sol_engine_add_knowledge(sol_engine *e, const char *tmpl, const sol_slotval *slots, size_t n,
                             sol_diag *d)
{
    /* One allocation per fact (slots, then the strings): a pipeline keeps
     * some 270 of them, and five allocations each were a visible part of
     * every start. */
    size_t size = n * sizeof(sol_slotval) + strlen(tmpl) + 1;
    for (size_t i = 0; i < n; i++)
        size += strlen(slots[i].slot) + 1 +
                (slots[i].value.sym ? strlen(slots[i].value.sym) + 1 : 0);
    if (sol_grow((void **)&e->kfacts, &e->kfcap, e->nkfacts + 1, sizeof *e->kfacts))
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    sol_slotval *sv = malloc(size);
    if (!sv)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    char *at = (char *)(sv + n);
    kfact *k = &e->kfacts[e->nkfacts++];
    k->tmpl = put_str(&at, tmpl);
    k->deftemplate = NULL;
    k->multi = 0;
    k->slots = sv;
    k->n = n;
    for (size_t i = 0; i < n; i++) {
        sv[i].slot = put_str(&at, slots[i].slot);
        sv[i].value = slots[i].value;
        if (slots[i].value.sym)
            sv[i].value.sym = (char *)put_str(&at, slots[i].value.sym);
    }
    return SOL_OK;
}

/* A symbol for a multislot (sign-sets.tsv members) is its space-separated
 * words, one field each. */
static int put_multi(void *env, void *fact, const char *slot, const char *words)
{
    DATA_OBJECT dobj;
    size_t n = 0;
    const char *p;

    for (p = words; *p;) {
        p += strspn(p, " ");
        n += *p != '\0';
        p += strcspn(p, " ");
    }
    void *mf = EnvCreateMultifield(env, (long)n);
    long i = 1;
    for (p = words; *p;) {
        p += strspn(p, " ");
        size_t len = strcspn(p, " ");
        if (len) {
            char w[256];
            snprintf(w, sizeof w, "%.*s", (int)len, p);
            SetMFType(mf, i, SYMBOL);
            SetMFValue(mf, i, EnvAddSymbol(env, w));
            i++;
        }
        p += len;
    }
    SetType(dobj, MULTIFIELD);
    SetValue(dobj, mf);
    SetDOBegin(dobj, 1);
    SetDOEnd(dobj, (long)n);
    return EnvPutFactSlot(env, fact, slot, &dobj) ? 1 : 0;
}

static int put_slot(void *env, void *fact, const char *slot, int multi, const sol_value *v)
{
    DATA_OBJECT dobj;
    if (v->kind == SOL_VAL_SYMBOL && multi)
        return put_multi(env, fact, slot, v->sym);
    switch (v->kind) {
    case SOL_VAL_SYMBOL:
        SetType(dobj, SYMBOL);
        SetValue(dobj, EnvAddSymbol(env, v->sym));
        break;
    case SOL_VAL_INTEGER:
        SetType(dobj, INTEGER);
        SetValue(dobj, EnvAddLong(env, v->i));
        break;
    case SOL_VAL_REAL:
        SetType(dobj, FLOAT);
        SetValue(dobj, EnvAddDouble(env, v->r));
        break;
    default: return 0;
    }
    return EnvPutFactSlot(env, fact, slot, &dobj) ? 1 : 0;
}

/* The deftemplate MAIN::name, looked up once into *cache. */
static void *find_template(sol_engine *e, const char *tmpl_name, void **cache, sol_diag *d)
{
    if (*cache)
        /* cppcheck-suppress identicalInnerCondition ; a cache hit is returned as found */
        return *cache;
    char qualified[256];
    snprintf(qualified, sizeof qualified, "MAIN::%s", tmpl_name);
    *cache = EnvFindDeftemplate(e->env, qualified);
    if (!*cache)
        sol_diag_set(d, SOL_EENGINE, "", 0, "the rules define no template '%s'", tmpl_name);
    return *cache;
}

/* Build and assert one fact of template tmpl (named tmpl_name); returns
 * the CLIPS fact or NULL. */
/* Which of the n slots of tmpl are multislots, as a mask in *multi, asked
 * of CLIPS (a lookup by name per slot) only while *multi is not yet
 * MULTI_KNOWN: the same template's facts share the mask. */
#define MULTI_KNOWN (1u << 31)
static int slot_multi(void *env, void *tmpl, const sol_slotval *slots, size_t n, size_t i,
                      uint32_t *multi)
{
    if (n >= 31) /* too many slots for the mask: ask each time */
        return EnvDeftemplateSlotMultiP(env, tmpl, slots[i].slot) != 0;
    if (!(*multi & MULTI_KNOWN)) {
        uint32_t m = MULTI_KNOWN;
        for (size_t k = 0; k < n; k++)
            if (EnvDeftemplateSlotMultiP(env, tmpl, slots[k].slot))
                m |= 1u << k;
        *multi = m;
    }
    return (*multi >> i) & 1u;
}

static void *assert_fact(sol_engine *e, void *tmpl, const char *tmpl_name,
                         const sol_slotval *slots, size_t n, uint32_t *multi, sol_diag *d)
{
    if (!tmpl)
        return NULL;
    void *fact = EnvCreateFact(e->env, tmpl);
    if (!fact) {
        sol_diag_set(d, SOL_EENGINE, "", 0, "cannot create a '%s' fact", tmpl_name);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        int m = slots[i].value.kind == SOL_VAL_SYMBOL &&
                slot_multi(e->env, tmpl, slots, n, i, multi);
        if (!put_slot(e->env, fact, slots[i].slot, m, &slots[i].value)) {
            char buf[64];
            sol_diag_set(d, SOL_EENGINE, "", 0, "template '%s' refused slot '%s' = %s", tmpl_name,
                         slots[i].slot, sol_value_text(&slots[i].value, buf, sizeof buf));
            ReturnFact(e->env, fact);
            return NULL;
        }
    }
    EnvAssignFactSlotDefaults(e->env, fact);
    SetEvaluationError(e->env, FALSE);
    void *asserted = EnvAssert(e->env, fact);
    if (!asserted || GetEvaluationError(e->env)) {
        sol_diag_set(d, SOL_EENGINE, "", 0, "CLIPS refused a '%s' fact: %s", tmpl_name,
                     clips_said(e));
        return NULL;
    }
    return asserted;
}

/* 1 when a and b are facts of one template with the same slots, in order. */
static int same_slots(const kfact *a, const kfact *b)
{
    if (!a->deftemplate || a->deftemplate != b->deftemplate || a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->slots[i].slot, b->slots[i].slot) != 0)
            return 0;
    return 1;
}

/* Retract the facts of the last record (everything newer than the
 * knowledge) and refresh the rules, so matches on the initial fact and the
 * knowledge alone fire again as after a reset. 1 when memory is back to the
 * initial fact and the knowledge exactly. */
static int retract_record(sol_engine *e)
{
    /* CLIPS 6.30 internals: FactData(env)->LastFact/FactList and struct
     * fact's factIndex and nextFact (factmngr.h), as in collect_new_facts:
     * the record's facts are the newest, so they are retracted from the
     * tail, which the public EnvGetNextFact cannot reach directly. */
    struct fact *f;
    while ((f = FactData(e->env)->LastFact) != NULL && f->factIndex > e->kmark)
        if (!EnvRetract(e->env, f))
            return 0;
    size_t n = 0;
    for (f = FactData(e->env)->FactList; f; f = f->nextFact)
        n++;
    if (n != e->kcount)
        return 0; /* a rule changed a knowledge fact */
    for (size_t i = 0; i < e->nrules; i++)
        EnvRefresh(e->env, e->ruleptrs[i]);
    return 1;
}

/* Working memory = the initial fact and the knowledge facts, agenda ready,
 * no record facts: by retracting the last record's facts when that is
 * exact, else by a reset and asserting the knowledge. */
static int prepare(sol_engine *e, sol_diag *d)
{
    e->graph = NULL; /* these facts are snapshot by the caller */
    if (e->kept && retract_record(e))
        return SOL_OK;
    e->kept = 0;
    e->resets++;
    EnvReset(e->env);
    for (size_t i = 0; i < e->nkfacts; i++) {
        kfact *k = &e->kfacts[i];
        /* the knowledge comes grouped by template: one lookup per group */
        if (!k->deftemplate && i && strcmp(k[-1].tmpl, k->tmpl) == 0)
            k->deftemplate = k[-1].deftemplate;
        if (!k->multi && i && same_slots(k, &k[-1]))
            k->multi = k[-1].multi;
        if (!assert_fact(e, find_template(e, k->tmpl, &k->deftemplate, d), k->tmpl, k->slots,
                         k->n, &k->multi, d))
            return SOL_EENGINE;
    }
    /* CLIPS 6.30 internals: FactData(env)->LastFact and FactList, struct
     * fact's factIndex and nextFact (see retract_record). */
    struct fact *last = FactData(e->env)->LastFact;
    e->kmark = last ? last->factIndex : -1;
    e->kcount = 0;
    for (struct fact *f = FactData(e->env)->FactList; f; f = f->nextFact)
        e->kcount++;
    e->kept = e->can_keep;
    return SOL_OK;
}

static int assert_inputs(sol_engine *e, const sol_findings *f, sol_diag *d)
{
    size_t nf = f ? sol_findings_count(f) : 0;
    for (size_t i = 0; i < nf; i++) {
        const sol_finding *it = sol_findings_at(f, i);
        if (it->context != SOL_CTX_CURRENT || it->value.kind == SOL_VAL_UNKNOWN ||
            it->value.kind == SOL_VAL_NONE)
            continue;
        sol_slotval sv[2];
        sv[0].slot = "name";
        sv[0].value.kind = SOL_VAL_SYMBOL;
        sv[0].value.sym = it->name;
        sv[1].slot = "value";
        sv[1].value = it->value;
        void *fact = assert_fact(e, find_template(e, "finding", &e->finding_tmpl, d), "finding",
                                 sv, 2, &e->finding_multi, d);
        if (!fact) {
            d->line = it->line;
            return SOL_EENGINE;
        }
        if (e->graph) {
            long pos = sol_graph_find_index(e->graph, EnvFactIndex(e->env, fact));
            if (pos >= 0)
                continue; /* the same finding twice (set member repeated) */
            if (snapshot_fact(e, fact, (int)i, NULL) != SOL_OK)
                return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        }
    }
    return SOL_OK;
}

int sol_engine_run(sol_engine *e, const sol_findings *f, sol_graph **out, sol_diag *d)
{
    int rc;
    *out = NULL;
    clear_messages(e);
    if ((rc = prepare(e, d)) != SOL_OK) {
        e->kept = 0;
        return rc;
    }
    e->current_firing = -1;
    e->oom = 0;
    e->findings = f;
    if (e->kept) {
        /* The knowledge facts stay until the next reset: snapshot them once
         * and start each run's graph from that snapshot. */
        if (!e->kgraph || e->kgraph_at != e->resets) {
            sol_graph_free(e->kgraph);
            e->kgraph = e->graph = sol_graph_new();
            e->graph_gen++;
            e->last_index = -1;
            if (e->graph)
                collect_new_facts(e);
            e->graph = NULL;
            e->kgraph_at = e->resets;
            e->klast = e->last_index;
            if (!e->kgraph || e->oom) {
                sol_graph_free(e->kgraph);
                e->kgraph = NULL;
                return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
            }
        }
        if (sol_graph_new_from(&e->graph, e->kgraph))
            return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        e->graph_gen++;
        e->last_index = e->klast;
    } else {
        e->graph = sol_graph_new();
        if (!e->graph)
            return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        e->graph_gen++;
        e->last_index = -1;
        /* the initial fact and the knowledge facts, in index order */
        collect_new_facts(e);
        if (e->oom) {
            rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
            goto cleanup;
        }
    }
    rc = assert_inputs(e, f, d);
    if (rc != SOL_OK)
        goto cleanup;
    long long fired = EnvRun(e->env, SOL_ENGINE_MAX_FIRINGS);
    if (e->oom) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory while recording firings");
        goto cleanup;
    }
    if (fired >= SOL_ENGINE_MAX_FIRINGS) {
        rc = sol_diag_set(d, SOL_ELIMIT, "", 0,
                          "rule firing cap (%d) reached: the knowledge base may loop",
                          SOL_ENGINE_MAX_FIRINGS);
        goto cleanup;
    }
    if (GetEvaluationError(e->env)) {
        rc = sol_diag_set(d, SOL_EENGINE, "", 0, "a rule failed: %s", clips_said(e));
        goto cleanup;
    }
    *out = e->graph;
    e->graph = NULL;
    rc = SOL_OK;
cleanup:
    if (rc != SOL_OK)
        e->kept = 0; /* the next run starts from a reset */
    sol_graph_free(e->graph);
    e->graph = NULL;
    e->findings = NULL;
    return rc;
}

static const char *fact_sym(void *env, void *fact, const char *slot)
{
    DATA_OBJECT v;
    if (!EnvGetFactSlot(env, fact, slot, &v) || (GetType(v) != SYMBOL && GetType(v) != STRING))
        return "";
    return DOToString(v);
}

static sol_belief *belief_of(sol_belief **arr, size_t *n, size_t *cap, const char *id)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*arr)[i].conclusion, id) == 0)
            return &(*arr)[i];
    if (sol_grow((void **)arr, cap, *n + 1, sizeof **arr))
        return NULL;
    sol_belief *b = &(*arr)[(*n)++];
    memset(b, 0, sizeof *b);
    snprintf(b->conclusion, sizeof b->conclusion, "%s", id);
    return b;
}

/* The defrules called names[], each with its disjuncts, into out (when not
 * NULL); their number. CLIPS 6.30 internals: struct defrule's disjunct
 * chain (ruledef.h): a rule with an or CE is one defrule per branch. */
static size_t named_defrules(sol_engine *e, const char *const *names, size_t n,
                             struct defrule **out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (struct defrule *r = EnvFindDefrule(e->env, names[i]); r; r = r->disjunct, k++)
            if (out)
                out[k] = r;
    return k;
}

int sol_engine_trial_skip(sol_engine *e, const char *const *names, size_t n)
{
    size_t k = named_defrules(e, names, n, NULL);
    struct defrule **q = realloc(e->quiet, (k ? k : 1) * sizeof *q);
    if (q)
        e->quiet = q;
    struct expr **x = realloc(e->quiet_rhs, (k ? k : 1) * sizeof *x);
    if (x)
        e->quiet_rhs = x;
    e->nquiet = q && x ? named_defrules(e, names, n, e->quiet) : 0;
    return q && x ? SOL_OK : SOL_ENOMEM;
}

/* CLIPS 6.30 internals: struct defrule's actions (ruledef.h). A rule whose
 * actions are NULL still fires, in its turn, but does nothing (EnvRun
 * evaluates a NULL action list as no action); on = 0 puts them back. */
static void quiet_rhs(sol_engine *e, int on)
{
    for (size_t i = 0; i < e->nquiet; i++) {
        if (on) {
            e->quiet_rhs[i] = e->quiet[i]->actions;
            e->quiet[i]->actions = NULL;
        } else {
            e->quiet[i]->actions = e->quiet_rhs[i];
        }
    }
}

int sol_engine_trial(sol_engine *e, const sol_findings *f, sol_belief **out, size_t *out_n,
                     sol_diag *d)
{
    sol_belief *arr = NULL;
    size_t n = 0, cap = 0;
    *out = NULL;
    *out_n = 0;
    clear_messages(e);
    /* no graph: the provenance hooks stand aside */
    int rc = prepare(e, d);
    if (rc == SOL_OK)
        rc = assert_inputs(e, f, d);
    if (rc != SOL_OK) {
        e->kept = 0;
        return rc;
    }
    quiet_rhs(e, 1);
    long long fired = EnvRun(e->env, SOL_ENGINE_MAX_FIRINGS);
    quiet_rhs(e, 0);
    if (fired >= SOL_ENGINE_MAX_FIRINGS) {
        e->kept = 0;
        return sol_diag_set(d, SOL_ELIMIT, "", 0,
                            "rule firing cap (%d) reached: the knowledge base may loop",
                            SOL_ENGINE_MAX_FIRINGS);
    }
    if (GetEvaluationError(e->env)) {
        e->kept = 0;
        return sol_diag_set(d, SOL_EENGINE, "", 0, "a rule failed: %s", clips_said(e));
    }
    void *env = e->env;
    /* templates compared by pointer, looked up once (they outlive resets) */
    if (!e->belief_tmpl)
        e->belief_tmpl = EnvFindDeftemplate(env, "MAIN::belief");
    if (!e->evidence_tmpl)
        e->evidence_tmpl = EnvFindDeftemplate(env, "MAIN::evidence");
    for (void *fact = EnvGetNextFact(env, NULL); fact; fact = EnvGetNextFact(env, fact)) {
        void *tmpl = EnvFactDeftemplate(env, fact);
        int is_belief = tmpl == e->belief_tmpl;
        if (!tmpl || (!is_belief && (tmpl != e->evidence_tmpl ||
                                     strcmp(fact_sym(env, fact, "polarity"), "support") != 0)))
            continue;
        sol_belief *b = belief_of(&arr, &n, &cap, fact_sym(env, fact, "conclusion"));
        if (!b) {
            free(arr);
            return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        }
        if (is_belief) {
            DATA_OBJECT v;
            if (EnvGetFactSlot(env, fact, "cf", &v))
                b->cf = GetType(v) == FLOAT ? DOToDouble(v) : (double)DOToLong(v);
        } else {
            b->support = 1;
        }
    }
    *out = arr;
    *out_n = n;
    return SOL_OK;
}

size_t sol_engine_rule_count(const sol_engine *e) { return e->nrules; }
const sol_rule_info *sol_engine_rule_at(const sol_engine *e, size_t i) { return &e->rules[i]; }

const sol_rule_info *sol_engine_rule(const sol_engine *e, const char *name)
{
    for (size_t i = 0; i < e->nrules; i++)
        if (strcmp(e->rules[i].name, name) == 0)
            return &e->rules[i];
    return NULL;
}

const char *sol_engine_messages(const sol_engine *e) { return e->messages; }

void sol_engine_set_provenance(sol_engine *e, int level) { e->provenance = level; }

int sol_engine_bench_naive(sol_engine *e, const sol_findings *f, sol_diag *d)
{
    e->kept = 0; /* a reset every time, as a plain CLIPS host would */
    int rc = prepare(e, d);
    if (rc == SOL_OK)
        rc = assert_inputs(e, f, d);
    if (rc == SOL_OK)
        EnvRun(e->env, SOL_ENGINE_MAX_FIRINGS);
    e->kept = 0;
    return rc;
}

double sol_engine_bench_start(const char *rules_dir, double (*clock)(void))
{
    char img[4096], sum[4096];
    image_paths(rules_dir, img, sum, sizeof img);
    double t0 = clock();
    void *env = CreateEnvironment();
    int ok = env && EnvBload(env, img);
    double t = clock() - t0;
    if (env)
        DestroyEnvironment(env);
    return ok ? t : -1;
}
