/* lint.c — runs the knowledge-base checks: loads the rules model, the
 * vocabulary and the catalogues (a part that fails to load becomes a "load"
 * message), hands them to lint_checks.c, and keeps the sorted messages. */
#include "lint_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sol_lint {
    sol_lint_msg *msgs;
    size_t n, cap;
};

static const sol_lint_check checks[] = {
    {"load", SOL_LINT_ERROR,
     "a rule or knowledge file cannot be read or parsed; checks that need it are skipped"},
    {"rule-doc", SOL_LINT_ERROR,
     "a rule has no doc string, or it is not \"Rnn | S1,L16 | rationale\" (id Rnn or X-name)"},
    {"rule-no-sources", SOL_LINT_ERROR,
     "a rule that concludes something (evidence, advice, recommendation, gate) cites no source (\"-\")"},
    {"rule-no-rationale", SOL_LINT_ERROR, "a rule's doc string has an empty rationale"},
    {"unknown-source", SOL_LINT_ERROR,
     "a source id cited by a rule or a knowledge file is not in sources.tsv"},
    {"unknown-finding", SOL_LINT_ERROR,
     "a rule reads (or advises) a finding that is not in vocabulary.tsv: the pattern can never match"},
    {"bad-value", SOL_LINT_ERROR,
     "a rule compares a finding with a value its vocabulary type does not allow, or a number outside its range"},
    {"unused-finding", SOL_LINT_WARNING,
     "a vocabulary entry that no rule reads (fine for fields only the host or the report uses)"},
    {"unreachable-conclusion", SOL_LINT_ERROR,
     "a conclusion in conditions.tsv that no rule supports, so it can never be concluded"},
    {"unknown-conclusion", SOL_LINT_ERROR,
     "a rule asserts, recommends for or tests a conclusion that is not in conditions.tsv"},
    {"no-description", SOL_LINT_ERROR,
     "a conclusion in conditions.tsv has no description (\"-\")"},
    {"no-recommendation", SOL_LINT_ERROR,
     "a conclusion of a managed tier (tiers.tsv) for which no MANAGE rule recommends anything "
     "and no applied referrals.tsv row refers it"},
    {"unknown-recommendation", SOL_LINT_ERROR,
     "a rule asserts a recommendation id that is not in recommendations.tsv"},
    {"unused-recommendation", SOL_LINT_WARNING,
     "a recommendation in recommendations.tsv that no rule asserts"},
    {"unknown-strength", SOL_LINT_ERROR,
     "a rule asserts evidence with a strength that is not in strengths.tsv"},
    {"strength-above-evidence", SOL_LINT_ERROR,
     "a rule's evidence is stronger than the evidence level of every source it cites allows "
     "(levels in sources.tsv, the levels each strength needs in strengths.tsv)"},
    {"duplicate-rule", SOL_LINT_ERROR,
     "two rules have the same MODULE::name (CLIPS silently keeps the last)"},
    {"duplicate-conditions", SOL_LINT_ERROR,
     "two rules with the same conditions cast the same vote (conclusion and polarity): "
     "one is redundant and the vote counts twice"},
    {"subsumed-rule", SOL_LINT_WARNING,
     "a rule needs everything another rule with the same vote needs, and more: it only ever adds a "
     "second vote (deliberate for contributory rules, so a warning)"},
    {"support-and-oppose", SOL_LINT_ERROR,
     "the same conditions both support and oppose one conclusion"},
    {"unknown-threshold", SOL_LINT_ERROR,
     "a rule reads a threshold that is not in thresholds.tsv: the rule can never fire"},
    {"unused-threshold", SOL_LINT_WARNING, "a threshold in thresholds.tsv that no rule reads"},
    {"printout", SOL_LINT_ERROR,
     "a rule prints; rules conclude only by asserting facts, presentation belongs to the writers"},
    {"untested-note-pattern", SOL_LINT_WARNING,
     "a row of note-patterns.tsv that no sentence in tests/notes/sentences.tsv exercises"},
    {"contraindication", SOL_LINT_ERROR,
     "a rule can give a recommendation while a conclusion or state that contraindicates it "
     "(contraindications.tsv) stands"},
    {"severity-order", SOL_LINT_ERROR,
     "a conclusion of a tier listed by severity (tiers.tsv) without a rank in severity.tsv, or "
     "ranks that contradict urgency (urgency.tsv)"},
    {"policy-table", SOL_LINT_ERROR,
     "the listing-policy tables disagree with the knowledge: a red flag in a tier listed by "
     "certainty (tiers.tsv), a recommendation phase not in phases.tsv, a population.tsv rule "
     "id no rule has, a red flag without an applied referral (referrals.tsv)"},
    {"table-row", SOL_LINT_ERROR,
     "a row of wells.tsv or sign-sets.tsv names an unknown finding or value, or no rule "
     "applies it; a vocabulary entry marked wells without a row in wells.tsv"},
    {"must-not-miss", SOL_LINT_ERROR,
     "a must-not-miss.tsv row naming an unknown finding or value, or a red flag with no "
     "presentation"},
};

const sol_lint_check *sol_lint_checks(size_t *n)
{
    if (n)
        *n = sizeof checks / sizeof checks[0];
    return checks;
}

static sol_lint_severity severity_of(const char *check)
{
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        if (strcmp(checks[i].name, check) == 0)
            return checks[i].severity;
    return SOL_LINT_ERROR;
}

void lint_add(lint_ctx *c, const char *file, int line, const char *check, const char *fmt, ...)
{
    sol_lint *l = c->out;
    sol_lint_msg *m;
    char text[1024];
    va_list ap;

    if (sol_grow((void **)&l->msgs, &l->cap, l->n + 1, sizeof *l->msgs)) {
        c->nomem = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    /* Said once: the rule model and the catalogue meet the same broken
     * table row (both read thresholds.tsv through one reader). */
    for (size_t i = 0; i < l->n; i++)
        if (l->msgs[i].line == line && l->msgs[i].check == check &&
            strcmp(l->msgs[i].file, file ? file : "") == 0 && strcmp(l->msgs[i].text, text) == 0)
            return;
    m = &l->msgs[l->n];
    m->file = sol_strdup(file ? file : "");
    m->check = check; /* static: the check table or a literal */
    m->text = sol_strdup(text);
    m->line = line;
    m->severity = severity_of(check);
    if (!m->file || !m->text) {
        free((char *)m->file);
        free((char *)m->text);
        c->nomem = 1;
        return;
    }
    l->n++;
}

static int cmp_msg(const void *x, const void *y)
{
    const sol_lint_msg *a = x, *b = y;
    int r = strcmp(a->file, b->file);

    if (r)
        return r;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    r = strcmp(a->check, b->check);
    return r ? r : strcmp(a->text, b->text);
}

int sol_lint_run(sol_lint **out, const char *rules_dir, const char *knowledge_dir, sol_diag *d)
{
    lint_ctx c;
    sol_kb *kb = NULL;
    sol_vocab *vocab = NULL;
    sol_catalog *cat = NULL;
    sol_diag e = {"", 0, ""};
    int rc = SOL_OK;

    *out = NULL;
    memset(&c, 0, sizeof c);
    c.out = calloc(1, sizeof *c.out);
    if (!c.out)
        return sol_diag_set(d, SOL_ENOMEM, "", 0, "out of memory");
    c.rules_dir = rules_dir;
    c.knowledge_dir = knowledge_dir;
    snprintf(c.vocab_path, sizeof c.vocab_path, "%s/vocabulary.tsv", knowledge_dir);
    snprintf(c.conditions_path, sizeof c.conditions_path, "%s/conditions.tsv", knowledge_dir);
    snprintf(c.recommendations_path, sizeof c.recommendations_path, "%s/recommendations.tsv",
             knowledge_dir);
    snprintf(c.thresholds_path, sizeof c.thresholds_path, "%s/thresholds.tsv", knowledge_dir);

    rc = sol_kb_load(&kb, rules_dir, knowledge_dir, &e);
    if (rc == SOL_ENOMEM)
        goto cleanup;
    if (rc != SOL_OK)
        lint_add(&c, e.file, e.line, "load", "%s", e.msg);
    rc = sol_vocab_load(&vocab, c.vocab_path, &e);
    if (rc == SOL_ENOMEM)
        goto cleanup;
    if (rc != SOL_OK)
        lint_add(&c, e.file, e.line, "load", "%s", e.msg);
    rc = sol_catalog_load(&cat, knowledge_dir, &e);
    if (rc == SOL_ENOMEM)
        goto cleanup;
    if (rc != SOL_OK)
        lint_add(&c, e.file, e.line, "load", "%s", e.msg);
    /* The model is expanded over the same table rows the pipeline asserts,
     * so the checks see each row's findings. */
    if (kb && cat) {
        sol_kb_rows rows;
        rc = sol_kb_rows_build(&rows, cat, knowledge_dir, &e);
        if (rc == SOL_OK) {
            rc = sol_kb_expand(kb, rows.rows, rows.n, &e);
            sol_kb_rows_free(&rows);
        }
        if (rc == SOL_ENOMEM)
            goto cleanup;
        if (rc != SOL_OK)
            lint_add(&c, e.file, e.line, "load", "%s", e.msg);
    }
    rc = SOL_OK;
    c.kb = kb;
    c.vocab = vocab;
    c.cat = cat;
    lint_run_checks(&c);
    if (c.nomem)
        rc = SOL_ENOMEM;
    else if (c.out->n)
        sol_sort(c.out->msgs, c.out->n, sizeof *c.out->msgs, cmp_msg);

cleanup:
    sol_catalog_free(cat);
    sol_vocab_free(vocab);
    sol_kb_free(kb);
    if (rc != SOL_OK) {
        sol_lint_free(c.out);
        return sol_diag_set(d, rc, "", 0, "out of memory");
    }
    *out = c.out;
    return SOL_OK;
}

void sol_lint_free(sol_lint *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        free((char *)l->msgs[i].file);
        free((char *)l->msgs[i].text);
    }
    free(l->msgs);
    free(l);
}

size_t sol_lint_count(const sol_lint *l) { return l ? l->n : 0; }

const sol_lint_msg *sol_lint_at(const sol_lint *l, size_t i)
{
    return l && i < l->n ? &l->msgs[i] : NULL;
}

static size_t count_severity(const sol_lint *l, sol_lint_severity s)
{
    size_t n = 0;

    for (size_t i = 0; l && i < l->n; i++)
        n += l->msgs[i].severity == s;
    return n;
}

size_t sol_lint_error_count(const sol_lint *l) { return count_severity(l, SOL_LINT_ERROR); }

size_t sol_lint_warning_count(const sol_lint *l) { return count_severity(l, SOL_LINT_WARNING); }

const char *sol_lint_format(const sol_lint_msg *m, char *buf, size_t len)
{
    const char *sev = m->severity == SOL_LINT_ERROR ? "error" : "warning";

    if (m->file[0] && m->line > 0)
        snprintf(buf, len, "%s:%d: %s: %s [%s]", m->file, m->line, sev, m->text, m->check);
    else if (m->file[0])
        snprintf(buf, len, "%s: %s: %s [%s]", m->file, sev, m->text, m->check);
    else
        snprintf(buf, len, "%s: %s [%s]", sev, m->text, m->check);
    return buf;
}
