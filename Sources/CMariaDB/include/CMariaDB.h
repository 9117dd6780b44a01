#pragma once
// MariaDB Connector/C's declarations; the library itself is opened at run time
// (alchemy_mariadb_load).
#if __has_include(<mariadb/mysql.h>)
#include <mariadb/mysql.h>
#elif __has_include(<mysql.h>)
#include <mysql.h>
#else
#error "MariaDB Connector/C's headers are missing: install libmariadb-dev (Debian/Ubuntu) or mariadb-connector-c-devel"
#endif

/// Opens libmariadb.so.3 once; NULL when ready, else why it cannot be used.
const char *alchemy_mariadb_load(void);
