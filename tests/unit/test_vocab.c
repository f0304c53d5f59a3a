/* test_vocab.c — unit tests for vocab.c: the shipped vocabulary, the strict
 * TSV loader and value parsing for every type. */
#include "harness.h"
#include "vocab.h"

#include <stdlib.h>
#include <unistd.h>

static sol_vocab *load_shipped(void)
{
    sol_vocab *v = NULL;
    sol_diag d;

    if (sol_vocab_load(&v, TEST_VOCAB, &d) != SOL_OK)
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
    return v;
}

/* Load TSV text from a temp file; returns the error code, d filled. */
static int load_text(const char *text, sol_vocab **out, sol_diag *d)
{
    char path[] = "/tmp/soleus-vocab-XXXXXX";
    int fd = mkstemp(path), rc;
    size_t len = strlen(text);

    if (fd < 0)
        return -100;
    if (write(fd, text, len) != (ssize_t)len) {
        close(fd);
        unlink(path);
        return -100;
    }
    close(fd);
    rc = sol_vocab_load(out, path, d);
    unlink(path);
    return rc;
}

/* Finding rows of the shipped vocabulary.tsv: every non-blank line that is
 * not a comment. */
static int shipped_rows(void)
{
    FILE *f = fopen("knowledge/vocabulary.tsv", "r");
    char line[4096];
    int n = 0;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (line[0] != '#' && line[0] != '\n' && line[0] != '\r')
            n++;
    fclose(f);
    return n;
}

static void test_vocab__shipped_vocabulary_loads(void)
{
    sol_vocab *v = load_shipped();
    CHECK(v);
    CHECK_EQ_INT(sol_vocab_count(v), shipped_rows());
    CHECK(sol_vocab_lookup(v, "no-such-finding") == NULL);
    CHECK(sol_vocab_lookup(v, "wells-history-items") == NULL);
    for (size_t i = 0; i < sol_vocab_count(v); i++) {
        const sol_term *t = sol_vocab_at(v, i);
        CHECK(sol_vocab_lookup(v, t->name) == t);
        CHECK(t->line > 0);
        CHECK(t->label && *t->label);
        CHECK(t->sources[0] == 'S' || t->sources[0] == 'L');
    }
    CHECK(sol_vocab_at(v, sol_vocab_count(v)) == NULL);
    sol_vocab_free(v);
    sol_vocab_free(NULL);
}

static void test_vocab__shipped_sections_types_ranges(void)
{
    sol_vocab *v = load_shipped();
    const sol_term *t;

    CHECK(v);
    t = sol_vocab_lookup(v, "age");
    CHECK(t);
    CHECK_EQ_STR(t->section, "patient");
    CHECK_EQ_INT(t->type, SOL_TYPE_INT);
    CHECK(t->min == 14 && t->max == 90);
    CHECK_EQ_STR(t->unit, "years");
    CHECK_EQ_STR(sol_vocab_lookup(v, "sex")->section, "patient");
    CHECK_EQ_STR(sol_vocab_lookup(v, "seated-occupation")->section, "patient");
    CHECK_EQ_STR(sol_vocab_lookup(v, "onset")->section, "history");
    CHECK_EQ_STR(sol_vocab_lookup(v, "wells-previous-dvt")->section, "history");
    CHECK_EQ_STR(sol_vocab_lookup(v, "shiny-skin")->section, "screening");
    CHECK_EQ_STR(sol_vocab_lookup(v, "thompson-positive")->section, "examination");
    CHECK_EQ_STR(sol_vocab_lookup(v, "cadence")->section, "running");
    CHECK_EQ_STR(sol_vocab_lookup(v, "slump-test")->section, "special-tests");
    t = sol_vocab_lookup(v, "calf-swelling-diff");
    CHECK(t && t->type == SOL_TYPE_REAL && t->min == 0 && t->max == 10);
    t = sol_vocab_lookup(v, "weekly-mileage-increase-pct");
    CHECK(t && t->min == -100 && t->max == 300);
    t = sol_vocab_lookup(v, "ankle-df-knee-to-wall-cm");
    CHECK(t && t->type == SOL_TYPE_REAL && t->min == 0 && t->max == 20);
    t = sol_vocab_lookup(v, "ankle-df-range");
    CHECK(t && t->type == SOL_TYPE_ENUM && t->nvalues == 2);
    t = sol_vocab_lookup(v, "recent-load-change");
    CHECK(t && t->type == SOL_TYPE_SET && t->nvalues == 7);
    t = sol_vocab_lookup(v, "leg-discolouration");
    CHECK(t && t->nvalues == 5);
    CHECK_EQ_STR(t->values[4], "dusky-blue");
    CHECK_EQ_INT(sol_vocab_lookup(v, "wells-score")->type, SOL_TYPE_DERIVED);
    CHECK_EQ_INT(sol_vocab_lookup(v, "s4-screen-all-yes")->type, SOL_TYPE_DERIVED);
    sol_vocab_free(v);
}

static void test_vocab__shipped_screen_items(void)
{
    static const char *const s4[] = {"onset",
                                     "injury-moment-remembered",
                                     "symptom-trend",
                                     "leg-discolouration",
                                     "shiny-skin",
                                     "exquisite-tenderness",
                                     NULL};
    static const char *const wells[] = {"calf-swelling-diff",
                                        "pitting-oedema-symptomatic-leg",
                                        "entire-leg-swollen",
                                        "deep-vein-tenderness",
                                        "collateral-superficial-veins",
                                        "alternative-dx-at-least-as-likely",
                                        "wells-active-cancer",
                                        "wells-paralysis-or-recent-cast",
                                        "wells-bedridden-or-major-surgery",
                                        "wells-previous-dvt",
                                        NULL};
    sol_vocab *v = load_shipped();
    size_t ns4 = 0, nwells = 0;

    CHECK(v);
    for (const char *const *p = s4; *p; p++)
        CHECK_EQ_STR(sol_vocab_lookup(v, *p)->screen, "s4");
    for (const char *const *p = wells; *p; p++) {
        CHECK_EQ_STR(sol_vocab_lookup(v, *p)->screen, "wells");
        CHECK_EQ_INT(sol_vocab_lookup(v, *p)->type,
                     strcmp(*p, "calf-swelling-diff") == 0 ? SOL_TYPE_REAL : SOL_TYPE_BOOL);
    }
    for (size_t i = 0; i < sol_vocab_count(v); i++) {
        const char *s = sol_vocab_at(v, i)->screen;
        ns4 += strcmp(s, "s4") == 0;
        nwells += strcmp(s, "wells") == 0;
    }
    CHECK_EQ_INT(ns4, 6);
    CHECK_EQ_INT(nwells, 10);
    sol_vocab_free(v);
}

static void test_vocab__parse_bool_enum_unknown(void)
{
    sol_vocab *v = load_shipped();
    sol_value vals[8];
    size_t n = 0;
    sol_diag d;

    CHECK(v);
    CHECK_EQ_INT(
        sol_vocab_parse_value(sol_vocab_lookup(v, "shiny-skin"), "  yes\n", vals, &n, &d),
        SOL_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(vals[0].kind, SOL_VAL_SYMBOL);
    CHECK_EQ_STR(vals[0].sym, "yes");
    sol_value_clear(&vals[0]);
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "onset"), "gradual", vals, &n, &d),
                 SOL_OK);
    CHECK_EQ_STR(vals[0].sym, "gradual");
    sol_value_clear(&vals[0]);
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "sex"), "unknown", vals, &n, &d),
                 SOL_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(vals[0].kind, SOL_VAL_UNKNOWN);
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "age"), "unknown", vals, &n, &d),
                 SOL_OK);
    CHECK_EQ_INT(vals[0].kind, SOL_VAL_UNKNOWN);
    sol_vocab_free(v);
}

static void test_vocab__parse_numbers(void)
{
    sol_vocab *v = load_shipped();
    sol_value vals[1];
    size_t n = 0;
    sol_diag d;

    CHECK(v);
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "age"), "90", vals, &n, &d), SOL_OK);
    CHECK_EQ_INT(vals[0].kind, SOL_VAL_INTEGER);
    CHECK_EQ_INT(vals[0].i, 90);
    CHECK_EQ_INT(
        sol_vocab_parse_value(sol_vocab_lookup(v, "calf-swelling-diff"), "3.5", vals, &n, &d),
        SOL_OK);
    CHECK_EQ_INT(vals[0].kind, SOL_VAL_REAL);
    CHECK(vals[0].r == 3.5);
    CHECK_EQ_INT(
        sol_vocab_parse_value(sol_vocab_lookup(v, "calf-swelling-diff"), "2", vals, &n, &d),
        SOL_OK);
    CHECK(vals[0].kind == SOL_VAL_REAL && vals[0].r == 2.0);
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "weekly-mileage-increase-pct"), "-100",
                                       vals, &n, &d),
                 SOL_OK);
    CHECK(vals[0].r == -100.0);
    sol_vocab_free(v);
}

/* The unit forms of units.tsv and a decimal comma, and what they became. */
static void test_vocab__numbers_take_unit_forms_and_decimal_comma(void)
{
    sol_vocab *v = load_shipped();
    sol_value vals[8];
    size_t n = 0;
    char note[128];
    sol_diag d;

    CHECK(v);
    if (!v)
        return;
    memset(&d, 0, sizeof d);
    CHECK_EQ_INT(sol_vocab_parse_value_note(sol_vocab_lookup(v, "symptom-duration"), "2 weeks",
                                            vals, &n, note, sizeof note, &d),
                 SOL_OK);
    CHECK_EQ_INT((int)vals[0].i, 14);
    CHECK_EQ_STR(note, "'2 weeks' read as 14 days");
    CHECK_EQ_INT(sol_vocab_parse_value_note(sol_vocab_lookup(v, "weekly-mileage-increase-pct"),
                                            "20%", vals, &n, note, sizeof note, &d),
                 SOL_OK);
    CHECK(vals[0].r == 20.0);
    CHECK_EQ_INT(sol_vocab_parse_value_note(sol_vocab_lookup(v, "calf-swelling-diff"), "1,5",
                                            vals, &n, note, sizeof note, &d),
                 SOL_OK);
    CHECK(vals[0].r == 1.5);
    CHECK_EQ_STR(note, "'1,5' read as 1.5 cm");
    CHECK_EQ_INT(sol_vocab_parse_value_note(sol_vocab_lookup(v, "symptom-duration"), "14", vals,
                                            &n, note, sizeof note, &d),
                 SOL_OK);
    CHECK_EQ_STR(note, "");
    CHECK_EQ_INT(sol_vocab_parse_value_note(sol_vocab_lookup(v, "symptom-duration"),
                                            "2 fortnights", vals, &n, note, sizeof note, &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "week");
    CHECK_EQ_INT(sol_vocab_parse_value_note(sol_vocab_lookup(v, "symptom-duration"), "200 weeks",
                                            vals, &n, note, sizeof note, &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "out of range");
    CHECK_EQ_INT(sol_vocab_parse_value_note(sol_vocab_lookup(v, "sex"), "Female", vals, &n, note,
                                            sizeof note, &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "(did you mean: female)");
    sol_vocab_free(v);
}

static void test_vocab__parse_errors_say_what_was_expected(void)
{
    sol_vocab *v = load_shipped();
    sol_value vals[8];
    size_t n = 9;
    sol_diag d;

    CHECK(v);
    sol_diag_set(&d, SOL_OK, "r.xml", 14, "%s", "");
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "age"), "120", vals, &n, &d),
                 SOL_EINVALID);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_STR(d.msg, "finding 'age': value 120 out of range 14..90 years");
    CHECK_EQ_STR(d.file, "r.xml");
    CHECK_EQ_INT(d.line, 14);
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "age"), "34.5", vals, &n, &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "wrong type: expected a whole number");
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "age"), "0x20", vals, &n, &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "wrong type");
    CHECK_EQ_INT(
        sol_vocab_parse_value(sol_vocab_lookup(v, "calf-swelling-diff"), "nan", vals, &n, &d),
        SOL_EINVALID);
    CHECK_EQ_INT(
        sol_vocab_parse_value(sol_vocab_lookup(v, "calf-swelling-diff"), "inf", vals, &n, &d),
        SOL_EINVALID);
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "shiny-skin"), "true", vals, &n, &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "expected yes, no or unknown");
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "onset"), "slow", vals, &n, &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "'slow' is not an allowed value: expected one of "
                          "sudden|gradual");
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "onset"), "   ", vals, &n, &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "empty value");
    CHECK_EQ_INT(sol_vocab_parse_value(sol_vocab_lookup(v, "wells-score"), "3", vals, &n, &d),
                 SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "derived finding, computed by Soleus");
    sol_vocab_free(v);
}

static void test_vocab__parse_set_members(void)
{
    sol_vocab *v = load_shipped();
    const sol_term *t;
    sol_value vals[6];
    size_t n = 0;
    sol_diag d;

    CHECK(v);
    t = sol_vocab_lookup(v, "recent-load-change");
    CHECK_EQ_INT(sol_vocab_parse_value(t, " distance\tspeed-intervals  hills-x ", vals, &n, &d),
                 SOL_EINVALID);
    CHECK_EQ_INT(n, 0);
    CHECK_CONTAINS(d.msg, "'hills-x' is not an allowed value");
    CHECK_EQ_INT(sol_vocab_parse_value(t, " distance\tspeed-intervals ", vals, &n, &d), SOL_OK);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_STR(vals[0].sym, "distance");
    CHECK_EQ_STR(vals[1].sym, "speed-intervals");
    sol_value_clear(&vals[0]);
    sol_value_clear(&vals[1]);
    CHECK_EQ_INT(sol_vocab_parse_value(t, "distance distance", vals, &n, &d), SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "member 'distance' given twice");
    CHECK_EQ_INT(sol_vocab_parse_value(t, "none distance", vals, &n, &d), SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "'none' cannot be combined");
    CHECK_EQ_INT(
        sol_vocab_parse_value(t, "distance duration speed-intervals terrain-hills frequency",
                              vals, &n, &d),
        SOL_OK);
    CHECK_EQ_INT(n, 5);
    for (size_t i = 0; i < n; i++)
        sol_value_clear(&vals[i]);
    sol_vocab_free(v);
}

static void test_vocab__loader_reports_file_and_line(void)
{
    static const struct {
        const char *text;
        int line;
        const char *msg;
    } bad[] = {
        {"# c\nage\tpatient\tint\t14..90\tyears\t-\tL5\tage\n"
         "sex\tpatient\tenum\tmale|female\t-\t-\tS4\n",
         3, "expected 8 tab-separated columns"},
        {"age\tpatient\tinteger\t14..90\tyears\t-\tL5\tage\n", 1, "type 'integer'"},
        {"age\tpatients\tint\t14..90\tyears\t-\tL5\tage\n", 1, "section 'patients'"},
        {"age\tpatient\tint\t90..14\tyears\t-\tL5\tage\n", 1, "not a valid int range"},
        {"age\tpatient\tint\t14..9.5\tyears\t-\tL5\tage\n", 1, "not a valid int range"},
        {"age\tpatient\tint\t14-90\tyears\t-\tL5\tage\n", 1, "not min..max"},
        {"Age\tpatient\tint\t14..90\tyears\t-\tL5\tage\n", 1, "kebab-case"},
        {"x\tpatient\tbool\tyes|no\t-\t-\tL5\tx\n", 1, "domain '-'"},
        {"x\tpatient\tenum\ta|a\t-\t-\tL5\tx\n", 1, "listed twice"},
        {"x\tpatient\tenum\ta|unknown\t-\t-\tL5\tx\n", 1, "other than 'unknown'"},
        {"x\tpatient\tbool\t-\t-\tdvt\tL5\tx\n", 1, "screen 'dvt'"},
        {"x\tpatient\tbool\t-\t-\t-\tL5\t\n", 1, "column 8 is empty"},
        {"x\tpatient\tbool\t-\t-\t-\tL5\tx\n\nx\tpatient\tbool\t-\t-\t-\tL5\tx\n", 3,
         "already defined at line 1"},
        {"# only comments\n\n", 0, "no findings defined"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sol_vocab *v = (sol_vocab *)1;
        sol_diag d;
        int rc = load_text(bad[i].text, &v, &d);
        if (rc != SOL_EPARSE || v != NULL || d.line != bad[i].line ||
            !strstr(d.msg, bad[i].msg)) {
            printf("  case %zu: rc=%d line=%d msg=%s\n", i, rc, d.line, d.msg);
            CHECK(0);
        }
    }
}

static void test_vocab__loader_accepts_crlf_and_comments(void)
{
    sol_vocab *v = NULL;
    sol_diag d;

    CHECK_EQ_INT(load_text("# header\r\n\r\nx\tpatient\tset\ta|b\t-\t-\tS1\tlabel x\r\n", &v, &d),
                 SOL_OK);
    CHECK(v);
    CHECK_EQ_INT(sol_vocab_count(v), 1);
    CHECK_EQ_STR(sol_vocab_lookup(v, "x")->label, "label x");
    CHECK_EQ_INT(sol_vocab_lookup(v, "x")->line, 3);
    sol_vocab_free(v);
}

static void test_vocab__loader_missing_file(void)
{
    sol_vocab *v = (sol_vocab *)1;
    sol_diag d;

    CHECK_EQ_INT(sol_vocab_load(&v, "/nonexistent/vocabulary.tsv", &d), SOL_EIO);
    CHECK(v == NULL);
}

static void test_vocab__type_names(void)
{
    CHECK_EQ_STR(sol_type_name(SOL_TYPE_BOOL), "bool");
    CHECK_EQ_STR(sol_type_name(SOL_TYPE_SET), "set");
    CHECK_EQ_STR(sol_type_name(SOL_TYPE_DERIVED), "derived");
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_vocab__shipped_vocabulary_loads", test_vocab__shipped_vocabulary_loads},
        {"test_vocab__numbers_take_unit_forms_and_decimal_comma",
         test_vocab__numbers_take_unit_forms_and_decimal_comma},
        {"test_vocab__shipped_sections_types_ranges", test_vocab__shipped_sections_types_ranges},
        {"test_vocab__shipped_screen_items", test_vocab__shipped_screen_items},
        {"test_vocab__parse_bool_enum_unknown", test_vocab__parse_bool_enum_unknown},
        {"test_vocab__parse_numbers", test_vocab__parse_numbers},
        {"test_vocab__parse_errors_say_what_was_expected",
         test_vocab__parse_errors_say_what_was_expected},
        {"test_vocab__parse_set_members", test_vocab__parse_set_members},
        {"test_vocab__loader_reports_file_and_line", test_vocab__loader_reports_file_and_line},
        {"test_vocab__loader_accepts_crlf_and_comments",
         test_vocab__loader_accepts_crlf_and_comments},
        {"test_vocab__loader_missing_file", test_vocab__loader_missing_file},
        {"test_vocab__type_names", test_vocab__type_names},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
