/* test_util.c — unit tests for util.c: diagnostics, typed values, bounded
 * file reading and the allocation helpers. */
#include "harness.h"
#include "sol.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Write len bytes of 'x' to a fresh temp file; path into buf. */
static int make_temp(char *buf, size_t buflen, size_t len)
{
    char chunk[4096];
    int fd;

    snprintf(buf, buflen, "/tmp/soleus-util-XXXXXX");
    fd = mkstemp(buf);
    if (fd < 0)
        return -1;
    memset(chunk, 'x', sizeof chunk);
    while (len > 0) {
        size_t n = len < sizeof chunk ? len : sizeof chunk;
        if (write(fd, chunk, n) != (ssize_t)n) {
            close(fd);
            return -1;
        }
        len -= n;
    }
    close(fd);
    return 0;
}

static void test_util__diag_set_formats_and_returns_code(void)
{
    sol_diag d;
    int rc = sol_diag_set(&d, SOL_EINVALID, "r.xml", 14, "finding '%s': %d", "age", 120);
    CHECK_EQ_INT(rc, SOL_EINVALID);
    CHECK_EQ_STR(d.file, "r.xml");
    CHECK_EQ_INT(d.line, 14);
    CHECK_EQ_STR(d.msg, "finding 'age': 120");
}

static void test_util__diag_set_null_diag_is_safe(void)
{
    CHECK_EQ_INT(sol_diag_set(NULL, SOL_EIO, "f", 1, "x"), SOL_EIO);
}

static void test_util__diag_set_null_file_and_truncation(void)
{
    sol_diag d;
    char big[4000];

    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sol_diag_set(&d, SOL_EPARSE, NULL, 0, "%s", big);
    CHECK_EQ_STR(d.file, "");
    CHECK_EQ_INT(strlen(d.msg), sizeof d.msg - 1);
}

static void test_util__diag_set_may_reuse_its_own_fields(void)
{
    sol_diag d;

    sol_diag_set(&d, SOL_EPARSE, "a.xml", 3, "first");
    sol_diag_set(&d, SOL_EPARSE, d.file, d.line, "%s then second", d.msg);
    CHECK_EQ_STR(d.file, "a.xml");
    CHECK_EQ_INT(d.line, 3);
    CHECK_EQ_STR(d.msg, "first then second");
}

static void test_util__strdup_and_strndup(void)
{
    char *a = sol_strdup("calf"), *b = sol_strndup("soleus", 3), *c = sol_strndup("ab", 10);
    CHECK(a && b && c);
    CHECK_EQ_STR(a, "calf");
    CHECK_EQ_STR(b, "sol");
    CHECK_EQ_STR(c, "ab");
    CHECK(sol_strdup(NULL) == NULL);
    free(a);
    free(b);
    free(c);
}

static void test_util__value_copy_is_deep(void)
{
    sol_value a = {SOL_VAL_SYMBOL, sol_strdup("yes"), 0, 0}, b;

    CHECK_EQ_INT(sol_value_copy(&b, &a), SOL_OK);
    CHECK(b.sym != a.sym);
    CHECK(sol_value_equal(&a, &b));
    sol_value_clear(&a);
    CHECK_EQ_INT(a.kind, SOL_VAL_NONE);
    CHECK(a.sym == NULL);
    CHECK_EQ_STR(b.sym, "yes");
    sol_value_clear(&b);
    sol_value_clear(NULL);
}

static void test_util__value_text_canonical(void)
{
    char buf[64];
    sol_value i = {SOL_VAL_INTEGER, NULL, -7, 0};
    sol_value r = {SOL_VAL_REAL, NULL, 0, 3.5};
    sol_value r2 = {SOL_VAL_REAL, NULL, 0, 0.1};
    sol_value u = {SOL_VAL_UNKNOWN, NULL, 0, 0};
    sol_value n = {SOL_VAL_NONE, NULL, 0, 0};
    sol_value s = {SOL_VAL_SYMBOL, (char *)"dusky-blue", 0, 0};

    CHECK_EQ_STR(sol_value_text(&i, buf, sizeof buf), "-7");
    CHECK_EQ_STR(sol_value_text(&r, buf, sizeof buf), "3.5");
    CHECK_EQ_STR(sol_value_text(&r2, buf, sizeof buf), "0.1");
    CHECK_EQ_STR(sol_value_text(&u, buf, sizeof buf), "unknown");
    CHECK_EQ_STR(sol_value_text(&n, buf, sizeof buf), "-");
    CHECK_EQ_STR(sol_value_text(&s, buf, sizeof buf), "dusky-blue");
    CHECK_EQ_STR(sol_value_text(&s, buf, 5), "dusk");
}

static void test_util__value_equal_compares_kind_and_value(void)
{
    sol_value i3 = {SOL_VAL_INTEGER, NULL, 3, 0};
    sol_value i4 = {SOL_VAL_INTEGER, NULL, 4, 0};
    sol_value r3 = {SOL_VAL_REAL, NULL, 0, 3.0};
    sol_value y = {SOL_VAL_SYMBOL, (char *)"yes", 0, 0};
    sol_value y2 = {SOL_VAL_SYMBOL, (char *)"yes", 0, 0};
    sol_value no = {SOL_VAL_SYMBOL, (char *)"no", 0, 0};
    sol_value u1 = {SOL_VAL_UNKNOWN, NULL, 0, 0}, u2 = u1;

    CHECK(!sol_value_equal(&i3, &i4));
    CHECK(!sol_value_equal(&i3, &r3));
    CHECK(sol_value_equal(&y, &y2));
    CHECK(!sol_value_equal(&y, &no));
    CHECK(sol_value_equal(&u1, &u2));
}

static void test_util__read_file_reads_small_file(void)
{
    char path[64], *buf = NULL;
    size_t len = 0;
    sol_diag d;

    CHECK(make_temp(path, sizeof path, 100) == 0);
    CHECK_EQ_INT(sol_read_file(&buf, &len, path, 100, &d), SOL_OK);
    CHECK_EQ_INT(len, 100);
    CHECK_EQ_INT(buf[100], '\0');
    CHECK_EQ_INT(buf[99], 'x');
    free(buf);
    unlink(path);
}

static void test_util__read_file_refuses_over_cap(void)
{
    char path[64], *buf = (char *)1;
    size_t len = 5;
    sol_diag d;
    int rc;

    CHECK(make_temp(path, sizeof path, 101) == 0);
    rc = sol_read_file(&buf, &len, path, 100, &d);
    unlink(path);
    CHECK_EQ_INT(rc, SOL_EIO);
    CHECK(buf == NULL);
    CHECK_EQ_INT(len, 0);
    CHECK_EQ_STR(d.file, path);
    CHECK_CONTAINS(d.msg, "file too large: 101 bytes, the limit is 100 bytes");
}

static void test_util__read_file_empty_file(void)
{
    char path[64], *buf = NULL;
    size_t len = 9;
    sol_diag d;

    CHECK(make_temp(path, sizeof path, 0) == 0);
    CHECK_EQ_INT(sol_read_file(&buf, &len, path, 10, &d), SOL_OK);
    unlink(path);
    CHECK_EQ_INT(len, 0);
    CHECK_EQ_STR(buf, "");
    free(buf);
}

static void test_util__read_file_missing_is_eio(void)
{
    char *buf;
    sol_diag d;

    CHECK_EQ_INT(sol_read_file(&buf, NULL, "/nonexistent/soleus.xml", 10, &d), SOL_EIO);
    CHECK_CONTAINS(d.msg, "cannot open");
    CHECK_EQ_STR(d.file, "/nonexistent/soleus.xml");
}

static void test_util__read_file_directory_is_eio(void)
{
    char *buf;
    sol_diag d;

    CHECK_EQ_INT(sol_read_file(&buf, NULL, "/tmp", 10, &d), SOL_EIO);
    CHECK_CONTAINS(d.msg, "directory");
}

static void test_util__read_file_device_is_refused(void)
{
    char *buf = NULL;
    sol_diag d;

    /* /dev/zero never ends: refused as a device, never read. */
    CHECK_EQ_INT(sol_read_file(&buf, NULL, "/dev/zero", 1000, &d), SOL_EIO);
    CHECK(buf == NULL);
    CHECK_CONTAINS(d.msg, "is a character device, not a regular file");
}

/* A FIFO without a writer would block open() and read() forever. */
static void test_util__read_file_fifo_is_refused_without_blocking(void)
{
    char path[64], *buf = NULL;
    sol_diag d;

    snprintf(path, sizeof path, "/tmp/soleus-test-fifo.%ld", (long)getpid());
    unlink(path);
    CHECK_EQ_INT(mkfifo(path, 0600), 0);
    CHECK_EQ_INT(sol_read_file(&buf, NULL, path, 1000, &d), SOL_EIO);
    CHECK(buf == NULL);
    CHECK_CONTAINS(d.msg, "is a FIFO (named pipe), not a regular file");
    unlink(path);
}

static void test_util__escape_ctl_makes_controls_visible(void)
{
    char out[64];

    CHECK_EQ_STR(sol_escape_ctl(out, sizeof out, "a\rb\nc\td"), "a\\rb\\nc\\td");
    CHECK_EQ_STR(sol_escape_ctl(out, sizeof out, "x\033[2Ky\x7f"), "x\\x1b[2Ky\\x7f");
    /* C1 controls (U+0080..U+009F) escaped; other UTF-8 kept whole. */
    CHECK_EQ_STR(sol_escape_ctl(out, sizeof out,
                                "\xc2\x9b"
                                "2K caf\xc3\xa9"),
                 "\\u009b2K caf\xc3\xa9");
    CHECK_EQ_STR(sol_escape_ctl(out, sizeof out, NULL), "");
    /* Cut short at a character boundary, always terminated. */
    CHECK_EQ_STR(sol_escape_ctl(out, 5, "ab\ncd"), "ab\\n");
    CHECK_EQ_STR(sol_escape_ctl(out, 4, "ab\xc3\xa9"), "ab");
}

static void test_util__write_end_reports_a_full_disk(void)
{
    FILE *full = fopen("/dev/full", "w");

    CHECK(full != NULL);
    if (!full)
        return;
    fputs("lost", full);
    CHECK_EQ_INT(sol_write_end(full), SOL_EWRITE);
    fclose(full);
    CHECK_EQ_INT(sol_write_end(stdout), SOL_OK);
}

/* The knowledge files' line reader: comments and blank lines skipped, CRs
 * dropped, line numbers counting every physical line. */
static void test_util__next_line_skips_comments_and_blanks(void)
{
    char text[] = "# header\r\nfirst\tcol\r\n\n  \t \nsecond\n#x\nthird";
    char *cursor = text, *p;
    int line = 0;

    p = sol_next_line(&cursor, &line);
    CHECK_EQ_STR(p, "first\tcol");
    CHECK_EQ_INT(line, 2);
    p = sol_next_line(&cursor, &line);
    CHECK_EQ_STR(p, "second");
    CHECK_EQ_INT(line, 5);
    p = sol_next_line(&cursor, &line);
    CHECK_EQ_STR(p, "third");
    CHECK_EQ_INT(line, 7);
    CHECK(sol_next_line(&cursor, &line) == NULL);
    CHECK(sol_next_line(&cursor, &line) == NULL);
}

/* The one growable-array step: capacity doubles from 16 until it holds
 * what is needed; an impossible size fails cleanly and changes nothing. */
static void test_util__grow_doubles_and_refuses_overflow(void)
{
    int *a = NULL;
    size_t cap = 0;

    CHECK_EQ_INT(sol_grow((void **)&a, &cap, 1, sizeof *a), SOL_OK);
    CHECK_EQ_INT((int)cap, 16);
    a[15] = 7;
    CHECK_EQ_INT(sol_grow((void **)&a, &cap, 16, sizeof *a), SOL_OK);
    CHECK_EQ_INT((int)cap, 16);
    CHECK_EQ_INT(sol_grow((void **)&a, &cap, 100, sizeof *a), SOL_OK);
    CHECK_EQ_INT((int)cap, 128);
    CHECK_EQ_INT(a[15], 7);
    CHECK_EQ_INT(sol_grow((void **)&a, &cap, ((size_t)-1) / 2, sizeof *a), SOL_ENOMEM);
    CHECK_EQ_INT((int)cap, 128);
    free(a);
}

/* The capacity-less form: element by element to 1000, nothing written
 * before is lost and every write lands inside the block (ASan, valgrind). */
static void test_util__grow_one_keeps_every_element(void)
{
    int *a = NULL;
    size_t n = 0;

    for (int i = 0; i < 1000; i++) {
        CHECK_EQ_INT(sol_grow_one((void **)&a, n, sizeof *a), SOL_OK);
        a[n++] = i;
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != (int)i)
            CHECK_EQ_INT(a[i], (int)i);
    CHECK_EQ_INT((int)n, 1000);
    free(a);
}

/* Rule uids: a family of one keeps its id; several get a, b, c in order
 * ("-a" when the id does not end in a digit); past z, .27, .28 …; NULL
 * families get none; a very long id is cut as snprintf would cut it. */
static void test_util__rule_uids_letters_numbers_and_cut(void)
{
    enum { N = 31 };
    const char *fam[N];
    char *uid[N], longid[300];

    fam[0] = "R07";
    fam[1] = "X-solo";
    fam[2] = NULL;
    fam[3] = "X-pair";
    fam[4] = "R07";
    fam[5] = "X-pair";
    for (int i = 6; i < N; i++)
        fam[i] = "R07"; /* R07 has 27 members */
    CHECK_EQ_INT(sol_rule_uids(uid, fam, N), SOL_OK);
    CHECK_EQ_STR(uid[0], "R07a");
    CHECK_EQ_STR(uid[1], "X-solo");
    CHECK(uid[2] == NULL);
    CHECK_EQ_STR(uid[3], "X-pair-a");
    CHECK_EQ_STR(uid[4], "R07b");
    CHECK_EQ_STR(uid[5], "X-pair-b");
    CHECK_EQ_STR(uid[6], "R07c");
    CHECK_EQ_STR(uid[29], "R07z");
    CHECK_EQ_STR(uid[30], "R07.27");
    for (int i = 0; i < N; i++)
        free(uid[i]);
    memset(longid, 'x', sizeof longid - 1);
    longid[sizeof longid - 1] = '\0';
    fam[0] = fam[1] = longid;
    CHECK_EQ_INT(sol_rule_uids(uid, fam, 2), SOL_OK);
    CHECK_EQ_INT((int)strlen(uid[0]), 255);
    CHECK(strncmp(uid[0], longid, 255) == 0);
    free(uid[0]);
    free(uid[1]);
}

/* The one trim: white space (tabs, CR, LF too) off both ends of a span,
 * inner spaces kept, an all-blank span empty; the copy matches the span. */
static void test_util__trim_both_ends_of_a_span(void)
{
    const char *s = " \t a b \r\n";
    size_t n = strlen(s);
    const char *t = sol_trim(s, &n);
    CHECK_EQ_INT((int)(t - s), 3);
    CHECK_EQ_INT((int)n, 3);
    n = 4;
    t = sol_trim(" \t\r\nX", &n);
    CHECK_EQ_INT((int)n, 0);
    char *d = sol_trim_dup("  x | y  |", 9);
    CHECK_EQ_STR(d, "x | y");
    free(d);
    d = sol_trim_dup("", 0);
    CHECK_EQ_STR(d, "");
    free(d);
}

/* The one string builder: bytes, strings and formatted text (short, and
 * longer than its stack buffer) append in order; take hands the text over
 * and empties the buffer; an empty one reads and takes as "". */
static void test_util__buf_appends_formats_and_takes(void)
{
    sol_buf b = {0};
    char want[1200];

    CHECK_EQ_STR(sol_buf_str(&b), "");
    sol_buf_add(&b, "abc", 2);
    sol_buf_puts(&b, "-");
    sol_buf_printf(&b, "%d:%s", 42, "x");
    CHECK_EQ_STR(sol_buf_str(&b), "ab-42:x");
    CHECK_EQ_INT((int)b.len, 7);
    memset(want, 'y', 1000);
    want[1000] = '\0';
    sol_buf_printf(&b, "[%s]", want);
    CHECK_EQ_INT((int)b.len, 1009);
    CHECK_EQ_INT(b.s[7], '[');
    CHECK_EQ_INT(b.s[1008], ']');
    CHECK_EQ_INT(b.s[1009], '\0');
    CHECK_EQ_INT(b.failed, 0);
    char *s = sol_buf_take(&b);
    CHECK_EQ_INT((int)strlen(s), 1009);
    CHECK(b.s == NULL && b.len == 0 && b.cap == 0);
    free(s);
    s = sol_buf_take(&b);
    CHECK_EQ_STR(s, "");
    free(s);
    sol_buf_free(&b);
}

int main(int argc, char **argv)
{
    static const harness_test tests[] = {
        {"test_util__diag_set_formats_and_returns_code",
         test_util__diag_set_formats_and_returns_code},
        {"test_util__diag_set_null_diag_is_safe", test_util__diag_set_null_diag_is_safe},
        {"test_util__diag_set_null_file_and_truncation",
         test_util__diag_set_null_file_and_truncation},
        {"test_util__diag_set_may_reuse_its_own_fields",
         test_util__diag_set_may_reuse_its_own_fields},
        {"test_util__strdup_and_strndup", test_util__strdup_and_strndup},
        {"test_util__rule_uids_letters_numbers_and_cut",
         test_util__rule_uids_letters_numbers_and_cut},
        {"test_util__value_copy_is_deep", test_util__value_copy_is_deep},
        {"test_util__value_text_canonical", test_util__value_text_canonical},
        {"test_util__value_equal_compares_kind_and_value",
         test_util__value_equal_compares_kind_and_value},
        {"test_util__read_file_reads_small_file", test_util__read_file_reads_small_file},
        {"test_util__read_file_refuses_over_cap", test_util__read_file_refuses_over_cap},
        {"test_util__read_file_empty_file", test_util__read_file_empty_file},
        {"test_util__read_file_missing_is_eio", test_util__read_file_missing_is_eio},
        {"test_util__read_file_directory_is_eio", test_util__read_file_directory_is_eio},
        {"test_util__read_file_device_is_refused", test_util__read_file_device_is_refused},
        {"test_util__read_file_fifo_is_refused_without_blocking",
         test_util__read_file_fifo_is_refused_without_blocking},
        {"test_util__escape_ctl_makes_controls_visible",
         test_util__escape_ctl_makes_controls_visible},
        {"test_util__write_end_reports_a_full_disk", test_util__write_end_reports_a_full_disk},
        {"test_util__next_line_skips_comments_and_blanks",
         test_util__next_line_skips_comments_and_blanks},
        {"test_util__grow_doubles_and_refuses_overflow",
         test_util__grow_doubles_and_refuses_overflow},
        {"test_util__grow_one_keeps_every_element", test_util__grow_one_keeps_every_element},
        {"test_util__trim_both_ends_of_a_span", test_util__trim_both_ends_of_a_span},
        {"test_util__buf_appends_formats_and_takes", test_util__buf_appends_formats_and_takes},
        {NULL, NULL}};
    return harness_main(argc, argv, tests);
}
