/* json_cds.c placeholder */
#include "json_int.h"
