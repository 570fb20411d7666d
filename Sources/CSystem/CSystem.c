// GNU extensions wrapped for Swift; see include/CSystem.h for why.
#define _GNU_SOURCE
#include <malloc.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include "CSystem.h"

int csystem_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}

void *csystem_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}

int csystem_malloc_trim(size_t pad) {
    return malloc_trim(pad);
}

int csystem_sched_idle(void) {
    return SCHED_IDLE;
}
