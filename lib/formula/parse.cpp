// The formula language's lexer and recursive-descent parser (grammar: docs/formulas.md).
#include "program.hpp"

#include "caizheng/error.hpp"

#include <boost/describe/enum_from_string.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace caizheng {

namespace {

using detail::cell_ref_spec;
using detail::column_spec;
using detail::compare_op;
using detail::expr_node;
using detail::formula_program;
using detail::row_node;
using detail::table_spec;
using detail::strip_enumeration;

// ---- Characters -----------------------------------------------------------------------------

/// Decode one UTF-8 code point at s[i]; returns the code point and sets `len`, or -1 when the
/// bytes are not valid UTF-8.
std::int32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) {
        len = 1;
        return c;
    }
    std::size_t n = 0;
    std::int32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        cp = c & 0x07;
    } else {
        return -1;
    }
    if (i + n > s.size()) return -1;
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    len = n;
    return cp;
}

/// Full-width forms and a few typographic symbols read as their ASCII counterparts, so a
/// formula typed with a Chinese input method works: ［］（）＝＋－＊，：＃＠ 【】 × − ≤ ≥ ≠.
/// Returns 0 when the code point has no ASCII reading. Two-character operators are returned
/// as codes 1 (<=), 2 (>=), 3 (!=).
std::int32_t ascii_reading(std::int32_t cp) {
    if (cp < 0x80) return cp;
    if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
    switch (cp) {
        case 0x3000: return ' ';
        case 0x3010: return '[';
        case 0x3011: return ']';
        case 0x00D7: return '*';
        case 0x2212: return '-';
        case 0x2264: return 1;
        case 0x2265: return 2;
        case 0x2260: return 3;
        case 0x201C:
        case 0x201D: return '"';
        default: return 0;
    }
}

/// 1-based character (code point) column of byte offset `pos`.
std::size_t char_column(std::string_view text, std::size_t pos) {
    std::size_t col = 1;
    for (std::size_t i = 0; i < pos && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
    return col;
}

[[noreturn]] void fail(std::string_view text, std::size_t pos, const std::string& message) {
    throw parse_error(message + " at character " + std::to_string(char_column(text, pos)), pos);
}

// ---- Tokens -----------------------------------------------------------------------------------

enum class tok {
    end, ident, number, string, lbracket, rbracket, lparen, rparen, dot, dotdot, comma, colon,
    amp, star, plus, minus, at, hash, lt, le, gt, ge, eq, ne,
};

struct token {
    tok kind = tok::end;
    std::uint32_t pos = 0;  // byte offset
    std::uint32_t end = 0;
    std::string text;       // ident / number / string content
};

const char* describe(tok k) {
    switch (k) {
        case tok::end: return "end of formula";
        case tok::ident: return "a name";
        case tok::number: return "a number";
        case tok::string: return "a quoted name";
        case tok::lbracket: return "'['";
        case tok::rbracket: return "']'";
        case tok::lparen: return "'('";
        case tok::rparen: return "')'";
        case tok::dot: return "'.'";
        case tok::dotdot: return "'..'";
        case tok::comma: return "','";
        case tok::colon: return "':'";
        case tok::amp: return "'&'";
        case tok::star: return "'*'";
        case tok::plus: return "'+'";
        case tok::minus: return "'-'";
        case tok::at: return "'@'";
        case tok::hash: return "'#'";
        case tok::lt: return "'<'";
        case tok::le: return "'<='";
        case tok::gt: return "'>'";
        case tok::ge: return "'>='";
        case tok::eq: return "'=='";
        case tok::ne: return "'!='";
    }
    return "?";
}

std::vector<token> lex(std::string_view s) {
    if (s.size() > std::numeric_limits<std::uint32_t>::max() / 2)
        throw parse_error("formula too long", 0);
    std::vector<token> out;
    std::size_t i = 0;
    // Reading of the code point at j (0 when identifier-like), its byte length in `len`.
    auto read = [&](std::size_t j, std::size_t& len) -> std::int32_t {
        const std::int32_t cp = decode(s, j, len);
        if (cp < 0) fail(s, j, "invalid UTF-8");
        return cp;
    };
    auto is_ident_cp = [](std::int32_t cp, std::int32_t a) {
        if (cp >= 0x80) return a == 0 || (a >= '0' && a <= '9') || (a >= 'A' && a <= 'Z') ||
                               (a >= 'a' && a <= 'z') || a == '_';
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
               cp == '_';
    };
    while (i < s.size()) {
        std::size_t len = 0;
        const std::int32_t cp = read(i, len);
        std::int32_t a = ascii_reading(cp);
        if (a == ' ' || a == '\t' || a == '\n' || a == '\r') {
            i += len;
            continue;
        }
        token t;
        t.pos = static_cast<std::uint32_t>(i);
        const auto single = [&](tok k) {
            t.kind = k;
            i += len;
        };
        // A full-width digit reads as an ASCII digit; identifiers may contain any other
        // non-ASCII character (Chinese names).
        if (a >= '0' && a <= '9') {
            t.kind = tok::number;
            bool seen_point = false;
            while (i < s.size()) {
                std::size_t l = 0;
                const std::int32_t c = ascii_reading(read(i, l));
                if (c >= '0' && c <= '9') {
                    t.text.push_back(static_cast<char>(c));
                    i += l;
                } else if (c == '.' && !seen_point && i + l < s.size()) {
                    std::size_t l2 = 0;
                    const std::int32_t d = ascii_reading(read(i + l, l2));
                    if (d < '0' || d > '9') break;  // "2..7" or "c1." — not a fraction
                    seen_point = true;
                    t.text.push_back('.');
                    i += l;
                } else {
                    break;
                }
            }
        } else if (is_ident_cp(cp, a)) {
            t.kind = tok::ident;
            while (i < s.size()) {
                std::size_t l = 0;
                const std::int32_t c = read(i, l);
                const std::int32_t ca = ascii_reading(c);
                if (!is_ident_cp(c, ca)) break;
                if (c >= 0x80 && ca != 0)
                    t.text.push_back(static_cast<char>(ca));  // full-width letter or digit
                else
                    t.text.append(s.substr(i, l));
                i += l;
            }
        } else if (a == '"' || cp == 0x2018 || cp == 0x300C) {
            const std::int32_t close = cp == 0x300C ? 0x300D : (cp == 0x2018 ? 0x2019 : -1);
            t.kind = tok::string;
            i += len;
            bool closed = false;
            while (i < s.size()) {
                std::size_t l = 0;
                const std::int32_t c = read(i, l);
                if ((close < 0 && ascii_reading(c) == '"') || c == close) {
                    i += l;
                    closed = true;
                    break;
                }
                if (c != ' ' && c != '\t' && c != 0x3000) t.text.append(s.substr(i, l));
                i += l;
            }
            if (!closed) fail(s, t.pos, "unterminated quoted name");
            if (t.text.empty()) fail(s, t.pos, "empty quoted name");
        } else {
            switch (a) {
                case '[': single(tok::lbracket); break;
                case ']': single(tok::rbracket); break;
                case '(': single(tok::lparen); break;
                case ')': single(tok::rparen); break;
                case ',': single(tok::comma); break;
                case ':': single(tok::colon); break;
                case '&': single(tok::amp); break;
                case '*': single(tok::star); break;
                case '+': single(tok::plus); break;
                case '-': single(tok::minus); break;
                case '@': single(tok::at); break;
                case '#': single(tok::hash); break;
                case 1: single(tok::le); break;
                case 2: single(tok::ge); break;
                case 3: single(tok::ne); break;
                case '.':
                case '<':
                case '>':
                case '=':
                case '!': {
                    i += len;
                    std::int32_t next = -1;
                    std::size_t l = 0;
                    if (i < s.size()) next = ascii_reading(read(i, l));
                    const bool eq_next = next == '=';
                    if (a == '.') {
                        t.kind = next == '.' ? tok::dotdot : tok::dot;
                    } else if (a == '<') {
                        t.kind = eq_next ? tok::le : tok::lt;
                    } else if (a == '>') {
                        t.kind = eq_next ? tok::ge : tok::gt;
                    } else if (a == '=') {
                        t.kind = tok::eq;  // "=" and "==" both mean equal
                    } else {
                        if (!eq_next) fail(s, t.pos, "'!' must be followed by '=' (write '!=')");
                        t.kind = tok::ne;
                    }
                    if ((a == '.' && next == '.') || (a != '.' && eq_next)) i += l;
                    break;
                }
                default: {
                    std::string shown(s.substr(i, len));
                    if (cp < 0x20 || cp == 0x7F) shown = "control character";
                    fail(s, i, "unexpected character '" + shown + "'");
                }
            }
        }
        t.end = static_cast<std::uint32_t>(i);
        out.push_back(std::move(t));
    }
    token e;
    e.kind = tok::end;
    e.pos = e.end = static_cast<std::uint32_t>(s.size());
    out.push_back(e);
    return out;
}

// ---- Names ------------------------------------------------------------------------------------

std::string lower_ascii(std::string_view s) {
    std::string r(s);
    for (char& c : r)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct kind_alias {
    const char* name;
    table_kind kind;
};
constexpr std::array<kind_alias, 26> table_aliases{{
    {"summary", table_kind::income_expenditure_total},
    {"收支总表", table_kind::income_expenditure_total},
    {"income", table_kind::income},
    {"收入表", table_kind::income},
    {"expenditure", table_kind::expenditure},
    {"支出表", table_kind::expenditure},
    {"fiscal", table_kind::fiscal_total},
    {"财拨总表", table_kind::fiscal_total},
    {"财政拨款总表", table_kind::fiscal_total},
    {"general", table_kind::general_budget_expenditure},
    {"一般公共预算支出表", table_kind::general_budget_expenditure},
    {"basic", table_kind::basic_expenditure_detail},
    {"基本支出表", table_kind::basic_expenditure_detail},
    {"基本支出明细表", table_kind::basic_expenditure_detail},
    {"fund", table_kind::government_fund},
    {"政府性基金表", table_kind::government_fund},
    {"capital", table_kind::state_capital},
    {"国有资本经营表", table_kind::state_capital},
    {"sangong", table_kind::three_public},
    {"三公表", table_kind::three_public},
    {"三公经费表", table_kind::three_public},
    {"部门收支决算总表", table_kind::income_expenditure_total},
    {"收入支出决算总表", table_kind::income_expenditure_total},
    {"财政拨款收入支出决算总表", table_kind::fiscal_total},
    {"三公经费支出决算表", table_kind::three_public},
    {"财政拨款三公经费支出决算表", table_kind::three_public},
}};

/// A table reference written as a name: T01…T99, 公开01表, an alias, a kind name or a title.
std::optional<table_spec> table_from_name(const std::string& name) {
    table_spec t;
    t.text = name;
    auto by_number = [&](std::string_view digits) -> std::optional<table_spec> {
        if (digits.empty() || digits.size() > 2 || !all_digits(digits)) return std::nullopt;
        t.by = table_spec::how::number;
        t.number = std::stoi(std::string(digits));
        if (t.number == 0) return std::nullopt;
        return t;
    };
    if ((name[0] == 'T' || name[0] == 't') && name.size() > 1 && all_digits(name.substr(1)))
        return by_number(std::string_view(name).substr(1));
    constexpr std::string_view gk = "公开";
    if (name.rfind(gk, 0) == 0) {
        std::string_view rest = std::string_view(name).substr(gk.size());
        constexpr std::string_view biao = "表";
        if (rest.size() > biao.size() && rest.substr(rest.size() - biao.size()) == biao)
            rest.remove_suffix(biao.size());
        if (auto r = by_number(rest)) return r;
    }
    t.by = table_spec::how::kind;
    const std::string low = lower_ascii(name);
    for (const auto& a : table_aliases)
        if (low == a.name) {
            t.kind = a.kind;
            return t;
        }
    if (boost::describe::enum_from_string(low.c_str(), t.kind)) return t;
    if (name.size() > 3 && !all_digits(name))
        if (auto k = table_kind_from_title(name)) {
            t.kind = *k;
            return t;
        }
    return std::nullopt;
}

struct keyword_atom {
    const char* word;
    row_node::op kind;
    std::int32_t value;
};
constexpr std::array<keyword_atom, 30> row_keywords{{
    {"all", row_node::op::all, 0},
    {"全部", row_node::op::all, 0},
    {"leaf", row_node::op::leaf, 0},
    {"末级", row_node::op::leaf, 0},
    {"total", row_node::op::role, static_cast<int>(row_role::total)},
    {"合计", row_node::op::role, static_cast<int>(row_role::total)},
    {"subtotal", row_node::op::role, static_cast<int>(row_role::subtotal)},
    {"小计", row_node::op::role, static_cast<int>(row_role::subtotal)},
    {"grand_total", row_node::op::role, static_cast<int>(row_role::grand_total)},
    {"总计", row_node::op::role, static_cast<int>(row_role::grand_total)},
    {"lei", row_node::op::level, 3},
    {"类", row_node::op::level, 3},
    {"kuan", row_node::op::level, 5},
    {"款", row_node::op::level, 5},
    {"xiang", row_node::op::level, 7},
    {"项", row_node::op::level, 7},
    {"income", row_node::op::side, static_cast<int>(row_side::income)},
    {"收入", row_node::op::side, static_cast<int>(row_side::income)},
    {"expenditure", row_node::op::side, static_cast<int>(row_side::expenditure)},
    {"支出", row_node::op::side, static_cast<int>(row_side::expenditure)},
    {"budget", row_node::op::side, static_cast<int>(row_side::budget)},
    {"预算", row_node::op::side, static_cast<int>(row_side::budget)},
    {"预算数", row_node::op::side, static_cast<int>(row_side::budget)},
    {"actual", row_node::op::side, static_cast<int>(row_side::actual)},
    {"决算", row_node::op::side, static_cast<int>(row_side::actual)},
    {"决算数", row_node::op::side, static_cast<int>(row_side::actual)},
    {"body", row_node::op::body, 0},
    {"item", row_node::op::body, 0},
    {"明细", row_node::op::body, 0},
    {"本级", row_node::op::body, 0},
}};

bool is_word(const token& t, std::initializer_list<const char*> words) {
    if (t.kind != tok::ident) return false;
    const std::string low = lower_ascii(t.text);
    for (const char* w : words)
        if (low == w) return true;
    return false;
}

/// "c12" → 12; nullopt otherwise.
std::optional<std::int32_t> column_number_word(const std::string& s) {
    if (s.size() < 2 || s.size() > 4 || (s[0] != 'c' && s[0] != 'C') || !all_digits(s.substr(1)))
        return std::nullopt;
    return std::stoi(s.substr(1));
}

// ---- Parser -----------------------------------------------------------------------------------

class parser {
public:
    explicit parser(std::string_view text) : text_(text), toks_(lex(text)) { p_.text = std::string(text); }

    formula_program run() {
        // A top-level ':' makes the part before it a scope.
        int depth = 0;
        bool scoped = false;
        for (const auto& t : toks_) {
            if (t.kind == tok::lbracket || t.kind == tok::lparen) ++depth;
            if (t.kind == tok::rbracket || t.kind == tok::rparen) --depth;
            if (t.kind == tok::colon && depth == 0) scoped = true;
        }
        if (scoped) parse_scope();
        p_.check = parse_comparison();
        if (is_word(peek(), {"within", "容差", "允差"})) {
            const token w = next();
            if (p_.check.op == compare_op::ne) fail(text_, w.pos, "a tolerance cannot apply to '!='");
            if (is_word(peek(), {"tail", "尾数", "尾差", "尾数误差"})) {
                next();
                p_.tolerance = formula_tolerance::tail;
            } else if (peek().kind == tok::number) {
                p_.tolerance = formula_tolerance::absolute;
                p_.tolerance_value = constant_value(next());
            } else {
                fail(text_, peek().pos, "expected 'tail' or an amount after 'within'");
            }
        }
        if (is_word(peek(), {"when", "if", "当", "如果"})) {
            next();
            p_.has_condition = true;
            p_.condition = parse_comparison();
            if (is_word(peek(), {"within", "容差", "允差"}))
                fail(text_, peek().pos, "a 'when' condition takes no tolerance");
        }
        if (peek().kind != tok::end) {
            if (is_word(peek(), {"and", "or", "且", "或"}))
                fail(text_, peek().pos, "'and'/'or' are not supported: write one comparison per formula");
            if (peek().kind == tok::eq || peek().kind == tok::ne || peek().kind == tok::lt ||
                peek().kind == tok::le || peek().kind == tok::gt || peek().kind == tok::ge)
                fail(text_, peek().pos, "only one comparison per formula");
            if (peek().kind == tok::colon)
                fail(text_, peek().pos, "a formula has at most one scope ('T03[*]: …')");
            fail(text_, peek().pos, std::string("unexpected ") + shown(peek()) + " after the comparison");
        }
        return std::move(p_);
    }

private:
    std::string_view text_;
    std::vector<token> toks_;
    std::size_t at_ = 0;
    formula_program p_;

    const token& peek(std::size_t k = 0) const { return toks_[std::min(at_ + k, toks_.size() - 1)]; }
    const token& next() {
        const token& t = toks_[at_];
        if (at_ + 1 < toks_.size()) ++at_;
        return t;
    }
    std::string shown(const token& t) const {
        if (t.kind == tok::ident || t.kind == tok::number) return "'" + t.text + "'";
        if (t.kind == tok::string) return "\"" + t.text + "\"";
        return describe(t.kind);
    }
    const token& expect(tok k, const char* context) {
        if (peek().kind != k)
            fail(text_, peek().pos,
                 std::string("expected ") + describe(k) + " " + context + ", found " + shown(peek()));
        return next();
    }

    std::int32_t add_row(row_node n) {
        p_.rows.push_back(std::move(n));
        return static_cast<std::int32_t>(p_.rows.size() - 1);
    }
    std::int32_t add_expr(expr_node n) {
        p_.exprs.push_back(std::move(n));
        return static_cast<std::int32_t>(p_.exprs.size() - 1);
    }
    std::int32_t add_table(table_spec t) {
        p_.tables.push_back(std::move(t));
        return static_cast<std::int32_t>(p_.tables.size() - 1);
    }

    /// A number literal as raw at formula_places.
    std::int64_t constant_value(const token& t) {
        const auto dot = t.text.find('.');
        const std::string whole = t.text.substr(0, dot);
        const std::string frac = dot == std::string::npos ? "" : t.text.substr(dot + 1);
        if (frac.size() > static_cast<std::size_t>(detail::formula_places))
            fail(text_, t.pos, "a constant has at most 4 decimal places");
        std::int64_t v = 0;
        for (char c : whole + frac + std::string(static_cast<std::size_t>(detail::formula_places) - frac.size(), '0'))
            if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, c - '0', &v))
                fail(text_, t.pos, "constant too large");
        return v;
    }

    bool in_row_scope() const { return p_.scope == formula_scope::rows; }
    bool in_column_scope() const { return p_.scope == formula_scope::columns; }

    // scope := table row_sel | table '.' columns
    void parse_scope() {
        const token& t = peek();
        if (t.kind != tok::ident)
            fail(text_, t.pos, "a scope starts with a table (e.g. 'T03[*]:' or 'income.c*:')");
        auto spec = table_from_name(t.text);
        if (!spec) fail(text_, t.pos, "unknown table '" + t.text + "'" + table_hint());
        spec->pos = t.pos;
        next();
        p_.scope_table = add_table(*spec);
        if (peek().kind == tok::lbracket) {
            p_.scope_rows = parse_row_selector();  // before scope is set: '@' is not allowed here
            p_.scope = formula_scope::rows;
        } else if (peek().kind == tok::dot) {
            next();
            p_.scope = formula_scope::columns;
            const std::uint32_t col_pos = peek().pos;
            p_.scope_columns = parse_column(true);
            if (p_.scope_columns.by != column_spec::how::range)
                fail(text_, col_pos, "a column scope names several columns: '.c*' or '.c2..c7'");
        } else {
            fail(text_, peek().pos, "expected '[' (rows) or '.' (columns) after the scope table");
        }
        expect(tok::colon, "after the scope");
    }

    detail::comparison parse_comparison() {
        detail::comparison c;
        c.left = parse_expr();
        const token& t = peek();
        c.pos = t.pos;
        switch (t.kind) {
            case tok::eq: c.op = compare_op::eq; break;
            case tok::ne: c.op = compare_op::ne; break;
            case tok::lt: c.op = compare_op::lt; break;
            case tok::le: c.op = compare_op::le; break;
            case tok::gt: c.op = compare_op::gt; break;
            case tok::ge: c.op = compare_op::ge; break;
            default:
                fail(text_, t.pos, std::string("expected a comparison ('==', '!=', '<', '<=', '>', '>='), found ") +
                                       shown(t));
        }
        next();
        c.right = parse_expr();
        return c;
    }

    std::int32_t parse_expr() {
        std::int32_t left = parse_term();
        while (peek().kind == tok::plus || peek().kind == tok::minus) {
            const token& op = next();
            expr_node n;
            n.kind = op.kind == tok::plus ? expr_node::op::add : expr_node::op::sub;
            n.pos = op.pos;
            n.a = left;
            n.b = parse_term();
            left = add_expr(std::move(n));
        }
        return left;
    }

    bool is_constant(std::int32_t e) const {
        const auto& n = p_.exprs[static_cast<std::size_t>(e)];
        if (n.kind == expr_node::op::constant) return true;
        if (n.kind == expr_node::op::neg) return is_constant(n.a);
        return false;
    }

    std::int32_t parse_term() {
        std::int32_t left = parse_unary();
        while (peek().kind == tok::star) {
            const token& op = next();
            const std::int32_t right = parse_unary();
            if (!is_constant(left) && !is_constant(right))
                fail(text_, op.pos, "'*' needs a constant on one side (amounts are not multiplied together)");
            expr_node n;
            n.kind = expr_node::op::mul;
            n.pos = op.pos;
            n.a = left;
            n.b = right;
            left = add_expr(std::move(n));
        }
        return left;
    }

    std::int32_t parse_unary() {
        if (peek().kind == tok::minus) {
            const token& op = next();
            expr_node n;
            n.kind = expr_node::op::neg;
            n.pos = op.pos;
            n.a = parse_unary();
            return add_expr(std::move(n));
        }
        if (peek().kind == tok::plus) next();
        return parse_primary();
    }

    std::int32_t cell_expr(cell_ref_spec r) {
        p_.refs.push_back(std::move(r));
        expr_node n;
        n.kind = expr_node::op::cell;
        n.pos = p_.refs.back().pos;
        n.ref = static_cast<std::int32_t>(p_.refs.size() - 1);
        return add_expr(std::move(n));
    }

    std::string table_hint() const {
        return " (write T01…T09, a table title such as 收入决算表, or an alias: summary, income, "
               "expenditure, fiscal, general, basic, fund, capital, sangong)";
    }

    std::int32_t parse_primary() {
        const token& t = peek();
        switch (t.kind) {
            case tok::number: {
                next();
                expr_node n;
                n.kind = expr_node::op::constant;
                n.pos = t.pos;
                n.value = constant_value(t);
                if (peek().kind == tok::star && peek(1).kind == tok::rbracket)
                    fail(text_, t.pos, "a code selector must be inside '[' ']'");
                return add_expr(std::move(n));
            }
            case tok::lparen: {
                next();
                const std::int32_t e = parse_expr();
                expect(tok::rparen, "to close '('");
                return e;
            }
            case tok::lbracket: {
                // [rows].col of the scope table
                if (p_.scope == formula_scope::once)
                    fail(text_, t.pos, "a row selector without a table needs a scope (e.g. 'income.c*: [合计] == sum([leaf])')");
                cell_ref_spec r;
                r.pos = t.pos;
                r.table = scope_table_ref(t.pos);
                return rows_and_column(std::move(r));
            }
            case tok::dot: {
                // .column of the scope's current row
                if (!in_row_scope())
                    fail(text_, t.pos, "a column without a row needs a row scope (e.g. 'T03[*]: c1 == c2 + c3')");
                next();
                cell_ref_spec r;
                r.pos = t.pos;
                r.table = scope_table_ref(t.pos);
                r.col = parse_column(false);
                r.end = toks_[at_ - 1].end;
                return cell_expr(std::move(r));
            }
            case tok::ident: return parse_name_primary();
            default:
                fail(text_, t.pos, std::string("expected a value (a cell such as T02[合计].c1, a number, sum(…)), found ") +
                                       shown(t));
        }
    }

    std::int32_t scope_table_ref(std::uint32_t pos) {
        table_spec s;
        s.by = table_spec::how::scope;
        s.pos = pos;
        return add_table(std::move(s));
    }

    std::int32_t parse_name_primary() {
        const token t = next();
        const std::string low = lower_ascii(t.text);
        const bool func = low == "sum" || low == "count" || low == "abs" || low == "exists" || t.text == "求和" ||
                          t.text == "计数" || t.text == "绝对值" || t.text == "存在";
        if (func) {
            if (peek().kind != tok::lparen) fail(text_, peek().pos, "expected '(' after " + t.text);
            next();
            expr_node n;
            n.pos = t.pos;
            if (low == "abs" || t.text == "绝对值") {
                n.kind = expr_node::op::abs;
                n.a = parse_expr();
                expect(tok::rparen, "to close abs(");
                return add_expr(std::move(n));
            }
            n.kind = (low == "sum" || t.text == "求和")      ? expr_node::op::sum
                     : (low == "count" || t.text == "计数") ? expr_node::op::count
                                                            : expr_node::op::exists;
            if (peek().kind == tok::rparen) fail(text_, peek().pos, "expected an argument in " + t.text + "()");
            for (;;) {
                const std::int32_t a = parse_expr();
                if (n.kind != expr_node::op::sum && p_.exprs[static_cast<std::size_t>(a)].kind != expr_node::op::cell)
                    fail(text_, p_.exprs[static_cast<std::size_t>(a)].pos, t.text + "() takes cell references");
                n.args.push_back(a);
                if (peek().kind == tok::comma) {
                    next();
                    continue;
                }
                break;
            }
            expect(tok::rparen, ("to close " + t.text + "(").c_str());
            return add_expr(std::move(n));
        }
        if (auto col = column_number_word(t.text)) {
            if (!in_row_scope())
                fail(text_, t.pos, "a column without a row needs a row scope (e.g. 'T03[*]: " + t.text + " == c2 + c3')");
            cell_ref_spec r;
            r.pos = t.pos;
            r.table = scope_table_ref(t.pos);
            r.col = number_column(*col);
            r.end = toks_[at_ - 1].end;
            return cell_expr(std::move(r));
        }
        auto spec = table_from_name(t.text);
        if (!spec) {
            if (peek().kind == tok::lbracket || peek().kind == tok::dot)
                fail(text_, t.pos, "unknown table '" + t.text + "'" + table_hint());
            if (peek().kind == tok::lparen)
                fail(text_, t.pos, "unknown function '" + t.text + "' (functions: sum, count, exists, abs)");
            if (is_word(t, {"within", "when", "tail"}))
                fail(text_, t.pos, "'" + t.text + "' must follow a complete comparison");
            fail(text_, t.pos, "unexpected '" + t.text + "': expected a cell such as T02[合计].c1, a number or sum(…)");
        }
        spec->pos = t.pos;
        cell_ref_spec r;
        r.pos = t.pos;
        r.table = add_table(std::move(*spec));
        if (peek().kind != tok::lbracket)
            fail(text_, peek().pos, "expected '[' and a row selector after table " + t.text);
        return rows_and_column(std::move(r));
    }

    /// The rest of a cell reference whose table is set: '[' rows ']' ['.' column].
    std::int32_t rows_and_column(cell_ref_spec r) {
        r.rows = parse_row_selector();
        if (peek().kind == tok::dot) {
            next();
            r.col = parse_column(false);
        }
        r.end = toks_[at_ - 1].end;
        return cell_expr(std::move(r));
    }

    /// Column n (its "cN" token consumed), or the range n..M when ".." follows.
    column_spec number_column(std::int32_t n) {
        column_spec c;
        c.by = column_spec::how::number;
        c.first = c.last = n;
        if (peek().kind == tok::dotdot) {
            next();
            c.by = column_spec::how::range;
            c.last = range_end(c.first);
        }
        return c;
    }

    /// After "..": a column number ("c7" or "7"), returns it; must be ≥ first.
    std::int32_t range_end(std::int32_t first) {
        const token& e = peek();
        std::int32_t last = 0;
        if (e.kind == tok::number && all_digits(e.text) && e.text.size() <= 3)
            last = std::stoi(e.text);
        else if (e.kind == tok::ident && column_number_word(e.text))
            last = *column_number_word(e.text);
        else
            fail(text_, e.pos, "expected the last column of the range (e.g. c7)");
        if (last < first) fail(text_, e.pos, "a column range goes from the lower to the higher 栏次");
        next();
        return last;
    }

    // column := cN ['..' cM] | c* | * | name | "label"
    column_spec parse_column(bool scope_decl) {
        column_spec c;
        const token t = peek();
        if (t.kind == tok::star) {
            next();
            if (scope_decl) {
                c.by = column_spec::how::range;
                c.first = 0;
                c.last = std::numeric_limits<std::int32_t>::max();
            } else {
                if (!in_column_scope())
                    fail(text_, t.pos, "'.*' (the current column) needs a column scope (e.g. 'income.c*: …')");
                c.by = column_spec::how::current;
            }
            return c;
        }
        if (t.kind == tok::ident && (t.text == "c" || t.text == "C") && peek(1).kind == tok::star) {
            next();
            next();
            c.by = column_spec::how::range;
            c.first = 0;
            c.last = std::numeric_limits<std::int32_t>::max();
            return c;
        }
        if (t.kind == tok::ident) {
            if (auto n = column_number_word(t.text)) {
                next();
                return number_column(*n);
            }
            next();
            const std::string low = lower_ascii(t.text);
            if (boost::describe::enum_from_string(low.c_str(), c.id) && c.id != column_id::other) {
                c.by = column_spec::how::id;
                return c;
            }
            c.by = column_spec::how::label;
            c.label = t.text;
            return c;
        }
        if (t.kind == tok::string) {
            next();
            c.by = column_spec::how::label;
            c.label = t.text;
            return c;
        }
        if (t.kind == tok::number)
            fail(text_, t.pos, "a column is written c" + t.text + " (栏次 " + t.text + ")");
        fail(text_, t.pos, std::string("expected a column after '.' (c1, c2..c7, c*, or a column name), found ") + shown(t));
    }

    // row_sel := '[' row_or ']'
    std::int32_t parse_row_selector() {
        const token& open = expect(tok::lbracket, "before the row selector");
        if (peek().kind == tok::rbracket)
            fail(text_, peek().pos, "empty row selector: write a code, #行次, *, 合计, leaf, a name…");
        const std::int32_t r = parse_row_or();
        if (peek().kind != tok::rbracket) {
            if (peek().kind == tok::end)
                fail(text_, peek().pos, "expected ']' after row selector (opened at character " +
                                            std::to_string(char_column(text_, open.pos)) + ")");
            fail(text_, peek().pos, "expected ']' after row selector, found " + shown(peek()));
        }
        next();
        return r;
    }

    std::int32_t parse_row_or() {
        std::int32_t left = parse_row_and();
        while (peek().kind == tok::comma) {
            next();
            row_node n;
            n.kind = row_node::op::or_;
            n.a = left;
            n.b = parse_row_and();
            left = add_row(std::move(n));
        }
        return left;
    }

    std::int32_t parse_row_and() {
        std::int32_t left = parse_row_atom();
        while (peek().kind == tok::amp) {
            next();
            row_node n;
            n.kind = row_node::op::and_;
            n.a = left;
            n.b = parse_row_atom();
            left = add_row(std::move(n));
        }
        return left;
    }

    std::int32_t line_number(const token& t) {
        if (t.kind != tok::number || !all_digits(t.text) || t.text.size() > 4)
            fail(text_, t.pos, "expected a 行次 (a whole number) after '#'");
        return std::stoi(t.text);
    }

    std::int32_t lines_atom(std::int32_t first) {
        row_node n;
        n.kind = row_node::op::lines;
        n.value = n.value2 = first;
        if (peek().kind == tok::dotdot) {
            next();
            if (peek().kind == tok::hash) next();
            const token& e = peek();
            if (e.kind == tok::ident && e.text.rfind("行", 0) == 0 && all_digits(e.text.substr(std::strlen("行")))) {
                n.value2 = std::stoi(e.text.substr(std::strlen("行")));
                next();
            } else {
                n.value2 = line_number(next());
            }
            if (n.value2 < first) fail(text_, e.pos, "a 行次 range goes from the lower to the higher number");
        }
        return add_row(std::move(n));
    }

    std::int32_t parse_row_atom() {
        const token t = peek();
        row_node n;
        switch (t.kind) {
            case tok::star:
                next();
                n.kind = row_node::op::body;
                return add_row(std::move(n));
            case tok::lparen: {
                next();
                const std::int32_t r = parse_row_or();
                expect(tok::rparen, "to close '(' in the row selector");
                return r;
            }
            case tok::lt:
            case tok::gt: {
                next();
                n.kind = t.kind == tok::lt ? row_node::op::before : row_node::op::after;
                n.a = parse_row_atom();
                return add_row(std::move(n));
            }
            case tok::hash: {
                next();
                return lines_atom(line_number(next()));
            }
            case tok::at: {
                next();
                if (!in_row_scope())
                    fail(text_, t.pos, "'@' (the scope's current row) needs a row scope (e.g. 'T05[*]: c1 == T03[@].c1')");
                n.kind = row_node::op::current;
                if (peek().kind == tok::star) {
                    next();
                    n.kind = row_node::op::current_leaves;
                }
                return add_row(std::move(n));
            }
            case tok::number: {
                next();
                if (!all_digits(t.text))
                    fail(text_, t.pos, "a classification code is digits only");
                if (t.text.size() != 3 && t.text.size() != 5 && t.text.size() != 7)
                    fail(text_, t.pos, "a classification code has 3, 5 or 7 digits ('" + t.text +
                                           "'); for a 行次 write #" + t.text);
                n.kind = row_node::op::code;
                n.text = t.text;
                if (peek().kind == tok::star) {
                    next();
                    n.kind = row_node::op::code_leaves;
                }
                return add_row(std::move(n));
            }
            case tok::string:
            case tok::ident: {
                next();
                if (t.kind == tok::ident) {
                    constexpr std::string_view hang = "行";
                    if (t.text.rfind(hang, 0) == 0 && t.text.size() > hang.size() &&
                        all_digits(std::string_view(t.text).substr(hang.size())) && t.text.size() <= hang.size() + 4)
                        return lines_atom(std::stoi(t.text.substr(hang.size())));
                    const std::string low = lower_ascii(t.text);
                    for (const auto& k : row_keywords)
                        if (low == k.word) {
                            n.kind = k.kind;
                            n.value = k.value;
                            if (peek().kind == tok::star)
                                fail(text_, peek().pos, "'*' after the keyword " + t.text +
                                                            " (quote a name to match by prefix: \"" + t.text + "\"*)");
                            return add_row(std::move(n));
                        }
                }
                n.kind = row_node::op::name;
                n.text = t.text;
                n.bare = static_cast<std::uint32_t>(n.text.size() - strip_enumeration(n.text).size());
                if (peek().kind == tok::star) {
                    next();
                    n.kind = row_node::op::name_prefix;
                }
                return add_row(std::move(n));
            }
            case tok::rbracket:
                fail(text_, t.pos, "expected a row before ']'");
            case tok::end:
                fail(text_, t.pos, "expected ']' after row selector");
            default:
                fail(text_, t.pos, std::string("expected a row (a code, #行次, *, 合计, leaf, a name…), found ") + shown(t));
        }
    }
};

}  // namespace

namespace {

/// Set row_node::scope_dependent of node k and its subtree: '@' and '@*' read the scope item,
/// and so does and/or/'<'/'>' over a node that does. `state`: 0 unvisited, 1 done.
bool mark_scope_dependence(std::vector<detail::row_node>& rows, std::size_t k, std::vector<char>& state) {
    detail::row_node& n = rows[k];
    if (state[k]) return n.scope_dependent;
    state[k] = 1;
    auto child = [&](std::int32_t c) { return c >= 0 && mark_scope_dependence(rows, static_cast<std::size_t>(c), state); };
    using op = detail::row_node::op;
    switch (n.kind) {
        case op::current:
        case op::current_leaves: n.scope_dependent = true; break;
        case op::and_:
        case op::or_: {
            const bool a = child(n.a);
            const bool b = child(n.b);
            n.scope_dependent = a || b;
            break;
        }
        case op::before:
        case op::after: n.scope_dependent = child(n.a); break;
        default: n.scope_dependent = false;
    }
    return n.scope_dependent;
}

/// Whether expression e reads the scope item: a reference to the scope row ('@' or no row
/// selector), a row selector that depends on it, the scope column ('@'), or an omitted column
/// in a columns scope (which reads the scope column). Needs the rows' scope_dependent marks.
bool expression_reads_scope(const detail::formula_program& p, std::int32_t e) {
    if (e < 0) return false;
    const detail::expr_node& n = p.exprs[static_cast<std::size_t>(e)];
    if (n.kind == detail::expr_node::op::cell) {
        const detail::cell_ref_spec& ref = p.refs[static_cast<std::size_t>(n.ref)];
        using how = detail::column_spec::how;
        return ref.rows < 0 || p.rows[static_cast<std::size_t>(ref.rows)].scope_dependent ||
               ref.col.by == how::current || (ref.col.by == how::omitted && p.scope == formula_scope::columns);
    }
    for (const std::int32_t a : n.args)
        if (expression_reads_scope(p, a)) return true;
    return expression_reads_scope(p, n.a) || expression_reads_scope(p, n.b);
}

/// The process-wide numbers of row selector shapes (row_node::shape): a shape is the node's
/// kind, values and text with its children's numbers, as bytes. Bounded: past max_shapes
/// distinct shapes, new ones get 0 (not shared).
struct shape_registry {
    static constexpr std::size_t max_shapes = 1u << 16;
    std::mutex mutex;
    std::unordered_map<std::string, std::uint32_t> numbers;
    std::uint32_t count = 0;
};

shape_registry& shapes() {
    static shape_registry r;
    return r;
}

/// Number the scope-free nodes of `rows` by shape, children before parents (a child's number
/// is part of its parent's shape). `done`: 0 unvisited, 1 done.
void number_shapes(std::vector<detail::row_node>& rows, std::size_t k, std::vector<char>& done, shape_registry& reg,
                   std::string& key) {
    detail::row_node& n = rows[k];
    if (done[k]) return;
    done[k] = 1;
    if (n.a >= 0) number_shapes(rows, static_cast<std::size_t>(n.a), done, reg, key);
    if (n.b >= 0) number_shapes(rows, static_cast<std::size_t>(n.b), done, reg, key);
    n.shape = 0;
    if (n.scope_dependent) return;
    const auto child = [&](std::int32_t c) { return c >= 0 ? rows[static_cast<std::size_t>(c)].shape : 0u; };
    if ((n.a >= 0 && child(n.a) == 0) || (n.b >= 0 && child(n.b) == 0)) return;  // a child not numbered
    key.clear();
    const auto put = [&](std::uint32_t v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
    put(static_cast<std::uint32_t>(n.kind));
    put(static_cast<std::uint32_t>(n.value));
    put(static_cast<std::uint32_t>(n.value2));
    put(n.bare);
    put(child(n.a));
    put(child(n.b));
    key.append(n.text);
    const auto it = reg.numbers.find(key);
    if (it != reg.numbers.end()) {
        n.shape = it->second;
    } else if (reg.count < shape_registry::max_shapes) {
        n.shape = ++reg.count;
        reg.numbers.emplace(key, n.shape);
    }
}

}  // namespace

formula formula::parse(std::string_view text) {
    formula_program p = parser(text).run();
    std::vector<char> state(p.rows.size(), 0);
    for (std::size_t k = 0; k < p.rows.size(); ++k) mark_scope_dependence(p.rows, k, state);
    {
        std::fill(state.begin(), state.end(), 0);
        std::string key;
        shape_registry& reg = shapes();
        const std::lock_guard lock(reg.mutex);
        for (std::size_t k = 0; k < p.rows.size(); ++k) number_shapes(p.rows, k, state, reg, key);
    }
    p.condition_scope_free = p.has_condition && !expression_reads_scope(p, p.condition.left) &&
                             !expression_reads_scope(p, p.condition.right);
    formula f;
    f.program_ = std::make_shared<const formula_program>(std::move(p));
    return f;
}

const std::string& formula::text() const noexcept {
    static const std::string empty;
    return program_ ? program_->text : empty;
}

formula_scope formula::scope() const noexcept { return program_ ? program_->scope : formula_scope::once; }

formula_tolerance formula::tolerance() const noexcept {
    return program_ ? program_->tolerance : formula_tolerance::none;
}

std::optional<parse_error> check_formula(std::string_view text) {
    try {
        (void)formula::parse(text);
        return std::nullopt;
    } catch (const parse_error& e) {
        return e;
    }
}

}  // namespace caizheng
