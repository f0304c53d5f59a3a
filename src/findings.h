/* findings.h — the validated findings of one assessment, with provenance.
 * A sol_findings owns every string in the sol_finding items it holds; callers
 * pass items to add() which deep-copies them. */
#ifndef SOL_FINDINGS_H
#define SOL_FINDINGS_H

#include "sol.h"
#include "bounds.h"

typedef enum {
    SOL_ORIGIN_RECORD = 0, /* a structured <finding> element */
    SOL_ORIGIN_NOTE,       /* matched in a free-text <note> */
    SOL_ORIGIN_WHATIF      /* set by `what-if --set` */
} sol_origin;

typedef enum {
    SOL_CTX_CURRENT = 0, /* a current sign/symptom: asserted as a fact */
    SOL_CTX_HISTORY      /* historical mention: reported, not asserted */
} sol_context;

typedef struct {
    char *name;      /* vocabulary name */
    sol_value value; /* one value; set members are separate findings */
    sol_origin origin;
    sol_context context;
    char *path; /* element path, e.g. /assessment/history/finding[3] */
    int line;   /* line of that element in the record */
    /* note-derived findings only (NULL/0 otherwise): */
    size_t span_start; /* byte offset of the match within the note text */
    size_t span_end;   /* one past the last byte */
    char *quote;       /* the matched words */
    char *trigger;     /* negation/history trigger that set the polarity */
} sol_finding;

typedef struct {
    char *name;             /* finding in conflict */
    sol_value record_value; /* structured value: wins */
    sol_value note_value;   /* what the note said */
    int record_line;
    int note_line;
    char *record_path; /* provenance paths: shown instead of the lines */
    char *note_path;   /* when the record was FHIR (line 0, JSON path) */
    char *quote;       /* the note's words */
    int kept_from_note; /* 1: two notes disagreed, the kept value is a note's (record_* are that note's) */
    char *kept_quote; /* the kept note's words when kept_from_note, else NULL */
    size_t more;      /* further conflicting mentions of this finding,
                               repeats or over SOL_FINDINGS_MAX_CONFLICTS,
                               counted here instead of listed */
} sol_conflict;

typedef struct sol_findings sol_findings;

sol_findings *sol_findings_new(void);
void sol_findings_free(sol_findings *f); /* NULL is a no-op */
/* Deep-copies *item. */
int sol_findings_add(sol_findings *f, const sol_finding *item);
size_t sol_findings_count(const sol_findings *f);
const sol_finding *sol_findings_at(const sol_findings *f, size_t i);
/* First current-context finding with that name, or NULL. */
const sol_finding *sol_findings_find(const sol_findings *f, const char *name);
/* Remove every finding with that name; returns how many were removed. */
size_t sol_findings_remove(sol_findings *f, const char *name);
/* Deep copy of the whole set (for what-if); NULL on ENOMEM. Caller frees. */
sol_findings *sol_findings_clone(const sol_findings *f);

/* Deep-copies *c, unless it repeats a listed conflict (same finding,
 * values and quote) or SOL_FINDINGS_MAX_CONFLICTS of that finding are
 * listed: then it is counted in the last listed one's "more". */
int sol_findings_add_conflict(sol_findings *f, const sol_conflict *c);
size_t sol_findings_conflict_count(const sol_findings *f);
const sol_conflict *sol_findings_conflict_at(const sol_findings *f, size_t i);

/* Where a finding came from, as the writers show it: "line N" for a record
 * element, or its JSON path (e.g. "$.item[1].item[0]") for a FHIR answer,
 * which has no line. Into buf; returns buf. */
const char *sol_finding_where(const sol_finding *f, char *buf, size_t len);
/* The same from a line and a path (either may be 0/NULL). */
const char *sol_where(int line, const char *path, char *buf, size_t len);

/* Free the strings inside a caller-built item (not the item itself). */
void sol_finding_clear(sol_finding *item);

#endif
