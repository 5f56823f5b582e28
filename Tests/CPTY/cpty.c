#include "cpty.h"

#include <pty.h>
#include <signal.h>
#include <unistd.h>
#include <sys/ioctl.h>

pid_t cpty_spawn(const char *path, char *const argv[], char *const envp[],
                 unsigned short rows, unsigned short cols, int *master) {
    struct winsize size = { .ws_row = rows, .ws_col = cols };
    pid_t pid = forkpty(master, NULL, NULL, &size);
    if (pid == 0) {
        /* Child: only async-signal-safe calls between fork and exec. The test runner's threads
           block most signals and exec keeps the mask, so start the program with a clean one. */
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
        execve(path, argv, envp);
        _exit(127);
    }
    return pid;
}
