/* caizheng — C API (C99). Exact money, classification, reports, reconciliation, scoring.
 *
 * Conventions, for every function:
 *  - Prefix cz_. Every call returns a cz_status: CZ_OK (0) or an error code below. On error,
 *    cz_last_error() gives a UTF-8 message for this thread, and the call has modified neither
 *    its output arguments nor the objects it was given.
 *  - Only fixed-width integers, UTF-8 `const char*` and opaque pointers cross the boundary.
 *    Nothing throws and nothing aborts: NULL or invalid arguments give CZ_ERR_INVALID_ARGUMENT.
 *  - Memory the library allocates is freed by the library: strings with cz_string_free(),
 *    handles with their own cz_..._free().
 *  - Amounts cross as int64_t counts of hundredths of their unit (2 places for 元, 万元 and
 *    亿元): 1227.61 万元 is 122761. Exact decimals (multipliers, percentages) cross as an
 *    int64_t mantissa and an int32_t scale: 95.39 is (9539, 2).
 */
#ifndef CAIZHENG_H
#define CAIZHENG_H

#include <stdint.h>

#if defined(_WIN32)
#define CZ_API
#else
#define CZ_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version ------------------------------------------------------------------------------ */

#define CZ_VERSION_MAJOR 0
#define CZ_VERSION_MINOR 1
#define CZ_VERSION_PATCH 0
/** MAJOR * 10000 + MINOR * 100 + PATCH, as cz_version_number() returns at run time. */
#define CZ_VERSION_NUMBER (CZ_VERSION_MAJOR * 10000 + CZ_VERSION_MINOR * 100 + CZ_VERSION_PATCH)
#define CZ_VERSION_STRING "0.1.0"
/** The SONAME version: libcaizheng.so.0. */
#define CZ_ABI_VERSION 0

/** Version of the library actually loaded (compare with CZ_VERSION_NUMBER).
 *  Thread safety: any thread, any time. */
CZ_API int32_t cz_version_number(void);
/** "0.1.0"; static storage, never freed. Thread safety: any thread, any time. */
CZ_API const char* cz_version_string(void);

/* ---- Status and errors -------------------------------------------------------------------- */

typedef int32_t cz_status;
#define CZ_OK 0
#define CZ_ERR_INVALID_ARGUMENT 1 /**< NULL pointer, unknown enum value, bad option */
#define CZ_ERR_PARSE 2            /**< text that does not parse; message quotes it with position */
#define CZ_ERR_OVERFLOW 3         /**< result outside the 64-bit range */
#define CZ_ERR_DIVISION_BY_ZERO 4 /**< zero divisor, or a percentage on a zero base */
#define CZ_ERR_INEXACT 5          /**< digits would be lost and no rounding mode was given */
#define CZ_ERR_NOT_FOUND 6
#define CZ_ERR_IO 7
#define CZ_ERR_INCONSISTENT 8
#define CZ_ERR_UNSUPPORTED 9
#define CZ_ERR_OUT_OF_MEMORY 10
#define CZ_ERR_INTERNAL 11

/** Message of the last failed call on this thread ("" if none). Valid until the next failing
 *  call on this thread; never freed by the caller. Thread safety: any thread; each thread
 *  has its own message, so another thread's failures never change it. */
CZ_API const char* cz_last_error(void);
/** Name of a status code ("overflow"); static storage. Thread safety: any thread, any time. */
CZ_API const char* cz_status_name(cz_status status);
/** Free a string returned by the library. NULL is allowed. Thread safety: any thread, also
 *  another than the one that received the string; each string is freed once. */
CZ_API void cz_string_free(char* text);

#ifdef __cplusplus
}
#endif

#include "caizheng/capi/money.h"
#include "caizheng/capi/report.h"
#include "caizheng/capi/classification.h"
#include "caizheng/capi/formula.h"
#include "caizheng/capi/scoring.h"
#include "caizheng/capi/reconcile.h"

#endif /* CAIZHENG_H */
