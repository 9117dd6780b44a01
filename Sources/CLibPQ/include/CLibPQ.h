#pragma once
// libpq's declarations; the library itself is opened at run time (alchemy_libpq_load).
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#elif __has_include(<postgresql/libpq-fe.h>)
#include <postgresql/libpq-fe.h>
#else
#error "libpq's headers are missing: install libpq-dev (Debian/Ubuntu) or libpq-devel"
#endif

/// Opens libpq.so.5 once; NULL when ready, else why it cannot be used.
const char *alchemy_libpq_load(void);
