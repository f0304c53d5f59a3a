/* pipeline.c — loads the knowledge once and runs the stages for a command.
 * Knowledge facts (screen items, conditions, strengths, thresholds) come from
 * knowledge/ and are handed to the engine, which asserts them after resets. */
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notes.h"
#include "record.h"

struct sol_pipeline {
    char *rules_dir, *knowledge_dir;
    sol_schema *schema;     /* knowledge/record.rng, compiled once */
    sol_vocab *vocab;
    sol_catalog *cat;
    sol_notes *notes;
    sol_engine *engine;
    sol_ruledoc *docs;
    size_t ndocs;
};

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

/* knowledge/thresholds.tsv: name, value, unit, status, sources, note. */
static int add_thresholds(sol_pipeline *p, sol_diag *d)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/thresholds.tsv", p->knowledge_dir);
    char *text = NULL;
    size_t len;
    int rc = sol_read_file(&text, &len, path, 1u << 20, d);
    if (rc != SOL_OK)
        return rc;
    int lineno = 0;
    char *line;
    for (char *cursor = text; (line = sol_next_line(&cursor, &lineno)) != NULL;) {
        char *tab = strchr(line, '\t');
        char *end = NULL;
        double v = tab ? strtod(tab + 1, &end) : 0;
        if (!tab || end == tab + 1) {
            rc = sol_diag_set(d, SOL_EPARSE, path, lineno, "expected 'name<TAB>number…'");
            break;
        }
        *tab = '\0';
        sol_slotval sv[2] = {{"name", sym(line)}, {"value", real(v)}};
        rc = sol_engine_add_knowledge(p->engine, "threshold", sv, 2, d);
        if (rc)
            break;
    }
    free(text);
    return rc;
}

static int add_knowledge(sol_pipeline *p, sol_diag *d)
{
    int rc;
    for (size_t i = 0; i < sol_vocab_count(p->vocab); i++) {
        const sol_term *t = sol_vocab_at(p->vocab, i);
        if (!t->screen || strcmp(t->screen, "-") == 0)
            continue;
        char screens[64];
        snprintf(screens, sizeof screens, "%s", t->screen);
        for (char *s = strtok(screens, ","); s; s = strtok(NULL, ",")) {
            sol_slotval sv[2] = {{"name", sym(t->name)}, {"screen", sym(s)}};
            if ((rc = sol_engine_add_knowledge(p->engine, "screen-item", sv, 2, d)))
                return rc;
        }
    }
    for (size_t i = 0; i < sol_catalog_condition_count(p->cat); i++) {
        const sol_condition *c = sol_catalog_condition_at(p->cat, i);
        char tier[2] = {c->tier, 0};
        sol_slotval sv[4] = {{"id", sym(c->id)},
                             {"tier", sym(tier)},
                             {"urgency", sym(c->urgency)},
                             {"suppresses", sym(c->suppresses ? "yes" : "no")}};
        if ((rc = sol_engine_add_knowledge(p->engine, "condition", sv, 4, d)))
            return rc;
    }
    for (size_t i = 0; i < sol_catalog_strength_count(p->cat); i++) {
        const sol_strength *s = sol_catalog_strength_at(p->cat, i);
        sol_slotval sv[2] = {{"strength", sym(s->strength)}, {"cf", real(s->cf)}};
        if ((rc = sol_engine_add_knowledge(p->engine, "strength-cf", sv, 2, d)))
            return rc;
    }
    return add_thresholds(p, d);
}

int sol_pipeline_new(sol_pipeline **out, const char *rules_dir, const char *knowledge_dir,
                     sol_diag *d)
{
    int rc;
    char path[1024];
    *out = NULL;
    sol_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    p->rules_dir = sol_strdup(rules_dir);
    p->knowledge_dir = sol_strdup(knowledge_dir);
    if (!p->rules_dir || !p->knowledge_dir) {
        rc = sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
        goto cleanup;
    }
    snprintf(path, sizeof path, "%s/record.rng", knowledge_dir);
    if ((rc = sol_schema_load(&p->schema, path, d)))
        goto cleanup;
    snprintf(path, sizeof path, "%s/vocabulary.tsv", knowledge_dir);
    if ((rc = sol_vocab_load(&p->vocab, path, d)))
        goto cleanup;
    if ((rc = sol_catalog_load(&p->cat, knowledge_dir, d)))
        goto cleanup;
    snprintf(path, sizeof path, "%s/note-patterns.tsv", knowledge_dir);
    if ((rc = sol_notes_load(&p->notes, path, p->vocab, d)))
        goto cleanup;
    if ((rc = sol_engine_new(&p->engine, rules_dir, d)))
        goto cleanup;
    if ((rc = add_knowledge(p, d)))
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
    *out = p;
    p = NULL;
cleanup:
    sol_pipeline_free(p);
    return rc;
}

void sol_pipeline_free(sol_pipeline *p)
{
    if (!p)
        return;
    sol_engine_free(p->engine);
    sol_notes_free(p->notes);
    sol_catalog_free(p->cat);
    sol_vocab_free(p->vocab);
    sol_schema_free(p->schema);
    free(p->docs);
    free(p->rules_dir);
    free(p->knowledge_dir);
    free(p);
}

/* The findings of a parsed record: its structured ones merged with those
 * its notes state. path names the record in diagnostics. */
static int read_record(sol_pipeline *p, sol_record *rec, const char *path,
                       sol_findings **out_findings, char **out_id, sol_diag *d)
{
    sol_findings *notes = NULL, *all = NULL;
    char *id = NULL;
    int rc = SOL_OK;
    all = sol_findings_clone(sol_record_findings(rec));
    notes = sol_findings_new();
    id = sol_strdup(sol_record_id(rec));
    if (!all || !notes || !id) {
        rc = sol_diag_set(d, SOL_ENOMEM, path, 0, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < sol_record_note_count(rec); i++) {
        const sol_note *n = sol_record_note_at(rec, i);
        rc = sol_notes_extract(p->notes, n->text, strlen(n->text), n->path, n->line, notes, d);
        if (rc) {
            if (!d->file[0])
                snprintf(d->file, sizeof d->file, "%s", path);
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

int sol_pipeline_read(sol_pipeline *p, const char *path, sol_findings **out_findings,
                      char **out_id, sol_diag *d)
{
    sol_record *rec = NULL;
    *out_findings = NULL;
    *out_id = NULL;
    int rc = sol_record_load_with(&rec, path, p->schema, p->vocab, d);
    if (rc == SOL_OK)
        rc = read_record(p, rec, path, out_findings, out_id, d);
    sol_record_free(rec);
    return rc;
}

int sol_pipeline_read_buf(sol_pipeline *p, const char *buf, size_t len, const char *name,
                          sol_findings **out_findings, char **out_id, sol_diag *d)
{
    sol_record *rec = NULL;
    *out_findings = NULL;
    *out_id = NULL;
    int rc = sol_record_parse_with(&rec, buf, len, name, p->schema, p->vocab, d);
    if (rc == SOL_OK)
        rc = read_record(p, rec, name, out_findings, out_id, d);
    sol_record_free(rec);
    return rc;
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
                               p->vocab, p->docs, p->ndocs, d)))
        goto cleanup;
    *out = a;
    a = NULL;
cleanup:
    sol_assessment_free(a);
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
sol_notes *sol_pipeline_notes(sol_pipeline *p) { return p->notes; }
const char *sol_pipeline_rules_dir(const sol_pipeline *p) { return p->rules_dir; }
const char *sol_pipeline_knowledge_dir(const sol_pipeline *p) { return p->knowledge_dir; }

int sol_pipeline_read_assess(sol_pipeline *p, const char *path, sol_findings **out_findings,
                             char **out_id, sol_assessment **out, sol_diag *d)
{
    *out = NULL;
    int rc = sol_pipeline_read(p, path, out_findings, out_id, d);
    if (rc)
        return rc;
    rc = sol_pipeline_assess(p, *out_id, path, *out_findings, out, d);
    if (rc) {
        sol_findings_free(*out_findings);
        free(*out_id);
        *out_findings = NULL;
        *out_id = NULL;
    }
    return rc;
}
