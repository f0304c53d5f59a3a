/* nextbest_wild.h — for next-best (nextbest.c) only: can the rules that name
 * a finding by a variable, not literally, make answering it change the
 * score? The rule model judges a rule that names its findings literally;
 * the screening rules name theirs through a knowledge fact
 * ((screen-item (name ?n)) (not (finding (name ?n)))), which the model
 * cannot judge alone. Here such a rule is judged from the baseline run:
 * which of its firings an answer would undo, and whether the rules of the
 * slice that read what those firings asserted would then judge otherwise. */
#ifndef SOL_NEXTBEST_WILD_H
#define SOL_NEXTBEST_WILD_H

#include "sol.h"
#include "findings.h"
#include "graph.h"
#include "kb.h"

typedef struct {
    const sol_kb *kb;
    const unsigned char *slice;      /* per unit: 1 when it can reach the score */
    const sol_graph *g;              /* the baseline run */
    const unsigned char *superseded; /* per fact of g: replaced by a later version */
    const sol_findings *base;        /* the baseline's findings */
} sol_nb_wild;

/* 1 when answering finding `name` (alt: the baseline's findings with the
 * answer) could change the score through a rule of the slice that names
 * findings by a variable or among alternatives; 0 when it cannot;
 * SOL_ENOMEM. A case the model cannot tell apart counts as could. */
int sol_nb_wild_could(const sol_nb_wild *w, const char *name, const sol_findings *alt);

#endif
