/* notes.h — negation-aware findings from free-text clinical notes (the only
 * PCRE2 user). Phrase patterns and the context lexicon (negation, history,
 * other-experiencer, uncertainty, pseudo-trigger and termination terms) are
 * data in knowledge/note-patterns.tsv; docs/notes.md explains the matching.
 *
 * Ownership: a sol_notes handle is read-only after sol_notes_load, does not
 * keep the vocabulary it was checked against, and may be shared between
 * threads. Strings reachable from a sol_note_pattern belong to the handle.
 * Note text never reaches CLIPS: only vocabulary values come out. */
#ifndef SOL_NOTES_H
#define SOL_NOTES_H

#include "sol.h"
#include "findings.h"
#include "vocab.h"

#include "bounds.h"                    /* SOL_NOTES_MAX_BYTES: longer notes are SOL_ELIMIT */
#define SOL_NOTES_SCOPE_WORDS 8        /* words a trigger reaches past its end */
#define SOL_NOTES_MATCH_LIMIT 1000000u /* PCRE2 match limit per call */
#define SOL_NOTES_DEPTH_LIMIT 5000u    /* PCRE2 backtracking depth limit */
#define SOL_NOTES_VALUE_MAX 64         /* longest value text, NUL included */
#define SOL_NOTES_NONE ((size_t)-1)    /* "no row" in sol_note_trigger */

typedef struct sol_notes sol_notes;

/* What one row of note-patterns.tsv is. */
typedef enum {
    SOL_NOTES_FINDING = 0, /* a phrase that names a finding */
    SOL_NOTES_NEGATION,    /* "no", "denies" / "ruled out" */
    SOL_NOTES_HISTORY,     /* "history of", "years ago": context history */
    SOL_NOTES_OTHER,       /* "her mother": someone else, dropped */
    SOL_NOTES_UNCERTAIN,   /* "possible", "?": hedged, dropped */
    SOL_NOTES_PSEUDO,      /* "no change in": looks like a trigger, is not */
    SOL_NOTES_TERMINATION  /* "but", "however": ends a trigger's scope */
} sol_notes_kind;

/* Which way a trigger's scope runs from the trigger. */
typedef enum {
    SOL_NOTES_DIR_NONE = 0, /* finding, pseudo-trigger and termination rows */
    SOL_NOTES_DIR_PRE,      /* forward: "no swelling" */
    SOL_NOTES_DIR_POST,     /* backward: "swelling resolved" */
    SOL_NOTES_DIR_BOTH      /* either: "years ago" */
} sol_notes_dir;

/* One row of the patterns file, as written there. */
typedef struct {
    const char *id; /* unique row id, e.g. shiny-skin.1 */
    int line;       /* line in the patterns file */
    sol_notes_kind kind;
    sol_notes_dir dir;
    const char *finding;  /* vocabulary name; NULL for lexicon rows */
    const char *affirmed; /* value when affirmed; "$1" = text of capture 1;
                               NULL when '-' (vague) and for lexicon rows */
    const char *negated;  /* value when negated; NULL when '-' (dropped) */
    int historical;       /* 1: the phrase is itself about the past, so a
                               history trigger does not demote it */
    const char *regex;    /* the PCRE2 pattern as written */
} sol_note_pattern;

/* Why a matched mention did or did not become a finding. */
typedef enum {
    SOL_NOTE_KEPT = 0,       /* became a finding (current or history) */
    SOL_NOTE_DROP_NEGATED,   /* negated and the row's negated value is '-' */
    SOL_NOTE_DROP_OTHER,     /* about someone else ("his father had") */
    SOL_NOTE_DROP_UNCERTAIN, /* hedged ("possible", "not certain whether") */
    SOL_NOTE_DROP_VAGUE,     /* affirmed, but the row's affirmed value is
                                   '-' (no single value: "discolouration") */
    SOL_NOTE_DROP_VALUE,     /* captured text is not a legal value */
    SOL_NOTE_UNCONFIRMED     /* a red-flag sign negated only through a list
                                   ("no swelling, dusky blue"): recorded as
                                   unknown with its quote, never as absent */
} sol_note_fate;

typedef struct {
    size_t row;        /* lexicon row, SOL_NOTES_NONE when no trigger */
    size_t start, end; /* bytes of the trigger within the note */
} sol_note_trigger;

/* One phrase-pattern match after scope rules, in text order. */
typedef struct {
    size_t row;          /* the finding row that matched */
    size_t start, end;   /* bytes of the matched words within the note */
    int negated;         /* a negation trigger had it in scope */
    sol_context context; /* SOL_CTX_HISTORY for historical mentions */
    sol_note_fate fate;
    char value[SOL_NOTES_VALUE_MAX];  /* value text when kept, else "" */
    sol_note_trigger negation;        /* the negation trigger applied */
    sol_note_trigger context_trigger; /* history, other or uncertain */
} sol_note_mention;

/* Load and compile the patterns file: every regex is compiled once with
 * PCRE2_UTF|PCRE2_UCP|PCRE2_CASELESS and whole-word guards; every finding and
 * value is checked against vocab. On error *out is NULL and d names the file
 * and line (SOL_EIO unreadable, SOL_EPARSE bad row or regex, SOL_EINVALID
 * unknown finding or value). On success the caller frees *out. */
int sol_notes_load(sol_notes **out, const char *patterns_path, const sol_vocab *vocab,
                   sol_diag *d);
/* sol_notes_load with the rows' regexes as sol_notes_save wrote them for the
 * same patterns file (PCRE2's serialised codes: no compiling at start-up).
 * Saved codes that do not decode, or not one per row, are ignored and every
 * regex is compiled; every check of sol_notes_load is made either way. */
int sol_notes_load_saved(sol_notes **out, const char *patterns_path, const sol_vocab *vocab,
                         const void *saved, size_t len, sol_diag *d);
/* The rows' compiled regexes as bytes for sol_notes_load_saved (malloc'd,
 * the caller frees *out). SOL_OK, or SOL_ENOMEM / SOL_EENGINE. */
int sol_notes_save(const sol_notes *n, void **out, size_t *len);
void sol_notes_free(sol_notes *n); /* NULL is a no-op */
/* JIT-compile every pattern (batch mode: many records pay back the few
 * milliseconds it takes; a single assess does not). The matches found are
 * the same; the match limit still holds. Returns the patterns compiled; a
 * pattern the JIT refuses keeps the interpreter. */
size_t sol_notes_use_jit(sol_notes *n);

/* Mark the k findings as red-flag signs (call before sharing the handle): a
 * negation that reaches one of their phrases only through a list of other
 * findings leaves it unknown (SOL_NOTE_UNCONFIRMED) instead of absent.
 * Sorts the findings array in place; returns how many pattern rows were
 * marked. */
int sol_notes_protect(sol_notes *n, const char **findings, size_t k);

size_t sol_notes_pattern_count(const sol_notes *n); /* all rows */
const sol_note_pattern *sol_notes_pattern_at(const sol_notes *n, size_t i);

/* Match one note and apply the scope rules. *out is an array of *out_n
 * mentions in text order, one per phrase match, dropped ones included
 * (caller frees it with free(); NULL when none). hits, when not NULL, is an
 * array of sol_notes_pattern_count(n) counters owned by the caller; every
 * match of a row that survives shadowing adds one to that row's counter
 * (phrase rows whether kept or dropped, lexicon rows whether or not they
 * reached a phrase), so callers can sum over many notes and find rows that
 * nothing exercises. The handle itself is never written. path/line name the
 * note in diagnostics. Errors: SOL_ELIMIT (note longer than
 * SOL_NOTES_MAX_BYTES, or a PCRE2 match/depth/heap limit hit, naming the
 * row), SOL_EINVALID (invalid UTF-8 or a NUL byte, with its byte offset),
 * SOL_ENOMEM; *out is then NULL. d->file is set to path (the note's element
 * path): callers may replace it with the record's file name. */
int sol_notes_scan(sol_note_mention **out, size_t *out_n, size_t *hits, const sol_notes *n,
                   const char *text, size_t len, const char *path, int line, sol_diag *d);

/* Append the kept mentions of one note to out as findings: origin
 * SOL_ORIGIN_NOTE, the note's path and line, span_start/span_end and quote
 * (the matched bytes), trigger (the negation trigger, else the history
 * trigger, else NULL) and context. An unconfirmed red-flag mention is
 * appended with the value unknown (reported, never asserted). Dropped mentions (other people, hedged,
 * negated without a negated value, vague, illegal number) are not appended;
 * sol_notes_scan reports them. Errors as sol_notes_scan; on error out may
 * hold the findings appended before the failure. */
int sol_notes_extract(const sol_notes *n, const char *text, size_t len, const char *path,
                      int line, sol_findings *out, sol_diag *d);

/* Merge note findings into the structured set (deep copies):
 *  - history-context note findings are added once per name and value
 *    (reported, never asserted);
 *  - current ones that agree with a structured finding are dropped
 *    (the structured one already says it);
 *  - current ones that disagree are not added: the structured value wins and
 *    a sol_conflict is recorded (record_value = structured, note_value =
 *    the note's, quote = the note's words);
 *  - a structured 'unknown' (asked, unanswered) is answered by the note:
 *    the unknown is replaced by the note finding;
 *  - notes that disagree with each other (no structured value): an affirmed
 *    mention beats a negated one; otherwise the later mention wins. The kept
 *    value is added and a conflict is recorded with record_value = the kept
 *    note value, note_value = the dropped one, record_line = the kept
 *    note's line, kept_from_note = 1 and kept_quote = the kept note's words
 *    (so a writer never labels a note as the record). A current note finding is "negated" when it carries a
 *    trigger (sol_notes_extract sets trigger on current findings only for
 *    negations);
 *  - set findings never come from notes (the loader refuses them); a
 *    structured set agrees when any member equals the note value.
 * Returns SOL_OK or SOL_ENOMEM. */
int sol_notes_merge(sol_findings *structured, const sol_findings *from_notes, sol_diag *d);

#endif
