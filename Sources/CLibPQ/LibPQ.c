#include "CLibPQ.h"
#include "CClientLoader.h"

// Every libpq function alchemy calls; a new call needs a line here.
#define LIBPQ_FUNCTIONS(F, V) \
    F(PGconn *, PQconnectdbParams, (const char *const *keywords, const char *const *values, int expand_dbname), (keywords, values, expand_dbname)) \
    F(ConnStatusType, PQstatus, (const PGconn *conn), (conn)) \
    F(char *, PQerrorMessage, (const PGconn *conn), (conn)) \
    V(PQfinish, (PGconn *conn), (conn)) \
    F(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg)) \
    F(int, PQsocket, (const PGconn *conn), (conn)) \
    F(const char *, PQparameterStatus, (const PGconn *conn, const char *paramName), (conn, paramName)) \
    F(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query)) \
    F(PGresult *, PQexecParams, (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, \
                                 const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat), \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat)) \
    F(int, PQsendQueryParams, (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, \
                               const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat), \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat)) \
    F(PGresult *, PQgetResult, (PGconn *conn), (conn)) \
    F(int, PQenterPipelineMode, (PGconn *conn), (conn)) \
    F(int, PQexitPipelineMode, (PGconn *conn), (conn)) \
    F(int, PQpipelineSync, (PGconn *conn), (conn)) \
    F(PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn), (conn)) \
    F(ExecStatusType, PQresultStatus, (const PGresult *res), (res)) \
    F(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode)) \
    V(PQclear, (PGresult *res), (res)) \
    F(int, PQntuples, (const PGresult *res), (res)) \
    F(int, PQnfields, (const PGresult *res), (res)) \
    F(char *, PQfname, (const PGresult *res, int field_num), (res, field_num)) \
    F(Oid, PQftype, (const PGresult *res, int field_num), (res, field_num)) \
    F(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    F(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))

ALCHEMY_CLIENT_LIBRARY(libpq, LIBPQ_FUNCTIONS, "libpq.so.5", "libpq.so")

const char *alchemy_libpq_load(void) { return alchemy_client_load(&libpq); }
