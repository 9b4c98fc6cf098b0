// caizheng — symbol visibility of the C++ API. The library is built with hidden visibility;
// only what carries CAIZHENG_CXX_API (and the C API) is exported from libcaizheng.so.
#pragma once

#if defined(_WIN32)
#define CAIZHENG_CXX_API
#else
#define CAIZHENG_CXX_API __attribute__((visibility("default")))
#endif
