#include "CMariaDB.h"
#include "CClientLoader.h"

// Every Connector/C function alchemy calls; a new call needs a line here.
#define MARIADB_FUNCTIONS(F, V) \
    F(int, mysql_server_init, (int argc, char **argv, char **groups), (argc, argv, groups)) \
    F(MYSQL *, mysql_init, (MYSQL *mysql), (mysql)) \
    F(int, mysql_options, (MYSQL *mysql, enum mysql_option option, const void *arg), (mysql, option, arg)) \
    F(MYSQL *, mysql_real_connect, (MYSQL *mysql, const char *host, const char *user, const char *passwd, const char *db, \
                                    unsigned int port, const char *unix_socket, unsigned long clientflag), \
      (mysql, host, user, passwd, db, port, unix_socket, clientflag)) \
    V(mysql_close, (MYSQL *sock), (sock)) \
    F(unsigned int, mysql_errno, (MYSQL *mysql), (mysql)) \
    F(const char *, mysql_error, (MYSQL *mysql), (mysql)) \
    F(char *, mysql_get_server_info, (MYSQL *mysql), (mysql)) \
    F(int, mysql_real_query, (MYSQL *mysql, const char *q, unsigned long length), (mysql, q, length)) \
    F(MYSQL_RES *, mysql_store_result, (MYSQL *mysql), (mysql)) \
    F(int, mysql_next_result, (MYSQL *mysql), (mysql)) \
    F(unsigned int, mysql_field_count, (MYSQL *mysql), (mysql)) \
    F(unsigned int, mysql_num_fields, (MYSQL_RES *res), (res)) \
    F(MYSQL_FIELD *, mysql_fetch_fields, (MYSQL_RES *res), (res)) \
    F(MYSQL_ROW, mysql_fetch_row, (MYSQL_RES *result), (result)) \
    F(unsigned long *, mysql_fetch_lengths, (MYSQL_RES *result), (result)) \
    V(mysql_free_result, (MYSQL_RES *result), (result)) \
    F(MYSQL_STMT *, mysql_stmt_init, (MYSQL *mysql), (mysql)) \
    F(int, mysql_stmt_prepare, (MYSQL_STMT *stmt, const char *query, unsigned long length), (stmt, query, length)) \
    F(my_bool, mysql_stmt_bind_param, (MYSQL_STMT *stmt, MYSQL_BIND *bnd), (stmt, bnd)) \
    F(my_bool, mysql_stmt_bind_result, (MYSQL_STMT *stmt, MYSQL_BIND *bnd), (stmt, bnd)) \
    F(int, mysql_stmt_execute, (MYSQL_STMT *stmt), (stmt)) \
    F(MYSQL_RES *, mysql_stmt_result_metadata, (MYSQL_STMT *stmt), (stmt)) \
    F(int, mysql_stmt_fetch, (MYSQL_STMT *stmt), (stmt)) \
    F(int, mysql_stmt_fetch_column, (MYSQL_STMT *stmt, MYSQL_BIND *bind_arg, unsigned int column, unsigned long offset), \
      (stmt, bind_arg, column, offset)) \
    F(unsigned int, mysql_stmt_errno, (MYSQL_STMT *stmt), (stmt)) \
    F(const char *, mysql_stmt_error, (MYSQL_STMT *stmt), (stmt)) \
    F(my_bool, mysql_stmt_close, (MYSQL_STMT *stmt), (stmt))

ALCHEMY_CLIENT_LIBRARY(mariadb, MARIADB_FUNCTIONS, "libmariadb.so.3", "libmariadb.so")

const char *alchemy_mariadb_load(void) { return alchemy_client_load(&mariadb); }
