/* rule-image.c — `make` builds rules/soleus.img with this: the rules of
 * RULES_DIR loaded from text and saved as a CLIPS binary image, with the
 * hash of the rule files beside it so a stale image is never loaded; and
 * soleus.img.reads, what assess needs from the rule model (pipeline.h).
 *
 *   rule-image [RULES_DIR [KNOWLEDGE_DIR]] */
#include <stdio.h>

#include "engine_int.h"
#include "pipeline.h"

int main(int argc, char **argv)
{
    sol_diag d = {0};
    const char *dir = argc > 1 ? argv[1] : "rules";
    const char *kdir = argc > 2 ? argv[2] : "knowledge";
    if (sol_engine_save_image(dir, &d) != SOL_OK ||
        sol_pipeline_save_reads(dir, kdir, &d) != SOL_OK) {
        fprintf(stderr, "rule-image: %s%s%s\n", d.file, d.file[0] ? ": " : "", d.msg);
        return 1;
    }
    return 0;
}
