/*
 * corpus.h: list the real-text files under the shared corpus directory
 * (MNTEXT_SHARED_CORPUS, passed to the tests on the command line): every
 * *.txt file below it, recursively, plus ner/NER_v1.0.json, which is read as
 * plain text. The list is sorted so that runs are reproducible.
 *
 * The including file must define _POSIX_C_SOURCE (>= 200809L) before its
 * first #include (the build is strict C11 without extensions).
 */
#ifndef MNTEXT_TESTS_CORPUS_H
#define MNTEXT_TESTS_CORPUS_H

#if !defined(_POSIX_C_SOURCE) || _POSIX_C_SOURCE < 200809L
#error "define _POSIX_C_SOURCE 200809L before including corpus.h"
#endif

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct corpus_list {
    char **path;
    size_t n, cap;
} corpus_list;

static inline int corpus_is_dir(const char *path) {
    struct stat st;
    return path && *path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static inline void corpus_push(corpus_list *l, const char *path) {
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        char **np = (char **)realloc(l->path, l->cap * sizeof *np);
        if (np == NULL) exit(2);
        l->path = np;
    }
    const size_t n = strlen(path) + 1;
    char *c = (char *)malloc(n);
    if (c == NULL) exit(2);
    memcpy(c, path, n);
    l->path[l->n++] = c;
}

static inline int corpus_ends_with(const char *s, const char *suffix) {
    const size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static inline void corpus_walk(corpus_list *l, const char *dir, const char *rel) {
    DIR *d = opendir(dir);
    if (d == NULL) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        const size_t nlen = strlen(e->d_name);
        char *path = (char *)malloc(strlen(dir) + nlen + 2);
        char *relpath = (char *)malloc(strlen(rel) + nlen + 2);
        if (path == NULL || relpath == NULL) exit(2);
        strcpy(path, dir);
        strcat(path, "/");
        strcat(path, e->d_name);
        strcpy(relpath, rel);
        if (*rel) strcat(relpath, "/");
        strcat(relpath, e->d_name);
        struct stat st;
        if (stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                corpus_walk(l, path, relpath);
            else if (S_ISREG(st.st_mode) && (corpus_ends_with(e->d_name, ".txt") ||
                                             strcmp(relpath, "ner/NER_v1.0.json") == 0))
                corpus_push(l, path);
        }
        free(path);
        free(relpath);
    }
    closedir(d);
}

static inline int corpus_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The corpus files below dir (empty if dir is missing). */
static inline corpus_list corpus_files(const char *dir) {
    corpus_list l = {NULL, 0, 0};
    if (corpus_is_dir(dir)) {
        corpus_walk(&l, dir, "");
        if (l.n > 1) qsort(l.path, l.n, sizeof *l.path, corpus_cmp);
    }
    return l;
}

static inline void corpus_free(corpus_list *l) {
    for (size_t i = 0; i < l->n; i++)
        free(l->path[i]);
    free(l->path);
    l->path = NULL;
    l->n = l->cap = 0;
}

#endif
