// Heap sampler, preloaded into a build (LD_PRELOAD): every PROBE_MS ms (100) it reads /proc/self/status
// and glibc's mallinfo2, and writes a line to PROBE_OUT (/tmp/probe.log) when the resident set grows by
// 256 KB or a second has passed: resident (anonymous, file-backed), heap in use, free blocks, mapped blocks,
// the arenas' size. PROBE_TRIM=1 also calls malloc_trim(0) each time, to show what trimming could give back.
// A diagnostic, never part of a build or a test: see docs/performance.md, "Twenty-fifth round".
//   gcc -O2 -shared -fPIC -o /tmp/sampler.so sampler.c -lpthread
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <fcntl.h>
static void readstatus(char *buf, size_t cap) { int fd = open("/proc/self/status", O_RDONLY); ssize_t n = read(fd, buf, cap - 1); buf[n > 0 ? n : 0] = 0; close(fd); }

static long field(const char *buf, const char *name) {
    const char *p = strstr(buf, name);
    if (!p) return -1;
    return atol(p + strlen(name));
}

static void *run(void *arg) {
    (void)arg;
    const char *trim = getenv("PROBE_TRIM");
    int period = getenv("PROBE_MS") ? atoi(getenv("PROBE_MS")) : 100;
    long maxrss = 0;
    struct timespec t0; clock_gettime(CLOCK_MONOTONIC, &t0);
    int outfd = open(getenv("PROBE_OUT") ? getenv("PROBE_OUT") : "/tmp/probe.log", O_WRONLY|O_CREAT|O_TRUNC, 0644); char line[512];
    char buf[4096];
    for (;;) {
        usleep(period * 1000);
        long before = -1;
        if (trim) {
            readstatus(buf, sizeof buf);
            before = field(buf, "RssAnon:");
            malloc_trim(0);
        }
        readstatus(buf, sizeof buf);
        long rss = field(buf, "VmRSS:"), anon = field(buf, "RssAnon:"), file = field(buf, "RssFile:"), hwm = field(buf, "VmHWM:");
        static double last; struct timespec tn; clock_gettime(CLOCK_MONOTONIC, &tn); double sn = (tn.tv_sec - t0.tv_sec) + (tn.tv_nsec - t0.tv_nsec) / 1e9;
        if (rss > maxrss + 256 || (trim && before - anon > 1024) || sn - last > 1.0) { last = sn;
            if (rss > maxrss) maxrss = rss;
            struct mallinfo2 mi = mallinfo2();
            struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
            double s = (t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9;
            int k = snprintf(line, sizeof line, "%7.1fs rss %6.1f hwm %6.1f anon %6.1f file %5.1f | used %6.1f free %6.1f mmap %5.1f arena %6.1f top %5.1f%s",
                    s, rss / 1024.0, hwm / 1024.0, anon / 1024.0, file / 1024.0, mi.uordblks / 1048576.0, mi.fordblks / 1048576.0,
                    mi.hblkhd / 1048576.0, mi.arena / 1048576.0, mi.keepcost / 1048576.0, trim ? "" : "\n");
            if (trim) k += snprintf(line + k, sizeof line - k, " trimmed %5.1f\n", (before - anon) / 1024.0);
            write(outfd, line, k);
        }
    }
    return NULL;
}

__attribute__((constructor)) static void start(void) {
    pthread_t t; pthread_create(&t, NULL, run, NULL); pthread_detach(t);
}
