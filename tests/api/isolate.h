/*
 * isolate.h: run a group of checks in a child process (POSIX fork), so that
 * a crash in the library -- a segfault, or an ASan/UBSan abort in the
 * sanitizer build -- fails that group only, and the other groups still run
 * and report. The child's CHECK counts are added to the parent's; a child
 * that dies counts as one failure, with the signal or exit status printed.
 *
 * The including file must define _POSIX_C_SOURCE (>= 200809L) before its
 * first #include.
 */
#ifndef MNTEXT_TESTS_ISOLATE_H
#define MNTEXT_TESTS_ISOLATE_H

#if !defined(_POSIX_C_SOURCE) || _POSIX_C_SOURCE < 200809L
#error "define _POSIX_C_SOURCE 200809L before including isolate.h"
#endif

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/* A free counter a group may add to (e.g. runs performed); carried back
 * from the child like the CHECK counts. */
static long check_user_count;

static inline void check_isolated(const char *what, void (*fn)(void *), void *arg) {
    fflush(stdout);
    fflush(stderr);
    int fd[2];
    if (pipe(fd) != 0) {
        fn(arg);
        return;
    }
    const pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        fn(arg);
        return;
    }
    const long passed0 = check_passed_count, failed0 = check_failed_count, user0 = check_user_count;
    if (pid == 0) {
        close(fd[0]);
        fn(arg);
        const long d[3] = {check_passed_count - passed0, check_failed_count - failed0,
                           check_user_count - user0};
        fflush(stdout);
        fflush(stderr);
        const ssize_t w = write(fd[1], d, sizeof d);
        _exit(w == (ssize_t)sizeof d ? 0 : 3);
    }
    close(fd[1]);
    long d[3] = {0, 0, 0};
    size_t got = 0;
    while (got < sizeof d) {
        const ssize_t r = read(fd[0], (char *)d + got, sizeof d - got);
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd[0]);
    int status = 0;
    pid_t waited;
    do
        waited = waitpid(pid, &status, 0);
    while (waited < 0);
    const int exited = WIFEXITED(status), code = exited ? WEXITSTATUS(status) : -1;
    const int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    if (got == sizeof d && exited && code == 0) {
        check_passed_count += d[0];
        check_failed_count += d[1];
        check_user_count += d[2];
        return;
    }
    check_failed_count++;
    if (sig)
        fprintf(stderr, "CRASH: %s: killed by signal %d (%s); its remaining checks did not run\n",
                what, sig, strsignal(sig));
    else
        fprintf(stderr,
                "CRASH: %s: exited with status %d (a sanitizer report?); its remaining "
                "checks did not run\n",
                what, code);
    printf("CRASH: %s\n", what);
}

/* ISOLATED(test_x) defines run_test_x(void *), which calls test_x(): the
 * form check_isolated() takes, for a group without an argument. */
#define ISOLATED(fn)                                                                               \
    static void run_##fn(void *arg) {                                                              \
        (void)arg;                                                                                 \
        fn();                                                                                      \
    }

#endif
