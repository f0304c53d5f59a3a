/* json_cds.c — CDS Hooks 2.0 as JSON (part of the JSON module, json.h): the
 * discovery document, reading a patient-view request's prefetch into a
 * record, the cards for an assessment, feedback bodies and the JSON error
 * body every 4xx/5xx of the server carries. Card text comes from the
 * knowledge files and vocabulary-checked values only: no note text, no
 * record id, so nothing a record says can become Markdown. */
#include "json.h"
#include "json_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writers.h"

#define SUMMARY_MAX 140 /* CDS Hooks: a card summary under 140 characters */

static int dump(char **out, json_t *root)
{
    *out = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT | JSON_REAL_PRECISION(4));
    json_decref(root);
    return *out ? SOL_OK : SOL_ENOMEM;
}

int sol_json_error(char **out, int status, const char *message)
{
    return dump(out, json_pack("{s:{s:i,s:s}}", "error", "status", status, "message", message));
}

int sol_cds_discovery(char **out, const char *service_id)
{
    char qr[512];
    snprintf(qr, sizeof qr,
             "QuestionnaireResponse?subject=Patient/{{context.patientId}}&questionnaire=%s"
             "&status=completed,amended&_sort=-authored&_count=1",
             SOL_FHIR_QUESTIONNAIRE_URL);
    return dump(out, json_pack("{s:[{s:s,s:s,s:s,s:s,s:{s:s,s:s}}]}", "services", "hook",
                               "patient-view", "id", service_id, "title",
                               "Soleus: calf pain in runners", "description",
                               "Red flags to refer, the leading differential and the next "
                               "question from the patient's latest Soleus assessment record. "
                               "Decision support for a qualified clinician; not a diagnosis.",
                               "prefetch", "patient", "Patient/{{context.patientId}}",
                               "questionnaireResponse", qr));
}

/* ---- hook requests ---------------------------------------------------- */

#define FAILR(path, ...) sol_json_fail(d, SOL_EINVALID, "request", path, __VA_ARGS__)

static int read_hook(sol_intake **out, char *why, size_t whylen, char *instance, size_t instlen,
                     json_t *root, const char *hook, const sol_vocab *v, sol_diag *d)
{
    const char *h = json_string_value(json_object_get(root, "hook"));
    json_t *ctx = json_object_get(root, "context"), *pre = json_object_get(root, "prefetch");
    if (!h || strcmp(h, hook) != 0)
        return FAILR("$.hook", "expected \"%s\"", hook);
    if (!json_is_string(json_object_get(root, "hookInstance")))
        return FAILR("$.hookInstance", "expected a string");
    snprintf(instance, instlen, "%s", json_string_value(json_object_get(root, "hookInstance")));
    if (!json_is_object(ctx) || !json_is_string(json_object_get(ctx, "patientId")))
        return FAILR("$.context.patientId", "expected a string");
    if (pre && !json_is_null(pre) && !json_is_object(pre))
        return FAILR("$.prefetch", "expected an object");
    json_t *qr = pre ? json_object_get(pre, "questionnaireResponse") : NULL;
    json_t *pat = pre ? json_object_get(pre, "patient") : NULL;
    if (!qr || json_is_null(qr)) {
        snprintf(why, whylen,
                 "No assessment: the request carries no prefetch "
                 "'questionnaireResponse', so Soleus has nothing to assess. "
                 "This is not an all clear.");
        return SOL_OK;
    }
    if (pat && json_is_null(pat))
        pat = NULL;
    const char *type = json_string_value(json_object_get(qr, "resourceType"));
    const char *base = "$.prefetch.questionnaireResponse";
    char path[128];
    if (type && strcmp(type, "Bundle") == 0) {
        /* A search result: the first entry is the latest (_sort=-authored). */
        json_t *entries = json_object_get(qr, "entry");
        if (!entries || (json_is_array(entries) && json_array_size(entries) == 0)) {
            snprintf(why, whylen,
                     "No assessment: the patient has no Soleus "
                     "QuestionnaireResponse yet. This is not an all clear.");
            return SOL_OK;
        }
        if (!json_is_array(entries) || !json_is_object(json_array_get(entries, 0)))
            return FAILR("$.prefetch.questionnaireResponse.entry",
                         "expected an array of entries");
        qr = json_object_get(json_array_get(entries, 0), "resource");
        snprintf(path, sizeof path, "%s.entry[0].resource", base);
        base = path;
        type = json_string_value(json_object_get(qr, "resourceType"));
    }
    if (!type || strcmp(type, "QuestionnaireResponse") != 0)
        return FAILR(base, "expected a QuestionnaireResponse");
    return sol_fhir_read_resources(out, qr, base, pat, "$.prefetch.patient", "request", v, d);
}

int sol_cds_read_hook(sol_intake **out, char *why, size_t whylen, char *instance, size_t instlen,
                      const char *buf, size_t len, const char *hook, const sol_vocab *v,
                      sol_diag *d)
{
    json_t *root = NULL;
    *out = NULL;
    why[0] = '\0';
    instance[0] = '\0';
    int rc = sol_json_parse(&root, buf, len, "request", d);
    if (rc == SOL_OK && !json_is_object(root))
        rc = FAILR("$", "expected a CDS Hooks request object");
    if (rc == SOL_OK)
        rc = read_hook(out, why, whylen, instance, instlen, root, hook, v, d);
    json_decref(root);
    return rc;
}

int sol_cds_check_feedback(const char *buf, size_t len, sol_diag *d)
{
    json_t *root = NULL;
    char path[64];
    int rc = sol_json_parse(&root, buf, len, "request", d);
    if (rc)
        return rc;
    json_t *fb = json_object_get(root, "feedback");
    if (!json_is_array(fb)) {
        rc = FAILR("$.feedback", "expected an array");
        goto cleanup;
    }
    for (size_t i = 0; i < json_array_size(fb); i++) {
        json_t *e = json_array_get(fb, i);
        const char *outcome = json_string_value(json_object_get(e, "outcome"));
        snprintf(path, sizeof path, "$.feedback[%zu]", i);
        if (!json_is_string(json_object_get(e, "card"))) {
            rc = FAILR(path, "expected a 'card' uuid string");
            goto cleanup;
        }
        if (!outcome || (strcmp(outcome, "accepted") && strcmp(outcome, "overridden"))) {
            rc = FAILR(path, "expected 'outcome' accepted or overridden");
            goto cleanup;
        }
    }
cleanup:
    json_decref(root);
    return rc;
}

/* ---- cards -------------------------------------------------------------- */

/* Cut s to at most max bytes on a UTF-8 boundary, ending with "…" when cut. */
static void clip(char *s, size_t max)
{
    if (strlen(s) <= max)
        return;
    size_t n = max - 3;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(s + n, "\xE2\x80\xA6", 4);
}

static const char *first_source(const sol_rconclusion *c)
{
    static _Thread_local char id[16];
    const char *src = c->ncontrib ? c->contrib[0].sources : c->cond->sources;
    size_t n = strcspn(src ? src : "", ",");
    snprintf(id, sizeof id, "%.*s", (int)(n < 15 ? n : 15), src ? src : "");
    return id;
}

static json_t *source_json(const sol_catalog *cat, const sol_rconclusion *c)
{
    char label[200];
    const sol_source *s = sol_catalog_source(cat, first_source(c));
    if (s)
        snprintf(label, sizeof label, "Soleus knowledge base; %s: %s", s->id, s->citation);
    else
        snprintf(label, sizeof label, "Soleus knowledge base");
    clip(label, 120);
    return json_pack("{s:s}", "label", label);
}

static void because_lines(sol_buf *t, const sol_report *r, const sol_rconclusion *c)
{
    const sol_findings *fs = sol_report_findings(r);
    sol_buf_printf(t, "\n\n**Because**\n");
    for (size_t k = 0; k < c->ncontrib; k++) {
        const sol_rcontrib *rc = &c->contrib[k];
        sol_buf_printf(t, "\n- %s (%s, %s): %s", rc->rule_id, rc->polarity, rc->strength,
                       rc->rationale);
        for (size_t i = 0; i < rc->nfindings; i++) {
            const sol_finding *f = sol_findings_at(fs, rc->findings[i]);
            char v[64];
            sol_buf_printf(t, "%s`%s = %s`", i ? ", " : " Findings: ", f->name,
                           sol_value_text(&f->value, v, sizeof v));
        }
    }
}

static void sources_lines(sol_buf *t, const sol_catalog *cat, const sol_rconclusion *c)
{
    char ids[512] = "";
    sol_buf_printf(t, "\n\n**Sources**\n");
    for (size_t k = 0; k < c->ncontrib; k++) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", c->contrib[k].sources ? c->contrib[k].sources : "");
        for (char *save, *id = strtok_r(buf, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
            char key[24];
            snprintf(key, sizeof key, ",%s,", id);
            if (strstr(ids, key))
                continue;
            snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s", key);
            const sol_source *s = sol_catalog_source(cat, id);
            sol_buf_printf(t, "\n- %s: %s", id, s ? s->citation : "(not in sources.tsv)");
        }
    }
}

static void card_uuid(char *out, size_t len, const char *a, const char *b)
{
    unsigned long long h1 = 1469598103934665603ULL, h2 = 1099511628211ULL * 7;
    for (const char *p = a; *p; p++)
        h1 = (h1 ^ (unsigned char)*p) * 1099511628211ULL;
    for (const char *p = b; *p; p++)
        h2 = (h2 ^ (unsigned char)*p) * 1099511628211ULL, h1 ^= h2 >> 7;
    snprintf(out, len, "%08llx-%04llx-4%03llx-8%03llx-%012llx", h1 >> 32, (h1 >> 16) & 0xffff,
             h1 & 0xfff, (h2 >> 52) & 0xfff, h2 & 0xffffffffffffULL);
}

static json_t *card(const char *summary, const char *indicator, char *detail, json_t *source,
                    const char *uuid_seed, const char *uuid_key)
{
    char sum[SUMMARY_MAX + 8], uuid[40];
    snprintf(sum, sizeof sum, "%s", summary);
    clip(sum, SUMMARY_MAX - 1);
    card_uuid(uuid, sizeof uuid, uuid_seed, uuid_key);
    json_t *c = json_pack("{s:s,s:s,s:s,s:s,s:o}", "uuid", uuid, "summary", sum, "indicator",
                          indicator, "detail", detail ? detail : "", "source", source);
    free(detail);
    return c;
}

static void recs_for(sol_buf *t, const sol_report *r, const char *id)
{
    int any = 0;
    for (size_t i = 0; i < sol_report_recommendation_count(r); i++) {
        const sol_rrec *rr = sol_report_recommendation_at(r, i);
        if (strcmp(rr->for_id, id) != 0)
            continue;
        sol_buf_printf(t, "%s- %s: %s", any++ ? "\n" : "\n\n**What to do**\n\n", rr->rec->label,
                       rr->rec->text);
    }
}

int sol_cds_cards(char **out, const sol_report *r, const char *why, const char *instance)
{
    json_t *cards = json_array(), *root = json_pack("{s:o}", "cards", cards);
    if (!r) {
        json_object_set_new(root, "extension",
                            json_pack("{s:s}", "soleus-no-assessment", why ? why : "no record"));
        return dump(out, root);
    }
    const sol_catalog *cat = sol_report_catalog(r);
    const sol_rconclusion *lead = NULL;
    const sol_tier *lead_tier = sol_catalog_tier_lead(cat, 0);
    for (size_t i = 0; i < sol_report_conclusion_count(r); i++) {
        const sol_rconclusion *c = sol_report_conclusion_at(r, i);
        if (lead_tier && c->tier == lead_tier->tier && !lead)
            lead = c;
        if (!c->cond->red_flag) /* knowledge/urgency.tsv */
            continue;
        const char *u = c->cond->urgency;
        const sol_urgency *urg = sol_catalog_urgency(cat, u);
        int emergency = urg && strcmp(urg->action, "refer-now") == 0;
        char sum[256];
        sol_buf t = {0};
        snprintf(sum, sizeof sum, "Refer%s: %s (%s, certainty %.2f)", emergency ? " now" : "",
                 c->cond->label, u, c->cf);
        sol_buf_printf(&t,
                       "**Refer (%s).** %s Soleus suggests; it does not diagnose: a red flag "
                       "always means refer.",
                       u, c->cond->description);
        recs_for(&t, r, c->id);
        because_lines(&t, r, c);
        sources_lines(&t, cat, c);
        json_array_append_new(cards, card(sum, emergency ? "critical" : "warning", t.s,
                                          source_json(cat, c), instance, c->id));
    }

    /* One info card: the leading differential and the next question. */
    char sum[320], next[200] = "";
    sol_buf t = {0};
    for (size_t i = 0; i < sol_report_advice_count(r) && !next[0]; i++) {
        const sol_radvice *a = sol_report_advice_at(r, i);
        if (!a->withheld)
            snprintf(next, sizeof next, "%s", a->label);
    }
    for (size_t i = 0; i < sol_report_unanswered_count(r) && !next[0]; i++)
        snprintf(next, sizeof next, "%s", sol_report_unanswered_at(r, i)->label);
    if (lead)
        snprintf(sum, sizeof sum, "Leading: %s (%.2f)%s.%s%s", lead->cond->label, lead->cf,
                 lead->deferred ? ", held back: refer first" : "", next[0] ? " Ask next: " : "",
                 next);
    else
        snprintf(sum, sizeof sum, "No calf tissue conclusion reached.%s%s",
                 next[0] ? " Ask next: " : "", next);
    sol_buf_printf(&t, "Decision support for a qualified clinician; not a diagnosis.");
    if (lead) {
        sol_buf_printf(&t, "\n\n**Leading differential:** %s, certainty %.2f%s. %s",
                       lead->cond->label, lead->cf,
                       lead->deferred ? " (held back while a red flag stands)" : "",
                       lead->cond->description);
        because_lines(&t, r, lead);
    }
    int others = 0;
    for (size_t i = 0; i < sol_report_conclusion_count(r); i++) {
        const sol_rconclusion *c = sol_report_conclusion_at(r, i);
        if (c == lead || c->cond->tier_def->by_severity)
            continue;
        sol_buf_printf(&t, "%s- %s (%c%d), certainty %.2f",
                       others++ ? "\n" : "\n\n**Also considered**\n\n", c->cond->label, c->tier,
                       c->rank, c->cf);
    }
    if (next[0])
        sol_buf_printf(&t, "\n\n**Ask or test next:** %s", next);
    if (lead)
        sources_lines(&t, cat, lead);
    json_array_append_new(cards, card(sum, "info", t.s,
                                      lead ? source_json(cat, lead)
                                           : json_pack("{s:s}", "label", "Soleus knowledge base"),
                                      instance, "info"));
    return dump(out, root);
}
