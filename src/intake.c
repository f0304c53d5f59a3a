/* intake.c — the reader-neutral record content (intake.h). */
#include "intake.h"

#include <stdlib.h>
#include <string.h>

sol_intake *sol_intake_new(const char *file)
{
    sol_intake *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->id = sol_strdup("");
    in->file = sol_strdup(file ? file : "(record)");
    in->findings = sol_findings_new();
    if (!in->id || !in->file || !in->findings) {
        sol_intake_free(in);
        return NULL;
    }
    return in;
}

void sol_intake_free(sol_intake *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->nnotes; i++) {
        free((char *)in->notes[i].text);
        free((char *)in->notes[i].path);
    }
    free(in->notes);
    sol_findings_free(in->findings);
    free(in->id);
    free(in->file);
    free(in);
}

int sol_intake_add_note(sol_intake *in, const char *text, const char *path, int line)
{
    if (sol_grow((void **)&in->notes, &in->capnotes, in->nnotes + 1, sizeof *in->notes))
        return SOL_ENOMEM;
    char *t = sol_strdup(text), *p = sol_strdup(path);
    if (!t || !p) {
        free(t);
        free(p);
        return SOL_ENOMEM;
    }
    in->notes[in->nnotes++] = (sol_note){t, line, p};
    return SOL_OK;
}
