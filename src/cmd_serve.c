#include "cli.h"
int sol_cmd_serve(const sol_paths *p, int argc, char **argv){(void)p;(void)argc;(void)argv;return 2;}
