// Share of each 类 in total spending, computed exactly from the published 万元 figures, and
// the narrative's claimed shares checked at the precision they state.
//
// usage: money_shares FILE.tsv   (lines: name <TAB> amount [<TAB> claimed share]; # comments)
#include <caizheng/caizheng.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace cz = caizheng;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " FILE.tsv\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    if (!in) {
        std::cerr << "cannot open " << argv[1] << "\n";
        return 1;
    }
    struct row {
        std::string name;
        cz::wan_yuan amount;
        std::string claim;
    };
    std::vector<row> rows;
    std::string line;
    int line_no = 0;
    try {
        while (std::getline(in, line)) {
            ++line_no;
            if (line.empty() || line[0] == '#') continue;
            std::istringstream fields(line);
            row r;
            std::string amount;
            std::getline(fields, r.name, '\t');
            std::getline(fields, amount, '\t');
            std::getline(fields, r.claim, '\t');
            r.amount = cz::parse_amount<cz::wan_yuan>(amount);
            rows.push_back(r);
        }
    } catch (const cz::error& e) {
        std::cerr << argv[1] << ":" << line_no << ": " << e.what() << "\n";
        return 1;
    }

    std::vector<cz::wan_yuan> amounts;
    for (const auto& r : rows) amounts.push_back(r.amount);
    const cz::wan_yuan total = cz::sum(amounts);
    std::cout << "total " << total.to_string(true) << " 万元\n";

    int failures = 0;
    std::vector<cz::wan_yuan> share_parts;  // shares as 2-place values, to check they add to 100
    for (const auto& r : rows) {
        const cz::ratio s = cz::share(r.amount, total);
        const cz::decimal rounded = s.round(2);
        share_parts.push_back(cz::wan_yuan::from_raw(rounded.mantissa()));
        std::cout << r.name << "  " << r.amount.to_string(true) << "  " << rounded << "%";
        if (!r.claim.empty()) {
            const cz::decimal claim = cz::parse_percent(r.claim);
            const bool ok = s.matches(claim);
            std::cout << "  claimed " << r.claim << (ok ? "  ok" : "  MISMATCH (expected " +
                                                                 s.round(claim.scale()).to_string() + "%)");
            failures += ok ? 0 : 1;
        }
        std::cout << "\n";
    }
    // Σ of rounded shares vs 100.00: a tail difference of up to ⌊n/2⌋ hundredths is rounding.
    const auto check = cz::compare_total(cz::wan_yuan::from_units(100), share_parts);
    std::cout << "sum of shares " << check.sum_of_parts << "% vs 100.00%: "
              << (check.verdict == cz::tail_verdict::exact
                      ? "exact"
                      : (check.verdict == cz::tail_verdict::tail_difference
                             ? "tail difference " + check.difference.to_string() + " (bound " +
                                   check.bound.to_string() + ")"
                             : "MISMATCH " + check.difference.to_string()))
              << "\n";
    return failures == 0 ? 0 : 1;
}
