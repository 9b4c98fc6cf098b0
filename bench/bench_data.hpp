// Shared by the benchmarks: reading the bundled test data (CAIZHENG_TEST_DATA) outside the timing.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace caizheng::bench {

/// The bytes of a file ("" when it cannot be read).
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace caizheng::bench
