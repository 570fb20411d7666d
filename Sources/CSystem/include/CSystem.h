// The few Linux system calls that Glibc's Swift module does not export.
// Everything above this target is Swift; only Sources/Platform imports it.
//
// The header must not define _GNU_SOURCE: Glibc's Swift module is built without
// it, and some structs (fd_set) would then differ between the two modules.
// GNU-only functions are therefore wrapped in CSystem.c, which defines it.
#ifndef CSYSTEM_H
#define CSYSTEM_H

#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/socket.h>

/// accept4(2): accept with SOCK_NONBLOCK / SOCK_CLOEXEC flags.
int csystem_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/// memmem(3): find a byte sequence in a buffer.
void *csystem_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

/// malloc_trim(3): return freed heap memory to the system.
int csystem_malloc_trim(size_t pad);

/// SCHED_IDLE (sched(7)): the scheduling policy of a process that runs only when no other wants the CPU.
int csystem_sched_idle(void);

/// Asks the CPU to start loading the cache line holding `address` (no fault if invalid).
static inline void csystem_prefetch(const void *address) {
    __builtin_prefetch(address);
}

#endif
