// The database client libraries (libpq with its krb5/ldap/gnutls chain,
// libmariadb) are opened when a URL needs them, not at process start: linked
// normally, the dynamic loader maps and relocates some 25 shared objects
// before `main` on every run, SQLite projects and `history` included.
#include "CClientLoader.h"

#include <dlfcn.h>
#include <stdio.h>

static int open_library(alchemy_client_library *library) {
    void *handle = NULL;
    const char *reason = "no library name given";
    const char *opened = NULL;
    for (size_t i = 0; i < library->soname_count && handle == NULL; i++) {
        opened = library->sonames[i];
        // Lazy: the library's own calls bind on first use (libmariadb opens in
        // half the time); the functions alchemy calls are bound below, at once.
        handle = dlopen(library->sonames[i], RTLD_LAZY | RTLD_LOCAL);
        if (handle == NULL) reason = dlerror();
    }
    if (handle == NULL) {
        snprintf(library->failure, sizeof library->failure, "%s", reason ? reason : "cannot be loaded");
        return -1;
    }
    for (size_t i = 0; i < library->symbol_count; i++) {
        void *address = dlsym(handle, library->symbols[i].name);
        if (address == NULL) {
            snprintf(library->failure, sizeof library->failure,
                     "%s has no function %s (too old a version)", opened, library->symbols[i].name);
            dlclose(handle);
            return -1;
        }
        *library->symbols[i].slot = address;
    }
    return 1;
}

const char *alchemy_client_load(alchemy_client_library *library) {
    pthread_mutex_lock(&library->lock);
    if (library->state == 0) library->state = open_library(library);
    int state = library->state;
    pthread_mutex_unlock(&library->lock);
    return state == 1 ? NULL : library->failure;
}
