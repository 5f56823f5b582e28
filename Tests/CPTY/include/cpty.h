#ifndef CPTY_H
#define CPTY_H

#include <sys/types.h>

/* Runs `path` with `argv`/`envp` on a new pseudo-terminal of `rows` x `cols`, as the leader of
   a new session whose controlling terminal it is (so Ctrl-C raises SIGINT in it). Returns the
   child's pid and stores the master side in *master, or returns -1 with errno set. */
pid_t cpty_spawn(const char *path, char *const argv[], char *const envp[],
                 unsigned short rows, unsigned short cols, int *master);

#endif
