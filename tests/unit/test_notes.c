/* test_notes.c — unit tests for the note matcher (src/notes.c) and the
 * merge of note findings (src/notes_merge.c): the sentence table in
 * tests/notes/sentences.tsv, pattern coverage, provenance, the red-flag
 * cases of the knowledge brief told as notes, limits and load errors. */
#include "harness.h"
#include "notes.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TEST_SENTENCES "tests/notes/sentences.tsv"

static sol_vocab *vocab_;
static sol_notes *notes_;

/* Loaded once per binary; freed at exit so leak checkers stay quiet. */
static void fixtures_free(void)
{
    sol_notes_free(notes_);
    sol_vocab_free(vocab_);
}

static const sol_notes *fixture(void)
{
    sol_diag d = {.line = 0};

    if (notes_)
        return notes_;
    if (sol_vocab_load(&vocab_, TEST_VOCAB, &d) != SOL_OK ||
        sol_notes_load(&notes_, TEST_PATTERNS, vocab_, &d) != SOL_OK) {
        printf("  fixture: %s:%d: %s\n", d.file, d.line, d.msg);
        return NULL;
    }
    atexit(fixtures_free);
    return notes_;
}

/* Write text to a fresh temporary file; returns its malloc'd path. */
static char *temp_file(const char *text)
{
    char *path = sol_strdup("/tmp/soleus-test-notes-XXXXXX");
    int fd;
    size_t len = strlen(text);

    if (!path)
        return NULL;
    fd = mkstemp(path);
    if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
        if (fd >= 0)
            close(fd);
        free(path);
        return NULL;
    }
    close(fd);
    return path;
}

/* Load a patterns file made of text; returns the load result. */
static int load_text(sol_notes **out, const char *text, sol_diag *d)
{
    char *path = temp_file(text);
    int rc;

    if (!path)
        return SOL_EIO;
    rc = sol_notes_load(out, path, vocab_, d);
    unlink(path);
    free(path);
    return rc;
}

static const char *const FATE[] = {"", "negated", "other", "uncertain", "vague", "value"};

/* The mentions of one text as sorted, space-joined tokens (see
 * sentences.tsv), into buf. Returns the scan result. */
static int tokens_of(const sol_notes *n, const char *text, size_t *hits, char *buf, size_t len)
{
    sol_note_mention *m = NULL;
    size_t nm = 0;
    char *tok[64];
    size_t nt = 0, used = 0;
    sol_diag d = {.line = 0};
    int rc = sol_notes_scan(&m, &nm, hits, n, text, strlen(text), "/t", 1, &d);

    buf[0] = '\0';
    if (rc != SOL_OK) {
        snprintf(buf, len, "error %d: %s", rc, d.msg);
        return rc;
    }
    for (size_t i = 0; i < nm && nt < 64; i++) {
        const sol_note_pattern *p = sol_notes_pattern_at(n, m[i].row);
        char t[256];

        if (m[i].fate == SOL_NOTE_KEPT)
            snprintf(t, sizeof t, "%s=%s%s", p->finding, m[i].value,
                     m[i].context == SOL_CTX_HISTORY ? "@history" : "");
        else
            snprintf(t, sizeof t, "%s!%s", p->finding, FATE[m[i].fate]);
        tok[nt++] = sol_strdup(t);
    }
    free(m);
    for (size_t i = 1; i < nt; i++) /* insertion sort: short lists */
        for (size_t j = i; j > 0 && strcmp(tok[j - 1], tok[j]) > 0; j--) {
            char *x = tok[j];
            tok[j] = tok[j - 1];
            tok[j - 1] = x;
        }
    for (size_t i = 0; i < nt; i++) {
        int w = snprintf(buf + used, len - used, "%s%s", i ? " " : "", tok[i] ? tok[i] : "?");
        if (w > 0 && (size_t)w < len - used)
            used += (size_t)w;
        free(tok[i]);
    }
    if (nt == 0)
        snprintf(buf, len, "-");
    return SOL_OK;
}

/* Sort the space-separated tokens of s in place (via a copy). */
static void sort_tokens(char *s)
{
    char *tok[64], *copy = sol_strdup(s), *p, *save = NULL;
    size_t nt = 0, used = 0, len = strlen(s) + 1;

    if (!copy)
        return;
    for (p = strtok_r(copy, " ", &save); p && nt < 64; p = strtok_r(NULL, " ", &save))
        tok[nt++] = p;
    for (size_t i = 1; i < nt; i++)
        for (size_t j = i; j > 0 && strcmp(tok[j - 1], tok[j]) > 0; j--) {
            char *x = tok[j];
            tok[j] = tok[j - 1];
            tok[j - 1] = x;
        }
    for (size_t i = 0; i < nt; i++)
        used += (size_t)snprintf(s + used, len - used, "%s%s", i ? " " : "", tok[i]);
    free(copy);
}

/* Run every sentence of the table; count rows and failures, and add each
 * pattern's hits into hits (may be NULL). */
static int run_table(const sol_notes *n, size_t *hits, int *rows, int *bad)
{
    char *buf = NULL, *p, *next;
    size_t len = 0;
    sol_diag d = {.line = 0};
    int line = 0;

    *rows = *bad = 0;
    if (sol_read_file(&buf, &len, TEST_SENTENCES, 1u << 20, &d) != SOL_OK) {
        printf("  %s: %s\n", TEST_SENTENCES, d.msg);
        return -1;
    }
    for (p = buf; p && *p; p = next) {
        char *nl = strchr(p, '\n'), *tab, got[2048];

        line++;
        next = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        if (*p == '#' || *p == '\0')
            continue;
        tab = strchr(p, '\t');
        if (!tab) {
            printf("  %s:%d: no TAB\n", TEST_SENTENCES, line);
            (*bad)++;
            continue;
        }
        *tab = '\0';
        (*rows)++;
        sort_tokens(tab + 1);
        tokens_of(n, p, hits, got, sizeof got);
        if (strcmp(got, tab + 1) != 0) {
            printf("  %s:%d: \"%s\"\n      expected: %s\n      got:      %s\n", TEST_SENTENCES,
                   line, p, tab + 1, got);
            (*bad)++;
        }
    }
    free(buf);
    return 0;
}

/* ------------------------------------------------------------------ */

static void test_notes__load(void)
{
    const sol_notes *n = fixture();
    size_t findings = 0, lexicon = 0;

    CHECK(n);
    for (size_t i = 0; i < sol_notes_pattern_count(n); i++) {
        const sol_note_pattern *p = sol_notes_pattern_at(n, i);
        CHECK(p && p->id && p->regex && p->line > 0);
        if (p->kind == SOL_NOTES_FINDING) {
            CHECK(sol_vocab_lookup(vocab_, p->finding));
            findings++;
        } else {
            CHECK(p->finding == NULL);
            lexicon++;
        }
    }
    CHECK(findings >= 50);
    CHECK(lexicon >= 20);
    CHECK(sol_notes_pattern_at(n, sol_notes_pattern_count(n)) == NULL);
}

static void test_notes__sentence_table(void)
{
    const sol_notes *n = fixture();
    int rows, bad;

    CHECK(n);
    CHECK_EQ_INT(run_table(n, NULL, &rows, &bad), 0);
    CHECK(rows >= 60);
    CHECK_EQ_INT(bad, 0);
}

/* Batch mode's JIT patterns (tried only where a match can start) read the
 * sentence table as the interpreter does. */
static void test_notes__sentence_table_jit(void)
{
    sol_notes *n = NULL;
    sol_diag d = {.line = 0};
    int rows, bad;

    CHECK(fixture());
    CHECK_EQ_INT(sol_notes_load(&n, TEST_PATTERNS, vocab_, &d), SOL_OK);
    CHECK(sol_notes_use_jit(n) > 0);
    CHECK_EQ_INT(run_table(n, NULL, &rows, &bad), 0);
    CHECK(rows >= 60);
    CHECK_EQ_INT(bad, 0);
    sol_notes_free(n);
}

/* Every row of note-patterns.tsv (phrases and lexicon) must be matched by
 * some sentence of the table: an unexercised pattern is untested. */
static void test_notes__every_pattern_exercised(void)
{
    const sol_notes *n = fixture();
    size_t count, *hits;
    int rows, bad, missing = 0;

    CHECK(n);
    count = sol_notes_pattern_count(n);
    hits = calloc(count, sizeof *hits);
    CHECK(hits);
    run_table(n, hits, &rows, &bad);
    for (size_t i = 0; i < count; i++)
        if (hits[i] == 0) {
            const sol_note_pattern *p = sol_notes_pattern_at(n, i);
            printf("  %s:%d: pattern '%s' is never matched by %s\n", TEST_PATTERNS, p->line,
                   p->id, TEST_SENTENCES);
            missing++;
        }
    free(hits);
    CHECK_EQ_INT(missing, 0);
}

/* Extract one note into a fresh set; NULL on error (message printed). */
static sol_findings *extract(const char *text)
{
    sol_findings *f = sol_findings_new();
    sol_diag d = {.line = 0};

    if (!f || !fixture())
        return f;
    if (sol_notes_extract(notes_, text, strlen(text), "/assessment/notes/note[1]", 42, f, &d) !=
        SOL_OK) {
        printf("  extract: %s\n", d.msg);
        sol_findings_free(f);
        return NULL;
    }
    return f;
}

/* The value text of the current finding name in f, or NULL. */
static const char *value_of(const sol_findings *f, const char *name)
{
    static char buf[64];
    const sol_finding *x = sol_findings_find(f, name);

    return x ? sol_value_text(&x->value, buf, sizeof buf) : NULL;
}

static void test_notes__provenance(void)
{
    /* Multi-byte text before the match: spans are byte offsets. */
    const char *text = "Café run. Calf not shiny – Thompson’s test positive.";
    sol_findings *f = extract(text);
    const sol_finding *x;
    const char *shiny = strstr(text, "shiny");
    const char *thom = strstr(text, "Thompson");

    CHECK(f);
    CHECK_EQ_INT(sol_findings_count(f), 2);
    x = sol_findings_find(f, "shiny-skin");
    CHECK(x);
    CHECK_EQ_INT(x->origin, SOL_ORIGIN_NOTE);
    CHECK_EQ_INT(x->context, SOL_CTX_CURRENT);
    CHECK_EQ_STR(x->path, "/assessment/notes/note[1]");
    CHECK_EQ_INT(x->line, 42);
    CHECK_EQ_INT(x->span_start, shiny - text);
    CHECK_EQ_INT(x->span_end, shiny - text + 5);
    CHECK_EQ_STR(x->quote, "shiny");
    CHECK_EQ_STR(x->trigger, "not");
    CHECK_EQ_STR(x->value.sym, "no");
    x = sol_findings_find(f, "thompson-positive");
    CHECK(x);
    CHECK_EQ_INT(x->span_start, thom - text);
    CHECK_EQ_STR(x->quote, "Thompson’s test positive");
    CHECK_EQ_INT(x->span_end, x->span_start + strlen(x->quote));
    CHECK(x->trigger == NULL);
    CHECK_EQ_STR(x->value.sym, "yes");
    sol_findings_free(f);
}

static void test_notes__scan_triggers(void)
{
    const char *text = "Swelling in the calf two years ago. Denies tingling.";
    sol_note_mention *m = NULL;
    size_t nm = 0;
    sol_diag d = {.line = 0};
    const sol_notes *n = fixture();

    CHECK(n);
    CHECK_EQ_INT(sol_notes_scan(&m, &nm, NULL, n, text, strlen(text), "/n", 1, &d), SOL_OK);
    CHECK_EQ_INT(nm, 2);
    CHECK_EQ_INT(m[0].context, SOL_CTX_HISTORY);
    CHECK_EQ_INT(m[0].fate, SOL_NOTE_DROP_VAGUE);
    CHECK_EQ_INT(m[0].context_trigger.start, strstr(text, "two") - text);
    CHECK_EQ_INT(m[0].context_trigger.end, strstr(text, ".") - text);
    CHECK_EQ_STR(sol_notes_pattern_at(n, m[0].context_trigger.row)->id, "hist.years-ago");
    CHECK(m[1].negated);
    CHECK_EQ_INT(m[1].negation.start, strstr(text, "Denies") - text);
    CHECK_EQ_STR(m[1].value, "no");
    CHECK_EQ_INT(m[1].start, strstr(text, "tingling") - text);
    free(m);
}

static void test_notes__inherent_history(void)
{
    sol_findings *f = extract("History of DVT. Previous calf strain. "
                              "Previously had bruising.");
    const sol_finding *x;

    CHECK(f);
    /* Previous DVT is a Wells item: stays current. */
    CHECK_EQ_STR(value_of(f, "wells-previous-dvt"), "yes");
    CHECK_EQ_STR(value_of(f, "previous-calf-strain"), "yes");
    /* Bruising is demoted by the history trigger: not current. */
    CHECK(sol_findings_find(f, "leg-discolouration") == NULL);
    x = sol_findings_at(f, sol_findings_count(f) - 1);
    CHECK_EQ_STR(x->name, "leg-discolouration");
    CHECK_EQ_INT(x->context, SOL_CTX_HISTORY);
    CHECK_EQ_STR(x->trigger, "Previously");
    sol_findings_free(f);
}

/* TC3 of the brief, told as a note: Wells items, worsening course and
 * discolouration are recognised. */
static void test_notes__tc3_dvt_from_note(void)
{
    sol_findings *f = extract("44-year-old male. Four days of right calf ache with no remembered "
                              "injury, getting worse. Calf swelling 3.5 cm more than the left, "
                              "pitting oedema, tender along the deep veins and dusky "
                              "discolouration. Did intervals last week.");

    CHECK(f);
    CHECK_EQ_STR(value_of(f, "calf-swelling-diff"), "3.5");
    CHECK_EQ_STR(value_of(f, "pitting-oedema-symptomatic-leg"), "yes");
    CHECK_EQ_STR(value_of(f, "deep-vein-tenderness"), "yes");
    CHECK_EQ_STR(value_of(f, "leg-discolouration"), "dusky-blue");
    CHECK_EQ_STR(value_of(f, "symptom-trend"), "worsening");
    CHECK_EQ_STR(value_of(f, "injury-moment-remembered"), "no");
    CHECK_EQ_STR(value_of(f, "age"), "44");
    CHECK(sol_findings_find(f, "activity-at-onset") == NULL);
    sol_findings_free(f);
}

/* TC6: borderline — bruising, swelling, not improving after a twinge. */
static void test_notes__tc6_borderline_from_note(void)
{
    sol_findings *f = extract("52-year-old woman, felt a twinge running hills 6 days ago and "
                              "remembers the moment. Not improving. Bruising around the ankle, "
                              "calf 2 cm larger than the other side. Tenderness along the deep "
                              "veins of the mid-calf, no pitting oedema. Alternative diagnosis "
                              "at least as likely.");

    CHECK(f);
    CHECK_EQ_STR(value_of(f, "leg-discolouration"), "local-bruising");
    CHECK_EQ_STR(value_of(f, "symptom-trend"), "unchanged");
    CHECK_EQ_STR(value_of(f, "injury-moment-remembered"), "yes");
    CHECK_EQ_STR(value_of(f, "activity-at-onset"), "hills");
    CHECK_EQ_STR(value_of(f, "calf-swelling-diff"), "2");
    CHECK_EQ_STR(value_of(f, "deep-vein-tenderness"), "yes");
    CHECK_EQ_STR(value_of(f, "pitting-oedema-symptomatic-leg"), "no");
    CHECK_EQ_STR(value_of(f, "alternative-dx-at-least-as-likely"), "yes");
    CHECK_EQ_STR(value_of(f, "symptom-duration"), "6");
    sol_findings_free(f);
}

/* TC7: Achilles rupture — kicked feeling, no heel raise, AAOS signs. */
static void test_notes__tc7_achilles_from_note(void)
{
    sol_findings *f = extract("41-year-old man. Sudden pain; felt \"kicked\" at the back of the "
                              "ankle during a sprint. Now cannot do a single-leg heel raise. "
                              "Thompson positive; palpable gap.");

    CHECK(f);
    CHECK_EQ_STR(value_of(f, "onset"), "sudden");
    CHECK_EQ_STR(value_of(f, "pop-or-kicked-sensation"), "yes");
    CHECK_EQ_STR(value_of(f, "single-leg-heel-raise-able"), "no");
    CHECK_EQ_STR(value_of(f, "thompson-positive"), "yes");
    CHECK_EQ_STR(value_of(f, "palpable-achilles-gap"), "yes");
    CHECK_EQ_STR(value_of(f, "pain-location"), "achilles-tendon");
    CHECK_EQ_STR(value_of(f, "activity-at-onset"), "sprint");
    sol_findings_free(f);
}

/* Acute compartment syndrome after a blow (R05, R06 signs). */
static void test_notes__compartment_from_note(void)
{
    sol_findings *f = extract("Kicked in the calf during football yesterday; was kicked in the "
                              "calf again today. Pain out of proportion, severe pain on passive "
                              "stretch of the toes, not relieved by rest. Calf is tense and "
                              "firm, skin shiny and exquisitely tender.");

    CHECK(f);
    CHECK_EQ_STR(value_of(f, "direct-trauma"), "yes");
    CHECK_EQ_STR(value_of(f, "pain-out-of-proportion"), "yes");
    CHECK_EQ_STR(value_of(f, "pain-on-passive-stretch-severe"), "yes");
    CHECK_EQ_STR(value_of(f, "settles-within-minutes-of-stopping"), "no");
    CHECK_EQ_STR(value_of(f, "calf-tense-firm"), "yes");
    CHECK_EQ_STR(value_of(f, "shiny-skin"), "yes");
    CHECK_EQ_STR(value_of(f, "exquisite-tenderness"), "yes");
    sol_findings_free(f);
}

/* Cauda equina (R09) from a note. */
static void test_notes__cauda_equina_from_note(void)
{
    sol_findings *f = extract("Low back pain with sciatica in both legs, now saddle numbness and "
                              "new bladder retention. Denies a previous back injury.");

    CHECK(f);
    CHECK_EQ_STR(value_of(f, "saddle-numbness-or-bladder-bowel-change"), "yes");
    CHECK_EQ_STR(value_of(f, "back-pain-or-radiating-leg-pain"), "yes");
    CHECK_EQ_STR(value_of(f, "bilateral-symptoms"), "yes");
    CHECK_EQ_STR(value_of(f, "previous-hip-back-issues"), "no");
    /* saddle numbness is not foot or calf paraesthesia */
    CHECK(sol_findings_find(f, "paraesthesia-foot-or-calf") == NULL);
    sol_findings_free(f);
}

static void test_notes__sentence_split(void)
{
    const sol_notes *n = fixture();
    char got[512];

    CHECK(n);
    /* decimals and abbreviations do not end a sentence */
    tokens_of(n, "No swelling approx. 2.5 cm", NULL, got, sizeof got);
    CHECK_EQ_STR(got, "calf-swelling-diff=0");
    /* a new line item ends the scope of "No" */
    tokens_of(n, "No swelling\n- calf shiny", NULL, got, sizeof got);
    CHECK_EQ_STR(got, "calf-swelling-diff=0 shiny-skin=yes");
    tokens_of(n, "No swelling\nCalf shiny", NULL, got, sizeof got);
    CHECK_EQ_STR(got, "calf-swelling-diff=0 shiny-skin=yes");
    /* a wrapped line continues the sentence */
    tokens_of(n, "Denies numbness\n   or tingling.", NULL, got, sizeof got);
    CHECK_EQ_STR(got, "paraesthesia-foot-or-calf=no "
                      "paraesthesia-foot-or-calf=no");
    /* a question is not an answer */
    tokens_of(n, "Any numbness? Calf shiny!", NULL, got, sizeof got);
    CHECK_EQ_STR(got, "paraesthesia-foot-or-calf!uncertain shiny-skin=yes");
}

static void test_notes__scope_window(void)
{
    const sol_notes *n = fixture();
    char got[512];

    CHECK(n);
    /* eight words after the trigger are in scope, nine are not */
    tokens_of(n, "No one two three four five six seven eight numbness", NULL, got, sizeof got);
    CHECK_EQ_STR(got, "paraesthesia-foot-or-calf=no");
    tokens_of(n, "No one two three four five six seven eight nine numbness", NULL, got,
              sizeof got);
    CHECK_EQ_STR(got, "paraesthesia-foot-or-calf=yes");
}

static void test_notes__note_too_long(void)
{
    const sol_notes *n = fixture();
    size_t len = SOL_NOTES_MAX_BYTES + 1;
    char *text = malloc(len);
    sol_findings *f = sol_findings_new();
    sol_diag d = {.line = 0};

    CHECK(n && text && f);
    memset(text, 'a', len);
    for (size_t i = 7; i < len; i += 8)
        text[i] = ' ';
    CHECK_EQ_INT(sol_notes_extract(n, text, len, "/assessment/notes/note[2]", 17, f, &d),
                 SOL_ELIMIT);
    CHECK_EQ_STR(d.file, "/assessment/notes/note[2]");
    CHECK_EQ_INT(d.line, 17);
    CHECK_CONTAINS(d.msg, "65536");
    /* exactly at the limit is accepted */
    CHECK_EQ_INT(sol_notes_extract(n, text, len - 1, "/n", 1, f, &d), SOL_OK);
    CHECK_EQ_INT(sol_findings_count(f), 0);
    free(text);
    sol_findings_free(f);
}

static void test_notes__invalid_utf8(void)
{
    const sol_notes *n = fixture();
    const char bad[] = "Calf \xff swollen";
    const char nul[] = "Calf\0 swollen";
    sol_findings *f = sol_findings_new();
    sol_diag d = {.line = 0};

    CHECK(n && f);
    CHECK_EQ_INT(sol_notes_extract(n, bad, sizeof bad - 1, "/n", 9, f, &d), SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "invalid UTF-8 at byte offset 5");
    CHECK_EQ_INT(d.line, 9);
    /* a truncated sequence at the very end is caught too */
    CHECK_EQ_INT(sol_notes_extract(n, "swollen \xe2\x80", 10, "/n", 9, f, &d), SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "offset 8");
    CHECK_EQ_INT(sol_notes_extract(n, nul, sizeof nul - 1, "/n", 9, f, &d), SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "NUL byte at byte offset 4");
    CHECK_EQ_INT(sol_findings_count(f), 0);
    sol_findings_free(f);
}

/* A pattern with nested quantifiers against pattern-like input: the PCRE2
 * match limit turns exponential backtracking into a prompt SOL_ELIMIT. */
static void test_notes__backtracking_limit(void)
{
    sol_notes *n = NULL;
    sol_diag d = {.line = 0};
    sol_findings *f = sol_findings_new();
    const char *text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
    clock_t t0;

    CHECK(fixture() && f);
    CHECK_EQ_INT(load_text(&n,
                           "finding\tbait\tshiny-skin\tyes\tno\t-\t"
                           "(?:a+)+$\n",
                           &d),
                 SOL_OK);
    t0 = clock();
    CHECK_EQ_INT(sol_notes_extract(n, text, strlen(text), "/n", 3, f, &d), SOL_ELIMIT);
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
    CHECK_CONTAINS(d.msg, "'bait'");
    CHECK_CONTAINS(d.msg, "match limit");
    CHECK_EQ_INT(sol_findings_count(f), 0);
    sol_notes_free(n);
    sol_findings_free(f);
}

/* A match never starts or ends inside a word, whatever the letters around
 * it (the guard in front is tried where a match starts, and rows are
 * skipped by the first bytes of a sentence's words): with and without JIT. */
static void test_notes__word_guard_holds(void)
{
    static const struct {
        const char *text;
        int match;
    } cases[] = {
        {"very sore today", 1},
        {"unsore today", 0},
        {"sores today", 0},
        {"x-sore today", 1},
        {"SORE.", 1},
        {"\xc5\xbfore today", 1},
        {"caf\xc3\xa9sore today", 0},
        {"caf\xc3\xa9 sore today", 1},
        {"\xe2\x80\x99sore today", 1},
        {"_sore today", 0},
        {"9sore today", 0},
        {"sore", 1},
        {"insore sore", 1},
        {"tender", 0},
    };
    char buf[256];

    CHECK(fixture());
    for (int jit = 0; jit < 2; jit++) {
        sol_notes *n = NULL;
        sol_diag d = {.line = 0};
        CHECK_EQ_INT(load_text(&n, "finding\tguard\tshiny-skin\tyes\tno\t-\tsore\n", &d), SOL_OK);
        if (jit)
            sol_notes_use_jit(n);
        for (size_t i = 0; n && i < sizeof cases / sizeof *cases; i++) {
            CHECK_EQ_INT(tokens_of(n, cases[i].text, NULL, buf, sizeof buf), SOL_OK);
            if (strcmp(buf, cases[i].match ? "shiny-skin=yes" : "-") != 0)
                printf("  jit %d, '%s': got '%s'\n", jit, cases[i].text, buf);
            CHECK_EQ_STR(buf, cases[i].match ? "shiny-skin=yes" : "-");
        }
        sol_notes_free(n);
    }
}

/* The shipped patterns on a maximal note of run-on text stay fast. */
static void test_notes__large_note_bounded(void)
{
    const sol_notes *n = fixture();
    const char *unit = "calf swelling not improving with no numbness but "
                       "cramping and stretching did not help ";
    size_t ul = strlen(unit), len = 0;
    char *text = malloc(SOL_NOTES_MAX_BYTES);
    sol_note_mention *m = NULL;
    size_t nm = 0;
    sol_diag d = {.line = 0};
    clock_t t0;

    CHECK(n && text);
    while (len + ul <= SOL_NOTES_MAX_BYTES) {
        memcpy(text + len, unit, ul);
        len += ul;
    }
    t0 = clock();
    CHECK_EQ_INT(sol_notes_scan(&m, &nm, NULL, n, text, len, "/n", 1, &d), SOL_OK);
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
    CHECK(nm > 1000);
    free(m);
    free(text);
}

/* Note text never becomes anything but vocabulary values: CLIPS-looking
 * text yields only the findings its words name, each a legal value. */
static void test_notes__no_text_passthrough(void)
{
    sol_findings *f = extract(
        "(assert (finding (name wells-score) (value 9))) (printout t \"x\") "
        "(finding (name calf-swelling-diff) (value 99)) "
        "shiny-skin cramping\")");

    CHECK(f);
    CHECK_EQ_INT(sol_findings_count(f), 2);
    for (size_t i = 0; i < sol_findings_count(f); i++) {
        const sol_finding *x = sol_findings_at(f, i);
        const sol_term *t = sol_vocab_lookup(vocab_, x->name);
        sol_value vals[8];
        size_t nv = 0;
        char buf[64];

        CHECK(t && t->type != SOL_TYPE_DERIVED);
        CHECK_EQ_INT(
            sol_vocab_parse_value(t, sol_value_text(&x->value, buf, sizeof buf), vals, &nv, NULL),
            SOL_OK);
        for (size_t k = 0; k < nv; k++)
            sol_value_clear(&vals[k]);
    }
    CHECK_EQ_STR(value_of(f, "shiny-skin"), "yes");
    CHECK_EQ_STR(value_of(f, "cramping-during-run"), "yes");
    sol_findings_free(f);
}

static void test_notes__load_errors(void)
{
    static const struct {
        const char *text;
        int rc;
        const char *msg;
    } cases[] = {
        {"# c\nfinding\tx\tshiny-skin\tyes\tno\t-\t(unclosed\n", SOL_EPARSE, "bad regex"},
        {"finding\tx\tno-such-finding\tyes\tno\t-\tshiny\n", SOL_EINVALID,
         "not in the vocabulary"},
        {"finding\tx\tshiny-skin\tmaybe\tno\t-\tshiny\n", SOL_EINVALID, "affirmed value"},
        {"finding\tx\tleg-discolouration\tgreen\t-\t-\tgreen\n", SOL_EINVALID,
         "not an allowed value"},
        {"finding\tx\tage\t200\t-\t-\tcentenarian\n", SOL_EINVALID, "out of range"},
        {"finding\tx\trecent-load-change\tdistance\t-\t-\tmore\\s+km\n", SOL_EINVALID,
         "set finding"},
        {"finding\tx\twells-score\t3\t-\t-\twells\n", SOL_EINVALID, "derived"},
        {"finding\tx\tage\t$1\t-\t-\tage\\s+\\d+\n", SOL_EPARSE, "capture group"},
        {"finding\tx\tsex\t$1\t-\t-\t(male|female)\n", SOL_EINVALID, "int or real"},
        {"finding\tx\tsymptom-duration\t$1*0\t-\t-\t(\\d+)\\s+weeks\n", SOL_EPARSE,
         "whole number from 1 to 1000"},
        {"finding\tx\tsymptom-duration\t$1*7d\t-\t-\t(\\d+)\\s+weeks\n", SOL_EPARSE,
         "factor after '$1*'"},
        {"finding\tx\tshiny-skin\tyes\tno\t-\t(?:shiny)?\n", SOL_EPARSE, "empty text"},
        {"finding\tx\tshiny-skin\tyes\tno\t-\tshiny\n"
         "finding\tx\tshiny-skin\tyes\tno\t-\tglossy\n",
         SOL_EPARSE, "already used at line 1"},
        {"finding\tx\tshiny-skin\tyes\tno\tshiny\n", SOL_EPARSE, "columns"},
        {"negation\tx\t-\t-\t-\t-\tno\n", SOL_EPARSE, "kind"},
        {"neg-pre\tx\tshiny-skin\t-\t-\t-\tno\n", SOL_EPARSE, "lexicon row"},
        {"finding\tx\tshiny-skin\tyes\tno\tsometimes\tshiny\n", SOL_EPARSE, "flags"},
        {"neg-pre\tx\t-\t-\t-\t-\tno\n", SOL_EPARSE, "no finding patterns"},
    };

    CHECK(fixture());
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sol_notes *n = NULL;
        sol_diag d = {.line = 0};
        int rc = load_text(&n, cases[i].text, &d);

        if (rc != cases[i].rc || !strstr(d.msg, cases[i].msg))
            printf("  case %zu: rc %d, message: %s\n", i, rc, d.msg);
        CHECK_EQ_INT(rc, cases[i].rc);
        CHECK_CONTAINS(d.msg, cases[i].msg);
        CHECK(n == NULL);
        CHECK(strstr(d.file, "soleus-test-notes-") != NULL);
        if (i == 0)
            CHECK_EQ_INT(d.line, 2);
    }
}

/* ------------------------------------------------------------- merge */

static void add(sol_findings *f, const char *name, const char *val, sol_origin origin,
                sol_context ctx, const char *trigger, int line)
{
    sol_finding x;

    memset(&x, 0, sizeof x);
    x.name = (char *)name;
    x.origin = origin;
    x.context = ctx;
    x.line = line;
    x.trigger = (char *)trigger;
    x.quote = origin == SOL_ORIGIN_NOTE ? (char *)val : NULL;
    if (strcmp(val, "unknown") == 0) {
        x.value.kind = SOL_VAL_UNKNOWN;
    } else {
        x.value.kind = SOL_VAL_SYMBOL;
        x.value.sym = (char *)val;
    }
    sol_findings_add(f, &x);
}

static void test_notes__merge_structured_wins(void)
{
    sol_findings *s = sol_findings_new(), *nf = sol_findings_new();
    sol_diag d = {.line = 0};
    const sol_conflict *c;

    CHECK(s && nf);
    add(s, "shiny-skin", "no", SOL_ORIGIN_RECORD, SOL_CTX_CURRENT, NULL, 10);
    add(s, "onset", "sudden", SOL_ORIGIN_RECORD, SOL_CTX_CURRENT, NULL, 11);
    add(nf, "shiny-skin", "yes", SOL_ORIGIN_NOTE, SOL_CTX_CURRENT, NULL, 30);
    add(nf, "onset", "sudden", SOL_ORIGIN_NOTE, SOL_CTX_CURRENT, NULL, 30);
    add(nf, "cramping-during-run", "yes", SOL_ORIGIN_NOTE, SOL_CTX_CURRENT, NULL, 30);
    CHECK_EQ_INT(sol_notes_merge(s, nf, &d), SOL_OK);
    CHECK_EQ_INT(sol_findings_count(s), 3);
    CHECK_EQ_STR(value_of(s, "shiny-skin"), "no");
    CHECK_EQ_INT(sol_findings_find(s, "shiny-skin")->origin, SOL_ORIGIN_RECORD);
    CHECK_EQ_INT(sol_findings_find(s, "onset")->origin, SOL_ORIGIN_RECORD);
    CHECK_EQ_INT(sol_findings_find(s, "cramping-during-run")->origin, SOL_ORIGIN_NOTE);
    CHECK_EQ_INT(sol_findings_conflict_count(s), 1);
    c = sol_findings_conflict_at(s, 0);
    CHECK_EQ_STR(c->name, "shiny-skin");
    CHECK_EQ_STR(c->record_value.sym, "no");
    CHECK_EQ_STR(c->note_value.sym, "yes");
    CHECK_EQ_INT(c->record_line, 10);
    CHECK_EQ_INT(c->note_line, 30);
    CHECK_EQ_STR(c->quote, "yes");
    sol_findings_free(s);
    sol_findings_free(nf);
}

static void test_notes__merge_unknown_answered(void)
{
    sol_findings *s = sol_findings_new(), *nf = sol_findings_new();
    sol_diag d = {.line = 0};

    CHECK(s && nf);
    add(s, "shiny-skin", "unknown", SOL_ORIGIN_RECORD, SOL_CTX_CURRENT, NULL, 10);
    add(nf, "shiny-skin", "yes", SOL_ORIGIN_NOTE, SOL_CTX_CURRENT, NULL, 30);
    CHECK_EQ_INT(sol_notes_merge(s, nf, &d), SOL_OK);
    CHECK_EQ_INT(sol_findings_count(s), 1);
    CHECK_EQ_STR(value_of(s, "shiny-skin"), "yes");
    CHECK_EQ_INT(sol_findings_find(s, "shiny-skin")->origin, SOL_ORIGIN_NOTE);
    CHECK_EQ_INT(sol_findings_conflict_count(s), 0);
    sol_findings_free(s);
    sol_findings_free(nf);
}

static void test_notes__merge_notes_disagree(void)
{
    sol_findings *s = sol_findings_new(), *nf = sol_findings_new();
    sol_diag d = {.line = 0};
    const sol_conflict *c;

    CHECK(s && nf);
    /* affirmed beats negated, whatever the order */
    add(nf, "shiny-skin", "yes", SOL_ORIGIN_NOTE, SOL_CTX_CURRENT, NULL, 30);
    add(nf, "shiny-skin", "no", SOL_ORIGIN_NOTE, SOL_CTX_CURRENT, "not", 31);
    add(nf, "cramping-during-run", "no", SOL_ORIGIN_NOTE, SOL_CTX_CURRENT, "denies", 32);
    add(nf, "cramping-during-run", "yes", SOL_ORIGIN_NOTE, SOL_CTX_CURRENT, NULL, 33);
    /* same polarity: the later mention wins */
    add(nf, "symptom-trend", "improving", SOL_ORIGIN_NOTE, SOL_CTX_CURRENT, NULL, 34);
    add(nf, "symptom-trend", "worsening", SOL_ORIGIN_NOTE, SOL_CTX_CURRENT, NULL, 35);
    /* history mentions are added once, never in conflict */
    add(nf, "night-or-rest-pain", "yes", SOL_ORIGIN_NOTE, SOL_CTX_HISTORY, "years ago", 36);
    add(nf, "night-or-rest-pain", "yes", SOL_ORIGIN_NOTE, SOL_CTX_HISTORY, "in the past", 37);
    add(nf, "night-or-rest-pain", "no", SOL_ORIGIN_NOTE, SOL_CTX_CURRENT, "no", 38);
    CHECK_EQ_INT(sol_notes_merge(s, nf, &d), SOL_OK);
    CHECK_EQ_STR(value_of(s, "shiny-skin"), "yes");
    CHECK_EQ_STR(value_of(s, "cramping-during-run"), "yes");
    CHECK_EQ_STR(value_of(s, "symptom-trend"), "worsening");
    CHECK_EQ_STR(value_of(s, "night-or-rest-pain"), "no");
    CHECK_EQ_INT(sol_findings_count(s), 5);
    CHECK_EQ_INT(sol_findings_conflict_count(s), 3);
    c = sol_findings_conflict_at(s, 0);
    CHECK_EQ_STR(c->record_value.sym, "yes");
    CHECK_EQ_STR(c->note_value.sym, "no");
    CHECK_EQ_INT(c->record_line, 30);
    CHECK_EQ_INT(c->note_line, 31);
    c = sol_findings_conflict_at(s, 2);
    CHECK_EQ_STR(c->name, "symptom-trend");
    CHECK_EQ_STR(c->record_value.sym, "worsening");
    CHECK_EQ_STR(c->note_value.sym, "improving");
    sol_findings_free(s);
    sol_findings_free(nf);
}

/* End to end: a record that says one thing and a note that says another. */
static void test_notes__merge_extracted(void)
{
    sol_findings *s = sol_findings_new();
    sol_findings *nf = extract("Calf not shiny. Thompson positive.");
    sol_diag d = {.line = 0};

    CHECK(s && nf);
    add(s, "shiny-skin", "yes", SOL_ORIGIN_RECORD, SOL_CTX_CURRENT, NULL, 5);
    CHECK_EQ_INT(sol_notes_merge(s, nf, &d), SOL_OK);
    CHECK_EQ_STR(value_of(s, "shiny-skin"), "yes");
    CHECK_EQ_STR(value_of(s, "thompson-positive"), "yes");
    CHECK_EQ_INT(sol_findings_conflict_count(s), 1);
    CHECK_EQ_STR(sol_findings_conflict_at(s, 0)->quote, "shiny");
    CHECK_EQ_INT(sol_findings_conflict_at(s, 0)->note_line, 42);
    sol_findings_free(s);
    sol_findings_free(nf);
}

static void test_notes__free_null(void)
{
    sol_notes_free(NULL);
    CHECK_EQ_INT(sol_notes_pattern_count(NULL), 0);
    CHECK(sol_notes_pattern_at(NULL, 0) == NULL);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_notes__load", test_notes__load},
        {"test_notes__sentence_table", test_notes__sentence_table},
        {"test_notes__every_pattern_exercised", test_notes__every_pattern_exercised},
        {"test_notes__provenance", test_notes__provenance},
        {"test_notes__scan_triggers", test_notes__scan_triggers},
        {"test_notes__inherent_history", test_notes__inherent_history},
        {"test_notes__tc3_dvt_from_note", test_notes__tc3_dvt_from_note},
        {"test_notes__tc6_borderline_from_note", test_notes__tc6_borderline_from_note},
        {"test_notes__tc7_achilles_from_note", test_notes__tc7_achilles_from_note},
        {"test_notes__compartment_from_note", test_notes__compartment_from_note},
        {"test_notes__cauda_equina_from_note", test_notes__cauda_equina_from_note},
        {"test_notes__sentence_split", test_notes__sentence_split},
        {"test_notes__scope_window", test_notes__scope_window},
        {"test_notes__note_too_long", test_notes__note_too_long},
        {"test_notes__invalid_utf8", test_notes__invalid_utf8},
        {"test_notes__backtracking_limit", test_notes__backtracking_limit},
        {"test_notes__word_guard_holds", test_notes__word_guard_holds},
        {"test_notes__sentence_table_jit", test_notes__sentence_table_jit},
        {"test_notes__large_note_bounded", test_notes__large_note_bounded},
        {"test_notes__no_text_passthrough", test_notes__no_text_passthrough},
        {"test_notes__load_errors", test_notes__load_errors},
        {"test_notes__merge_structured_wins", test_notes__merge_structured_wins},
        {"test_notes__merge_unknown_answered", test_notes__merge_unknown_answered},
        {"test_notes__merge_notes_disagree", test_notes__merge_notes_disagree},
        {"test_notes__merge_extracted", test_notes__merge_extracted},
        {"test_notes__free_null", test_notes__free_null},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
