/* kb.c — builds the knowledge-base model from the .clp source in rules/:
 * walks every file's constructs (defrule via kb_rule.c, deftemplate,
 * deffunction, defmodule), takes knowledge/thresholds.tsv from the
 * catalogue's reader so numeric tests against a (threshold …) fact can be
 * judged, and answers queries.
 * Evaluation lives in kb_eval.c. */
#include "kb_int.h"
#include "catalog.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KB_MAX_FILE (4u * 1024u * 1024u)

static int parse_deftemplate(kb_builder *b, const kb_node *n)
{
    sol_kb_template *t;
    kb_vec slots;
    size_t had;

    if (n->nkids < 2 || !kb_atom(n->kids[1]))
        return sol_diag_set(b->d, SOL_EPARSE, b->file, n->line, "deftemplate without a name");
    t = kb_vec_push(&b->templates);
    if (!t || kb_split_name(b, n->kids[1]->text, &t->module, &t->name) != SOL_OK)
        return kb_oom(b, n->line);
    t->file = b->file;
    t->line = n->line;
    kb_vec_init(&slots, sizeof(const char *));
    for (size_t i = 2; i < n->nkids; i++) {
        const kb_node *s = n->kids[i];
        const char **slot;

        if (s->type != KB_LIST || s->nkids < 2 || !kb_atom(s->kids[1]) ||
            !(kb_is_atom(s->kids[0], "slot") || kb_is_atom(s->kids[0], "multislot") ||
              kb_is_atom(s->kids[0], "field") || kb_is_atom(s->kids[0], "multifield")))
            continue;
        slot = kb_vec_push(&slots);
        if (!slot) {
            kb_vec_free(&slots);
            return kb_oom(b, s->line);
        }
        *slot = s->kids[1]->text;
    }
    had = slots.n;
    t->slots = kb_vec_finish(&slots, b->a, &t->nslots);
    return had && !t->slots ? kb_oom(b, n->line) : SOL_OK;
}

static int parse_form(kb_builder *b, const kb_node *n)
{
    const char *head = n->type == KB_LIST && n->nkids ? kb_atom(n->kids[0]) : NULL;

    if (!head)
        return sol_diag_set(b->d, SOL_EPARSE, b->file, n->line,
                            "expected a construct such as (defrule …)");
    if (strcmp(head, "defrule") == 0)
        return kb_parse_defrule(b, n);
    if (strcmp(head, "deftemplate") == 0)
        return parse_deftemplate(b, n);
    if (strcmp(head, "deffunction") == 0) {
        sol_kb_function *f;

        if (n->nkids < 2 || !kb_atom(n->kids[1]))
            return sol_diag_set(b->d, SOL_EPARSE, b->file, n->line, "deffunction without a name");
        f = kb_vec_push(&b->functions);
        if (!f || kb_split_name(b, n->kids[1]->text, &f->module, &f->name) != SOL_OK)
            return kb_oom(b, n->line);
        f->file = b->file;
        f->line = n->line;
        return SOL_OK;
    }
    if (strcmp(head, "defmodule") == 0) {
        const char **slot;

        if (n->nkids < 2 || !kb_atom(n->kids[1]))
            return sol_diag_set(b->d, SOL_EPARSE, b->file, n->line, "defmodule without a name");
        b->module = n->kids[1]->text;
        for (size_t i = 0; i < b->modules.n; i++)
            if (strcmp(((const char **)b->modules.p)[i], b->module) == 0)
                return SOL_OK;
        slot = kb_vec_push(&b->modules);
        if (!slot)
            return kb_oom(b, n->line);
        *slot = b->module;
    }
    return SOL_OK; /* defglobal, deffacts …: not modelled */
}

static int parse_text(kb_builder *b, const char *text, const char *file)
{
    kb_node **forms;
    size_t n;
    int rc;

    b->file = kb_strdup(b->a, file);
    if (!b->file)
        return kb_oom(b, 0);
    rc = kb_read(b->a, text, b->file, &forms, &n, b->d);
    for (size_t i = 0; i < n && rc == SOL_OK; i++)
        rc = parse_form(b, forms[i]);
    return rc;
}

/* ---- thresholds.tsv ---- */

/* The catalogue's reading of thresholds.tsv (one reader, one set of
 * checks for every command), copied into the model's arena. */
static int load_thresholds(sol_kb *kb, const char *dir, sol_diag *d)
{
    sol_catalog *cat = NULL;
    char path[1024];
    size_t n;
    int rc = sol_catalog_load_thresholds(&cat, dir, d);

    n = sol_catalog_threshold_count(cat);
    if (rc == SOL_OK && n && !(kb->thresholds = kb_alloc(&kb->arena, n * sizeof *kb->thresholds)))
        rc = sol_diag_set(d, SOL_ENOMEM, dir, 0, "out of memory");
    for (size_t i = 0; rc == SOL_OK && i < n; i++) {
        const sol_threshold *t = sol_catalog_threshold_at(cat, i);
        sol_kb_threshold *k = &kb->thresholds[kb->nthresholds++];

        k->value = t->value;
        k->line = t->line;
        if (!(k->name = kb_strdup(&kb->arena, t->name)))
            rc = sol_diag_set(d, SOL_ENOMEM, dir, 0, "out of memory");
    }
    snprintf(path, sizeof path, "%s/thresholds.tsv", dir);
    if (rc == SOL_OK && !(kb->thresholds_file = kb_strdup(&kb->arena, path)))
        rc = sol_diag_set(d, SOL_ENOMEM, dir, 0, "out of memory");
    if (rc == SOL_OK)
        kb->thresholds_cat = cat;
    else
        sol_catalog_free(cat);
    return rc;
}

/* ---- loading ---- */

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void builder_init(kb_builder *b, sol_kb *kb, sol_diag *d)
{
    memset(b, 0, sizeof *b);
    b->kb = kb;
    b->a = &kb->arena;
    b->d = d;
    b->module = "MAIN";
    kb_vec_init(&b->rules, sizeof(sol_kb_rule));
    kb_vec_init(&b->modules, sizeof(const char *));
    kb_vec_init(&b->templates, sizeof(sol_kb_template));
    kb_vec_init(&b->functions, sizeof(sol_kb_function));
}

/* Every rule's own id from its family (the doc id), in file order. The
 * batch form: one sort instead of a scan of every rule per rule. */
static int assign_ids(sol_kb *kb, sol_diag *d)
{
    size_t n = kb->nrules ? kb->nrules : 1;
    const char **fam = calloc(n, sizeof *fam);
    char **uid = calloc(n, sizeof *uid);
    int rc = fam && uid ? SOL_OK : SOL_ENOMEM;

    for (size_t i = 0; rc == SOL_OK && i < kb->nrules; i++)
        fam[i] = kb->rules[i].family = kb->rules[i].id;
    if (rc == SOL_OK)
        rc = sol_rule_uids(uid, fam, kb->nrules);
    for (size_t i = 0; rc == SOL_OK && i < kb->nrules; i++)
        if (fam[i] && !(kb->rules[i].id = kb_strdup(&kb->arena, uid[i])))
            rc = SOL_ENOMEM;
    for (size_t i = 0; uid && i < kb->nrules; i++)
        free(uid[i]);
    free(uid);
    free(fam);
    return rc == SOL_OK ? SOL_OK : sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
}

int sol_kb_rule_selected(const sol_kb_rule *r, const char *selector)
{
    if (!r)
        return 0;
    if (sol_rule_id_selects(selector, r->id, r->family))
        return 1;
    /* A table-driven rule is also its rows' brief ids (a sign-set row's
     * votes carry the row's R07, not the generic rule's id). */
    for (size_t i = 0; r->table && i < r->nrows; i++)
        for (size_t k = 0; k < r->rows[i].nactions; k++) {
            const sol_kb_action *a = &r->rows[i].actions[k];
            if (a->kind == SOL_KB_ACT_EVIDENCE && a->family &&
                sol_rule_id_selects(selector, NULL, a->family))
                return 1;
        }
    return 0;
}

static int builder_finish(kb_builder *b, int rc)
{
    sol_kb *kb = b->kb;
    size_t want = b->rules.n + b->modules.n + b->templates.n + b->functions.n;

    kb->rules = kb_vec_finish(&b->rules, b->a, &kb->nrules);
    kb->modules = kb_vec_finish(&b->modules, b->a, &kb->nmodules);
    kb->templates = kb_vec_finish(&b->templates, b->a, &kb->ntemplates);
    kb->functions = kb_vec_finish(&b->functions, b->a, &kb->nfunctions);
    if (rc == SOL_OK && kb->nrules + kb->nmodules + kb->ntemplates + kb->nfunctions != want)
        rc = sol_diag_set(b->d, SOL_ENOMEM, "", 0, "out of memory");
    if (rc == SOL_OK)
        rc = assign_ids(kb, b->d);
    if (rc == SOL_OK)
        rc = kb_index_units(kb, b->d);
    return rc;
}

int kb_index_units(sol_kb *kb, sol_diag *d)
{
    size_t n = 0;
    const sol_kb_rule **u;

    for (size_t i = 0; i < kb->nrules; i++)
        n += kb->rules[i].table ? kb->rules[i].nrows : 1;
    u = kb_alloc(&kb->arena, (n ? n : 1) * sizeof *u);
    if (!u)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    n = 0;
    for (size_t i = 0; i < kb->nrules; i++) {
        if (!kb->rules[i].table)
            u[n++] = &kb->rules[i];
        for (size_t k = 0; kb->rules[i].table && k < kb->rules[i].nrows; k++)
            u[n++] = &kb->rules[i].rows[k];
    }
    kb->units = u;
    kb->nunits = n;
    return SOL_OK;
}

size_t sol_kb_unit_count(const sol_kb *kb) { return kb ? kb->nunits : 0; }

const sol_kb_rule *sol_kb_unit_at(const sol_kb *kb, size_t i)
{
    return kb && i < kb->nunits ? kb->units[i] : NULL;
}

int sol_kb_parse(sol_kb **out, const char *text, const char *name, sol_diag *d)
{
    sol_kb *kb = calloc(1, sizeof *kb);
    kb_builder b;
    int rc;

    *out = NULL;
    if (!kb)
        return sol_diag_set(d, SOL_ENOMEM, name, 0, "out of memory");
    builder_init(&b, kb, d);
    rc = builder_finish(&b, parse_text(&b, text, name));
    if (rc != SOL_OK) {
        sol_kb_free(kb);
        return rc;
    }
    *out = kb;
    return SOL_OK;
}

int sol_kb_load(sol_kb **out, const char *rules_dir, const char *knowledge_dir, sol_diag *d)
{
    sol_kb *kb = calloc(1, sizeof *kb);
    kb_builder b;
    DIR *dir = NULL;
    struct dirent *e;
    char **names = NULL, *text = NULL;
    size_t n = 0, cap = 0;
    int rc = SOL_OK;

    *out = NULL;
    if (!kb)
        return sol_diag_set(d, SOL_ENOMEM, rules_dir, 0, "out of memory");
    builder_init(&b, kb, d);
    if (knowledge_dir)
        rc = load_thresholds(kb, knowledge_dir, d);
    if (rc != SOL_OK)
        goto cleanup;
    dir = opendir(rules_dir);
    if (!dir) {
        rc = sol_diag_set(d, SOL_EIO, rules_dir, 0, "cannot open the rules directory");
        goto cleanup;
    }
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);

        if (len < 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".clp") != 0)
            continue;
        if (sol_grow((void **)&names, &cap, n + 1, sizeof *names)) {
            rc = sol_diag_set(d, SOL_ENOMEM, rules_dir, 0, "out of memory");
            goto cleanup;
        }
        if (!(names[n] = sol_strdup(e->d_name))) {
            rc = sol_diag_set(d, SOL_ENOMEM, rules_dir, 0, "out of memory");
            goto cleanup;
        }
        n++;
    }
    if (n == 0) {
        rc = sol_diag_set(d, SOL_EIO, rules_dir, 0, "no .clp files found");
        goto cleanup;
    }
    sol_sort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && rc == SOL_OK; i++) {
        char path[1024];

        snprintf(path, sizeof path, "%s/%s", rules_dir, names[i]);
        rc = sol_read_file(&text, NULL, path, KB_MAX_FILE, d);
        if (rc == SOL_OK)
            rc = parse_text(&b, text, path);
        free(text);
        text = NULL;
    }
cleanup:
    rc = builder_finish(&b, rc);
    if (dir)
        closedir(dir);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (rc != SOL_OK) {
        sol_kb_free(kb);
        return rc;
    }
    *out = kb;
    return SOL_OK;
}

void sol_kb_free(sol_kb *kb)
{
    if (!kb)
        return;
    kb_arena_free(&kb->arena);
    sol_catalog_free(kb->thresholds_cat);
    free(kb);
}

/* ---- queries ---- */

size_t sol_kb_rule_count(const sol_kb *kb) { return kb ? kb->nrules : 0; }

const sol_kb_rule *sol_kb_rule_at(const sol_kb *kb, size_t i)
{
    return kb && i < kb->nrules ? &kb->rules[i] : NULL;
}

const sol_kb_rule *sol_kb_rule_find(const sol_kb *kb, const char *name)
{
    const sol_kb_rule *hit = NULL;

    if (!kb || !name)
        return NULL;
    for (size_t i = 0; i < kb->nrules; i++) {
        if (strcmp(kb->rules[i].qname, name) == 0)
            return &kb->rules[i];
        if (strcmp(kb->rules[i].name, name) == 0) {
            if (hit)
                return NULL; /* ambiguous bare name */
            hit = &kb->rules[i];
        }
    }
    return strstr(name, "::") ? NULL : hit;
}

long sol_kb_rule_index(const sol_kb *kb, const sol_kb_rule *r)
{
    if (!kb || !r || r < kb->rules || r >= kb->rules + kb->nrules)
        return -1;
    return (long)(r - kb->rules);
}

size_t sol_kb_module_count(const sol_kb *kb) { return kb ? kb->nmodules : 0; }

const char *sol_kb_module_at(const sol_kb *kb, size_t i)
{
    return kb && i < kb->nmodules ? kb->modules[i] : NULL;
}

size_t sol_kb_template_count(const sol_kb *kb) { return kb ? kb->ntemplates : 0; }

const sol_kb_template *sol_kb_template_at(const sol_kb *kb, size_t i)
{
    return kb && i < kb->ntemplates ? &kb->templates[i] : NULL;
}

size_t sol_kb_function_count(const sol_kb *kb) { return kb ? kb->nfunctions : 0; }

const sol_kb_function *sol_kb_function_at(const sol_kb *kb, size_t i)
{
    return kb && i < kb->nfunctions ? &kb->functions[i] : NULL;
}

size_t sol_kb_threshold_count(const sol_kb *kb) { return kb ? kb->nthresholds : 0; }

const sol_kb_threshold *sol_kb_threshold_at(const sol_kb *kb, size_t i)
{
    return kb && i < kb->nthresholds ? &kb->thresholds[i] : NULL;
}

const sol_kb_threshold *sol_kb_threshold_find(const sol_kb *kb, const char *name)
{
    for (size_t i = 0; kb && name && i < kb->nthresholds; i++)
        if (strcmp(kb->thresholds[i].name, name) == 0)
            return &kb->thresholds[i];
    return NULL;
}

const char *sol_kb_thresholds_file(const sol_kb *kb) { return kb ? kb->thresholds_file : NULL; }

const sol_kb_action *sol_kb_rule_asserts(const sol_kb_rule *r, const char *conclusion,
                                         const char *polarity)
{
    for (size_t i = 0; r && conclusion && i < r->nactions; i++) {
        const sol_kb_action *a = &r->actions[i];

        if (a->kind == SOL_KB_ACT_EVIDENCE && a->conclusion &&
            strcmp(a->conclusion, conclusion) == 0 &&
            (!polarity || (a->polarity && strcmp(a->polarity, polarity) == 0)))
            return a;
    }
    return NULL;
}
