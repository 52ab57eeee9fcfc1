// How fast this machine runs memory-bound work right now: 10 million random reads of an 8 MB table,
// printed in seconds. On the benchmark machine (a virtual machine with 2 cores) the same reads took
// from 0.03 s to 0.29 s within minutes, most likely as other guests used the shared cache. While it read
// about 0.2 s, a clean 100,000-article build took 161-181 s of CPU, against 105-125 s the night before.
// Run it before measuring to know which phase the figures come from:
//   gcc -O2 -o /tmp/speed-probe scripts/heap-probe/speed-probe.c
//   while sleep 20; do echo "$(date +%T) $(/tmp/speed-probe)"; done
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(void) {
    size_t n = 1 << 21;
    uint32_t *table = malloc(n * sizeof *table);
    if (!table) return 1;
    for (size_t i = 0; i < n; i++) table[i] = (uint32_t)(i * 2654435761u);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint32_t x = 1;
    uint64_t sum = 0;
    for (int r = 0; r < 10000000; r++) {   // xorshift: the next index cannot be prefetched
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        sum += table[x & (n - 1)];
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    // The sum is printed so that the compiler keeps the reads.
    printf("%.3f %llu\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
           (unsigned long long)(sum & 1));
    free(table);
    return 0;
}
