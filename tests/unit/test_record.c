/* test_record.c — unit tests for record.c: the seven worked examples load with
 * paths and lines, every hostile or invalid fixture in tests/bad/ is refused
 * with the code and message its .expect names, nothing is printed, and the
 * size, depth and encoding limits hold; a schema compiled once judges every
 * record as one compiled per record does. Run from the repository root. */
#include "harness.h"
#include "record_int.h"

#include <dirent.h>
#include <glob.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static sol_vocab *vocab(void)
{
    static sol_vocab *v;
    sol_diag d;

    if (!v && sol_vocab_load(&v, TEST_VOCAB, &d) != SOL_OK)
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
    return v;
}

static int load(sol_record **r, const char *path, sol_diag *d)
{
    memset(d, 0, sizeof *d);
    return sol_record_load(r, path, TEST_SCHEMA, vocab(), d);
}

static int parse(sol_record **r, const char *text, sol_diag *d)
{
    memset(d, 0, sizeof *d);
    return sol_record_parse(r, text, strlen(text), "mem.xml", TEST_SCHEMA, vocab(), d);
}

/* The i-th finding called name (set members give several), or NULL. */
static const sol_finding *nth(const sol_record *r, const char *name, int i)
{
    const sol_findings *f = sol_record_findings(r);
    for (size_t k = 0; k < sol_findings_count(f); k++) {
        const sol_finding *x = sol_findings_at(f, k);
        if (strcmp(x->name, name) == 0 && i-- == 0)
            return x;
    }
    return NULL;
}

static const char *sym(const sol_record *r, const char *name)
{
    const sol_finding *x = nth(r, name, 0);
    return x && x->value.kind == SOL_VAL_SYMBOL ? x->value.sym : NULL;
}

static void test_record__all_examples_load(void)
{
    static const char *const files[] = {"examples/tc1-hayley-overstride.xml",
                                        "examples/tc2-blogger-hip.xml",
                                        "examples/tc3-dvt.xml",
                                        "examples/tc4-soleus-overload.xml",
                                        "examples/tc5-gastroc-tear.xml",
                                        "examples/tc6-borderline.xml",
                                        "examples/tc7-achilles-rupture.xml",
                                        NULL};
    CHECK(vocab());
    for (const char *const *p = files; *p; p++) {
        sol_record *r = NULL;
        sol_diag d;
        int rc = load(&r, *p, &d);
        if (rc != SOL_OK)
            printf("  %s:%d: %s\n", d.file, d.line, d.msg);
        CHECK_EQ_INT(rc, SOL_OK);
        CHECK(sol_findings_count(sol_record_findings(r)) > 5);
        CHECK_EQ_INT(sol_record_note_count(r), 1);
        CHECK_EQ_STR(sol_record_file(r), *p);
        sol_record_free(r);
    }
}

static void test_record__tc1_paths_lines_and_values(void)
{
    sol_record *r = NULL;
    sol_diag d;
    const sol_finding *f;
    const sol_note *n;

    CHECK_EQ_INT(load(&r, "examples/tc1-hayley-overstride.xml", &d), SOL_OK);
    CHECK_EQ_STR(sol_record_id(r), "tc1-hayley-overstride");
    CHECK(sol_record_occupation(r) == NULL);
    f = nth(r, "sex", 0);
    CHECK(f);
    CHECK_EQ_STR(f->path, "/assessment/patient/finding[1]");
    CHECK_EQ_INT(f->line, 9);
    CHECK_EQ_INT(f->origin, SOL_ORIGIN_RECORD);
    CHECK_EQ_INT(f->context, SOL_CTX_CURRENT);
    f = nth(r, "symptom-duration", 0);
    CHECK(f);
    CHECK_EQ_STR(f->path, "/assessment/history/finding[4]");
    CHECK_EQ_INT(f->value.kind, SOL_VAL_INTEGER);
    CHECK_EQ_INT(f->value.i, 120);
    f = nth(r, "pain-onset-into-run", 0);
    CHECK(f && f->value.kind == SOL_VAL_REAL && f->value.r == 3.0);
    CHECK_EQ_STR(sym(r, "heel-strike-ahead-of-com"), "yes");
    CHECK_EQ_STR(nth(r, "heel-strike-ahead-of-com", 0)->path, "/assessment/running/finding[2]");
    n = sol_record_note_at(r, 0);
    CHECK(n);
    CHECK_EQ_STR(n->path, "/assessment/notes/note[1]");
    CHECK_CONTAINS(n->text, "heel well in front of the hips");
    CHECK(n->text[0] == 'L'); /* trimmed */
    CHECK(sol_record_note_at(r, 1) == NULL);
    sol_record_free(r);
}

static void test_record__tc2_unknown_and_set_members(void)
{
    sol_record *r = NULL;
    sol_diag d;
    const sol_finding *a, *b;

    CHECK_EQ_INT(load(&r, "examples/tc2-blogger-hip.xml", &d), SOL_OK);
    CHECK_EQ_INT(nth(r, "sex", 0)->value.kind, SOL_VAL_UNKNOWN);
    a = nth(r, "recent-load-change", 0);
    b = nth(r, "recent-load-change", 1);
    CHECK(a && b && !nth(r, "recent-load-change", 2));
    CHECK_EQ_STR(a->value.sym, "distance");
    CHECK_EQ_STR(b->value.sym, "speed-intervals");
    CHECK_EQ_STR(a->path, b->path);
    CHECK_EQ_INT(a->line, b->line);
    sol_record_free(r);
}

static void test_record__tc3_tc6_tc7_key_findings(void)
{
    sol_record *r = NULL;
    sol_diag d;
    const sol_finding *f;

    CHECK_EQ_INT(load(&r, "examples/tc3-dvt.xml", &d), SOL_OK);
    f = nth(r, "calf-swelling-diff", 0);
    CHECK(f && f->value.kind == SOL_VAL_REAL && f->value.r == 3.5);
    CHECK_EQ_STR(sym(r, "alternative-dx-at-least-as-likely"), "no");
    CHECK_EQ_STR(sym(r, "leg-discolouration"), "dusky-blue");
    CHECK_EQ_INT(nth(r, "age", 0)->value.i, 44);
    sol_record_free(r);

    CHECK_EQ_INT(load(&r, "examples/tc6-borderline.xml", &d), SOL_OK);
    CHECK_EQ_STR(sym(r, "deep-vein-tenderness"), "yes");
    CHECK_EQ_STR(sym(r, "alternative-dx-at-least-as-likely"), "yes");
    CHECK_EQ_STR(sym(r, "leg-discolouration"), "local-bruising");
    CHECK_EQ_STR(sym(r, "symptom-trend"), "unchanged");
    CHECK_EQ_STR(sym(r, "activity-at-onset"), "hills");
    CHECK_EQ_STR(sym(r, "pitting-oedema-symptomatic-leg"), "no");
    CHECK(nth(r, "calf-swelling-diff", 0)->value.r == 2.0);
    sol_record_free(r);

    CHECK_EQ_INT(load(&r, "examples/tc7-achilles-rupture.xml", &d), SOL_OK);
    CHECK_EQ_STR(sym(r, "thompson-positive"), "yes");
    CHECK_EQ_STR(sym(r, "single-leg-heel-raise-able"), "no");
    CHECK_EQ_STR(sym(r, "pain-location"), "achilles-tendon");
    sol_record_free(r);
}

/* Read a .expect file: exit code and the substring the message must hold. */
static int read_expect(const char *path, int *exitcode, char *sub, size_t len)
{
    char line[512];
    FILE *f = fopen(path, "r");
    int got = 0;

    if (!f)
        return -1;
    sub[0] = '\0';
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "exit=", 5) == 0) {
            *exitcode = atoi(line + 5);
            got |= 1;
        } else if (strncmp(line, "stderr~", 7) == 0) {
            snprintf(sub, len, "%s", line + 7);
            got |= 2;
        }
    }
    fclose(f);
    return got == 3 ? 0 : -1;
}

static int exit_for(int rc)
{
    if (rc == SOL_OK)
        return 0;
    if (rc == SOL_EIO)
        return 3;
    if (rc == SOL_EPARSE || rc == SOL_EINVALID)
        return 4;
    return 5;
}

static void test_record__bad_fixtures_match_expect(void)
{
    DIR *dir = opendir("tests/bad");
    struct dirent *e;
    int count = 0, failed = 0;

    CHECK(dir);
    CHECK(vocab());
    while ((e = readdir(dir))) {
        char xml[600], expect[600], sub[512];
        size_t nl = strlen(e->d_name);
        sol_record *r = NULL;
        sol_diag d;
        int want = -1, rc;

        if (nl < 5 || strcmp(e->d_name + nl - 4, ".xml") != 0)
            continue;
        snprintf(xml, sizeof xml, "tests/bad/%s", e->d_name);
        snprintf(expect, sizeof expect, "tests/bad/%.*s.expect", (int)(nl - 4), e->d_name);
        if (read_expect(expect, &want, sub, sizeof sub) != 0) {
            printf("  %s: missing or incomplete .expect\n", xml);
            failed++;
            continue;
        }
        rc = load(&r, xml, &d);
        count++;
        /* The expectation is on the line the command prints. */
        char esc[4 * sizeof d.msg], shown[sizeof esc + 700];
        snprintf(shown, sizeof shown, "%s:%d: %s", d.file, d.line,
                 sol_escape_ctl(esc, sizeof esc, d.msg));
        if (exit_for(rc) != want || (rc != SOL_OK && !strstr(shown, sub)) ||
            (rc != SOL_OK && (strcmp(d.file, xml) != 0 || d.line <= 0)) ||
            (rc == SOL_OK) != (r != NULL)) {
            printf("  %s: rc=%d (exit %d, want %d) %s:%d: %s\n", xml, rc, exit_for(rc), want,
                   d.file, d.line, d.msg);
            failed++;
        }
        sol_record_free(r);
    }
    closedir(dir);
    CHECK(count >= 13);
    CHECK_EQ_INT(failed, 0);
}

static void test_record__hostile_input_prints_nothing(void)
{
    static const char *const files[] = {"tests/bad/xxe-passwd.xml",
                                        "tests/bad/billion-laughs.xml",
                                        "tests/bad/malformed.xml",
                                        "tests/bad/undefined-entity.xml",
                                        "tests/bad/schema-unknown-element.xml",
                                        "tests/bad/xinclude.xml",
                                        "tests/bad/invalid-utf8.xml",
                                        "tests/bad/deep-nesting.xml",
                                        NULL};
    char path[] = "/tmp/soleus-stderr-XXXXXX";
    int fd = mkstemp(path), saved;
    off_t size;

    CHECK(fd >= 0);
    fflush(stderr);
    saved = dup(2);
    dup2(fd, 2);
    for (const char *const *p = files; *p; p++) {
        sol_record *r = NULL;
        sol_diag d;
        if (load(&r, *p, &d) == SOL_OK)
            sol_record_free(r);
    }
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    size = lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(path);
    CHECK_EQ_INT(size, 0);
}

static void test_record__inert_text_is_kept_verbatim(void)
{
    sol_record *r = NULL;
    sol_diag d;

    CHECK_EQ_INT(load(&r, "tests/bad/inert-text.xml", &d), SOL_OK);
    CHECK_EQ_STR(sol_record_occupation(r),
                 "clerk\"); (remove \"x\") (assert (finding (name shiny-skin) "
                 "(value yes)))");
    CHECK_CONTAINS(sol_record_note_at(r, 0)->text,
                   "(assert (finding (name shiny-skin) (value yes))) and "
                   "(remove \"x\")");
    CHECK(nth(r, "shiny-skin", 0) == NULL);
    CHECK_EQ_INT(sol_findings_count(sol_record_findings(r)), 1);
    sol_record_free(r);
}

static void test_record__hundred_megabytes_refused_unread(void)
{
    char dir[] = "/tmp/soleus-big-XXXXXX", path[64];
    sol_record *r = (sol_record *)1;
    sol_diag d;
    int fd, rc;

    CHECK(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/big.xml", dir);
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0);
    /* A 100 MB file: sparse, so the test is quick and needs no disk. */
    rc = ftruncate(fd, 100L * 1024 * 1024) == 0 && write(fd, "<", 1) == 1;
    close(fd);
    if (rc)
        rc = load(&r, path, &d);
    else
        rc = 1;
    unlink(path);
    rmdir(dir);
    CHECK_EQ_INT(rc, SOL_EIO);
    CHECK(r == NULL);
    CHECK_CONTAINS(d.msg, "file too large: 104857600 bytes, the limit is "
                          "4194304 bytes");
    CHECK_EQ_STR(d.file, path);
}

static void test_record__oversized_buffer_refused(void)
{
    size_t len = SOL_RECORD_MAX_BYTES + 1;
    char *buf = malloc(len);
    sol_record *r = NULL;
    sol_diag d;
    int rc;

    CHECK(buf);
    memset(buf, ' ', len);
    rc = sol_record_parse(&r, buf, len, "big.xml", TEST_SCHEMA, vocab(), &d);
    free(buf);
    CHECK_EQ_INT(rc, SOL_EIO);
    CHECK_CONTAINS(d.msg, "file too large");
}

static void test_record__missing_file_is_eio(void)
{
    sol_record *r = (sol_record *)1;
    sol_diag d;

    CHECK_EQ_INT(load(&r, "tests/bad/no-such-record.xml", &d), SOL_EIO);
    CHECK(r == NULL);
    CHECK_CONTAINS(d.msg, "cannot open");
}

static void test_record__missing_schema_is_eio(void)
{
    sol_record *r = NULL;
    sol_diag d;

    CHECK_EQ_INT(sol_record_parse(&r, "<assessment id=\"a\"/>", 20, "m.xml",
                                  "/nonexistent/record.rng", vocab(), &d),
                 SOL_EIO);
    CHECK_EQ_STR(d.file, "/nonexistent/record.rng");
}

/* The batch and server read with one compiled schema for many records: the
 * same records pass, the refused ones with the same code, line and message,
 * including a record read after a refused one. */
static void test_record__compiled_schema_judges_as_per_record(void)
{
    static const char *const pats[] = {"tests/bad/*.xml", "tests/cases/*/record.xml",
                                       "examples/*.xml"};
    sol_schema *s = NULL;
    sol_diag d;
    int n = 0, refused = 0;

    CHECK_EQ_INT(sol_schema_load(&s, TEST_SCHEMA, &d), SOL_OK);
    for (int k = 0; k < 3; k++) {
        glob_t gl;
        if (glob(pats[k], 0, NULL, &gl) != 0)
            continue;
        for (size_t i = 0; i < gl.gl_pathc; i++) {
            sol_record *a = NULL, *b = NULL;
            sol_diag da, db;
            memset(&da, 0, sizeof da);
            memset(&db, 0, sizeof db);
            int ra = sol_record_load(&a, gl.gl_pathv[i], TEST_SCHEMA, vocab(), &da);
            char *buf = NULL;
            size_t len = 0;
            int rb = sol_read_file(&buf, &len, gl.gl_pathv[i], SOL_RECORD_MAX_BYTES, &db);
            if (rb == SOL_OK)
                rb = sol_record_parse_with(&b, buf, len, gl.gl_pathv[i], s, vocab(), &db);
            free(buf);
            CHECK_EQ_INT(rb, ra);
            CHECK_EQ_STR(db.file, da.file);
            CHECK_EQ_INT(db.line, da.line);
            CHECK_EQ_STR(db.msg, da.msg);
            if (ra == SOL_OK && rb == SOL_OK)
                CHECK_EQ_INT(sol_findings_count(sol_record_findings(b)),
                             sol_findings_count(sol_record_findings(a)));
            refused += ra != SOL_OK;
            n++;
            sol_record_free(a);
            sol_record_free(b);
        }
        globfree(&gl);
    }
    CHECK(n > 100);
    CHECK(refused >= 13);
    sol_schema_free(s);
    CHECK_EQ_INT(sol_schema_load(&s, "/nonexistent/record.rng", &d), SOL_EIO);
    CHECK(s == NULL);
    CHECK_EQ_INT(sol_schema_load(&s, TEST_VOCAB, &d), SOL_EPARSE);
    CHECK_CONTAINS(d.msg, "cannot load the record schema");
}

static void test_record__minimal_and_any_section_order(void)
{
    sol_record *r = NULL;
    sol_diag d;

    CHECK_EQ_INT(parse(&r, "<assessment id=\"min\"/>", &d), SOL_OK);
    CHECK_EQ_STR(sol_record_id(r), "min");
    CHECK_EQ_INT(sol_findings_count(sol_record_findings(r)), 0);
    CHECK_EQ_INT(sol_record_note_count(r), 0);
    sol_record_free(r);
    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"o\">\n"
                       "  <notes><note>  first  </note><note>second</note></notes>\n"
                       "  <screening><finding name=\"shiny-skin\"> no </finding></screening>\n"
                       "  <patient><occupation>  desk job </occupation>"
                       "<finding name=\"age\">40</finding></patient>\n"
                       "</assessment>",
                       &d),
                 SOL_OK);
    CHECK_EQ_STR(sol_record_occupation(r), "desk job");
    CHECK_EQ_STR(sym(r, "shiny-skin"), "no");
    CHECK_EQ_INT(nth(r, "shiny-skin", 0)->line, 3);
    CHECK_EQ_STR(nth(r, "age", 0)->path, "/assessment/patient/finding[1]");
    CHECK_EQ_INT(sol_record_note_count(r), 2);
    CHECK_EQ_STR(sol_record_note_at(r, 0)->text, "first");
    CHECK_EQ_STR(sol_record_note_at(r, 1)->path, "/assessment/notes/note[2]");
    CHECK_EQ_INT(sol_record_note_at(r, 1)->line, 2);
    sol_record_free(r);
}

/* A misspelt finding name (here only its case) is named with a suggestion. */
static void test_record__unknown_name_suggests_the_close_one(void)
{
    sol_record *r = NULL;
    sol_diag d;

    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><history><finding name=\"Onset\">"
                       "sudden</finding></history></assessment>",
                       &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "unknown finding 'Onset'");
    CHECK_CONTAINS(d.msg, "(did you mean: onset");
    CHECK(!r);
}

/* soleus check: every problem, in line order, not only the first; unit
 * forms become notes saying what they were read as. */
static void test_record__check_lists_every_problem_with_its_line(void)
{
    static const char text[] =
        "<assessment id=\"a b\">\n"                                       /* 1 */
        "<patient><finding name=\"age\" value=\"35\"/>\n"                 /* 2 */
        "<finding name=\"sex\">Female</finding></patient>\n"              /* 3 */
        "<history><finding name=\"symptom-duration\">2 weeks</finding>\n" /* 4 */
        "<finding name=\"onsett\">gradual</finding></history>\n"          /* 5 */
        "<medication>x</medication>\n"                                    /* 6 */
        "</assessment>\n";
    sol_record_problems all = {0};
    sol_diag d;
    char path[] = "/tmp/soleus-check-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

    CHECK(f);
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
    memset(&d, 0, sizeof d);
    CHECK_EQ_INT(sol_record_check(&all, path, TEST_SCHEMA, vocab(), &d), SOL_EINVALID);
    CHECK_EQ_INT((int)all.n, 6);
    if (all.n == 6) {
        CHECK_EQ_INT(all.items[0].d.line, 1);
        CHECK_CONTAINS(all.items[0].d.msg, "id 'a b' is not a record id");
        CHECK_EQ_INT(all.items[1].d.line, 2);
        CHECK_CONTAINS(all.items[1].d.msg, "<finding name=\"age\">35</finding>");
        CHECK_EQ_INT(all.items[2].d.line, 3);
        CHECK_CONTAINS(all.items[2].d.msg, "(did you mean: female)");
        CHECK_EQ_INT(all.items[3].d.line, 4);
        CHECK_EQ_INT(all.items[3].error, 0);
        CHECK_EQ_STR(all.items[3].d.msg, "'2 weeks' read as 14 days");
        CHECK_EQ_INT(all.items[4].d.line, 5);
        CHECK_CONTAINS(all.items[4].d.msg, "(did you mean: onset");
        CHECK_EQ_INT(all.items[5].d.line, 6);
        CHECK_CONTAINS(all.items[5].d.msg, "<medication> is not part of a record");
    }
    sol_record_problems_clear(&all);
    remove(path);
}

static void test_record__visit_details_are_read_and_checked(void)
{
    sol_record *r = NULL;
    sol_diag d;

    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><date>2026-03-14</date>"
                       "<clinician>J. Doe</clinician><visit>2</visit>"
                       "</assessment>",
                       &d),
                 SOL_OK);
    CHECK_EQ_STR(sol_record_date(r), "2026-03-14");
    CHECK_EQ_STR(sol_record_clinician(r), "J. Doe");
    CHECK_EQ_STR(sol_record_visit(r), "2");
    sol_record_free(r);
    r = NULL;
    /* A template's empty notes and visit details are simply absent. */
    CHECK_EQ_INT(parse(&r, "<assessment id=\"a\"><date> </date><notes/></assessment>", &d),
                 SOL_OK);
    CHECK(r && !sol_record_date(r));
    sol_record_free(r);
    r = NULL;
    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\">\n<date>2026-02-30</date>"
                       "</assessment>",
                       &d),
                 SOL_EINVALID);
    CHECK_EQ_INT(d.line, 2);
    CHECK_CONTAINS(d.msg, "expected YYYY-MM-DD");
    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><visit>first</visit>"
                       "</assessment>",
                       &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "not a visit number");
    CHECK(!r);
}

static void test_record__schema_violations(void)
{
    static const char *const bad[] = {
        "<assessment><patient/></assessment>",                    /* no id */
        "<assessment id=\"a\"><history/><history/></assessment>", /* twice */
        "<record id=\"a\"/>",                                     /* root */
        "<assessment id=\"a\"><history><finding>yes</finding></history></assessment>",
        "<assessment id=\"a\"><history><finding name=\"onset\"><b>sudden</b></finding></history></assessment>",
        "<assessment id=\"a\"><patient><occupation>a</occupation><occupation>b</occupation></patient></assessment>",
        "<assessment id=\"a\"><history><occupation>x</occupation></history></assessment>",
        "<assessment id=\"a\" extra=\"1\"/>",
        NULL};
    for (const char *const *p = bad; *p; p++) {
        sol_record *r = NULL;
        sol_diag d;
        int rc = parse(&r, *p, &d);
        if (rc != SOL_EINVALID || r || !strstr(d.msg, "does not match the record schema")) {
            printf("  %s -> rc=%d %s\n", *p, rc, d.msg);
            sol_record_free(r);
            CHECK(0);
        }
    }
}

static void test_record__vocabulary_errors_name_line_and_expectation(void)
{
    sol_record *r = NULL;
    sol_diag d;

    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\">\n<patient>\n"
                       "<finding name=\"age\">120</finding>\n"
                       "</patient></assessment>",
                       &d),
                 SOL_EINVALID);
    CHECK_EQ_STR(d.file, "mem.xml");
    CHECK_EQ_INT(d.line, 3);
    CHECK_EQ_STR(d.msg, "finding 'age': value 120 out of range 14..90 years");
    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><history>"
                       "<finding name=\"recent-load-change\">distance\n"
                       "hills</finding></history></assessment>",
                       &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "'hills' is not an allowed value");
    /* An empty finding (a template line left blank) is not recorded. */
    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><history>"
                       "<finding name=\"onset\"> </finding>"
                       "</history></assessment>",
                       &d),
                 SOL_OK);
    CHECK_EQ_INT((int)sol_findings_count(sol_record_findings(r)), 0);
    sol_record_free(r);
    r = NULL;
    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><screening>"
                       "<finding name=\"s4-screen-all-yes\">yes</finding>"
                       "</screening></assessment>",
                       &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "derived finding, computed by Soleus");
    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><history>"
                       "<finding name=\"onset\">sudden</finding></history>"
                       "<screening><finding name=\"onset\">sudden</finding>"
                       "</screening></assessment>",
                       &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "belongs in <history>, not <screening>");
}

static void test_record__nesting_limit(void)
{
    char buf[2048];
    size_t n = 0;
    sol_record *r = NULL;
    sol_diag d;

    /* assessment + 32 more levels = 33: one too deep. */
    n += (size_t)snprintf(buf + n, sizeof buf - n, "<assessment id=\"a\">");
    for (int i = 0; i < 32; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "<x>");
    for (int i = 0; i < 32; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "</x>");
    snprintf(buf + n, sizeof buf - n, "</assessment>");
    CHECK_EQ_INT(parse(&r, buf, &d), SOL_EPARSE);
    CHECK_CONTAINS(d.msg, "nested deeper than 32 levels");
    /* 32 levels passes the depth check (and fails the schema instead). */
    n = 0;
    n += (size_t)snprintf(buf + n, sizeof buf - n, "<assessment id=\"a\">");
    for (int i = 0; i < 31; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "<x>");
    for (int i = 0; i < 31; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "</x>");
    snprintf(buf + n, sizeof buf - n, "</assessment>");
    CHECK_EQ_INT(parse(&r, buf, &d), SOL_EINVALID);
}

static void test_record__nesting_scan_ignores_comments_and_attributes(void)
{
    char buf[4096];
    size_t n = 0;
    sol_record *r = NULL;
    sol_diag d;

    n += (size_t)snprintf(buf + n, sizeof buf - n, "<?xml version=\"1.0\"?>\n<!-- ");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "<x>");
    n += (size_t)snprintf(buf + n, sizeof buf - n,
                          " -->\n<assessment id=\"a>b\"><notes><note><![CDATA[");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "<y>");
    snprintf(buf + n, sizeof buf - n, "]]></note><note/></notes></assessment>");
    /* id "a>b" fails the id pattern: the point is the depth scan passes. */
    CHECK_EQ_INT(parse(&r, buf, &d), SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "schema");
    buf[0] = '\0';
    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><notes><note><![CDATA[ <a><b><c> ]]>"
                       "</note></notes></assessment>",
                       &d),
                 SOL_OK);
    CHECK_EQ_STR(sol_record_note_at(r, 0)->text, "<a><b><c>");
    sol_record_free(r);
}

static void test_record__utf8_checks(void)
{
    sol_record *r = NULL;
    sol_diag d;

    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><notes><note>caf\xc3\xa9 \xe2\x80\x93 "
                       "\xf0\x9f\x8f\x83</note></notes></assessment>",
                       &d),
                 SOL_OK);
    CHECK_EQ_STR(sol_record_note_at(r, 0)->text, "caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x8f\x83");
    sol_record_free(r);
    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\">\n<notes><note>\xc0\xaf</note>"
                       "</notes></assessment>",
                       &d),
                 SOL_EPARSE);
    CHECK_CONTAINS(d.msg, "invalid UTF-8");
    CHECK_EQ_INT(d.line, 2);
    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><notes><note>\xed\xa0\x80</note>"
                       "</notes></assessment>",
                       &d),
                 SOL_EPARSE);
    CHECK_CONTAINS(d.msg, "invalid UTF-8");
    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><notes><note>\xe2\x80</note>"
                       "</notes></assessment>",
                       &d),
                 SOL_EPARSE);
    /* A declared legacy encoding is ignored: records are always UTF-8. */
    CHECK_EQ_INT(parse(&r,
                       "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                       "<assessment id=\"a\"><notes><note>caf\xc3\xa9</note>"
                       "</notes></assessment>",
                       &d),
                 SOL_OK);
    CHECK_EQ_STR(sol_record_note_at(r, 0)->text, "caf\xc3\xa9");
    sol_record_free(r);
}

static void test_record__predefined_and_character_references_allowed(void)
{
    sol_record *r = NULL;
    sol_diag d;

    CHECK_EQ_INT(parse(&r,
                       "<assessment id=\"a\"><notes><note>a &amp; b &lt; "
                       "&#x41;&#66;</note></notes></assessment>",
                       &d),
                 SOL_OK);
    CHECK_EQ_STR(sol_record_note_at(r, 0)->text, "a & b < AB");
    sol_record_free(r);
}

static void test_record__malformed_inputs(void)
{
    static const char nul_doc[] = "<assessment id=\"a\">\0</assessment>";
    sol_record *r = NULL;
    sol_diag d;

    CHECK_EQ_INT(parse(&r, "", &d), SOL_EPARSE);
    CHECK_CONTAINS(d.msg, "malformed XML");
    CHECK_EQ_INT(parse(&r, "not xml at all", &d), SOL_EPARSE);
    CHECK_EQ_INT(parse(&r, "<assessment id=\"a\"></assessment><x/>", &d), SOL_EPARSE);
    CHECK_EQ_INT(
        sol_record_parse(&r, nul_doc, sizeof nul_doc - 1, "nul.xml", TEST_SCHEMA, vocab(), &d),
        SOL_EPARSE);
    CHECK(r == NULL);
    CHECK_EQ_INT(parse(&r, "<!doctype assessment><assessment id=\"a\"/>", &d), SOL_EPARSE);
    CHECK_CONTAINS(d.msg, "DOCTYPE");
}

static void test_record__big_line_numbers(void)
{
    size_t pad = 70000, len;
    const char *head = "<assessment id=\"a\">",
               *tail = "<patient><finding name=\"age\">9</finding></patient></assessment>";
    char *buf;
    sol_record *r = NULL;
    sol_diag d;
    int rc;

    len = strlen(head) + pad + strlen(tail);
    buf = malloc(len + 1);
    CHECK(buf);
    strcpy(buf, head);
    memset(buf + strlen(head), '\n', pad);
    strcpy(buf + strlen(head) + pad, tail);
    rc = parse(&r, buf, &d);
    free(buf);
    CHECK_EQ_INT(rc, SOL_EINVALID);
    CHECK_EQ_INT(d.line, 70001);
    CHECK_CONTAINS(d.msg, "value 9 out of range");
}

static void test_record__free_null_and_accessors_on_null(void)
{
    sol_record_free(NULL);
    CHECK(sol_record_id(NULL) == NULL);
    CHECK(sol_record_findings(NULL) == NULL);
    CHECK_EQ_INT(sol_record_note_count(NULL), 0);
    CHECK(sol_record_note_at(NULL, 0) == NULL);
}

static void test_record__findings_mut_is_the_same_set(void)
{
    sol_record *r = NULL;
    sol_diag d;

    CHECK_EQ_INT(load(&r, "examples/tc5-gastroc-tear.xml", &d), SOL_OK);
    CHECK(sol_record_findings_mut(r) == sol_record_findings(r));
    CHECK_EQ_INT(sol_findings_remove(sol_record_findings_mut(r), "age"), 1);
    CHECK(nth(r, "age", 0) == NULL);
    sol_record_free(r);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_record__all_examples_load", test_record__all_examples_load},
        {"test_record__tc1_paths_lines_and_values", test_record__tc1_paths_lines_and_values},
        {"test_record__tc2_unknown_and_set_members", test_record__tc2_unknown_and_set_members},
        {"test_record__tc3_tc6_tc7_key_findings", test_record__tc3_tc6_tc7_key_findings},
        {"test_record__bad_fixtures_match_expect", test_record__bad_fixtures_match_expect},
        {"test_record__hostile_input_prints_nothing", test_record__hostile_input_prints_nothing},
        {"test_record__inert_text_is_kept_verbatim", test_record__inert_text_is_kept_verbatim},
        {"test_record__hundred_megabytes_refused_unread",
         test_record__hundred_megabytes_refused_unread},
        {"test_record__oversized_buffer_refused", test_record__oversized_buffer_refused},
        {"test_record__missing_file_is_eio", test_record__missing_file_is_eio},
        {"test_record__missing_schema_is_eio", test_record__missing_schema_is_eio},
        {"test_record__compiled_schema_judges_as_per_record",
         test_record__compiled_schema_judges_as_per_record},
        {"test_record__minimal_and_any_section_order",
         test_record__minimal_and_any_section_order},
        {"test_record__schema_violations", test_record__schema_violations},
        {"test_record__unknown_name_suggests_the_close_one",
         test_record__unknown_name_suggests_the_close_one},
        {"test_record__check_lists_every_problem_with_its_line",
         test_record__check_lists_every_problem_with_its_line},
        {"test_record__visit_details_are_read_and_checked",
         test_record__visit_details_are_read_and_checked},
        {"test_record__vocabulary_errors_name_line_and_expectation",
         test_record__vocabulary_errors_name_line_and_expectation},
        {"test_record__nesting_limit", test_record__nesting_limit},
        {"test_record__nesting_scan_ignores_comments_and_attributes",
         test_record__nesting_scan_ignores_comments_and_attributes},
        {"test_record__utf8_checks", test_record__utf8_checks},
        {"test_record__predefined_and_character_references_allowed",
         test_record__predefined_and_character_references_allowed},
        {"test_record__malformed_inputs", test_record__malformed_inputs},
        {"test_record__big_line_numbers", test_record__big_line_numbers},
        {"test_record__free_null_and_accessors_on_null",
         test_record__free_null_and_accessors_on_null},
        {"test_record__findings_mut_is_the_same_set", test_record__findings_mut_is_the_same_set},
        {NULL, NULL}};
    int rc = harness_main(argc, argv, tests);
    sol_vocab_free(vocab());
    return rc;
}
