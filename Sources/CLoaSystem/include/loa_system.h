#ifndef LOA_SYSTEM_H
#define LOA_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0, or -1 with errno set
/// (EINVAL/ENOSYS where the file system or kernel cannot, so the caller falls back to two renames).
int loa_exchange_paths(const char *a, const char *b);

#endif
