/* json_fhir.c — FHIR R4 in and out (part of the JSON module, json.h): the
 * Questionnaire generated from the vocabulary, a QuestionnaireResponse
 * written from a record, and the reader that turns a QuestionnaireResponse
 * (alone or in a Bundle with its Patient) into findings checked exactly as
 * the XML reader checks elements, each carrying its JSON path. */
#include "json.h"
#include "json_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODE_SYSTEM "http://soleus.invalid/fhir/CodeSystem/soleus-values"
#define DAR_SYSTEM "http://terminology.hl7.org/CodeSystem/data-absent-reason"
#define UCUM_SYSTEM "http://unitsofmeasure.org"
#define EXT_UNIT "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
#define EXT_MIN "http://hl7.org/fhir/StructureDefinition/minValue"
#define EXT_MAX "http://hl7.org/fhir/StructureDefinition/maxValue"

/* ---- shared by the JSON module (json_int.h) --------------------------- */

size_t sol_json_too_deep_at(const char *buf, size_t len, int max, int *line)
{
    int depth = 0, in_str = 0, esc = 0;
    *line = 1;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == '\n')
            (*line)++;
        if (in_str) {
            if (esc)
                esc = 0;
            else if (c == '\\')
                esc = 1;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            if (++depth > max)
                return i;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return len;
}

int sol_json_parse(json_t **out, const char *buf, size_t len, const char *name, sol_diag *d)
{
    json_error_t err;
    int line;
    *out = NULL;
    if (len > SOL_RECORD_MAX_BYTES)
        return sol_diag_set(d, SOL_EIO, name, 0,
                            "file too large: %zu bytes, the limit is %u bytes", len,
                            SOL_RECORD_MAX_BYTES);
    if (sol_json_too_deep_at(buf, len, SOL_JSON_MAX_DEPTH, &line) < len)
        return sol_diag_set(d, SOL_EPARSE, name, line, "JSON nested deeper than %d levels",
                            SOL_JSON_MAX_DEPTH);
    *out = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
    if (!*out)
        return sol_diag_set(d, SOL_EPARSE, name, err.line > 0 ? err.line : 0,
                            "malformed JSON: %s", err.text);
    return SOL_OK;
}

int sol_json_fail(sol_diag *d, int code, const char *name, const char *path, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return sol_diag_set(d, code, name, 0, "%s: %s", path, msg);
}

/* ---- the Questionnaire ------------------------------------------------ */

static json_t *coding(const char *system, const char *code, const char *display)
{
    json_t *c = json_pack("{s:s,s:s}", "system", system, "code", code);
    if (display)
        json_object_set_new(c, "display", json_string(display));
    return c;
}

static json_t *member_coding(const char *m)
{
    char disp[256];
    snprintf(disp, sizeof disp, "%s", m);
    for (char *p = disp; *p; p++)
        if (*p == '-')
            *p = ' ';
    return coding(CODE_SYSTEM, m, disp);
}

static json_t *number_json(const sol_term *t, double x)
{
    return t->type == SOL_TYPE_INT ? json_integer((json_int_t)x) : json_real(x);
}

static json_t *question_item(const sol_term *t, const sol_form *form)
{
    char q[512];
    json_t *it = json_pack("{s:s,s:s}", "linkId", t->name, "text",
                           sol_form_question(t, q, sizeof q));
    switch (t->type) {
    case SOL_TYPE_BOOL: json_object_set_new(it, "type", json_string("boolean")); break;
    case SOL_TYPE_ENUM:
    case SOL_TYPE_SET: {
        json_t *opts = json_array();
        json_object_set_new(it, "type", json_string("choice"));
        if (t->type == SOL_TYPE_SET)
            json_object_set_new(it, "repeats", json_true());
        for (size_t i = 0; i < t->nvalues; i++)
            json_array_append_new(opts,
                                  json_pack("{s:o}", "valueCoding", member_coding(t->values[i])));
        json_object_set_new(it, "answerOption", opts);
        break;
    }
    default: {
        int integer = t->type == SOL_TYPE_INT;
        const char *vx = integer ? "valueInteger" : "valueDecimal";
        json_t *ext = json_array();
        json_object_set_new(it, "type", json_string(integer ? "integer" : "decimal"));
        json_array_append_new(ext,
                              json_pack("{s:s,s:o}", "url", EXT_MIN, vx, number_json(t, t->min)));
        json_array_append_new(ext,
                              json_pack("{s:s,s:o}", "url", EXT_MAX, vx, number_json(t, t->max)));
        const char *ucum = t->unit && strcmp(t->unit, "-") ? sol_form_ucum(form, t->unit) : NULL;
        if (ucum)
            json_array_append_new(ext, json_pack("{s:s,s:o}", "url", EXT_UNIT, "valueCoding",
                                                 coding(UCUM_SYSTEM, ucum, t->unit)));
        json_object_set_new(it, "extension", ext);
        break;
    }
    }
    const sol_form_enable *en = sol_form_enable_of(form, t->name);
    if (en) {
        json_t *w = json_pack("{s:s,s:s}", "question", en->other, "operator", "=");
        if (strcmp(en->value, "yes") == 0 || strcmp(en->value, "no") == 0)
            json_object_set_new(w, "answerBoolean", json_boolean(strcmp(en->value, "yes") == 0));
        else
            json_object_set_new(w, "answerCoding", member_coding(en->value));
        json_object_set_new(it, "enableWhen", json_pack("[o]", w));
    }
    return it;
}

int sol_fhir_write_questionnaire(FILE *out, const sol_vocab *v, const sol_form *form)
{
    json_t *groups = json_array();
    for (size_t s = 0; s < sol_form_section_count(form); s++) {
        const sol_form_section *sec = sol_form_section_at(form, s);
        json_t *items = json_array();
        for (size_t i = 0; i < sol_vocab_count(v); i++) {
            const sol_term *t = sol_vocab_at(v, i);
            if (t->type != SOL_TYPE_DERIVED && strcmp(t->section, sec->name) == 0)
                json_array_append_new(items, question_item(t, form));
        }
        if (json_array_size(items) == 0) {
            json_decref(items);
            continue;
        }
        json_array_append_new(groups, json_pack("{s:s,s:s,s:s,s:o}", "linkId", sec->name, "text",
                                                sec->title, "type", "group", "item", items));
    }
    json_array_append_new(groups, json_pack("{s:s,s:s,s:s,s:b}", "linkId", SOL_FHIR_LINK_NOTES,
                                            "text", "Clinician's notes (free text)", "type",
                                            "text", "repeats", 1));
    json_t *q = json_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:[s],s:s,s:o}", "resourceType", "Questionnaire", "id",
        "soleus-calf-assessment", "url", SOL_FHIR_QUESTIONNAIRE_URL, "version", SOL_VERSION,
        "name", "SoleusCalfAssessment", "title", "Soleus assessment record: calf pain in runners",
        "status", "active", "subjectType", "Patient", "description",
        "Generated from the Soleus findings vocabulary. Decision support for a qualified "
        "clinician; not a diagnosis.",
        "item", groups);
    int rc = json_dumpf(q, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    fputc('\n', out);
    json_decref(q);
    return rc == 0 && !ferror(out) ? SOL_OK : SOL_EIO;
}

/* ---- a QuestionnaireResponse from a record ---------------------------- */

static json_t *answer_json(const sol_term *t, const sol_value *val)
{
    switch (val->kind) {
    case SOL_VAL_UNKNOWN:
        return json_pack("{s:o}", "valueCoding",
                         coding(DAR_SYSTEM, "asked-unknown", "Asked But Unknown"));
    case SOL_VAL_INTEGER: return json_pack("{s:I}", "valueInteger", (json_int_t)val->i);
    case SOL_VAL_REAL: return json_pack("{s:f}", "valueDecimal", val->r);
    case SOL_VAL_SYMBOL:
        if (t->type == SOL_TYPE_BOOL)
            return json_pack("{s:b}", "valueBoolean", strcmp(val->sym, "yes") == 0);
        return json_pack("{s:o}", "valueCoding", member_coding(val->sym));
    default: return NULL;
    }
}

static int is_patient_term(const char *name)
{
    return strcmp(name, "age") == 0 || strcmp(name, "sex") == 0;
}

int sol_fhir_write_response(FILE *out, const sol_intake *in, const sol_vocab *v,
                            const sol_form *form, const char *authored, int bundle)
{
    const sol_findings *fs = in->findings;
    json_t *groups = json_array();
    const sol_finding *age = NULL, *sex = NULL;
    char pid[300];
    snprintf(pid, sizeof pid, "%s-patient", in->id[0] ? in->id : "record");
    for (size_t s = 0; s < sol_form_section_count(form); s++) {
        const sol_form_section *sec = sol_form_section_at(form, s);
        json_t *items = json_array();
        for (size_t i = 0; i < sol_vocab_count(v); i++) {
            const sol_term *t = sol_vocab_at(v, i);
            json_t *answers = NULL;
            if (strcmp(t->section, sec->name) != 0)
                continue;
            for (size_t k = 0; k < sol_findings_count(fs); k++) {
                const sol_finding *f = sol_findings_at(fs, k);
                if (strcmp(f->name, t->name) != 0 || f->origin != SOL_ORIGIN_RECORD)
                    continue;
                if (bundle && is_patient_term(t->name) && f->value.kind != SOL_VAL_UNKNOWN) {
                    if (strcmp(t->name, "age") == 0)
                        age = f;
                    else
                        sex = f;
                    continue;
                }
                if (!answers)
                    answers = json_array();
                json_array_append_new(answers, answer_json(t, &f->value));
            }
            if (answers)
                json_array_append_new(
                    items, json_pack("{s:s,s:o}", "linkId", t->name, "answer", answers));
        }
        if (json_array_size(items))
            json_array_append_new(groups,
                                  json_pack("{s:s,s:o}", "linkId", sec->name, "item", items));
        else
            json_decref(items);
    }
    if (in->nnotes) {
        json_t *answers = json_array();
        for (size_t i = 0; i < in->nnotes; i++)
            json_array_append_new(answers, json_pack("{s:s}", "valueString", in->notes[i].text));
        json_array_append_new(
            groups, json_pack("{s:s,s:o}", "linkId", SOL_FHIR_LINK_NOTES, "answer", answers));
    }
    json_t *qr = json_pack("{s:s,s:s,s:s,s:s,s:s,s:o}", "resourceType", "QuestionnaireResponse",
                           "id", in->id[0] ? in->id : "record", "questionnaire",
                           SOL_FHIR_QUESTIONNAIRE_URL, "status", "completed", "authored",
                           authored, "item", groups);
    json_t *root = qr;
    if (bundle) {
        char ref[320], birth[32];
        int y = 0, m = 1, dd = 1;
        snprintf(ref, sizeof ref, "Patient/%s", pid);
        json_object_set_new(qr, "subject", json_pack("{s:s}", "reference", ref));
        json_t *pat = json_pack("{s:s,s:s}", "resourceType", "Patient", "id", pid);
        if (sex && sex->value.kind == SOL_VAL_SYMBOL)
            json_object_set_new(pat, "gender", json_string(sex->value.sym));
        if (age && age->value.kind == SOL_VAL_INTEGER &&
            sscanf(authored, "%4d-%2d-%2d", &y, &m, &dd) == 3) {
            /* Born on the authored day, age years before: exactly that age. */
            if (m == 2 && dd == 29)
                dd = 28;
            snprintf(birth, sizeof birth, "%04d-%02d-%02d", y - (int)age->value.i, m, dd);
            json_object_set_new(pat, "birthDate", json_string(birth));
        }
        root = json_pack("{s:s,s:s,s:[{s:o},{s:o}]}", "resourceType", "Bundle", "type",
                         "collection", "entry", "resource", pat, "resource", qr);
    }
    int rc = json_dumpf(root, out,
                        JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    fputc('\n', out);
    json_decref(root);
    return rc == 0 && !ferror(out) ? SOL_OK : SOL_EIO;
}

/* ---- reading a QuestionnaireResponse ---------------------------------- */

typedef struct {
    const sol_vocab *v;
    sol_intake *in;
    const char *name; /* file name for diagnostics */
    sol_diag *d;
} reader;

#define FAILP(path, ...) sol_json_fail(r->d, SOL_EINVALID, r->name, path, __VA_ARGS__)

static int is_section(const sol_vocab *v, const char *name)
{
    for (size_t i = 0; i < sol_vocab_count(v); i++)
        if (strcmp(sol_vocab_at(v, i)->section, name) == 0)
            return 1;
    return 0;
}

/* The one value[x] element of an answer, with its key. */
static json_t *answer_value(reader *r, json_t *ans, const char *path, const char **key, int *rc)
{
    const char *k;
    json_t *val, *found = NULL;
    *rc = SOL_OK;
    if (!json_is_object(ans)) {
        *rc = FAILP(path, "an answer must be an object");
        return NULL;
    }
    json_object_foreach(ans, k, val)
    {
        if (strncmp(k, "value", 5) != 0)
            continue;
        if (found) {
            *rc = FAILP(path, "an answer has one value[x] element, not '%s' and '%s'", *key, k);
            return NULL;
        }
        found = val;
        *key = k;
    }
    if (!found)
        *rc = FAILP(path, "an answer needs a value[x] element");
    return found;
}

static int is_asked_unknown(json_t *val, const char *key)
{
    if (strcmp(key, "valueCoding") != 0 || !json_is_object(val))
        return 0;
    const char *sys = json_string_value(json_object_get(val, "system"));
    const char *code = json_string_value(json_object_get(val, "code"));
    return sys && code && strcmp(sys, DAR_SYSTEM) == 0 && strcmp(code, "asked-unknown") == 0;
}

static const char *expected_key(const sol_term *t)
{
    switch (t->type) {
    case SOL_TYPE_BOOL: return "valueBoolean";
    case SOL_TYPE_INT: return "valueInteger";
    case SOL_TYPE_REAL: return "valueDecimal";
    default: return "valueCoding";
    }
}

/* Append the text of one answer (as the XML element would say it) to buf. */
static int answer_text(reader *r, const sol_term *t, json_t *val, const char *key,
                       const char *path, char *buf, size_t len)
{
    char one[320];
    const char *want = expected_key(t);
    int ok = 0;
    if (is_asked_unknown(val, key)) {
        snprintf(one, sizeof one, "unknown");
        ok = 1;
    } else if (t->type == SOL_TYPE_BOOL && strcmp(key, want) == 0 && json_is_boolean(val)) {
        snprintf(one, sizeof one, "%s", json_is_true(val) ? "yes" : "no");
        ok = 1;
    } else if (t->type == SOL_TYPE_INT && strcmp(key, want) == 0 && json_is_integer(val)) {
        snprintf(one, sizeof one, "%lld", (long long)json_integer_value(val));
        ok = 1;
    } else if (t->type == SOL_TYPE_REAL && strcmp(key, want) == 0 && json_is_number(val)) {
        snprintf(one, sizeof one, "%.15g", json_number_value(val));
        ok = 1;
    } else if ((t->type == SOL_TYPE_ENUM || t->type == SOL_TYPE_SET) &&
               (strcmp(key, "valueCoding") == 0 || strcmp(key, "valueString") == 0)) {
        const char *code = json_is_object(val) ? json_string_value(json_object_get(val, "code"))
                                               : json_string_value(val);
        if (code && *code && !strpbrk(code, " \t\r\n") && strlen(code) < sizeof one) {
            snprintf(one, sizeof one, "%s", code);
            ok = 1;
        }
    }
    if (!ok)
        return FAILP(path, "finding '%s': wrong type: expected %s%s, got %s", t->name, want,
                     t->type == SOL_TYPE_ENUM || t->type == SOL_TYPE_SET ? " with a code" : "",
                     key);
    size_t used = strlen(buf);
    if (used + strlen(one) + 2 > len)
        return FAILP(path, "finding '%s': too many answers", t->name);
    snprintf(buf + used, len - used, "%s%s", used ? " " : "", one);
    return SOL_OK;
}

/* Validate text for term t as the XML reader does and add the findings with
 * provenance path. */
static int add_values(reader *r, const sol_term *t, const char *text, const char *path,
                      const char *value_path)
{
    sol_value *vals = calloc(t->nvalues ? t->nvalues : 1, sizeof *vals);
    size_t nvals = 0;
    int rc;
    if (!vals)
        return sol_diag_set(r->d, SOL_ENOMEM, r->name, 0, "out of memory");
    rc = sol_vocab_parse_value(t, text, vals, &nvals, r->d);
    if (rc != SOL_OK) {
        char msg[sizeof r->d->msg];
        snprintf(msg, sizeof msg, "%s", r->d->msg);
        rc = sol_json_fail(r->d, rc, r->name, value_path, "%s", msg);
        goto cleanup;
    }
    for (size_t i = 0; i < nvals && rc == SOL_OK; i++) {
        sol_finding f;
        memset(&f, 0, sizeof f);
        f.name = (char *)t->name;
        f.value = vals[i];
        f.origin = SOL_ORIGIN_RECORD;
        f.context = SOL_CTX_CURRENT;
        f.path = (char *)path;
        f.line = 0;
        if (sol_findings_add(r->in->findings, &f))
            rc = sol_diag_set(r->d, SOL_ENOMEM, r->name, 0, "out of memory");
    }
cleanup:
    for (size_t i = 0; i < nvals; i++)
        sol_value_clear(&vals[i]);
    free(vals);
    return rc;
}

static const sol_finding *already(reader *r, const char *name)
{
    for (size_t i = 0; i < sol_findings_count(r->in->findings); i++) {
        const sol_finding *f = sol_findings_at(r->in->findings, i);
        if (strcmp(f->name, name) == 0)
            return f;
    }
    return NULL;
}

/* Age and sex read from the Patient resource. */
static int from_patient(const sol_finding *f)
{
    size_t n = f->path ? strlen(f->path) : 0;
    return (n > 10 && strcmp(f->path + n - 10, ".birthDate") == 0) ||
           (n > 7 && strcmp(f->path + n - 7, ".gender") == 0);
}

static int same_as_patient(reader *r, const sol_term *t, const char *text,
                           const sol_finding *prev, const char *value_path)
{
    sol_value *vals = calloc(t->nvalues ? t->nvalues : 1, sizeof *vals);
    size_t nvals = 0;
    int rc = SOL_OK;
    if (!vals)
        return sol_diag_set(r->d, SOL_ENOMEM, r->name, 0, "out of memory");
    if (t->type == SOL_TYPE_SET) {
        rc = FAILP(value_path, "finding '%s': already given at %s", t->name, prev->path);
    } else if (sol_vocab_parse_value(t, text, vals, &nvals, r->d) != SOL_OK) {
        char msg[sizeof r->d->msg];
        snprintf(msg, sizeof msg, "%s", r->d->msg);
        rc = sol_json_fail(r->d, SOL_EINVALID, r->name, value_path, "%s", msg);
    } else if (nvals != 1 || !sol_value_equal(&vals[0], &prev->value))
        rc = FAILP(value_path, "finding '%s': the Patient at %s says otherwise", t->name,
                   prev->path);
    for (size_t i = 0; i < nvals; i++)
        sol_value_clear(&vals[i]);
    free(vals);
    return rc;
}

static int read_finding(reader *r, const sol_term *t, json_t *item, const char *path,
                        const char *section)
{
    char apath[512], text[4096] = "";
    json_t *answers = json_object_get(item, "answer");
    const sol_finding *prev;
    size_t n;
    int rc;
    if (t->type == SOL_TYPE_DERIVED)
        return FAILP(path, "finding '%s': derived finding, computed by Soleus; do not record it",
                     t->name);
    if (section && strcmp(t->section, section) != 0)
        return FAILP(path, "finding '%s' belongs in group '%s', not '%s'", t->name, t->section,
                     section);
    if (json_object_get(item, "item"))
        return FAILP(path, "finding '%s': a question holds answers, not items", t->name);
    if ((prev = already(r, t->name)) && !from_patient(prev))
        return FAILP(path, "duplicate finding '%s': already given at %s", t->name, prev->path);
    if (!answers)
        return SOL_OK; /* shown, not answered: not recorded */
    if (!json_is_array(answers))
        return FAILP(path, "'answer' must be an array");
    n = json_array_size(answers);
    if (n > 1 && t->type != SOL_TYPE_SET)
        return FAILP(path, "finding '%s': one answer expected, got %zu", t->name, n);
    for (size_t k = 0; k < n; k++) {
        const char *key = "";
        snprintf(apath, sizeof apath, "%.480s.answer[%zu]", path, k);
        json_t *val = answer_value(r, json_array_get(answers, k), apath, &key, &rc);
        if (!val)
            return rc;
        if (n > 1 && is_asked_unknown(val, key))
            return FAILP(apath, "finding '%s': 'asked-unknown' must be the only answer", t->name);
        if ((rc = answer_text(r, t, val, key, apath, text, sizeof text)))
            return rc;
    }
    if (n == 0)
        return SOL_OK;
    snprintf(apath, sizeof apath, "%.480s.answer", path);
    if (n == 1)
        strcat(apath, "[0]");
    if (prev) /* the Patient gave it already: fine when both agree */
        return same_as_patient(r, t, text, prev, apath);
    return add_values(r, t, text, path, apath);
}

static int read_notes(reader *r, json_t *item, const char *path)
{
    char apath[512];
    json_t *answers = json_object_get(item, "answer");
    if (json_object_get(item, "item"))
        return FAILP(path, "the notes item holds answers, not items");
    if (!answers)
        return SOL_OK;
    if (!json_is_array(answers))
        return FAILP(path, "'answer' must be an array");
    for (size_t k = 0; k < json_array_size(answers); k++) {
        const char *key = "";
        int rc;
        snprintf(apath, sizeof apath, "%.480s.answer[%zu]", path, k);
        json_t *val = answer_value(r, json_array_get(answers, k), apath, &key, &rc);
        if (!val)
            return rc;
        if (strcmp(key, "valueString") != 0 || !json_is_string(val))
            return FAILP(apath, "a note is a valueString, not %s", key);
        snprintf(apath, sizeof apath, "%.460s.answer[%zu].valueString", path, k);
        if (sol_intake_add_note(r->in, json_string_value(val), apath, 0))
            return sol_diag_set(r->d, SOL_ENOMEM, r->name, 0, "out of memory");
    }
    return SOL_OK;
}

static int read_items(reader *r, json_t *items, const char *path, const char *section, int depth)
{
    char ipath[512];
    int rc = SOL_OK;
    if (!json_is_array(items))
        return FAILP(path, "'item' must be an array");
    for (size_t i = 0; i < json_array_size(items) && rc == SOL_OK; i++) {
        json_t *item = json_array_get(items, i);
        snprintf(ipath, sizeof ipath, "%s[%zu]", path, i);
        if (!json_is_object(item))
            return FAILP(ipath, "an item must be an object");
        const char *link = json_string_value(json_object_get(item, "linkId"));
        if (!link)
            return FAILP(ipath, "an item needs a string 'linkId'");
        const sol_term *t = sol_vocab_lookup(r->v, link);
        if (t) {
            rc = read_finding(r, t, item, ipath, section);
        } else if (strcmp(link, SOL_FHIR_LINK_NOTES) == 0) {
            rc = read_notes(r, item, ipath);
        } else if (is_section(r->v, link) && depth == 0) {
            char sub[540];
            json_t *inner = json_object_get(item, "item");
            if (json_object_get(item, "answer"))
                return FAILP(ipath, "group '%s' holds items, not answers", link);
            snprintf(sub, sizeof sub, "%s.item", ipath);
            if (inner)
                rc = read_items(r, inner, sub, link, depth + 1);
        } else {
            snprintf(ipath + strlen(ipath), sizeof ipath - strlen(ipath), ".linkId");
            return FAILP(ipath, "unknown finding '%s': not in the vocabulary", link);
        }
    }
    return rc;
}

/* Whole-years age on date a of someone born on b (both YYYY-MM-DD). */
static int age_at(const char *b, const char *a, long *out)
{
    int by, bm, bd, ay, am, ad;
    char extra;
    if (sscanf(b, "%4d-%2d-%2d%c", &by, &bm, &bd, &extra) != 3 || strlen(b) != 10)
        return -1;
    if (sscanf(a, "%4d-%2d-%2d", &ay, &am, &ad) != 3 || strlen(a) < 10)
        return -2;
    if (bm < 1 || bm > 12 || bd < 1 || bd > 31 || am < 1 || am > 12 || ad < 1 || ad > 31)
        return -1;
    *out = ay - by - ((am < bm || (am == bm && ad < bd)) ? 1 : 0);
    return 0;
}

/* Age from birthDate at the authored date, sex from gender. */
static int read_patient(reader *r, json_t *pat, const char *ppath, json_t *qr, const char *qpath)
{
    char path[512], text[32];
    const char *gender = json_string_value(json_object_get(pat, "gender"));
    const char *birth = json_string_value(json_object_get(pat, "birthDate"));
    const sol_term *tsex = sol_vocab_lookup(r->v, "sex"), *tage = sol_vocab_lookup(r->v, "age");
    int rc;
    if (json_object_get(pat, "gender") && !gender)
        return FAILP(ppath, "'gender' must be a string");
    if (json_object_get(pat, "birthDate") && !birth)
        return FAILP(ppath, "'birthDate' must be a string");
    if (tage && birth) {
        long age;
        const char *authored = json_string_value(json_object_get(qr, "authored"));
        snprintf(path, sizeof path, "%s.birthDate", ppath);
        if (!authored) {
            snprintf(path, sizeof path, "%s.authored", qpath);
            return FAILP(path, "the response needs an 'authored' date to give the age from "
                               "the Patient's birth date");
        }
        int e = age_at(birth, authored, &age);
        if (e == -1)
            return FAILP(path, "expected a full date YYYY-MM-DD, got '%.20s'", birth);
        if (e == -2) {
            snprintf(path, sizeof path, "%s.authored", qpath);
            return FAILP(path, "expected a date YYYY-MM-DD…, got '%.40s'", authored);
        }
        snprintf(text, sizeof text, "%ld", age);
        const sol_finding *prev = already(r, "age");
        if (prev && !(prev->value.kind == SOL_VAL_INTEGER && prev->value.i == age))
            return FAILP(path,
                         "finding 'age': the Patient's birth date gives %ld, the response "
                         "at %s differs",
                         age, prev->path);
        if (!prev && (rc = add_values(r, tage, text, path, path)))
            return rc;
    }
    if (tsex && gender && (strcmp(gender, "male") == 0 || strcmp(gender, "female") == 0)) {
        snprintf(path, sizeof path, "%s.gender", ppath);
        const sol_finding *prev = already(r, "sex");
        if (prev && !(prev->value.kind == SOL_VAL_SYMBOL && strcmp(prev->value.sym, gender) == 0))
            return FAILP(path, "finding 'sex': the Patient says %s, the response at %s differs",
                         gender, prev->path);
        if (!prev && (rc = add_values(r, tsex, gender, path, path)))
            return rc;
    }
    return SOL_OK;
}

static int read_response(reader *r, json_t *qr, const char *qpath, json_t *pat, const char *ppath)
{
    char path[512];
    const char *url = json_string_value(json_object_get(qr, "questionnaire"));
    const char *status = json_string_value(json_object_get(qr, "status"));
    const char *id = json_string_value(json_object_get(qr, "id"));
    json_t *items = json_object_get(qr, "item");
    int rc;
    size_t ulen = strlen(SOL_FHIR_QUESTIONNAIRE_URL);
    if (json_object_get(qr, "questionnaire") &&
        !(url && strncmp(url, SOL_FHIR_QUESTIONNAIRE_URL, ulen) == 0 &&
          (url[ulen] == '\0' || url[ulen] == '|'))) {
        snprintf(path, sizeof path, "%s.questionnaire", qpath);
        return FAILP(path, "expected the Soleus questionnaire %s", SOL_FHIR_QUESTIONNAIRE_URL);
    }
    if (json_object_get(qr, "status") &&
        !(status && (strcmp(status, "completed") == 0 || strcmp(status, "amended") == 0 ||
                     strcmp(status, "in-progress") == 0))) {
        snprintf(path, sizeof path, "%s.status", qpath);
        return FAILP(path, "expected completed, amended or in-progress");
    }
    if (id) {
        free(r->in->id);
        if (!(r->in->id = sol_strdup(id)))
            return sol_diag_set(r->d, SOL_ENOMEM, r->name, 0, "out of memory");
    }
    /* The Patient first, as the record's patient section comes first: an
     * age or sex item in the response is then a duplicate. */
    if (pat && (rc = read_patient(r, pat, ppath, qr, qpath)))
        return rc;
    if (items) {
        snprintf(path, sizeof path, "%s.item", qpath);
        if ((rc = read_items(r, items, path, NULL, 0)))
            return rc;
    }
    return SOL_OK;
}

static const char *rtype(json_t *o)
{
    return json_string_value(json_object_get(o, "resourceType"));
}

int sol_fhir_read_resources(sol_intake **out, json_t *root, const char *base, json_t *patient,
                            const char *ppath, const char *name, const sol_vocab *v, sol_diag *d)
{
    char qpath[320], pbuf[320];
    json_t *qr = NULL, *pat = patient;
    reader rd = {v, NULL, name, d}, *r = &rd;
    int rc;
    *out = NULL;
    if (!json_is_object(root))
        return FAILP(base, "expected a QuestionnaireResponse or a Bundle object");
    const char *type = rtype(root);
    snprintf(qpath, sizeof qpath, "%s", base);
    if (pat && ppath)
        snprintf(pbuf, sizeof pbuf, "%s", ppath);
    if (type && strcmp(type, "QuestionnaireResponse") == 0) {
        qr = root;
    } else if (type && strcmp(type, "Bundle") == 0) {
        json_t *entries = json_object_get(root, "entry");
        char epath[256];
        snprintf(epath, sizeof epath, "%s.entry", base);
        if (!json_is_array(entries))
            return FAILP(epath, "a Bundle needs an 'entry' array");
        for (size_t i = 0; i < json_array_size(entries); i++) {
            json_t *res = json_object_get(json_array_get(entries, i), "resource");
            const char *t = rtype(res);
            char rpath[300];
            snprintf(rpath, sizeof rpath, "%s[%zu].resource", epath, i);
            if (t && strcmp(t, "QuestionnaireResponse") == 0) {
                if (qr)
                    return FAILP(rpath, "a second QuestionnaireResponse (one record per Bundle)");
                qr = res;
                snprintf(qpath, sizeof qpath, "%s", rpath);
            } else if (t && strcmp(t, "Patient") == 0) {
                if (pat)
                    return FAILP(rpath, "a second Patient");
                pat = res;
                snprintf(pbuf, sizeof pbuf, "%s", rpath);
            } else if (!(t && strcmp(t, "OperationOutcome") == 0)) {
                snprintf(rpath + strlen(rpath), sizeof rpath - strlen(rpath), ".resourceType");
                return FAILP(rpath, "expected QuestionnaireResponse or Patient, got %s",
                             t ? t : "no resourceType");
            }
        }
        if (!qr)
            return FAILP(epath, "the Bundle holds no QuestionnaireResponse");
    } else {
        snprintf(qpath, sizeof qpath, "%s.resourceType", base);
        return FAILP(qpath, "expected QuestionnaireResponse or Bundle, got %s",
                     type ? type : "no resourceType");
    }
    if (pat && (!json_is_object(pat) || !rtype(pat) || strcmp(rtype(pat), "Patient") != 0))
        return FAILP(pbuf, "expected a Patient resource");
    if (!(rd.in = sol_intake_new(name)))
        return sol_diag_set(d, SOL_ENOMEM, name, 0, "out of memory");
    rc = read_response(r, qr, qpath, pat, pbuf);
    if (rc) {
        sol_intake_free(rd.in);
        return rc;
    }
    *out = rd.in;
    return SOL_OK;
}

int sol_fhir_read(sol_intake **out, const char *buf, size_t len, const char *name,
                  const sol_vocab *v, sol_diag *d)
{
    json_t *root = NULL;
    *out = NULL;
    if (!name)
        name = "(record)";
    int rc = sol_json_parse(&root, buf, len, name, d);
    if (rc == SOL_OK)
        rc = sol_fhir_read_resources(out, root, "$", NULL, NULL, name, v, d);
    json_decref(root);
    return rc;
}
