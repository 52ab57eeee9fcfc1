// Heap tracer, preloaded into a build (LD_PRELOAD): records every live malloc block (address, size, time) and,
// for one block in 32, its call stack. At the TRACE_DUMP_TRIM-th call of malloc_trim (the resolve stage's
// last is the 13th at 100,000 articles; each call is logged to /tmp/trims.log) it writes to TRACE_OUT: how
// many pages hold live blocks and how full they are, live bytes by the second they were allocated, and the
// call stacks of the blocks on sparse pages (symbolise with addr2line against the MAPS it appends).
// Slow (a global lock on every allocation); a diagnostic, never part of a build or a test.
//   gcc -O2 -shared -fPIC -o /tmp/tracer.so tracer.c -lpthread -ldl
#define _GNU_SOURCE
#include <execinfo.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

extern void *__libc_malloc(size_t);
extern void __libc_free(void *);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

#define SLOTS (1u << 25)
#define DEPTH 8
typedef struct { uintptr_t addr; uint32_t size; uint32_t ms; uint32_t site; uint32_t pad; } Entry;
typedef struct { uint64_t hash; void *frames[DEPTH]; int n; } Site;
#define SITES (1u << 20)
static Entry *table;
static Site *sites;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread int inside;
static struct timespec t0;
static int ready;

static uint32_t now_ms(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000; }
static inline uint64_t mix(uint64_t x) { x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33; return x; }

static __thread uint32_t tick;
static uint32_t site_of(void) {
    if ((++tick & 31) != 0) return 0;
    void *f[DEPTH + 3];
    int n = backtrace(f, DEPTH + 3);
    uint64_t h = 1469598103934665603ULL;
    int skip = 2, k = n - skip < DEPTH ? n - skip : DEPTH;
    if (k < 0) k = 0;
    for (int i = 0; i < k; i++) h = mix(h ^ (uintptr_t)f[skip + i]);
    pthread_mutex_lock(&lock);
    uint32_t i = h & (SITES - 1);
    while (sites[i].hash && sites[i].hash != h) i = (i + 1) & (SITES - 1);
    if (!sites[i].hash) { sites[i].hash = h; sites[i].n = k; memcpy(sites[i].frames, f + skip, k * sizeof(void *)); }
    pthread_mutex_unlock(&lock);
    return i;
}

static void record(void *p, size_t size) {
    if (!p || !ready || inside) return;
    inside = 1;
    uint32_t s = site_of();
    pthread_mutex_lock(&lock);
    uint32_t i = mix((uintptr_t)p) & (SLOTS - 1);
    while (table[i].addr && table[i].addr != (uintptr_t)p + 1) i = (i + 1) & (SLOTS - 1);
    table[i].addr = (uintptr_t)p + 1; table[i].size = size; table[i].ms = now_ms(); table[i].site = s;
    pthread_mutex_unlock(&lock);
    inside = 0;
}

static void forget(void *p) {
    if (!p || !ready) return;
    pthread_mutex_lock(&lock);
    uint32_t i = mix((uintptr_t)p) & (SLOTS - 1);
    while (table[i].addr) {
        if (table[i].addr == (uintptr_t)p + 1) {
            // backward-shift deletion
            uint32_t j = i;
            for (;;) {
                j = (j + 1) & (SLOTS - 1);
                if (!table[j].addr) break;
                uint32_t home = mix(table[j].addr - 1) & (SLOTS - 1);
                if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) { table[i] = table[j]; i = j; }
            }
            table[i].addr = 0;
            break;
        }
        i = (i + 1) & (SLOTS - 1);
    }
    pthread_mutex_unlock(&lock);
}

void *malloc(size_t n) { void *p = __libc_malloc(n); record(p, n); return p; }
void free(void *p) { forget(p); __libc_free(p); }
void *calloc(size_t a, size_t b) { void *p = __libc_calloc(a, b); record(p, a * b); return p; }
void *realloc(void *q, size_t n) { forget(q); void *p = __libc_realloc(q, n); record(p, n); return p; }
void *memalign(size_t al, size_t n) { void *p = __libc_memalign(al, n); record(p, n); return p; }
void *aligned_alloc(size_t al, size_t n) { void *p = __libc_memalign(al, n); record(p, n); return p; }
int posix_memalign(void **out, size_t al, size_t n) { void *p = __libc_memalign(al, n); if (!p) return 12; record(p, n); *out = p; return 0; }

static int cmp(const void *a, const void *b) { uintptr_t x = ((const Entry *)a)->addr, y = ((const Entry *)b)->addr; return x < y ? -1 : x > y; }

typedef struct { uint32_t site; uint64_t bytes, chunks, sparse_bytes, sparse_chunks; uint32_t min_ms, max_ms; } Agg;

static void dump(const char *path) {
    inside = 1;
    pthread_mutex_lock(&lock);
    size_t live = 0;
    for (size_t i = 0; i < SLOTS; i++) if (table[i].addr) table[live++] = table[i];
    // table is now compacted (the hash is destroyed: tracing stops)
    ready = 0;
    pthread_mutex_unlock(&lock);
    qsort(table, live, sizeof(Entry), cmp);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char line[1024];
    // per page live bytes (small chunks only: < 1 MB)
    size_t pages = 0, sparse = 0; uint64_t livebytes = 0;
    Agg *agg = mmap(NULL, sizeof(Agg) * SITES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    size_t i = 0;
    uint64_t hist[9] = {0};
    static uint64_t secs[600], dsecs[600];
    while (i < live) {
        if (table[i].size >= (1 << 20)) { i++; continue; }
        uintptr_t page = (table[i].addr - 1) >> 12;
        size_t j = i; uint64_t bytes = 0;
        while (j < live && ((table[j].addr - 1) >> 12) == page) { if (table[j].size < (1 << 20)) bytes += table[j].size + 8; j++; }
        pages++; livebytes += bytes;
        int b = bytes >= 4096 ? 8 : bytes / 512; hist[b]++;
        int is_sparse = bytes < 1024;
        if (is_sparse) sparse++;
        for (size_t k = i; k < j; k++) {
            if (table[k].size >= (1 << 20)) continue;
            Agg *a = &agg[table[k].site];
            a->site = table[k].site; a->bytes += table[k].size; a->chunks++;
            if (a->chunks == 1) { a->min_ms = table[k].ms; a->max_ms = table[k].ms; }
            if (table[k].ms < a->min_ms) a->min_ms = table[k].ms;
            if (table[k].ms > a->max_ms) a->max_ms = table[k].ms;
            if (is_sparse) { uint32_t sec = table[k].ms / 1000; if (sec > 599) sec = 599; secs[sec] += table[k].size; }
            else { uint32_t sec = table[k].ms / 1000; if (sec > 599) sec = 599; dsecs[sec] += table[k].size; }
            if (is_sparse) { a->sparse_bytes += table[k].size; a->sparse_chunks++; }
        }
        i = j;
    }
    int k = snprintf(line, sizeof line, "live chunks %zu, pages with a chunk start %zu (%.1f MB), live bytes %.1f MB, sparse pages (<1KB live) %zu (%.1f MB)\nhist by 512B:", live, pages, pages * 4096 / 1048576.0, livebytes / 1048576.0, sparse, sparse * 4096 / 1048576.0);
    for (int b = 0; b < 9; b++) k += snprintf(line + k, sizeof line - k, " %lu", hist[b]);
    k += snprintf(line + k, sizeof line - k, "\n");
    write(fd, line, k);
    for (int sec = 0; sec < 600; sec++) if (secs[sec] || dsecs[sec]) { k = snprintf(line, sizeof line, "sec %d: live bytes in sparse pages %lu, in denser pages %lu\n", sec, secs[sec], dsecs[sec]); write(fd, line, k); }
    // write sites sorted by sparse_chunks: simple selection of top 40
    for (int round = 0; round < 60; round++) {
        uint64_t best = 0; uint32_t bi = 0;
        for (uint32_t s = 1; s < SITES; s++) if (agg[s].sparse_chunks > best) { best = agg[s].sparse_chunks; bi = s; }
        if (!best) break;
        Agg *a = &agg[bi];
        k = snprintf(line, sizeof line, "SITE %u sparse_chunks %lu sparse_bytes %lu chunks %lu bytes %lu ms %u-%u :", bi, a->sparse_chunks, a->sparse_bytes, a->chunks, a->bytes, a->min_ms, a->max_ms);
        for (int f = 0; f < sites[bi].n; f++) k += snprintf(line + k, sizeof line - k, " %p", sites[bi].frames[f]);
        k += snprintf(line + k, sizeof line - k, "\n");
        write(fd, line, k);
        a->sparse_chunks = 0;
    }
    // maps, for symbolizing
    int mfd = open("/proc/self/maps", O_RDONLY); char buf[65536]; ssize_t n;
    write(fd, "MAPS\n", 5);
    while ((n = read(mfd, buf, sizeof buf)) > 0) write(fd, buf, n);
    close(mfd); close(fd);
}

#include <dlfcn.h>
static int trims;
int malloc_trim(size_t pad) {
    static int (*real)(size_t);
    if (!real) real = dlsym(RTLD_NEXT, "malloc_trim");
    trims++;
    char line[128]; int k = snprintf(line, sizeof line, "trim %d at %u ms\n", trims, now_ms());
    int fd = open("/tmp/trims.log", O_WRONLY | O_CREAT | O_APPEND, 0644); write(fd, line, k); close(fd);
    const char *at = getenv("TRACE_DUMP_TRIM");
    if (at && atoi(at) == trims) dump(getenv("TRACE_OUT") ? getenv("TRACE_OUT") : "/tmp/trace.txt");
    return real(pad);
}

static void *watch(void *arg) {
    (void)arg;
    uint32_t at = atoi(getenv("TRACE_DUMP_MS"));
    while (now_ms() < at) usleep(20000);
    dump(getenv("TRACE_OUT") ? getenv("TRACE_OUT") : "/tmp/trace.txt");
    return NULL;
}

__attribute__((constructor)) static void start(void) {
    clock_gettime(CLOCK_MONOTONIC, &t0);
    table = mmap(NULL, sizeof(Entry) * SLOTS, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    sites = mmap(NULL, sizeof(Site) * SITES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    inside = 1; void *f[4]; backtrace(f, 4); inside = 0;   // load libgcc before tracing
    if (getenv("TRACE_DUMP_MS")) { pthread_t t; inside = 1; pthread_create(&t, NULL, watch, NULL); pthread_detach(t); inside = 0; }
    ready = 1;
}
