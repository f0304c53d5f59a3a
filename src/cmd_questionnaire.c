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

static int usage(void)
{
    fprintf(stderr, "soleus: usage: soleus questionnaire [--response RECORD [--bundle] "
                    "[--authored YYYY-MM-DD]]\n");
    return SOL_EXIT_USAGE;
}

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
    const char *record = NULL, *authored = "2026-01-15";
    int bundle = 0, y, m, dd;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--response") == 0 && i + 1 < argc)
            record = argv[++i];
        else if (strcmp(argv[i], "--authored") == 0 && i + 1 < argc)
            authored = argv[++i];
        else if (strcmp(argv[i], "--bundle") == 0)
            bundle = 1;
        else
            return usage();
    }
    if ((bundle && !record) || sscanf(authored, "%4d-%2d-%2d", &y, &m, &dd) != 3 ||
        strlen(authored) != 10)
        return usage();

    sol_diag d = {0};
    sol_vocab *v = NULL;
    sol_form *form = NULL;
    sol_intake *in = NULL;
    char path[1024];
    snprintf(path, sizeof path, "%s/vocabulary.tsv", paths->knowledge_dir);
    int rc = sol_vocab_load(&v, path, &d);
    if (rc)
        goto cleanup;
    snprintf(path, sizeof path, "%s/questionnaire.tsv", paths->knowledge_dir);
    if ((rc = sol_form_load(&form, path, v, &d)))
        goto cleanup;
    if (record) {
        if ((rc = intake_of(&in, record, paths->knowledge_dir, v, &d)))
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
    return sol_cli_exit_status(rc);
}
