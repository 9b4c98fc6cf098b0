// The words the narrative extractor understands, as data. Provinces phrase the same statement
// differently; add a phrasing here, not a branch in the code. Every table is searched in
// order: put the more specific phrase first ("公务用车购置费及运行维护费" before "运行维护费").
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "caizheng/narrative.hpp"

namespace caizheng::narrative_detail {

/// What a section (or a sub-heading inside one) is about. Decides which topics are looked for
/// and which table a topic is checked against.
enum class section_kind : int {
    unknown = 0,
    overall,           ///< 收入支出决算总体情况 (Hunan 一, Shanghai 一)
    income,            ///< 收入决算情况
    expenditure,       ///< 支出决算情况
    fiscal_total,      ///< 财政拨款收入支出决算总体情况
    general_budget,    ///< 一般公共预算财政拨款支出决算情况 (incl. 结构, 具体情况 by 项)
    basic,             ///< 一般公共预算财政拨款基本支出决算情况
    government_fund,   ///< 政府性基金预算财政拨款收入支出决算情况
    state_capital,     ///< 国有资本经营预算财政拨款收入支出决算情况
    three_public,      ///< 财政拨款“三公”经费支出决算情况
    running_costs,     ///< 机关运行经费
    general_spending,  ///< 一般性支出 (会议费, 培训费)
    procurement,       ///< 政府采购
    assets,            ///< 国有资产占用 (车辆)
    performance,       ///< 预算绩效情况
    annex_report,      ///< 整体支出绩效自评报告 prose
};

/// A section title (or sub-heading) → kind: every word of `all` must occur in the title.
/// Searched in order; the first match wins.
struct section_pattern {
    std::array<std::string_view, 2> all;  ///< empty entries are ignored
    section_kind kind;
};
inline constexpr std::array section_patterns{
    section_pattern{{"三公"}, section_kind::three_public},
    section_pattern{{"机关运行经费"}, section_kind::running_costs},
    section_pattern{{"一般性支出"}, section_kind::general_spending},
    section_pattern{{"政府采购"}, section_kind::procurement},
    section_pattern{{"国有资产"}, section_kind::assets},
    section_pattern{{"绩效"}, section_kind::performance},
    section_pattern{{"政府性基金"}, section_kind::government_fund},
    section_pattern{{"国有资本经营"}, section_kind::state_capital},
    section_pattern{{"基本支出"}, section_kind::basic},
    section_pattern{{"一般公共预算"}, section_kind::general_budget},
    section_pattern{{"财政拨款收入支出"}, section_kind::fiscal_total},
    section_pattern{{"收入支出决算总体"}, section_kind::overall},
    section_pattern{{"收入决算"}, section_kind::income},
    section_pattern{{"支出决算"}, section_kind::expenditure},
};

/// A topic: canonical name and the words that name it in a clause (all must occur).
struct topic_pattern {
    section_kind section;  ///< unknown = any section
    std::array<std::string_view, 2> all;  ///< empty entries are ignored
    std::string_view topic;
};
// Canonical topic names used by the checks (check.cpp resolves them to table cells).
inline constexpr std::string_view t_grand_total = "收支总计";
inline constexpr std::string_view t_fiscal_grand_total = "财政拨款收支总计";
inline constexpr std::string_view t_total_income = "收入合计";
inline constexpr std::string_view t_total_expenditure = "支出合计";
inline constexpr std::string_view t_fiscal_expenditure = "财政拨款支出";
inline constexpr std::string_view t_three_public = "三公经费";
inline constexpr std::string_view t_vehicle_total = "公务用车购置及运行维护费";
inline constexpr std::string_view t_vehicle_purchase = "公务用车购置费";
inline constexpr std::string_view t_vehicle_operation = "公务用车运行维护费";
inline constexpr std::string_view t_overseas = "因公出国（境）费";
inline constexpr std::string_view t_reception = "公务接待费";

inline constexpr std::array topic_patterns{
    // 一 / 四
    topic_pattern{section_kind::unknown, {"财政拨款收", "总计"}, t_fiscal_grand_total},
    topic_pattern{section_kind::unknown, {"收、支总计"}, t_grand_total},
    topic_pattern{section_kind::unknown, {"收支总计"}, t_grand_total},
    topic_pattern{section_kind::unknown, {"收入支出总计"}, t_grand_total},
    // 二
    topic_pattern{section_kind::income, {"收入合计"}, t_total_income},
    topic_pattern{section_kind::income, {"财政拨款收入"}, "财政拨款收入"},
    topic_pattern{section_kind::income, {"上级补助收入"}, "上级补助收入"},
    topic_pattern{section_kind::income, {"事业收入"}, "事业收入"},
    topic_pattern{section_kind::income, {"经营收入"}, "经营收入"},
    topic_pattern{section_kind::income, {"附属单位上缴收入"}, "附属单位上缴收入"},
    topic_pattern{section_kind::income, {"其他收入"}, "其他收入"},
    // 三
    topic_pattern{section_kind::expenditure, {"支出合计"}, t_total_expenditure},
    topic_pattern{section_kind::expenditure, {"上缴上级支出"}, "上缴上级支出"},
    topic_pattern{section_kind::expenditure, {"对附属单位补助支出"}, "对附属单位补助支出"},
    topic_pattern{section_kind::expenditure, {"经营支出"}, "经营支出"},
    // 五
    topic_pattern{section_kind::general_budget, {"本年支出合计"}, "本年支出合计"},
    topic_pattern{section_kind::general_budget, {"财政拨款支出"}, t_fiscal_expenditure},
    // 七 / 八 (before 基本支出/项目支出 of any section)
    topic_pattern{section_kind::government_fund, {"年初结转和结余"}, "年初结转和结余"},
    topic_pattern{section_kind::government_fund, {"年末结转和结余"}, "年末结转和结余"},
    topic_pattern{section_kind::state_capital, {"年初结转和结余"}, "年初结转和结余"},
    topic_pattern{section_kind::state_capital, {"年末结转和结余"}, "年末结转和结余"},
    // 三, 五, 六, annex
    topic_pattern{section_kind::unknown, {"基本支出"}, "基本支出"},
    topic_pattern{section_kind::unknown, {"项目支出"}, "项目支出"},
    topic_pattern{section_kind::government_fund, {"收入"}, "收入"},
    topic_pattern{section_kind::government_fund, {"支出"}, "支出"},
    topic_pattern{section_kind::state_capital, {"收入"}, "收入"},
    topic_pattern{section_kind::state_capital, {"支出"}, "支出"},
    // 六, annex
    topic_pattern{section_kind::unknown, {"人员经费"}, "人员经费"},
    topic_pattern{section_kind::unknown, {"机关运行经费"}, "机关运行经费"},
    topic_pattern{section_kind::unknown, {"公用经费"}, "公用经费"},
    // 三公
    topic_pattern{section_kind::three_public, {"公务用车购置及运行维护费"}, t_vehicle_total},
    topic_pattern{section_kind::three_public, {"公务用车购置费及运行维护费"}, t_vehicle_total},
    topic_pattern{section_kind::three_public, {"公务用车购置和运行维护费"}, t_vehicle_total},
    topic_pattern{section_kind::three_public, {"公务用车购置费"}, t_vehicle_purchase},
    topic_pattern{section_kind::three_public, {"运行维护费"}, t_vehicle_operation},
    topic_pattern{section_kind::three_public, {"出国"}, t_overseas},
    topic_pattern{section_kind::three_public, {"公务接待"}, t_reception},
    topic_pattern{section_kind::three_public, {"三公"}, t_three_public},
    // 一般性支出
    topic_pattern{section_kind::general_spending, {"会议费"}, "会议费"},
    topic_pattern{section_kind::general_spending, {"培训费"}, "培训费"},
    // 政府采购
    topic_pattern{section_kind::procurement, {"小微企业"}, "小微企业"},
    topic_pattern{section_kind::procurement, {"货物", "中小企业"}, "货物采购中小企业"},
    topic_pattern{section_kind::procurement, {"工程", "中小企业"}, "工程采购中小企业"},
    topic_pattern{section_kind::procurement, {"服务", "中小企业"}, "服务采购中小企业"},
    topic_pattern{section_kind::procurement, {"中小企业"}, "中小企业"},
    topic_pattern{section_kind::procurement, {"货物"}, "政府采购货物"},
    topic_pattern{section_kind::procurement, {"工程"}, "政府采购工程"},
    topic_pattern{section_kind::procurement, {"服务"}, "政府采购服务"},
    topic_pattern{section_kind::procurement, {"政府采购"}, "政府采购"},
    // 国有资产
    topic_pattern{section_kind::assets, {"车辆"}, "车辆"},
};

/// A sum that must hold between topics of one section (same kind of claim): total = Σ parts.
/// A part missing in the text is taken from its own sum rule when that can be computed.
struct topic_sum {
    section_kind section;
    std::string_view total;
    std::array<std::string_view, 3> parts;  ///< empty entries are ignored
};
inline constexpr std::array topic_sums{
    topic_sum{section_kind::three_public, t_vehicle_total, {t_vehicle_purchase, t_vehicle_operation}},
    topic_sum{section_kind::three_public, t_three_public, {t_overseas, t_vehicle_total, t_reception}},
    topic_sum{section_kind::procurement, "中小企业",
              {"货物采购中小企业", "工程采购中小企业", "服务采购中小企业"}},
};

/// Direction words. Checked in order at each position; a direction word followed by
/// "（" + another direction word + "）" is an unresolved template ("减少（增加）").
struct direction_word {
    std::string_view word;
    claim_direction direction;
};
inline constexpr std::array direction_words{
    direction_word{"基本持平", claim_direction::flat}, direction_word{"持平", claim_direction::flat},
    direction_word{"增加", claim_direction::increase}, direction_word{"增长", claim_direction::increase},
    direction_word{"上升", claim_direction::increase}, direction_word{"提高", claim_direction::increase},
    direction_word{"减少", claim_direction::decrease}, direction_word{"下降", claim_direction::decrease},
    direction_word{"降低", claim_direction::decrease},
};

/// Comparison of 决算数 with 预算数, after "决算数" in a sentence.
inline constexpr std::array comparison_words{
    direction_word{"大于", claim_direction::greater}, direction_word{"多于", claim_direction::greater},
    direction_word{"高于", claim_direction::greater}, direction_word{"小于", claim_direction::less},
    direction_word{"少于", claim_direction::less}, direction_word{"低于", claim_direction::less},
    direction_word{"等于", claim_direction::equal}, direction_word{"一致", claim_direction::equal},
    direction_word{"持平", claim_direction::flat},
};

/// Words that open a reason clause: figures after them explain, they are not claims to check
/// ("主要是因为…项目减少73万元"), until a reset word.
inline constexpr std::array<std::string_view, 6> reason_words{
    "主要原因", "主要是因为", "主要是由于", "原因是", "原因为", "原因："};
/// Words that end a reason clause (a new statement starts).
inline constexpr std::array<std::string_view, 8> reason_reset_words{
    "与上年", "比上年", "较上年", "与20", "比20", "较20", "其中", "同比"};

/// Units of counts (辆, 个 …). Longer first.
inline constexpr std::array<std::string_view, 14> count_units{
    "台（套）", "人次", "辆", "个", "人", "台", "套", "次", "名", "册", "家", "场", "所", "项"};

/// Organ suffixes that end a department name ("…数据局").
inline constexpr std::array<std::string_view, 9> organ_suffixes{
    "委员会", "办公室", "局", "委", "厅", "院", "中心", "署", "馆"};
/// Characters that end a place name inside a department name.
inline constexpr std::array<std::string_view, 7> region_suffixes{"省", "市", "区", "县", "州", "旗",
                                                                 "盟"};

}  // namespace caizheng::narrative_detail
