/* probe.h — changes to a case's findings, as the explainers try them: what a
 * finding could be set to (the values worth trying, taken from the constants
 * and thresholds the rules compare it with), and applying a set of changes to
 * a copy of the findings. Used by what-if, why-not and next-best.
 * Ownership: a sol_change owns its name and values (sol_change_clear);
 * arrays returned through out parameters are malloc'd and freed by the
 * caller as each function says. */
#ifndef SOL_PROBE_H
#define SOL_PROBE_H

#include "sol.h"
#include "findings.h"
#include "kb.h"
#include "vocab.h"

/* One change: set a finding to one value (a set finding to several members)
 * or remove it. */
typedef struct {
    char *name;        /* vocabulary name (owned) */
    int unset;         /* 1: remove every finding with that name */
    sol_value *values; /* owned; nvalues >= 1 unless unset */
    size_t nvalues;
} sol_change;

void sol_change_clear(sol_change *c); /* frees what c owns */
/* Build a one-value change (copies name and value). */
int sol_change_set1(sol_change *out, const char *name, const sol_value *v);
/* "name = v1 v2" or "name unset" into buf. */
const char *sol_change_text(const sol_change *c, char *buf, size_t len);

/* Parse "NAME=VALUE" (set) or "NAME" (unset) against the vocabulary into
 * *out. An unknown name is SOL_EUSAGE with the closest names in the message;
 * a value the vocabulary refuses, or a derived finding, is SOL_EINVALID. */
int sol_change_parse(sol_change *out, const sol_vocab *v, const char *arg, int unset,
                     sol_diag *d);

/* Refuse a list of changes that touches one finding twice (--set X=a
 * --set X=b, or --set X=a --unset X): the result would depend on the
 * order. SOL_EUSAGE naming the finding and both changes, else SOL_OK. */
int sol_change_check(const sol_change *ch, size_t n, sol_diag *d);

/* A copy of base with the changes applied in order: each change first
 * removes every finding of its name, then (unless unset) adds its values
 * with origin SOL_ORIGIN_WHATIF. Caller frees *out. */
int sol_change_apply(sol_findings **out, const sol_findings *base, const sol_change *ch,
                     size_t n);
/* The same on f itself (next-best keeps one copy per finding and gives it
 * each value in turn). SOL_ENOMEM leaves f partly changed. */
int sol_change_apply_in(sol_findings *f, const sol_change *ch, size_t n);

/* 1 when the findings hold a current, known value for name (recorded
 * "unknown" and historical mentions do not count, as in the engine). */
int sol_probe_known(const sol_findings *f, const char *name);

/* The values worth trying for term t, sorted and unique: bool yes, no; each
 * enum member; each set member alone; for int/real, each constant or
 * threshold some rule compares t with, and the value one step past it on
 * the other side, clipped to the vocabulary's range (plus the range's ends
 * when no rule compares it). *out is malloc'd; the caller clears each value
 * and frees the array. Derived terms give none. */
int sol_probe_values(sol_value **out, size_t *out_n, const sol_kb *kb, const sol_term *t);
void sol_probe_values_free(sol_value *vals, size_t n);

/* The finding names some rule's left-hand side names literally, sorted and
 * unique. *out is malloc'd (the strings belong to kb); caller frees it. */
int sol_probe_read_findings(const char ***out, size_t *out_n, const sol_kb *kb);

/* 1 when rule r names finding `name` anywhere on its left-hand side. */
int sol_probe_rule_reads(const sol_kb_rule *r, const char *name);

/* Up to max names from candidates[] close to word (edit distance, prefix or
 * substring), best first, written comma-separated into buf. */
const char *sol_probe_close_names(const char *word, const char *const *candidates, size_t n,
                                  size_t max, char *buf, size_t len);

#endif
