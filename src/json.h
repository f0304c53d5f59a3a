/* json.h — the JSON module: every use of jansson lives in write_json.c (the
 * tool documents; the assessment report is streamed by json_stream.c),
 * json_fhir.c (FHIR R4 Questionnaire out, QuestionnaireResponse and Bundle in) and json_cds.c (CDS Hooks discovery,
 * hook requests, cards, feedback and JSON error bodies). Nothing from jansson
 * crosses this header: callers get Soleus types, text or FILE output.
 * Strings returned through char **out are NUL-terminated, malloc'd and freed
 * by the caller. */
#ifndef SOL_JSON_H
#define SOL_JSON_H

#include <stdio.h>

#include "sol.h"
#include "form.h"
#include "intake.h"
#include "report.h"
#include "vocab.h"

/* The canonical URL of the questionnaire `soleus questionnaire` writes; a
 * QuestionnaireResponse names it in its "questionnaire" element. */
#define SOL_FHIR_QUESTIONNAIRE_URL                                                               \
    "http://soleus.invalid/fhir/Questionnaire/soleus-calf-assessment"
#define SOL_FHIR_LINK_NOTES "notes" /* the free-text notes item */
/* A JSON document deeper than this is refused before it is parsed. */
#define SOL_JSON_MAX_DEPTH 32

/* ---- FHIR (json_fhir.c) ---------------------------------------------- */

/* The FHIR R4 Questionnaire for the vocabulary: one group per section of the
 * form, one item per recordable finding, one notes item. */
int sol_fhir_write_questionnaire(FILE *out, const sol_vocab *v, const sol_form *form);

/* A QuestionnaireResponse carrying the structured findings and notes of a
 * record (set members of one finding become one item's answers). With
 * bundle, a Bundle with the response and a Patient carrying age (as a birth
 * date relative to authored, YYYY-MM-DD) and sex instead of those items. */
int sol_fhir_write_response(FILE *out, const sol_intake *in, const sol_vocab *v,
                            const sol_form *form, const char *authored, int bundle);

/* Read a QuestionnaireResponse, or a Bundle holding one and at most one
 * Patient, from buf (len bytes; name is used in diagnostics). Answers are
 * checked against the vocabulary as the XML reader checks elements; each
 * finding's provenance is its JSON path (path "$.item[0].item[2]", line 0).
 * Errors: SOL_EIO too large, SOL_EPARSE not JSON / too deep (d->line is the
 * JSON line), SOL_EINVALID not a response for the questionnaire (d->msg
 * starts with the JSON path). The caller frees *out. */
int sol_fhir_read(sol_intake **out, const char *buf, size_t len, const char *name,
                  const sol_vocab *v, sol_diag *d);

/* ---- CDS Hooks (json_cds.c) ------------------------------------------ */

/* Discovery document for one patient-view service with id service_id. */
int sol_cds_discovery(char **out, const char *service_id);

/* Read a hook request. On success with prefetch present, *out is the record
 * from prefetch.questionnaireResponse (and prefetch.patient); when either is
 * missing or null, *out is NULL and why says what is missing. The request's
 * hookInstance is copied (cut short) into instance. Malformed requests
 * return SOL_EINVALID / SOL_EPARSE with d->msg naming the JSON path. */
int sol_cds_read_hook(sol_intake **out, char *why, size_t whylen, char *instance, size_t instlen,
                      const char *buf, size_t len, const char *hook, const sol_vocab *v,
                      sol_diag *d);

/* The cards for an assessment: one critical card per emergency, one warning
 * card per other referral, one info card with the leading differential and
 * the next question. r NULL: no cards, with why in an extension. Card uuids
 * are derived from instance (the hookInstance) and the conclusion. */
int sol_cds_cards(char **out, const sol_report *r, const char *why, const char *instance);

/* Check a feedback body: {"feedback": [{"card": ..., "outcome": ...}, ...]}. */
int sol_cds_check_feedback(const char *buf, size_t len, sol_diag *d);

/* {"error": {"status": N, "message": "..."}} */
int sol_json_error(char **out, int status, const char *message);

/* The assessment report as JSON text (write_json.c's writer into memory). */
int sol_json_report(char **out, size_t *out_len, const sol_report *r);

#endif
