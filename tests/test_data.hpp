// Shared by the C++ tests and the benchmarks: reading the bundled data (tests/data,
// CAIZHENG_TEST_DATA) once.
#pragma once

#include "caizheng/import.hpp"

#include <fstream>
#include <sstream>
#include <string>

namespace caizheng::test {

/// The bytes of a file ("" when it cannot be read: the test's own checks then fail).
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The bundled 2024 Hunan report (株洲市天元区数据局), as text and as imported once.
inline const std::string& hunan_text() {
    static const std::string text = read_file(CAIZHENG_TEST_DATA "/reports/2024_tianyuan_data_bureau.txt");
    return text;
}
inline const report& hunan() {
    static const report r = import_text(hunan_text());
    return r;
}

}  // namespace caizheng::test
