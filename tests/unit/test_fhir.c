/* test_fhir.c — unit tests for the FHIR and form modules: the form layout
 * loader's checks, the FHIR reader's findings and JSON-path provenance, the
 * posted-form to XML step (escaping, unknown fields), and bearer checks that
 * must refuse without a token. */
#include "harness.h"
#include "auth.h"
#include "form.h"
#include "json.h"
#include "vocab.h"
#include "webform.h"

#include <unistd.h>


static sol_vocab *vocab(void)
{
    sol_vocab *v = NULL;
    sol_diag d;
    if (sol_vocab_load(&v, TEST_VOCAB, &d) != SOL_OK)
        printf("  %s:%d: %s\n", d.file, d.line, d.msg);
    return v;
}

static int form_text(const char *text, const sol_vocab *v, sol_form **out, sol_diag *d)
{
    char path[] = "/tmp/soleus-form-XXXXXX";
    int fd = mkstemp(path), rc;
    if (fd < 0)
        return -100;
    rc = write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -101;
    close(fd);
    if (rc == 0)
        rc = sol_form_load(out, path, v, d);
    unlink(path);
    return rc;
}

#define SECTIONS                                                                                 \
    "section\tpatient\tP\nsection\thistory\tH\nsection\tscreening\tS\n"                          \
    "section\texamination\tE\nsection\trunning\tR\nsection\tspecial-tests\tX\n"

static void test_fhir__form_layout_is_checked(void)
{
    sol_vocab *v = vocab();
    sol_form *f = NULL;
    sol_diag d = {0};
    CHECK(v);
    CHECK_EQ_INT(form_text(SECTIONS "enable\tnot-a-finding\tonset\tsudden\n", v, &f, &d),
                 SOL_EPARSE);
    CHECK_CONTAINS(d.msg, "unknown finding 'not-a-finding'");
    CHECK_EQ_INT(d.line, 7);
    CHECK_EQ_INT(form_text(SECTIONS "enable\tstopped-in-tracks\tonset\tslowly\n", v, &f, &d),
                 SOL_EPARSE);
    CHECK_CONTAINS(d.msg, "'slowly' is not a value");
    CHECK_EQ_INT(form_text("section\tpatient\tP\n", v, &f, &d), SOL_EPARSE);
    CHECK_CONTAINS(d.msg, "no 'section' line for 'history'");
    CHECK_EQ_INT(form_text(SECTIONS "unit\tyears\ta\n", v, &f, &d), SOL_OK);
    CHECK_EQ_STR(sol_form_ucum(f, "years"), "a");
    CHECK(sol_form_ucum(f, "km") == NULL);
    sol_form_free(f);
    sol_vocab_free(v);
}

static void test_fhir__answers_become_findings_with_json_paths(void)
{
    const char *qr =
        "{\"resourceType\":\"QuestionnaireResponse\",\"id\":\"r1\",\"item\":["
        "{\"linkId\":\"history\",\"item\":[{\"linkId\":\"recent-load-change\",\"answer\":"
        "[{\"valueCoding\":{\"code\":\"distance\"}},{\"valueCoding\":{\"code\":\"speed-intervals\"}}]},"
        "{\"linkId\":\"symptom-duration\",\"answer\":[{\"valueInteger\":12}]}]},"
        "{\"linkId\":\"screening\",\"item\":[{\"linkId\":\"shiny-skin\",\"answer\":[{\"valueCoding\":"
        "{\"system\":\"http://terminology.hl7.org/CodeSystem/data-absent-reason\",\"code\":\"asked-unknown\"}}]}]},"
        "{\"linkId\":\"notes\",\"answer\":[{\"valueString\":\"sore calf\"}]}]}";
    sol_vocab *v = vocab();
    sol_intake *in = NULL;
    sol_diag d = {0};
    CHECK(v);
    CHECK_EQ_INT(sol_fhir_read(&in, qr, strlen(qr), "t.json", v, &d), SOL_OK);
    CHECK_EQ_STR(in->id, "r1");
    CHECK_EQ_INT(sol_findings_count(in->findings), 4);
    const sol_finding *f = sol_findings_at(in->findings, 0);
    CHECK_EQ_STR(f->name, "recent-load-change");
    CHECK_EQ_STR(f->path, "$.item[0].item[0]");
    CHECK_EQ_INT(f->line, 0);
    char at[64];
    CHECK_EQ_STR(sol_finding_where(f, at, sizeof at), "$.item[0].item[0]");
    f = sol_findings_at(in->findings, 2);
    CHECK_EQ_INT(f->value.kind, SOL_VAL_INTEGER);
    CHECK_EQ_INT(f->value.i, 12);
    CHECK_EQ_INT(sol_findings_at(in->findings, 3)->value.kind, SOL_VAL_UNKNOWN);
    CHECK_EQ_INT(in->nnotes, 1);
    CHECK_EQ_STR(in->notes[0].text, "sore calf");
    CHECK_EQ_STR(in->notes[0].path, "$.item[2].answer[0].valueString");
    sol_intake_free(in);
    sol_vocab_free(v);
}

static void test_fhir__form_post_becomes_escaped_xml(void)
{
    sol_vocab *v = vocab();
    sol_form *f = NULL;
    sol_diag d = {0};
    char *xml = NULL;
    size_t len = 0;
    CHECK(v);
    CHECK_EQ_INT(form_text(SECTIONS, v, &f, &d), SOL_OK);
    const char *body =
        "id=a1&age=34&onset=&recent-load-change=distance&recent-load-change=speed-intervals"
        "&notes=%3C%2Fnote%3E%26+%22x%22";
    CHECK_EQ_INT(sol_webform_to_xml(&xml, &len, body, strlen(body), v, f, &d), SOL_OK);
    CHECK_CONTAINS(xml, "<assessment id=\"a1\">");
    CHECK_CONTAINS(xml,
                   "<finding name=\"recent-load-change\">distance speed-intervals</finding>");
    CHECK_CONTAINS(xml, "<note>&lt;/note&gt;&amp; &quot;x&quot;</note>");
    CHECK(!strstr(xml, "onset"));
    free(xml);
    xml = NULL;
    const char *bad = "wells-score=3";
    CHECK_EQ_INT(sol_webform_to_xml(&xml, &len, bad, strlen(bad), v, f, &d), SOL_EINVALID);
    CHECK_CONTAINS(d.msg, "unknown field 'wells-score'");
    const char *ctl = "notes=a%01b";
    CHECK_EQ_INT(sol_webform_to_xml(&xml, &len, ctl, strlen(ctl), v, f, &d), SOL_EINVALID);
    const char *id = "id=%22%3E";
    CHECK_EQ_INT(sol_webform_to_xml(&xml, &len, id, strlen(id), v, f, &d), SOL_EINVALID);
    CHECK(xml == NULL);
    sol_form_free(f);
    sol_vocab_free(v);
}

static void test_fhir__bearer_is_required(void)
{
    sol_auth *a = NULL;
    char why[200];
    sol_diag d = {0};
    CHECK_EQ_INT(sol_auth_new(&a), SOL_OK);
    CHECK_EQ_INT(sol_auth_add_key(a, "no-equals-sign", &d), SOL_EUSAGE);
    CHECK_EQ_INT(sol_auth_check(a, NULL, "http://x/cds-services", 1000, why, sizeof why),
                 SOL_EINVALID);
    CHECK_CONTAINS(why, "bearer token is required");
    CHECK_EQ_INT(sol_auth_check(a, "Bearer a.b.c", "http://x", 1000, why, sizeof why),
                 SOL_EINVALID);
    CHECK_CONTAINS(why, "trusted issuer");
    sol_auth_free(a);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_fhir__form_layout_is_checked", test_fhir__form_layout_is_checked},
        {"test_fhir__answers_become_findings_with_json_paths",
         test_fhir__answers_become_findings_with_json_paths},
        {"test_fhir__form_post_becomes_escaped_xml", test_fhir__form_post_becomes_escaped_xml},
        {"test_fhir__bearer_is_required", test_fhir__bearer_is_required},
        {NULL, NULL},
    };
    return harness_main(argc, argv, tests);
}
