// Getting started with caizheng from C++ (docs/getting-started.md shows this file and its output;
// getting_started.c and getting_started.py print exactly the same lines).
#include <caizheng/caizheng.hpp>

#include <boost/describe/enum_to_string.hpp>

#include <iostream>
#include <string_view>
#include <vector>

namespace cz = caizheng;

int main() {
    // Cells as a PDF extraction leaves them: 万元, two places, stray spaces after separators.
    const std::vector<std::string_view> cells = {"1, 171.00", "20.26", "19.05", "17.30"};
    std::vector<cz::wan_yuan> parts;
    for (std::string_view cell : cells) parts.push_back(cz::parse_amount<cz::wan_yuan>(cell));
    std::cout << "sum of parts: " << cz::sum(parts).to_string(true) << " 万元\n";

    // Does the stated total add up? Exact, a tail difference (尾数误差) or a real mismatch.
    const auto stated = cz::parse_amount<cz::wan_yuan>("1,227.61");
    auto check = cz::compare_total(stated, parts);
    std::cout << "stated total " << stated.to_string(true) << ": "
              << boost::describe::enum_to_string(check.verdict, "?") << "\n";

    // A narrative claim checked at the precision it states (占比 = part / whole × 100).
    const cz::ratio share = cz::share(parts[0], stated);
    const bool ok = share.matches(cz::parse_percent("95.39%"));
    std::cout << "share of the first part: " << share.round(2) << "% (claimed 95.39%: "
              << (ok ? "ok" : "wrong") << ")\n";

    // Three items of 3,350 元 are 0.34 万元 each once rounded; their total, 10,050 元, is 1.01.
    const std::vector<cz::wan_yuan> rounded(3, cz::parse_amount<cz::wan_yuan>("0.34"));
    check = cz::compare_total(cz::parse_amount<cz::wan_yuan>("1.01"), rounded);
    std::cout << "1.01 vs 0.34 + 0.34 + 0.34: "
              << boost::describe::enum_to_string(check.verdict, "?") << " (difference "
              << check.difference << ", bound " << check.bound << ")\n";

    // Exact decimal arithmetic: no binary floating point anywhere.
    const auto a = cz::parse_amount<cz::wan_yuan>("0.1"), b = cz::parse_amount<cz::wan_yuan>("0.2");
    std::cout << "0.1 + 0.2 = " << (a + b) << "\n";

    // Bad input is an exception with a message that quotes it.
    try {
        cz::parse_amount<cz::wan_yuan>("12a");
    } catch (const cz::error& e) {
        std::cout << "error: " << e.what() << "\n";
    }
    return 0;
}
