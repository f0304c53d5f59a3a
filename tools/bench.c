/* bench.c — `make bench`: every figure of issue 11 from one interleaved run,
 * as medians over rounds and ratios, each printed beside its target. It
 * never fails on time: the exit status only says whether it could run.
 *
 *   bench [--soleus BIN] [--rounds R] [--full] [--no-parallel]
 *   bench --generate N        write N generated <assessment> records to stdout
 *
 * Each round runs every measurement once, in an order rotated per round, so
 * drift in machine load falls on all of them alike. Then `soleus batch`
 * processes read 10^4 and 10^5 generated records (their peak RSS and CPU
 * time), and 10^5 records go through `parallel --pipe` on two jobs; with
 * --full (or BENCH_FULL=1 in the environment) also 10^6 records in one
 * process and 10^6 through parallel, which take minutes. */
#define _DEFAULT_SOURCE /* wait4 */
#include <fcntl.h>
#include <glob.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine_int.h"
#include "nextbest.h"
#include "notes.h"
#include "pipeline.h"
#include "record.h"
#include "writers.h"

extern char **environ;

/* CPU time of this process: on a machine shared with other work, wall
 * time measures the neighbours; CPU time measures Soleus. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct {
    char *buf; /* the record from "<assessment" on */
    size_t len;
    char *path;
    sol_findings *f;
    char *id;
} rec;

static rec *recs;
static size_t nrecs;

static int load_corpus(sol_pipeline *p)
{
    glob_t gl;
    const char *pats[] = {"tests/cases/*/record.xml", "examples/*.xml"};
    for (int k = 0; k < 2; k++) {
        if (glob(pats[k], 0, NULL, &gl) != 0)
            continue;
        for (size_t i = 0; i < gl.gl_pathc; i++) {
            sol_diag d = {0};
            char *text = NULL;
            size_t len = 0;
            if (sol_read_file(&text, &len, gl.gl_pathv[i], 1u << 22, &d))
                continue;
            char *start = strstr(text, "<assessment");
            rec r = {0};
            r.path = sol_strdup(gl.gl_pathv[i]);
            r.len = start ? len - (size_t)(start - text) : 0;
            r.buf = malloc(r.len + 1);
            if (!start || !r.buf ||
                sol_pipeline_read_buf(p, SOL_INPUT_XML, start, r.len, r.path, &r.f, &r.id, &d)) {
                free(r.buf);
                free(r.path);
                free(text);
                continue; /* a golden case may be meant to fail */
            }
            memcpy(r.buf, start, r.len);
            r.buf[r.len] = '\0';
            free(text);
            rec *nr = realloc(recs, (nrecs + 1) * sizeof *nr);
            if (!nr)
                return -1;
            recs = nr;
            recs[nrecs++] = r;
        }
        globfree(&gl);
    }
    return nrecs ? 0 : -1;
}

/* Record i of a generated stream: corpus record i mod n with a fresh id. */
static void write_generated(FILE *out, size_t i)
{
    const rec *r = &recs[i % nrecs];
    const char *q = strstr(r->buf, "id=\"");
    const char *e = q ? strchr(q + 4, '"') : NULL;
    if (!q || !e) {
        fwrite(r->buf, 1, r->len, out);
    } else {
        fwrite(r->buf, 1, (size_t)(q - r->buf), out);
        fprintf(out, "id=\"gen-%zu", i);
        fwrite(e, 1, r->len - (size_t)(e - r->buf), out);
    }
    fputc('\n', out);
}

static double spawn_wall(char *const argv[])
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return -1;
    }
    int st;
    struct rusage ru;
    wait4(pid, &st, 0, &ru); /* the child's CPU time, user + system */
    double t = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
               ru.ru_stime.tv_usec / 1e6;
    posix_spawn_file_actions_destroy(&fa);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? t : -1;
}

/* The whole batch step for record i: read, assess (full provenance), write
 * its JSON line to out. */
static int batch_one(sol_pipeline *p, size_t i, FILE *out)
{
    sol_diag d = {0};
    sol_findings *f = NULL;
    sol_assessment *a = NULL;
    char *id = NULL;
    const rec *r = &recs[i % nrecs];
    int rc = sol_pipeline_read_buf(p, SOL_INPUT_XML, r->buf, r->len, "-", &f, &id, &d);
    if (!rc)
        rc = sol_pipeline_assess(p, id, "-", f, &a, &d);
    if (!rc) {
        sol_input_pos in = {"-", (long)i + 1, 1};
        rc = sol_write_json_line(out, a->report, &in);
    }
    sol_assessment_free(a);
    sol_findings_free(f);
    free(id);
    return rc;
}

/* Start `soleus batch` reading a pipe; the pipe's writing end, NULL when
 * it failed. */
static FILE *batch_start(const char *soleus, pid_t *pid)
{
    int fds[2];
    if (pipe(fds) != 0)
        return NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[0], 0);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    char *av[] = {(char *)soleus, "batch", NULL};
    int ok = posix_spawn(pid, soleus, &fa, NULL, av, environ) == 0;
    posix_spawn_file_actions_destroy(&fa);
    close(fds[0]);
    FILE *w = ok ? fdopen(fds[1], "w") : NULL;
    if (!w)
        close(fds[1]);
    return w;
}

/* --rss-probe N SOLEUS: run `soleus batch` on N generated records and
 * print its peak RSS (KB) and CPU seconds. Linux counts a child's peak RSS
 * from the memory of the process that forked it, so the batch process is
 * started here, by a freshly executed probe, before the corpus is loaded:
 * started from the benchmark itself it would report the benchmark's size. */
static int rss_probe(long n, const char *soleus)
{
    pid_t pid;
    FILE *w = batch_start(soleus, &pid);
    sol_diag d = {0};
    sol_pipeline *p = NULL;
    if (!w || sol_pipeline_new(&p, "rules", "knowledge", &d) || load_corpus(p)) {
        if (w)
            fclose(w);
        return 1;
    }
    for (long i = 0; i < n; i++)
        write_generated(w, (size_t)i);
    fclose(w);
    sol_pipeline_free(p);
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return 1;
    printf("%ld %f\n", ru.ru_maxrss,
           ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
               ru.ru_stime.tv_usec / 1e6);
    return 0;
}

/* Run `soleus batch` on n generated records (through the probe); its peak
 * RSS in KB (-1 when it failed) and *cpu its CPU seconds. */
static long batch_process(const char *self, const char *soleus, long n, double *cpu)
{
    char cmd[4096];
    long rss = -1;
    snprintf(cmd, sizeof cmd, "'%s' --rss-probe %ld '%s'", self, n, soleus);
    FILE *r = popen(cmd, "r");
    if (!r)
        return -1;
    if (fscanf(r, "%ld %lf", &rss, cpu) != 2)
        rss = -1;
    return pclose(r) == 0 ? rss : -1;
}

enum {
    M_VERSION,
    M_NONEXT,
    M_DEFAULT,
    M_BATCH,
    M_CLIPS,
    M_TRIAL,
    M_PROV0,
    M_PROV2,
    M_NOTES,
    M_JANSSON,
    M_TEXT,
    M_START,
    M_COUNT
};
static const char *mname[M_COUNT] = {"soleus --version",
                                     "assess --no-next (CLI)",
                                     "assess (CLI, with next-best)",
                                     "batch: read + assess + JSON line, per record",
                                     "CLIPS alone (reset, assert, run), per record",
                                     "next-best trial (knowledge kept, no provenance)",
                                     "engine run, provenance off, per record",
                                     "engine run, hook + snapshots, per record",
                                     "notes, per KB",
                                     "JSON line (what batch writes), per record",
                                     "text report, per record",
                                     "CLIPS start: create environment + bload image"};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static const char *verdict(int ok) { return ok ? "meets" : "MISSES"; }

int main(int argc, char **argv)
{
    const char *soleus = "build/soleus";
    const char *env_full = getenv("BENCH_FULL");
    int rounds = 11, do_parallel = 1, full = env_full && strcmp(env_full, "1") == 0;
    long generate = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--soleus") == 0 && i + 1 < argc)
            soleus = argv[++i];
        else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--full") == 0)
            full = 1;
        else if (strcmp(argv[i], "--rss-probe") == 0 && i + 2 < argc)
            return rss_probe(atol(argv[i + 1]), argv[i + 2]);
        else if (strcmp(argv[i], "--generate") == 0 && i + 1 < argc)
            generate = atol(argv[++i]);
        else if (strcmp(argv[i], "--no-parallel") == 0)
            do_parallel = 0;
        else {
            fprintf(stderr, "usage: bench [--soleus BIN] [--rounds R] [--full] "
                            "[--no-parallel] | --generate N | --rss-probe N BIN\n");
            return 2;
        }
    }
    if (rounds < 3)
        rounds = 3;
    sol_diag d = {0};
    sol_pipeline *p = NULL;
    if (sol_pipeline_new(&p, "rules", "knowledge", &d) || load_corpus(p)) {
        fprintf(stderr, "bench: %s:%d: %s\n", d.file, d.line, d.msg[0] ? d.msg : "no corpus");
        sol_pipeline_free(p);
        return 1;
    }
    if (generate >= 0) {
        for (long i = 0; i < generate; i++)
            write_generated(stdout, (size_t)i);
        sol_pipeline_free(p);
        return fflush(stdout) == 0 ? 0 : 1;
    }
    sol_notes_use_jit(sol_pipeline_notes(p)); /* as soleus batch does */
    sol_engine *e = sol_pipeline_engine(p);
    FILE *devnull = fopen("/dev/null", "w");

    /* 64 KB of note text: the corpus notes, repeated. */
    size_t nlen = 0, ncap = 64 * 1024;
    char *notes = malloc(ncap + 1);
    while (notes && nlen < ncap) {
        size_t before = nlen;
        for (size_t i = 0; i < nrecs && nlen < ncap; i++) {
            sol_record *r = NULL;
            sol_diag rd = {0};
            if (sol_record_load(&r, recs[i].path, "knowledge/record.rng", sol_pipeline_vocab(p),
                                &rd))
                continue;
            for (size_t k = 0; k < sol_record_note_count(r); k++) {
                const char *t = sol_record_note_at(r, k)->text;
                size_t tl = strlen(t);
                if (nlen + tl + 2 > ncap)
                    break;
                memcpy(notes + nlen, t, tl);
                nlen += tl;
                notes[nlen++] = '\n';
            }
            sol_record_free(r);
        }
        if (nlen == before)
            break;
    }
    if (notes)
        notes[nlen] = '\0';

    /* reports for the writer measurements */
    sol_assessment **as = calloc(nrecs, sizeof *as);
    for (size_t i = 0; as && i < nrecs; i++)
        sol_pipeline_assess(p, recs[i].id, recs[i].path, recs[i].f, &as[i], &d);

    double *v[M_COUNT];
    for (int m = 0; m < M_COUNT; m++)
        v[m] = calloc((size_t)rounds, sizeof(double));
    char *av_version[] = {(char *)soleus, "--version", NULL};
    char *av_nonext[] = {(char *)soleus,
                         "assess",
                         "--no-next",
                         "--format",
                         "json",
                         "examples/tc1-hayley-overstride.xml",
                         NULL};
    char *av_default[] = {
        (char *)soleus, "assess", "--format", "json", "examples/tc1-hayley-overstride.xml", NULL};
    printf("bench: %d interleaved rounds; corpus %zu records (tests/cases, examples); "
           "CLI record examples/tc1-hayley-overstride.xml; notes %zu KB; rule image %s\n",
           rounds, nrecs, nlen / 1024,
           sol_engine_from_image(e) ? "loaded" : "NOT current (text)");
    fflush(stdout);
    for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < M_COUNT; k++) {
            int m = (k + r) % M_COUNT;
            double t0, t = 0;
            switch (m) {
            case M_VERSION: t = spawn_wall(av_version); break;
            case M_NONEXT: t = spawn_wall(av_nonext); break;
            case M_DEFAULT: t = spawn_wall(av_default); break;
            case M_BATCH:
                t0 = now();
                for (size_t i = 0; i < nrecs; i++)
                    batch_one(p, i, devnull);
                t = (now() - t0) / nrecs;
                break;
            case M_CLIPS:
                t0 = now();
                for (size_t i = 0; i < nrecs; i++)
                    sol_engine_bench_naive(e, recs[i].f, &d);
                t = (now() - t0) / nrecs;
                break;
            case M_TRIAL:
                t0 = now();
                for (size_t i = 0; i < nrecs; i++) {
                    sol_belief *b = NULL;
                    size_t nb = 0;
                    sol_engine_trial(e, recs[i].f, &b, &nb, &d);
                    free(b);
                }
                t = (now() - t0) / nrecs;
                break;
            case M_PROV0:
            case M_PROV2:
                sol_engine_set_provenance(e, m == M_PROV0 ? 0 : 2);
                t0 = now();
                for (size_t i = 0; i < nrecs; i++) {
                    sol_graph *g = NULL;
                    sol_engine_run(e, recs[i].f, &g, &d);
                    sol_graph_free(g);
                }
                t = (now() - t0) / nrecs;
                sol_engine_set_provenance(e, 2);
                break;
            case M_NOTES: {
                sol_findings *nf = sol_findings_new();
                t0 = now();
                sol_notes_extract(sol_pipeline_notes(p), notes, nlen, "/bench/note", 1, nf, &d);
                t = (now() - t0) / (nlen / 1024.0);
                sol_findings_free(nf);
                break;
            }
            case M_START: t = sol_engine_bench_start("rules", now); break;
            case M_JANSSON:
            case M_TEXT:
                t0 = now();
                for (size_t i = 0; i < nrecs; i++) {
                    sol_input_pos in = {"-", (long)i + 1, 1};
                    if (!as[i])
                        continue;
                    if (m == M_JANSSON)
                        sol_write_json_line(devnull, as[i]->report, &in);
                    else
                        sol_write_text(devnull, as[i]->report, NULL);
                }
                t = (now() - t0) / nrecs;
                break;
            }
            v[m][r] = t;
        }
    }
    double md[M_COUNT];
    for (int m = 0; m < M_COUNT; m++)
        md[m] = median(v[m], rounds);
    printf("\nmedians of %d rounds (CPU time, user + system; processes: wait4):\n", rounds);
    for (int m = 0; m < M_COUNT; m++) {
        if (md[m] < 0)
            printf("  %-50s failed to run\n", mname[m]);
        else if (m <= M_DEFAULT)
            printf("  %-50s %9.2f ms\n", mname[m], md[m] * 1e3);
        else
            printf("  %-50s %9.1f us\n", mname[m], md[m] * 1e6);
    }

    double rate = 1 / md[M_BATCH];
    double vs_clips = md[M_BATCH] / md[M_CLIPS];
    double nonext = md[M_NONEXT] / md[M_VERSION], deflt = md[M_DEFAULT] / md[M_VERSION];
    double prov = (md[M_PROV2] - md[M_PROV0]) / md[M_BATCH];
    double mb_notes = md[M_NOTES] * 1024;
    printf("\nfigures (target beside each):\n");
    printf(
        "  batch, JSON Lines + full provenance, one core: %8.0f records/s   target >= 8000      %s\n",
        rate, verdict(rate >= 8000));
    printf(
        "  batch / CLIPS alone (reset, assert, run):      %8.2fx            target <= 1.4x      %s\n",
        vs_clips, verdict(vs_clips <= 1.4));
    printf(
        "  assess --no-next / soleus --version:           %8.2fx            target <= 1.5x      %s\n",
        nonext, verdict(nonext <= 1.5));
    printf(
        "  assess (with next-best) / soleus --version:    %8.2fx            target <= 3x        %s\n",
        deflt, verdict(deflt <= 3));
    printf("  assess --no-next / assess (default):           %8.2fx            (for scale)\n",
           md[M_NONEXT] / md[M_DEFAULT]);
    printf(
        "  provenance (hook + snapshots) share of batch:  %+7.1f%%            target <= 5%%        %s\n",
        prov * 100, verdict(prov <= 0.05));
    printf(
        "  notes in batch (JIT), 1 MB:                    %8.3f s            target < 0.5 s      %s\n",
        mb_notes, verdict(mb_notes < 0.5));
    printf(
        "  next-best trial / whole assessment step:       %8.2fx            (trials per record: dozens)\n",
        md[M_TRIAL] / md[M_BATCH]);
    /* The part of one CLI record no host of these rules can avoid: CLIPS
     * starting (environment, image) and running the record naively. */
    double engine_floor = (md[M_VERSION] + md[M_START] + md[M_CLIPS]) / md[M_VERSION];
    printf("  (--version + CLIPS start + CLIPS alone) / --version: %5.2fx            "
           "(the lowest ratio a CLI on these rules can reach)\n",
           engine_floor);
    printf("  JSON line / text report:                       %8.2fx            (for scale)\n",
           md[M_JANSSON] / md[M_TEXT]);
    fflush(stdout);

    /* Real `soleus batch` processes over a generated stream: peak RSS (what
     * the process holds after n records, as it never shrinks back) and CPU
     * time. The stream is written by this process, so its cost is not the
     * child's. */
    long marks[] = {10000, 100000, 1000000};
    int nmarks = full ? 3 : 2;
    long rss[3] = {-1, -1, -1};
    printf("\nsoleus batch processes on generated streams (corpus records, fresh ids)%s:\n",
           full ? "" : "; 10^6 with BENCH_FULL=1");
    fflush(stdout);
    for (int k = 0; k < nmarks; k++) {
        double cpu = -1;
        rss[k] = batch_process(argv[0], soleus, marks[k], &cpu);
        if (rss[k] < 0) {
            printf("  %7ld records: soleus batch failed\n", marks[k]);
            continue;
        }
        printf(
            "  %7ld records: peak RSS %6.1f MB, %6.0f records/s (CPU)   target < 30 MB      %s\n",
            marks[k], rss[k] / 1024.0, marks[k] / cpu, verdict(rss[k] < 30 * 1024));
        fflush(stdout);
    }
    if (rss[0] > 0 && rss[1] > 0) {
        double per = (rss[1] - rss[0]) / 1024.0 / 0.9;
        printf(
            "  RSS growth 10^4 -> 10^5: %+.2f MB per 10^5 records        target < 1 MB      %s\n",
            per, verdict(per < 1));
    }
    if (rss[1] > 0 && rss[2] > 0) {
        double per = (rss[2] - rss[1]) / 1024.0 / 9;
        printf(
            "  RSS growth 10^5 -> 10^6: %+.2f MB per 10^5 records        target < 1 MB      %s\n",
            per, verdict(per < 1));
    }

    /* Scale-out: generated records through GNU parallel, two jobs. */
    long records = full ? 1000000 : 100000;
    if (do_parallel) {
        char cmd[2048];
        snprintf(cmd, sizeof cmd,
                 "%s --generate %ld | parallel --will-cite --pipe --recstart '<assessment' "
                 "--block 4M -j 2 %s batch > /dev/null 2>&1",
                 argv[0], records, soleus);
        struct rusage c0, c1;
        getrusage(RUSAGE_CHILDREN, &c0);
        double t0 = wall();
        int st = system(cmd);
        double t = wall() - t0; /* wall time: this one is about two cores */
        getrusage(RUSAGE_CHILDREN, &c1);
        /* CPU of every process of the run (parallel, the generator, each
         * soleus): on a shared machine, cpu / 2 is the wall time two idle
         * cores would take. */
        double cpu = (c1.ru_utime.tv_sec - c0.ru_utime.tv_sec) +
                     (c1.ru_utime.tv_usec - c0.ru_utime.tv_usec) / 1e6 +
                     (c1.ru_stime.tv_sec - c0.ru_stime.tv_sec) +
                     (c1.ru_stime.tv_usec - c0.ru_stime.tv_usec) / 1e6;
        double scale = 1e6 / records; /* to the target's 10^6 */
        printf("\n%ld generated records through parallel --pipe -j 2%s:\n", records,
               full ? "" : " (10^6 with BENCH_FULL=1; figures below scaled to 10^6)");
        printf("  wall %.1f s (%.0f records/s)%s; for 10^6: %.0f s   target < 100 s      %s\n", t,
               records / t, st ? " [a job failed]" : "", t * scale,
               verdict(t * scale < 100 && !st));
        printf("  CPU of the whole run %.1f s, i.e. %.1f s on two idle cores; for 10^6: %.0f s"
               "   target < 100 s      %s\n",
               cpu, cpu / 2, cpu / 2 * scale, verdict(cpu / 2 * scale < 100 && !st));
    }
    for (size_t i = 0; i < nrecs; i++) {
        sol_assessment_free(as ? as[i] : NULL);
        free(recs[i].buf);
        free(recs[i].path);
        free(recs[i].id);
        sol_findings_free(recs[i].f);
    }
    for (int m = 0; m < M_COUNT; m++)
        free(v[m]);
    free(as);
    free(recs);
    free(notes);
    fclose(devnull);
    sol_pipeline_free(p);
    return 0;
}
