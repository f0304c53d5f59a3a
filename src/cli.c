/* cli.c — what every sub-command shares: the one mapping from error codes to
 * exit statuses and the one way a diagnostic is printed. */
#include "cli.h"

#include <stdio.h>

int sol_cli_exit_status(int err)
{
    switch (err) {
    case SOL_OK: return SOL_EXIT_OK;
    case SOL_EUSAGE: return SOL_EXIT_USAGE;
    case SOL_EIO: return SOL_EXIT_UNREADABLE;
    case SOL_EPARSE:
    case SOL_EINVALID:
    case SOL_ELIMIT: return SOL_EXIT_INVALID;
    case SOL_ENOTFOUND: return SOL_EXIT_USAGE;
    default: return SOL_EXIT_INTERNAL;
    }
}

void sol_cli_print_diag(const sol_diag *d)
{
    if (d->file[0] && d->line > 0)
        fprintf(stderr, "soleus: %s:%d: %s\n", d->file, d->line, d->msg);
    else if (d->file[0])
        fprintf(stderr, "soleus: %s: %s\n", d->file, d->msg);
    else
        fprintf(stderr, "soleus: %s\n", d->msg);
}
