/* pipeline.c — loads the knowledge once and runs the stages for a command.
 * Knowledge facts (screen items, conditions, strengths, thresholds) come from
 * knowledge/ and are handed to the engine, which asserts them after resets. */
#include "pipeline.h"

#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "kb.h"
#include "nextbest.h"
#include "notes.h"
#include "probe.h"
#include "record.h"

struct sol_pipeline {
    char *knowledge_dir;
    char *rules_dir;
    sol_schema *schema; /* knowledge/record.rng, compiled once */
    sol_kb *kb;         /* the rule model (rules/ as text), the one copy every
                               command reads: why-not, next-best, coverage, explain;
                               built on first use when the reads file is current */
    char *saved;        /* the reads file's text, which reads and tables point into */
    uint64_t sum;       /* saved_sum of the rules and knowledge; 0: build it all */
    const char **reads; /* findings some rule reads (from kb), for the report */
    size_t nreads;
    const char **tables; /* qnames of the table-driven rules (from kb) */
    size_t ntables;
    sol_vocab *vocab;
    sol_catalog *cat;
    sol_notes *notes;
    sol_engine *engine;
    sol_ruledoc *docs;    /* in definition order */
    sol_ruledoc *by_name; /* the same, sorted by name, for the reports */
    size_t ndocs;
};

/* src into dst (len bytes), cut short like snprintf's "%s": the start-up
 * copies of every rule's and row's words. */
static void copy_str(char *dst, size_t len, const char *src)
{
    size_t n = strlen(src);
    if (n >= len)
        n = len - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static sol_value sym(const char *s)
{
    sol_value v = {SOL_VAL_SYMBOL, (char *)s, 0, 0};
    return v;
}

static sol_value real(double r)
{
    sol_value v = {SOL_VAL_REAL, NULL, 0, r};
    return v;
}

/* knowledge/thresholds.tsv, as the catalogue read and checked it. */
static int add_thresholds(sol_pipeline *p, sol_diag *d)
{
    int rc = SOL_OK;

    for (size_t i = 0; rc == SOL_OK && i < sol_catalog_threshold_count(p->cat); i++) {
        const sol_threshold *t = sol_catalog_threshold_at(p->cat, i);
        sol_slotval sv[2] = {{"name", sym(t->name)}, {"value", real(t->value)}};

        rc = sol_engine_add_knowledge(p->engine, "threshold", sv, 2, d);
    }
    return rc;
}

static sol_value integer(long i)
{
    sol_value v = {SOL_VAL_INTEGER, NULL, i, 0};
    return v;
}

/* The table rows (kb_rows.c) as facts: the same list the rule model
 * expands its table-driven rules over. */
static int add_rows(sol_pipeline *p, const sol_kb_rows *rows, sol_diag *d)
{
    int rc = SOL_OK;

    for (size_t i = 0; rc == SOL_OK && i < rows->n; i++) {
        const sol_kb_row *r = &rows->rows[i];
        sol_slotval sv[8];

        for (size_t k = 0; k < r->nslots && k < 8; k++) {
            sv[k].slot = r->slots[k];
            sv[k].value = r->integer & (1u << k) ? integer(strtol(r->values[k], NULL, 10))
                                                 : sym(r->values[k]);
        }
        rc = sol_engine_add_knowledge(p->engine, r->tmpl, sv, r->nslots < 8 ? r->nslots : 8, d);
    }
    return rc;
}

static int add_knowledge(sol_pipeline *p, const sol_kb_rows *rows, sol_diag *d)
{
    int rc;
    for (size_t i = 0; i < sol_vocab_count(p->vocab); i++) {
        const sol_term *t = sol_vocab_at(p->vocab, i);
        if (!t->screen || strcmp(t->screen, "-") == 0)
            continue;
        char screens[64];
        copy_str(screens, sizeof screens, t->screen);
        char *save = NULL; /* strtok_r: pipelines are built on server threads */
        for (char *s = strtok_r(screens, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
            sol_slotval sv[2] = {{"name", sym(t->name)}, {"screen", sym(s)}};
            if ((rc = sol_engine_add_knowledge(p->engine, "screen-item", sv, 2, d)))
                return rc;
        }
    }
    for (size_t i = 0; i < sol_catalog_condition_count(p->cat); i++) {
        const sol_condition *c = sol_catalog_condition_at(p->cat, i);
        char tier[2] = {c->tier, 0};
        sol_slotval sv[5] = {{"id", sym(c->id)},
                             {"tier", sym(tier)},
                             {"urgency", sym(c->urgency)},
                             {"suppresses", sym(c->suppresses ? "yes" : "no")},
                             {"red-flag", sym(c->red_flag ? "yes" : "no")}};
        if ((rc = sol_engine_add_knowledge(p->engine, "condition", sv, 5, d)))
            return rc;
    }
    for (size_t i = 0; i < sol_catalog_strength_count(p->cat); i++) {
        const sol_strength *s = sol_catalog_strength_at(p->cat, i);
        sol_slotval sv[2] = {{"strength", sym(s->strength)}, {"cf", real(s->cf)}};
        if ((rc = sol_engine_add_knowledge(p->engine, "strength-cf", sv, 2, d)))
            return rc;
    }
    int states = sol_engine_has_template(p->engine, "state");
    for (size_t i = 0; i < sol_catalog_contraindication_count(p->cat); i++) {
        const sol_contraindication *x = sol_catalog_contraindication_at(p->cat, i);
        sol_slotval sv[2] = {{"recommendation", sym(x->recommendation)}, {"by", sym(x->by)}};
        /* blocked-by is a conclusion or a state GATE derives; the states are
         * the allowed symbols of the rules' state template, their one list
         * (a rule set without that template derives no state: nothing to
         * check, and such a row can never block). */
        if (!sol_catalog_condition(p->cat, x->by) && states &&
            !sol_engine_slot_allows(p->engine, "state", "name", x->by)) {
            char path[4096];
            snprintf(path, sizeof path, "%s/contraindications.tsv", p->knowledge_dir);
            return sol_diag_set(d, SOL_EPARSE, path, x->line,
                                "'%s' is neither a conclusion of conditions.tsv nor a state "
                                "the rules' state template allows",
                                x->by);
        }
        if ((rc = sol_engine_add_knowledge(p->engine, "contraindication", sv, 2, d)))
            return rc;
    }
    if ((rc = add_rows(p, rows, d)))
        return rc;
    return add_thresholds(p, d);
}

/* Is every source in the comma list at the opinion level? 0 for "-", for an
 * unknown source or one without a level. */
static int opinion_only(const sol_catalog *cat, const char *list)
{
    char buf[256], *save = NULL;
    int n = 0;

    copy_str(buf, sizeof buf, list);
    for (char *s = strtok_r(buf, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
        while (*s == ' ')
            s++;
        const sol_source *src = sol_catalog_source(cat, s);
        if (!src || !src->level || strcmp(src->level, "opinion") != 0)
            return 0;
        n++;
    }
    return n > 0;
}

/* One voter for the opinion check: a brief rule id, the sources it cites
 * and whether all of them are opinion-level (judged once per voter); ok: the
 * doc string was well-formed (a rule's family id is its id then). */
typedef struct {
    char id[64];
    char src[256];
    int opinion;
    int ok;
} voter;

/* Each rule's doc string split once into v[0..ndocs): the opinion check and
 * the rule ids both read it, and only the id and sources are wanted. */
static void parse_docs(const sol_pipeline *p, voter *v)
{
    for (size_t i = 0; i < p->ndocs; i++)
        v[i].ok = p->docs[i].doc && sol_ruledoc_parse(p->docs[i].doc, v[i].id, sizeof v[i].id,
                                                      v[i].src, sizeof v[i].src, NULL, 0) == 0;
}

/* Voters by id, then by position (a voter's place in the array). */
static int cmp_voter(const void *x, const void *y)
{
    const voter *a = *(const voter *const *)x, *b = *(const voter *const *)y;
    int c = strcmp(a->id, b->id);
    return c ? c : (a > b) - (a < b);
}

/* (opinion-rule (rule ID)) for every brief rule id all of whose voters cite
 * only opinion-level sources; BELIEF holds a belief built only on such
 * votes under the opinion ceiling. The voters are the CLIPS rules (their doc
 * ids, v[0..ndocs) from parse_docs) and the sign-set rows, whose votes carry
 * the row's brief id and whose sources are the row's. The voters are sorted
 * by id once, so that each id's voters are a run (comparing every voter
 * with every other was tens of thousands of strcmp at every start); the
 * facts keep the order of each id's first voter. Skipped for rule sets
 * without the template. */
static int add_opinion_rules(sol_pipeline *p, voter *v, sol_diag *d)
{
    size_t nsets = sol_catalog_sign_set_count(p->cat), n = 0, ntot = p->ndocs + nsets;
    int rc = SOL_OK;

    if (!sol_engine_has_template(p->engine, "opinion-rule"))
        return SOL_OK;
    voter **by_id = calloc(ntot + 1, sizeof *by_id);
    char *emit = calloc(ntot + 1, 1);
    if (!by_id || !emit) {
        free(by_id);
        free(emit);
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    }
    for (size_t i = 0; i < nsets; i++) {
        const sol_sign_set *x = sol_catalog_sign_set_at(p->cat, i);
        voter *s = &v[p->ndocs + i];
        copy_str(s->id, sizeof s->id, x->rule);
        copy_str(s->src, sizeof s->src, x->sources);
        s->ok = 1;
    }
    for (size_t i = 0; i < ntot; i++)
        if (v[i].ok) {
            v[i].opinion = opinion_only(p->cat, v[i].src);
            by_id[n++] = &v[i];
        }
    sol_sort(by_id, n, sizeof *by_id, cmp_voter);
    /* an id is asserted once, at its first voter, when every one of its
     * voters is opinion-only and that first one cites something */
    for (size_t g = 0, e; g < n; g = e) {
        int all = 1;
        for (e = g; e < n && strcmp(by_id[e]->id, by_id[g]->id) == 0; e++)
            all &= by_id[e]->opinion;
        if (all && strcmp(by_id[g]->src, "-") != 0)
            emit[by_id[g] - v] = 1;
    }
    for (size_t i = 0; i < ntot && rc == SOL_OK; i++)
        if (emit[i]) {
            sol_slotval sv[1] = {{"rule", sym(v[i].id)}};
            rc = sol_engine_add_knowledge(p->engine, "opinion-rule", sv, 1, d);
        }
    free(by_id);
    free(emit);
    return rc;
}

/* Each rule's own id (R07a), derived from the doc ids (v, from parse_docs)
 * in definition order, as the rule model (kb.c) derives it from the rule
 * files. */
static int assign_uids(sol_pipeline *p, const voter *v, sol_diag *d)
{
    const char **fam = calloc(p->ndocs ? p->ndocs : 1, sizeof *fam);
    char **uids = calloc(p->ndocs ? p->ndocs : 1, sizeof *uids);
    int rc = fam && uids ? SOL_OK : SOL_ENOMEM;

    for (size_t i = 0; !rc && i < p->ndocs; i++)
        fam[i] = v[i].ok ? v[i].id : NULL;
    if (!rc)
        rc = sol_rule_uids(uids, fam, p->ndocs);
    for (size_t i = 0; !rc && i < p->ndocs; i++)
        p->docs[i].uid = uids[i];
    free(fam);
    free(uids);
    return rc ? sol_diag_set(d, rc, "", 0, "out of memory") : SOL_OK;
}

/* The opinion-rule facts and the rule ids, from one split of the doc
 * strings. */
static int add_doc_knowledge(sol_pipeline *p, sol_diag *d)
{
    voter *v = calloc(p->ndocs + sol_catalog_sign_set_count(p->cat) + 1, sizeof *v);
    if (!v)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    parse_docs(p, v);
    int rc = add_opinion_rules(p, v, d);
    if (rc == SOL_OK)
        rc = assign_uids(p, v, d);
    free(v);
    return rc;
}

static int cmp_ruledoc(const void *x, const void *y)
{
    return strcmp(((const sol_ruledoc *)x)->name, ((const sol_ruledoc *)y)->name);
}

/* p->by_name: the rules (sharing their strings with p->docs) by name. */
static int sort_docs(sol_pipeline *p, sol_diag *d)
{
    p->by_name = malloc((p->ndocs ? p->ndocs : 1) * sizeof *p->by_name);
    if (!p->by_name)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    if (p->ndocs)
        memcpy(p->by_name, p->docs, p->ndocs * sizeof *p->by_name);
    sol_sort(p->by_name, p->ndocs, sizeof *p->by_name, cmp_ruledoc);
    return SOL_OK;
}

/* ---- the reads file: what assess needs from the rule model, saved ----
 * rules/soleus.img.reads, written by `make` beside the rule image: a sum of
 * the rule files and knowledge/, then "R<TAB>finding" for each finding some
 * rule reads and "T<TAB>qname" for each table-driven rule, in the model's
 * order. The rule model stays the one source: the file is derived from it,
 * and a stale or missing file means the model is built as before. */

static int pipeline_new(sol_pipeline **out, const char *rules_dir, const char *knowledge_dir,
                        int use_saved, sol_diag *d);

static uint64_t sum_files(uint64_t h, const char *pattern)
{
    glob_t gl;
    if (glob(pattern, 0, NULL, &gl) != 0)
        return h;
    for (size_t i = 0; i < gl.gl_pathc; i++) {
        const char *base = strrchr(gl.gl_pathv[i], '/');
        base = base ? base + 1 : gl.gl_pathv[i];
        for (const char *c = base; *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211ULL;
        if (!(h = sol_hash_file(h, gl.gl_pathv[i])))
            break;
        h = (h ^ 0xff) * 1099511628211ULL;
    }
    globfree(&gl);
    return h;
}

static uint64_t saved_sum(const char *rules_dir, const char *knowledge_dir)
{
    char pat[1100];
    uint64_t h = 1469598103934665603ULL;
    for (const char *c = SOL_VERSION; *c; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211ULL;
    snprintf(pat, sizeof pat, "%s/*.clp", rules_dir);
    h = sum_files(h, pat);
    snprintf(pat, sizeof pat, "%s/*", knowledge_dir);
    return h ? sum_files(h, pat) : 0;
}

static void saved_path(char *buf, size_t len, const char *rules_dir)
{
    snprintf(buf, len, "%s/soleus.img.reads", rules_dir);
}

/* rules/soleus.img.notes: a first line "SUM LENGTH HASH" (the same sum as
 * the reads file; the length and hash of what follows), then the note
 * patterns compiled (sol_notes_save), so a current file spares compiling
 * them at every start. PCRE2 decodes without a length, so a file cut short
 * or damaged must never reach it: the length and hash are checked first. */
static void notes_path(char *buf, size_t len, const char *rules_dir)
{
    snprintf(buf, len, "%s/soleus.img.notes", rules_dir);
}

static int load_notes(sol_pipeline *p, const char *patterns, sol_diag *d)
{
    char path[1100], *end;
    char *bytes = NULL;
    size_t len = 0, skip = 0;
    notes_path(path, sizeof path, p->rules_dir);
    if (p->sum && sol_read_file(&bytes, &len, path, 1u << 24, NULL) == SOL_OK) {
        unsigned long long sum = 0, n = 0, h = 0;
        char *nl = memchr(bytes, '\n', len < 64 ? len : 64);
        if (nl) {
            *nl = '\0';
            sum = strtoull(bytes, &end, 16);
            n = strtoull(end, &end, 10);
            h = strtoull(end, &end, 16);
            skip = (size_t)(nl + 1 - bytes);
        }
        if (!nl || *end || sum != p->sum || n != len - skip ||
            h != sol_hash_bytes(p->sum, bytes + skip, len - skip))
            skip = len = 0;
    }
    int rc = sol_notes_load_saved(&p->notes, patterns, p->vocab, len ? bytes + skip : NULL,
                                  len - skip, d);
    free(bytes);
    return rc;
}

/* Fill p->reads and p->tables from a current reads file; SOL_EPARSE when it
 * is missing, stale or malformed, and then nothing is kept. */
static int read_saved(sol_pipeline *p)
{
    char path[1100];
    size_t len = 0, nr = 0, nt = 0;
    saved_path(path, sizeof path, p->rules_dir);
    if (sol_read_file(&p->saved, &len, path, 1u << 22, NULL) != SOL_OK)
        return SOL_EPARSE;
    uint64_t want = p->sum;
    char *line = p->saved, *end;
    int ok = want && strtoull(line, &end, 16) == want && *end == '\n';
    for (char *c = p->saved; ok && *c; c++)
        nr += *c == '\n';
    if (ok) {
        p->reads = calloc(nr + 1, sizeof *p->reads);
        p->tables = calloc(nr + 1, sizeof *p->tables);
        ok = p->reads && p->tables;
    }
    for (line = strchr(p->saved, '\n'); ok && line && *++line; line = end) {
        if ((end = strchr(line, '\n')))
            *end = '\0';
        if ((line[0] != 'R' && line[0] != 'T') || line[1] != '\t' || !line[2])
            ok = 0;
        else if (line[0] == 'R')
            p->reads[p->nreads++] = line + 2;
        else
            p->tables[nt++] = line + 2;
        if (!end)
            break;
    }
    p->ntables = nt;
    if (ok)
        return SOL_OK;
    free((void *)p->reads);
    free((void *)p->tables);
    free(p->saved);
    p->reads = p->tables = NULL;
    p->saved = NULL;
    p->nreads = p->ntables = 0;
    return SOL_EPARSE;
}

/* Build the rule model over the table rows; with lists, also the findings
 * some rule reads and the table-driven rules from it. */
static int load_kb(sol_pipeline *p, const sol_kb_rows *rows, int lists, sol_diag *d)
{
    sol_kb *kb = NULL;
    int rc = sol_kb_load(&kb, p->rules_dir, p->knowledge_dir, d);
    if (rc == SOL_OK)
        rc = sol_kb_expand(kb, rows->rows, rows->n, d);
    if (rc != SOL_OK) {
        sol_kb_free(kb);
        return rc;
    }
    p->kb = kb;
    if (!lists)
        return SOL_OK;
    if (sol_probe_read_findings(&p->reads, &p->nreads, p->kb))
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    p->tables = calloc(sol_kb_rule_count(p->kb) + 1, sizeof *p->tables);
    if (!p->tables)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    for (size_t i = 0; i < sol_kb_rule_count(p->kb); i++)
        if (sol_kb_rule_at(p->kb, i)->table)
            p->tables[p->ntables++] = sol_kb_rule_at(p->kb, i)->qname;
    return SOL_OK;
}

int sol_pipeline_save_reads(const char *rules_dir, const char *knowledge_dir, sol_diag *d)
{
    sol_pipeline *p = NULL;
    char path[1100], tmp[1200];
    int rc = pipeline_new(&p, rules_dir, knowledge_dir, 0, d);
    if (rc)
        return rc;
    saved_path(path, sizeof path, rules_dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    int ok = f != NULL;
    if (ok)
        fprintf(f, "%016llx\n", (unsigned long long)saved_sum(rules_dir, knowledge_dir));
    for (size_t i = 0; ok && i < p->nreads; i++)
        ok = !strpbrk(p->reads[i], "\t\n") && fprintf(f, "R\t%s\n", p->reads[i]) > 0;
    for (size_t i = 0; ok && i < p->ntables; i++)
        ok = !strpbrk(p->tables[i], "\t\n") && fprintf(f, "T\t%s\n", p->tables[i]) > 0;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        rc = sol_diag_set(d, SOL_EIO, path, 0, "cannot write the saved rule reads");
    }
    void *bytes = NULL;
    size_t len = 0;
    notes_path(path, sizeof path, rules_dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (!rc && (rc = sol_notes_save(p->notes, &bytes, &len)))
        sol_diag_set(d, rc, path, 0, "cannot save the compiled note patterns");
    if (!rc) {
        f = fopen(tmp, "wb");
        uint64_t sum = saved_sum(rules_dir, knowledge_dir);
        ok = f &&
             fprintf(f, "%016llx %zu %016llx\n", (unsigned long long)sum, len,
                     (unsigned long long)sol_hash_bytes(sum, bytes, len)) > 0 &&
             fwrite(bytes, 1, len, f) == len;
        if (f && fclose(f) != 0)
            ok = 0;
        if (!ok || rename(tmp, path) != 0) {
            remove(tmp);
            rc = sol_diag_set(d, SOL_EIO, path, 0, "cannot write the saved note patterns");
        }
    }
    free(bytes);
    sol_pipeline_free(p);
    return rc;
}

int sol_pipeline_new(sol_pipeline **out, const char *rules_dir, const char *knowledge_dir,
                     sol_diag *d)
{
    return pipeline_new(out, rules_dir, knowledge_dir, 1, d);
}

/* Red-flag signs (must-not-miss.tsv present rows) are never recorded as
 * absent through a negation's list scope: their names (each sign's words,
 * before any '=') given to the note matcher in one list. */
static int protect_red_flags(sol_pipeline *p, sol_diag *d)
{
    size_t len = 1, k = 0;
    for (size_t i = 0; i < sol_catalog_mnm_count(p->cat); i++)
        len += strlen(sol_catalog_mnm_at(p->cat, i)->findings) + 1;
    char *buf = malloc(len), *at = buf;
    const char **names = calloc(len, sizeof *names); /* a name per two bytes at most */
    if (!buf || !names) {
        free(buf);
        free(names);
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    }
    for (size_t i = 0; i < sol_catalog_mnm_count(p->cat); i++) {
        const sol_mnm *m = sol_catalog_mnm_at(p->cat, i);
        char *save = NULL;
        if (strcmp(m->kind, "present") != 0)
            continue;
        size_t n = strlen(m->findings) + 1;
        char *signs = memcpy(at, m->findings, n);
        at += n;
        for (char *t = strtok_r(signs, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
            char *eq = strchr(t, '=');
            if (eq)
                *eq = '\0';
            names[k++] = t;
        }
    }
    sol_notes_protect(p->notes, names, k);
    free(names);
    free(buf);
    return SOL_OK;
}

static int pipeline_new(sol_pipeline **out, const char *rules_dir, const char *knowledge_dir,
                        int use_saved, sol_diag *d)
{
    int rc;
    char path[1024];
    sol_kb_rows rows = {0};
    *out = NULL;
    sol_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    p->knowledge_dir = sol_strdup(knowledge_dir);
    p->rules_dir = sol_strdup(rules_dir);
    if (!p->knowledge_dir || !p->rules_dir) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        goto cleanup;
    }
    if (use_saved)
        p->sum = saved_sum(rules_dir, knowledge_dir);
    snprintf(path, sizeof path, "%s/record.rng", knowledge_dir);
    if ((rc = sol_schema_load(&p->schema, path, d)))
        goto cleanup;
    snprintf(path, sizeof path, "%s/vocabulary.tsv", knowledge_dir);
    if ((rc = sol_vocab_load(&p->vocab, path, d)))
        goto cleanup;
    if ((rc = sol_catalog_load(&p->cat, knowledge_dir, d)))
        goto cleanup;
    snprintf(path, sizeof path, "%s/note-patterns.tsv", knowledge_dir);
    if ((rc = load_notes(p, path, d)))
        goto cleanup;
    if ((rc = protect_red_flags(p, d)))
        goto cleanup;
    if ((rc = sol_engine_new(&p->engine, rules_dir, d)))
        goto cleanup;
    /* The model of the same rule files CLIPS just loaded, read once here so
     * no command reads the rules a second time; when the reads file saved
     * beside the rule image is current, only on first use (load_kb). */
    if ((rc = sol_kb_rows_build(&rows, p->cat, knowledge_dir, d)))
        goto cleanup;
    if (!(p->sum && read_saved(p) == SOL_OK) && (rc = load_kb(p, &rows, 1, d)))
        goto cleanup;
    if ((rc = add_knowledge(p, &rows, d)))
        goto cleanup;
    p->ndocs = sol_engine_rule_count(p->engine);
    p->docs = calloc(p->ndocs ? p->ndocs : 1, sizeof *p->docs);
    if (!p->docs) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < p->ndocs; i++) {
        const sol_rule_info *ri = sol_engine_rule_at(p->engine, i);
        p->docs[i].name = ri->name;
        p->docs[i].doc = ri->doc;
    }
    if ((rc = add_doc_knowledge(p, d)) || (rc = sort_docs(p, d)))
        goto cleanup;
    *out = p;
    p = NULL;
cleanup:
    sol_kb_rows_free(&rows);
    sol_pipeline_free(p);
    return rc;
}

void sol_pipeline_free(sol_pipeline *p)
{
    if (!p)
        return;
    for (size_t i = 0; p->docs && i < p->ndocs; i++)
        free((char *)p->docs[i].uid);
    sol_engine_free(p->engine);
    sol_notes_free(p->notes);
    sol_catalog_free(p->cat);
    sol_vocab_free(p->vocab);
    sol_schema_free(p->schema);
    free((void *)p->reads);
    free((void *)p->tables);
    sol_kb_free(p->kb);
    free(p->docs);
    free(p->by_name);
    free(p->saved);
    free(p->rules_dir);
    free(p->knowledge_dir);
    free(p);
}

/* The record's visit details, kept for the report (each NULL when absent). */
typedef struct {
    char *date, *clinician, *visit;
} visit_info;

static void visit_clear(visit_info *v)
{
    free(v->date);
    free(v->clinician);
    free(v->visit);
    memset(v, 0, sizeof *v);
}

int sol_input_parse(sol_input *out, const char *name)
{
    if (strcmp(name, "xml") == 0)
        *out = SOL_INPUT_XML;
    else if (strcmp(name, "fhir") == 0)
        *out = SOL_INPUT_FHIR;
    else
        return SOL_EUSAGE;
    return SOL_OK;
}

/* Structured findings plus the findings matched in the notes, merged. */
static int merge_notes(sol_pipeline *p, const char *file, const sol_findings *structured,
                       const sol_note *nv, size_t nn, const char *rid,
                       sol_findings **out_findings, char **out_id, sol_diag *d)
{
    sol_findings *notes = NULL, *all = NULL;
    char *id = NULL;
    int rc = SOL_OK;
    *out_findings = NULL;
    *out_id = NULL;
    all = sol_findings_clone(structured);
    notes = sol_findings_new();
    id = sol_strdup(rid);
    if (!all || !notes || !id) {
        rc = sol_diag_set(d, SOL_ENOMEM, file, 0, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < nn; i++) {
        const sol_note *n = &nv[i];
        rc = sol_notes_extract(p->notes, n->text, strlen(n->text), n->path, n->line, notes, d);
        if (rc) {
            /* The note matcher names the note by element path (kept in the
             * message); the diagnostic names the record file. */
            if (d)
                snprintf(d->file, sizeof d->file, "%s", file);
            goto cleanup;
        }
    }
    if ((rc = sol_notes_merge(all, notes, d)))
        goto cleanup;
    *out_findings = all;
    *out_id = id;
    all = NULL;
    id = NULL;
cleanup:
    sol_findings_free(notes);
    sol_findings_free(all);
    free(id);
    return rc;
}

static int from_record(sol_pipeline *p, sol_record *rec, const char *file,
                       sol_findings **out_findings, char **out_id, visit_info *visit, sol_diag *d)
{
    if (visit) {
        const char *v[3] = {sol_record_date(rec), sol_record_clinician(rec),
                            sol_record_visit(rec)};
        char **dst[3] = {&visit->date, &visit->clinician, &visit->visit};
        for (int i = 0; i < 3; i++)
            if (v[i] && !(*dst[i] = sol_strdup(v[i])))
                return sol_diag_set(d, SOL_ENOMEM, file, 0, "out of memory");
    }
    size_t nn = sol_record_note_count(rec);
    sol_note *nv = calloc(nn ? nn : 1, sizeof *nv);
    if (!nv)
        return sol_diag_set(d, SOL_ENOMEM, file, 0, "out of memory");
    for (size_t i = 0; i < nn; i++)
        nv[i] = *sol_record_note_at(rec, i);
    int rc = merge_notes(p, file, sol_record_findings(rec), nv, nn, sol_record_id(rec),
                         out_findings, out_id, d);
    free(nv);
    return rc;
}

int sol_pipeline_read_intake(sol_pipeline *p, const sol_intake *in, sol_findings **out_findings,
                             char **out_id, sol_diag *d)
{
    return merge_notes(p, in->file, in->findings, in->notes, in->nnotes, in->id, out_findings,
                       out_id, d);
}

static int read_buf(sol_pipeline *p, sol_input in, const char *buf, size_t len, const char *name,
                    sol_findings **out_findings, char **out_id, visit_info *visit, sol_diag *d)
{
    int rc;
    *out_findings = NULL;
    *out_id = NULL;
    if (in == SOL_INPUT_FHIR) {
        sol_intake *it = NULL;
        if ((rc = sol_fhir_read(&it, buf, len, name, p->vocab, d)) == SOL_OK)
            rc = sol_pipeline_read_intake(p, it, out_findings, out_id, d);
        sol_intake_free(it);
        return rc;
    }
    sol_record *rec = NULL;
    if ((rc = sol_record_parse_with(&rec, buf, len, name, p->schema, p->vocab, d)) == SOL_OK)
        rc = from_record(p, rec, name, out_findings, out_id, visit, d);
    sol_record_free(rec);
    return rc;
}

int sol_pipeline_read_buf(sol_pipeline *p, sol_input in, const char *buf, size_t len,
                          const char *name, sol_findings **out_findings, char **out_id,
                          sol_diag *d)
{
    return read_buf(p, in, buf, len, name, out_findings, out_id, NULL, d);
}

static int read_as(sol_pipeline *p, sol_input in, const char *path, sol_findings **out_findings,
                   char **out_id, visit_info *visit, sol_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    *out_findings = NULL;
    *out_id = NULL;
    int rc = sol_read_file(&buf, &len, path, SOL_RECORD_MAX_BYTES, d);
    if (rc == SOL_OK)
        rc = read_buf(p, in, buf, len, path, out_findings, out_id, visit, d);
    free(buf);
    return rc;
}

int sol_pipeline_read_as(sol_pipeline *p, sol_input in, const char *path,
                         sol_findings **out_findings, char **out_id, sol_diag *d)
{
    return read_as(p, in, path, out_findings, out_id, NULL, d);
}

int sol_pipeline_read(sol_pipeline *p, const char *path, sol_findings **out_findings,
                      char **out_id, sol_diag *d)
{
    return sol_pipeline_read_as(p, SOL_INPUT_XML, path, out_findings, out_id, d);
}

int sol_pipeline_assess(sol_pipeline *p, const char *record_id, const char *file,
                        const sol_findings *f, sol_assessment **out, sol_diag *d)
{
    int rc;
    *out = NULL;
    sol_assessment *a = calloc(1, sizeof *a);
    if (!a)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    a->findings = sol_findings_clone(f);
    if (!a->findings) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        goto cleanup;
    }
    if ((rc = sol_engine_run(p->engine, a->findings, &a->graph, d)))
        goto cleanup;
    if ((rc = sol_report_build(&a->report, record_id, file, a->findings, a->graph, p->cat,
                               p->vocab, p->by_name, p->ndocs, d)))
        goto cleanup;
    /* Which findings some rule reads, so the report can list the recorded
     * ones no rule uses. */
    sol_report_set_rule_reads(a->report, p->reads, p->nreads);
    sol_report_set_table_rules(a->report, p->tables, p->ntables);
    *out = a;
    a = NULL;
cleanup:
    sol_assessment_free(a);
    return rc;
}

int sol_pipeline_assess_next(sol_pipeline *p, sol_assessment *a, sol_diag *d)
{
    sol_nextbest *nb = NULL;
    int rc = sol_nextbest_compute(&nb, p, a->findings, a->report, d);
    if (rc == SOL_OK)
        sol_nextbest_attach(nb, a->report);
    return rc;
}

void sol_assessment_free(sol_assessment *a)
{
    if (!a)
        return;
    sol_report_free(a->report);
    sol_graph_free(a->graph);
    sol_findings_free(a->findings);
    free(a);
}

const sol_vocab *sol_pipeline_vocab(const sol_pipeline *p) { return p->vocab; }
const sol_catalog *sol_pipeline_catalog(const sol_pipeline *p) { return p->cat; }
sol_engine *sol_pipeline_engine(sol_pipeline *p) { return p->engine; }

int sol_pipeline_use_kb(sol_pipeline *p, sol_diag *d)
{
    sol_kb_rows rows = {0};
    if (p->kb)
        return SOL_OK;
    int rc = sol_kb_rows_build(&rows, p->cat, p->knowledge_dir, d);
    if (rc == SOL_OK)
        rc = load_kb(p, &rows, 0, d);
    sol_kb_rows_free(&rows);
    return rc;
}

const sol_kb *sol_pipeline_kb(const sol_pipeline *p)
{
    /* A caller that did not ask first still gets the model; the rule files
     * matched the saved sum, so only memory can fail here. */
    if (!p->kb)
        sol_pipeline_use_kb((sol_pipeline *)p, NULL);
    return p->kb;
}
sol_notes *sol_pipeline_notes(sol_pipeline *p) { return p->notes; }

int sol_pipeline_read_assess(sol_pipeline *p, const char *path, sol_findings **out_findings,
                             char **out_id, sol_assessment **out, sol_diag *d)
{
    return sol_pipeline_read_assess_as(p, SOL_INPUT_XML, path, out_findings, out_id, out, d);
}

int sol_pipeline_read_assess_as(sol_pipeline *p, sol_input in, const char *path,
                                sol_findings **out_findings, char **out_id, sol_assessment **out,
                                sol_diag *d)
{
    visit_info visit = {NULL, NULL, NULL};
    *out = NULL;
    int rc = read_as(p, in, path, out_findings, out_id, &visit, d);
    if (rc) {
        visit_clear(&visit);
        return rc;
    }
    rc = sol_pipeline_assess(p, *out_id, path, *out_findings, out, d);
    if (!rc && sol_report_set_visit((*out)->report, visit.date, visit.clinician, visit.visit)) {
        sol_assessment_free(*out);
        *out = NULL;
        rc = sol_diag_set(d, SOL_ENOMEM, path, 0, "out of memory");
    }
    visit_clear(&visit);
    if (rc) {
        sol_findings_free(*out_findings);
        free(*out_id);
        *out_findings = NULL;
        *out_id = NULL;
    }
    return rc;
}
