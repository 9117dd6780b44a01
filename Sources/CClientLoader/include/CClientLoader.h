#pragma once
#include <pthread.h>
#include <stddef.h>

/// One function that a client library must export, and where its address goes.
typedef struct {
    const char *name;
    void **slot;
} alchemy_client_symbol;

/// A shared library opened on first use, with the functions alchemy calls.
typedef struct {
    const char *const *sonames;  // tried in order
    size_t soname_count;
    const alchemy_client_symbol *symbols;
    size_t symbol_count;
    pthread_mutex_t lock;
    int state;                   // 0 not tried, 1 ready, -1 failed
    char failure[512];
} alchemy_client_library;

/// Opens `library` once (later calls return the first answer): NULL when every
/// symbol is bound, otherwise a one-line reason.
const char *alchemy_client_load(alchemy_client_library *library);

// The forwarding functions: one per library function, with the library's own
// prototype (so the compiler checks it against the header), hidden so that
// nothing outside the executable binds to it. Swift calls them as if linked.
#define ALCHEMY_CLIENT_FORWARD(ret, name, params, args) \
    static ret (*alchemy_slot_##name) params; \
    __attribute__((visibility("hidden"))) ret name params { return alchemy_slot_##name args; }
#define ALCHEMY_CLIENT_FORWARD_VOID(name, params, args) \
    static void (*alchemy_slot_##name) params; \
    __attribute__((visibility("hidden"))) void name params { alchemy_slot_##name args; }
#define ALCHEMY_CLIENT_SYMBOL(ret, name, params, args) {#name, (void **)&alchemy_slot_##name},
#define ALCHEMY_CLIENT_SYMBOL_VOID(name, params, args) {#name, (void **)&alchemy_slot_##name},

/// Defines the forwarding functions of `LIST` (an X-macro taking the two
/// forms above) and `library`, which binds them when loaded.
#define ALCHEMY_CLIENT_LIBRARY(library, LIST, ...) \
    LIST(ALCHEMY_CLIENT_FORWARD, ALCHEMY_CLIENT_FORWARD_VOID) \
    static const alchemy_client_symbol library##_symbols[] = {LIST(ALCHEMY_CLIENT_SYMBOL, ALCHEMY_CLIENT_SYMBOL_VOID)}; \
    static const char *const library##_sonames[] = {__VA_ARGS__}; \
    static alchemy_client_library library = { \
        library##_sonames, sizeof library##_sonames / sizeof *library##_sonames, \
        library##_symbols, sizeof library##_symbols / sizeof *library##_symbols, \
        PTHREAD_MUTEX_INITIALIZER, 0, {0}};
