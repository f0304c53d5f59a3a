/* template.h — what the vocabulary lets a clinician write, as files: a blank
 * record with every finding in its section, commented with its question,
 * allowed values and units (`soleus new`), and the RELAX NG schema of the
 * record format that XML editors read (knowledge/record.rng is this output;
 * tests/sh/schema.sh fails when the two drift). Plain text, no library. */
#ifndef SOL_TEMPLATE_H
#define SOL_TEMPLATE_H

#include <stdio.h>
#include "vocab.h"

/* A blank record for case id (NULL: "new-record"). Every recordable finding
 * appears empty; an empty finding is not recorded, so the clinician fills
 * in what they know and deletes (or leaves) the rest. */
int sol_template_record(FILE *out, const sol_vocab *v, const char *id);

/* The record schema generated from the vocabulary: finding names per
 * section, enumerated values as choices. */
int sol_template_schema(FILE *out, const sol_vocab *v);

#endif
