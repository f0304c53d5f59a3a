/* harness.h — a tiny unit-test harness. Each test binary lists its tests in
 * a table; run with no argument to run all, or with a test name to run one.
 * Every test prints `ok NAME` or `FAIL NAME: file:line: message`; the binary
 * exits non-zero when any failed. tests/run.sh counts the lines. */
#ifndef SOL_HARNESS_H
#define SOL_HARNESS_H

#include <stdio.h>
#include <string.h>
#include <stdlib.h>

static int harness_failed_;

#define CHECK(cond)                                                                              \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            printf("  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                    \
            harness_failed_ = 1;                                                                 \
            return;                                                                              \
        }                                                                                        \
    } while (0)
#define CHECK_EQ_INT(a, b)                                                                       \
    do {                                                                                         \
        long long a_ = (long long)(a), b_ = (long long)(b);                                      \
        if (a_ != b_) {                                                                          \
            printf("  %s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, a_, b_);      \
            harness_failed_ = 1;                                                                 \
            return;                                                                              \
        }                                                                                        \
    } while (0)
#define CHECK_EQ_STR(a, b)                                                                       \
    do {                                                                                         \
        const char *a_ = (a), *b_ = (b);                                                         \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                 \
            printf("  %s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,           \
                   a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                      \
            harness_failed_ = 1;                                                                 \
            return;                                                                              \
        }                                                                                        \
    } while (0)
#define CHECK_CONTAINS(hay, needle)                                                              \
    do {                                                                                         \
        const char *h_ = (hay), *n_ = (needle);                                                  \
        if (!h_ || !strstr(h_, n_)) {                                                            \
            printf("  %s:%d: \"%s\" not found in %s\n", __FILE__, __LINE__, n_, #hay);           \
            harness_failed_ = 1;                                                                 \
            return;                                                                              \
        }                                                                                        \
    } while (0)

typedef struct {
    const char *name;
    void (*fn)(void);
} harness_test;

static int harness_main(int argc, char **argv, const harness_test *tests)
{
    int failures = 0, ran = 0;
    for (const harness_test *t = tests; t->name; t++) {
        if (argc > 1 && strcmp(argv[1], t->name) != 0)
            continue;
        harness_failed_ = 0;
        t->fn();
        ran++;
        if (harness_failed_) {
            printf("FAIL %s\n", t->name);
            failures++;
        } else
            printf("ok %s\n", t->name);
    }
    if (argc > 1 && ran == 0) {
        printf("FAIL %s: no such test\n", argv[1]);
        return 1;
    }
    return failures ? 1 : 0;
}

/* Knowledge and rules are found relative to the repository root, where
 * tests/run.sh runs the binaries. */
#define TEST_VOCAB "knowledge/vocabulary.tsv"
#define TEST_SCHEMA "knowledge/record.rng"
#define TEST_PATTERNS "knowledge/note-patterns.tsv"

#endif
