#ifndef LOA_SYSTEM_H
#define LOA_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0, or -1 with errno set
/// (EINVAL/ENOSYS where the file system or kernel cannot, so the caller falls back to two renames).
int loa_exchange_paths(const char *a, const char *b);

/// Returns the free pages of the process's heap to the system (glibc malloc_trim(0)); 1 if any were.
int loa_return_freed_memory(void);

#endif
