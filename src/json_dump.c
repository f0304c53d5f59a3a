/* json_dump.c — the JSON module's serialiser: a jansson tree into one memory
 * buffer through the text writer (json_stream.h), byte for byte as
 * json_dumpb writes it with JSON_SORT_KEYS and JSON_REAL_PRECISION(4),
 * compact or indented. jansson hands every token to a callback and looks
 * each sorted key up again in its hash table, which costs more. */
#include "json_int.h"
#include "json_stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *key;
    json_t *value;
} member;

static int cmp_member(const void *a, const void *b)
{
    return strcmp(((const member *)a)->key, ((const member *)b)->key);
}

static void put_value(sol_jw *w, const char *key, json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_NULL: sol_jw_null(w, key); break;
    case JSON_TRUE: sol_jw_bool(w, key, 1); break;
    case JSON_FALSE: sol_jw_bool(w, key, 0); break;
    case JSON_INTEGER: sol_jw_int(w, key, json_integer_value(j)); break;
    case JSON_REAL: sol_jw_real(w, key, json_real_value(j)); break;
    case JSON_STRING: sol_jw_strn(w, key, json_string_value(j), json_string_length(j)); break;
    case JSON_ARRAY:
        sol_jw_array(w, key);
        for (size_t i = 0; i < json_array_size(j); i++)
            put_value(w, NULL, json_array_get(j, i));
        sol_jw_close(w);
        break;
    case JSON_OBJECT: {
        /* sorted here, so the writer need not move the members again */
        size_t n = json_object_size(j), k = 0;
        member stack[32], *m = n <= 32 ? stack : malloc(n * sizeof *m);
        if (!m) {
            w->oom = 1;
            return;
        }
        for (void *it = json_object_iter(j); it && k < n; it = json_object_iter_next(j, it)) {
            m[k].key = json_object_iter_key(it);
            m[k++].value = json_object_iter_value(it);
        }
        sol_sort(m, k, sizeof *m, cmp_member);
        sol_jw_object(w, key);
        for (size_t i = 0; i < k; i++)
            put_value(w, m[i].key, m[i].value);
        sol_jw_close(w);
        if (m != stack)
            free(m);
        break;
    }
    }
}

int sol_json_dump(char **out, size_t *out_len, json_t *root, int indent)
{
    sol_jw w;
    sol_jw_init(&w, indent);
    put_value(&w, NULL, root);
    return sol_jw_finish(&w, out, out_len);
}
