// Names of enums, from their Boost.Describe descriptions.
#include "caizheng/error.hpp"
#include "caizheng/money.hpp"
#include "caizheng/rounding.hpp"

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>

namespace caizheng {

const char* errc_name(errc code) noexcept { return boost::describe::enum_to_string(code, "unknown"); }

const char* rounding_mode_name(rounding_mode mode) noexcept {
    return boost::describe::enum_to_string(mode, "unknown");
}

rounding_mode rounding_mode_from_name(const std::string& name) {
    rounding_mode m{};
    if (!boost::describe::enum_from_string(name.c_str(), m))
        throw error(errc::invalid_argument, "unknown rounding mode \"" + name + "\"");
    return m;
}

const char* unit_symbol(money_unit u) noexcept {
    switch (u) {
        case money_unit::yuan: return "元";
        case money_unit::wan_yuan: return "万元";
        case money_unit::yi_yuan: return "亿元";
    }
    return "?";
}

}  // namespace caizheng
