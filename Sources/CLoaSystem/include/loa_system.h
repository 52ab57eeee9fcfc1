#ifndef LOA_SYSTEM_H
#define LOA_SYSTEM_H

#include <stddef.h>

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0, or -1 with errno set
/// (EINVAL/ENOSYS where the file system or kernel cannot, so the caller falls back to two renames).
int loa_exchange_paths(const char *a, const char *b);

/// Returns the free pages of the process's heap to the system (glibc malloc_trim(0)); 1 if any were.
int loa_return_freed_memory(void);

/// Allocations of at least `bytes` get their own mapping, given back when freed (glibc's M_MMAP_THRESHOLD,
/// fixed: glibc otherwise raises it up to 32 MB as large blocks are freed, and blocks below it stay in the
/// heap, holding freed pages between live ones). 1 where set, 0 otherwise.
int loa_fix_mmap_threshold(size_t bytes);

/// Threads that start allocating from now on share at most `count` arenas (glibc's M_ARENA_MAX); those
/// already given one keep it. 1 where set, 0 otherwise.
int loa_limit_arenas(int count);

/// The usable size of a block from malloc (glibc `malloc_usable_size`); 0 where unknown.
size_t loa_allocated_size(const void *block);

/// An unnamed file in `folder` (Linux O_TMPFILE), read-write: it vanishes when closed unless given a
/// name with `loa_link_unnamed`. Returns the descriptor, or -1 with errno set (EOPNOTSUPP, EISDIR… where
/// the file system cannot).
int loa_open_unnamed(const char *folder);

/// Gives the unnamed file `fd` (from `loa_open_unnamed`) the name `path`, which must not exist. 0 or -1.
int loa_link_unnamed(int fd, const char *path);

/// The first place `needle` occurs in `haystack` (glibc memmem), or NULL.
const void *loa_find_bytes(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

#endif
