/* kb_text.h — the knowledge-base model in plain English: one condition or
 * action as a phrase ("calf swelling difference > 3 cm"), and the whole rule
 * base as text or Markdown (`soleus rules`, docs/knowledge-base.md). Labels
 * come from the vocabulary and the catalogue; names are used when a label is
 * missing. Nothing here allocates memory the caller must free. */
#ifndef SOL_KB_TEXT_H
#define SOL_KB_TEXT_H

#include <stdio.h>

#include "catalog.h"
#include "kb.h"
#include "vocab.h"

/* Phrase for condition c of rule r into buf (at most len bytes, always
 * NUL-terminated, truncated with "…" when too long); returns buf. v and cat
 * may be NULL. THRESHOLD conditions give "" (their value shows in the test
 * that uses them). */
const char *sol_kb_cond_text(char *buf, size_t len, const sol_kb *kb, const sol_kb_rule *r,
                             const sol_kb_cond *c, const sol_vocab *v, const sol_catalog *cat);

/* Phrase for one action ("support possible DVT (strong)"); "" for calls that
 * are not worth showing (if/bind wrappers whose asserts are listed anyway). */
const char *sol_kb_action_text(char *buf, size_t len, const sol_kb_action *a, const sol_vocab *v,
                               const sol_catalog *cat);

/* Short form of a source's citation: its first sentence (authors, or a
 * seed's title) plus the year when one follows, at most about 72
 * characters: "Wells PS, et al. 1997". */
const char *sol_kb_short_citation(char *buf, size_t len, const sol_source *s);

typedef enum { SOL_KB_TEXT_PLAIN, SOL_KB_TEXT_MARKDOWN } sol_kb_text_format;

/* Every module in order, every rule as id + name / IF … / THEN … /
 * Sources / Why, then (Markdown) a table of the sources cited. Output is
 * deterministic. Returns 0, or SOL_EIO when writing failed. */
int sol_kb_write_english(FILE *out, const sol_kb *kb, const sol_vocab *v, const sol_catalog *cat,
                         sol_kb_text_format fmt);

/* Only the rules named by ids[0..n) (own id R07b or family R07, any case),
 * in knowledge-base order, each as in sol_kb_write_english. Returns 0,
 * SOL_ENOTFOUND (d names the first id no rule has, nothing is written) or
 * SOL_EIO. out NULL: only checks the ids. */
int sol_kb_write_rules(FILE *out, const sol_kb *kb, const sol_vocab *v, const sol_catalog *cat,
                       sol_kb_text_format fmt, const char *const *ids, size_t n, sol_diag *d);

#endif
