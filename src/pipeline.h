/* pipeline.h — wires the stages together for the commands: loads the
 * vocabulary, catalogues, note patterns and rules once, then turns a record
 * file into findings and findings into an assessment (graph + report).
 * Record → findings → facts → firings → graph → report, one way. */
#ifndef SOL_PIPELINE_H
#define SOL_PIPELINE_H

#include "sol.h"
#include "catalog.h"
#include "engine.h"
#include "findings.h"
#include "graph.h"
#include "intake.h"
#include "kb.h"
#include "report.h"
#include "vocab.h"

typedef struct sol_pipeline sol_pipeline;

/* What a record file or buffer holds: the XML record format, or FHIR JSON
 * (a QuestionnaireResponse for `soleus questionnaire`, or a Bundle with one
 * and its Patient). Both give the same findings structure. */
typedef enum { SOL_INPUT_XML = 0, SOL_INPUT_FHIR } sol_input;
/* "xml" or "fhir" into *out; SOL_EUSAGE otherwise. */
int sol_input_parse(sol_input *out, const char *name);

/* One assessed case. Owns its findings (a copy), graph and report. */
typedef struct {
    sol_findings *findings;
    sol_graph *graph;
    sol_report *report;
} sol_assessment;

int sol_pipeline_new(sol_pipeline **out, const char *rules_dir, const char *knowledge_dir,
                     sol_diag *d);
void sol_pipeline_free(sol_pipeline *p); /* NULL is a no-op */

/* Read, validate and merge the structured and note findings of a record.
 * *out_findings and *out_id are owned by the caller (sol_findings_free, free). */
int sol_pipeline_read(sol_pipeline *p, const char *path, sol_findings **out_findings,
                      char **out_id, sol_diag *d);

/* The same for a record in the given input format. */
int sol_pipeline_read_as(sol_pipeline *p, sol_input in, const char *path,
                         sol_findings **out_findings, char **out_id, sol_diag *d);
/* The same from a memory buffer (name is used in diagnostics). */
int sol_pipeline_read_buf(sol_pipeline *p, sol_input in, const char *buf, size_t len,
                          const char *name, sol_findings **out_findings, char **out_id,
                          sol_diag *d);
/* Merge the notes of an already-read record (e.g. a CDS Hooks prefetch) into
 * a copy of its structured findings. */
int sol_pipeline_read_intake(sol_pipeline *p, const sol_intake *in, sol_findings **out_findings,
                             char **out_id, sol_diag *d);

/* Assess a set of findings (copied). The caller frees *out with
 * sol_assessment_free. */
int sol_pipeline_assess(sol_pipeline *p, const char *record_id, const char *file,
                        const sol_findings *f, sol_assessment **out, sol_diag *d);
void sol_assessment_free(sol_assessment *a); /* NULL is a no-op */

/* Rank what to assess next for a (nextbest.h: one trial per plausible
 * answer of every unrecorded finding a rule reads) and attach the ranking
 * to a->report, so that the writers find it there. */
int sol_pipeline_assess_next(sol_pipeline *p, sol_assessment *a, sol_diag *d);

/* Read the record at path and assess it: sol_pipeline_read then
 * sol_pipeline_assess. On success the caller frees *out_findings, *out_id
 * and *out; on failure nothing is left to free. */
int sol_pipeline_read_assess(sol_pipeline *p, const char *path, sol_findings **out_findings,
                             char **out_id, sol_assessment **out, sol_diag *d);

/* sol_pipeline_read_assess for a record in the given input format. */
int sol_pipeline_read_assess_as(sol_pipeline *p, sol_input in, const char *path,
                                sol_findings **out_findings, char **out_id, sol_assessment **out,
                                sol_diag *d);

const sol_vocab *sol_pipeline_vocab(const sol_pipeline *p);
const sol_catalog *sol_pipeline_catalog(const sol_pipeline *p);
sol_engine *sol_pipeline_engine(sol_pipeline *p);
/* The rule model (kb.h) of the rules the engine runs, read from the same
 * files once, when the pipeline opens or (when the reads file saved beside
 * the rule image is current) on first use; owned by the pipeline, read-only,
 * and the only copy a command uses. sol_pipeline_use_kb builds it now and
 * reports a failure in d; commands call it before sol_pipeline_kb. */
int sol_pipeline_use_kb(sol_pipeline *p, sol_diag *d);
const sol_kb *sol_pipeline_kb(const sol_pipeline *p);

/* Write rules_dir/soleus.img.reads (what assess needs from the rule model,
 * with the sum of the files it came from); `make` runs it with the image. */
int sol_pipeline_save_reads(const char *rules_dir, const char *knowledge_dir, sol_diag *d);
struct sol_notes *sol_pipeline_notes(sol_pipeline *p);

#endif
