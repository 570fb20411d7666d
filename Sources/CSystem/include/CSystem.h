// The few Linux system calls that Glibc's Swift module does not export.
// Everything above this target is Swift; only Sources/Platform includes it.
#ifndef CSYSTEM_H
#define CSYSTEM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/inotify.h>

#endif
