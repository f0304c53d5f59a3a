/* cmd_questionnaire.c — `soleus questionnaire`: the FHIR R4 Questionnaire
 * generated from the vocabulary; with --response RECORD, that XML record
 * written as a QuestionnaireResponse for it (--bundle: in a Bundle with the
 * Patient carrying age and sex). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "form.h"
#include "json.h"
#include "record.h"

#define USAGE "questionnaire [--response RECORD [--bundle] [--authored YYYY-MM-DD]]"

/* The XML record's structured findings and notes as an intake. */
static int intake_of(sol_intake **out, const char *file, const char *kdir, const sol_vocab *v,
                     sol_diag *d)
{
    char schema[1024];
    sol_record *rec = NULL;
    sol_intake *in = NULL;
    int rc;
    *out = NULL;
    snprintf(schema, sizeof schema, "%s/record.rng", kdir);
    if ((rc = sol_record_load(&rec, file, schema, v, d)))
        return rc;
    in = sol_intake_new(file);
    if (!in) {
        rc = sol_diag_set(d, SOL_ENOMEM, file, 0, "out of memory");
        goto cleanup;
    }
    free(in->id);
    sol_findings_free(in->findings);
    in->findings = sol_findings_clone(sol_record_findings(rec));
    in->id = sol_strdup(sol_record_id(rec));
    if (!in->findings || !in->id) {
        rc = sol_diag_set(d, SOL_ENOMEM, file, 0, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < sol_record_note_count(rec); i++) {
        const sol_note *n = sol_record_note_at(rec, i);
        if ((rc = sol_intake_add_note(in, n->text, n->path, n->line))) {
            sol_diag_set(d, rc, file, 0, "out of memory");
            goto cleanup;
        }
    }
    *out = in;
    in = NULL;
cleanup:
    sol_intake_free(in);
    sol_record_free(rec);
    return rc;
}

int sol_cmd_questionnaire(const sol_paths *paths, int argc, char **argv)
{
    sol_cli_opts o;
    int y, m, dd;
    int st = sol_cli_parse(&o, paths, argc, argv, "response authored bundle", USAGE);
    const char *record = o.response, *authored = o.authored ? o.authored : "2026-01-15";
    int bundle = o.bundle;
    if (!st && (o.nargs || (bundle && !record) ||
                sscanf(authored, "%4d-%2d-%2d", &y, &m, &dd) != 3 || strlen(authored) != 10))
        st = sol_cli_usage(USAGE);
    if (st) {
        sol_cli_opts_free(&o);
        return st < 0 ? SOL_EXIT_OK : st;
    }
    const char *kdir = o.paths.knowledge_dir;

    sol_diag d = {0};
    sol_vocab *v = NULL;
    sol_form *form = NULL;
    sol_intake *in = NULL;
    char path[1024];
    snprintf(path, sizeof path, "%s/vocabulary.tsv", kdir);
    int rc = sol_vocab_load(&v, path, &d);
    if (rc)
        goto cleanup;
    snprintf(path, sizeof path, "%s/questionnaire.tsv", kdir);
    if ((rc = sol_form_load(&form, path, v, &d)))
        goto cleanup;
    if (record) {
        if ((rc = intake_of(&in, record, kdir, v, &d)))
            goto cleanup;
        rc = sol_fhir_write_response(stdout, in, v, form, authored, bundle);
    } else {
        rc = sol_fhir_write_questionnaire(stdout, v, form);
    }
    if (rc || fflush(stdout))
        rc = sol_diag_set(&d, SOL_EWRITE, "", 0, "cannot write the output");
cleanup:
    if (rc)
        sol_cli_print_diag(&d);
    sol_intake_free(in);
    sol_form_free(form);
    sol_vocab_free(v);
    sol_cli_opts_free(&o);
    return sol_cli_exit_status(rc);
}
