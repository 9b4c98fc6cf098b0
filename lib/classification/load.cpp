// Loading catalogs from CSV (docs/classification.md) and building their tables at run time.
#include "build.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace caizheng::classification {

namespace detail {

std::shared_ptr<owned_tables> build_tables(tree t, int year, bool complete, std::vector<row> rows) {
    auto o = std::make_shared<owned_tables>();
    std::sort(rows.begin(), rows.end(),
              [](const row& a, const row& b) { return key_of_digits(a.code) < key_of_digits(b.code); });
    level_counts counts;
    o->entries.reserve(rows.size());
    for (const auto& r : rows) {
        if (r.name.size() > 0xFFFF) throw error(errc::invalid_argument, "name of " + r.code + " too long");
        const auto lvl = static_cast<std::uint8_t>((r.code.size() - 1) / 2);
        o->entries.push_back({key_of_digits(r.code), static_cast<std::uint32_t>(o->pool.size()),
                              static_cast<std::uint16_t>(r.name.size()), lvl, 0});
        o->pool += r.name;
        (lvl == 1 ? counts.lei : lvl == 2 ? counts.kuan : counts.xiang) += 1;
    }
    o->name_order.resize(rows.size());
    for (std::uint32_t i = 0; i < o->name_order.size(); ++i) o->name_order[i] = i;
    const auto name_at = [&o](std::uint32_t i) {
        return std::string_view(o->pool).substr(o->entries[i].name_offset, o->entries[i].name_length);
    };
    std::sort(o->name_order.begin(), o->name_order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto na = name_at(a), nb = name_at(b);
        return na != nb ? na < nb : o->entries[a].key < o->entries[b].key;
    });
    unsigned bits = 3;
    while ((std::size_t{1} << bits) < 2 * rows.size()) ++bits;
    if (bits > 31) throw error(errc::invalid_argument, "catalog too large");
    o->slots.assign(std::size_t{1} << bits, 0);
    const std::uint32_t shift = 32 - bits, mask = (std::uint32_t{1} << bits) - 1;
    for (std::uint32_t i = 0; i < o->entries.size(); ++i) {
        std::uint32_t s = slot_of(o->entries[i].key, shift);
        while (o->slots[s] != 0) s = (s + 1) & mask;
        o->slots[s] = i + 1;
    }
    std::size_t distinct = 0;
    for (std::size_t i = 0; i < o->name_order.size(); ++i)
        if (i == 0 || name_at(o->name_order[i]) != name_at(o->name_order[i - 1])) ++distinct;
    unsigned nbits = 3;
    while ((std::size_t{1} << nbits) < 2 * distinct) ++nbits;
    o->name_slots.assign(std::size_t{1} << nbits, 0);
    const std::uint32_t nshift = 32 - nbits, nmask = (std::uint32_t{1} << nbits) - 1;
    for (std::uint32_t i = 0; i < o->name_order.size(); ++i) {
        if (i > 0 && name_at(o->name_order[i]) == name_at(o->name_order[i - 1])) continue;
        std::uint32_t s = name_slot_of(name_at(o->name_order[i]), nshift);
        while (o->name_slots[s] != 0) s = (s + 1) & nmask;
        o->name_slots[s] = i + 1;
    }
    const bool normalized = std::all_of(rows.begin(), rows.end(), [](const row& r) { return normalize_name(r.name) == r.name; });
    o->view = catalog_tables{t,        year,          complete, false,          o->entries, o->pool,
                             o->name_order, o->slots, shift,    o->name_slots, nshift,     counts, normalized};
    return o;
}

}  // namespace detail

namespace {

/// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_seq(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    std::uint32_t cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07;
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/// Byte offset of the first invalid UTF-8 byte, or npos.
std::size_t bad_utf8_at(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto n = utf8_seq(s, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

std::string_view trim(std::string_view s) {
    for (;;) {
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        else if (s.starts_with("\u3000")) s.remove_prefix(3);
        else break;
    }
    for (;;) {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        else if (s.ends_with("\u3000")) s.remove_suffix(3);
        else break;
    }
    return s;
}

/// RFC 4180 fields of one line; nullopt for unbalanced quotes.
std::optional<std::vector<std::string>> split_csv(std::string_view line) {
    std::vector<std::string> out(1);
    bool quoted = false, was_quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') {
                    out.back() += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                out.back() += c;
            }
        } else if (c == '"' && trim(out.back()).empty() && !was_quoted) {
            out.back().clear();
            quoted = was_quoted = true;
        } else if (c == ',') {
            out.emplace_back();
            was_quoted = false;
        } else {
            out.back() += c;
        }
    }
    if (quoted) return std::nullopt;
    return out;
}

std::string lower_ascii(std::string_view s) {
    std::string o(s);
    for (auto& c : o)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return o;
}

std::optional<int> parse_level(std::string_view s) {
    const auto v = lower_ascii(trim(s));
    if (v == "lei" || v == "类" || v == "1") return 1;
    if (v == "kuan" || v == "款" || v == "2") return 2;
    if (v == "xiang" || v == "项" || v == "3") return 3;
    return std::nullopt;
}

std::optional<bool> parse_bool(std::string_view s) {
    const auto v = lower_ascii(trim(s));
    if (v == "yes" || v == "true" || v == "1" || v == "是") return true;
    if (v == "no" || v == "false" || v == "0" || v == "否") return false;
    return std::nullopt;
}

bool is_syntax(problem_kind k) {
    return k != problem_kind::duplicate_code && k != problem_kind::orphan;
}

struct file_row {
    std::size_t line;
    std::string code, name;
};

class loader {
public:
    loader(const load_options& o, const catalog* base) : opt_(o), base_(base) {}

    catalog run(std::string_view text) {
        if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
        parse(text);
        if (problems_.empty() && rows_.empty() && !fatal_)
            add(0, problem_kind::empty_file, "", header_seen_ ? "no rows after the header" : "empty file");
        if (!problems_.empty()) fail();
        return assemble();
    }

private:
    void add(std::size_t line, problem_kind k, std::string code, const std::string& msg) {
        problems_.push_back({line, k, std::move(code),
                             (line ? "line " + std::to_string(line) + ": " : std::string()) + msg});
    }

    [[noreturn]] void fail() {
        const bool syntax = std::any_of(problems_.begin(), problems_.end(),
                                        [](const load_problem& p) { return is_syntax(p.kind); });
        std::string msg = std::string("catalog rejected (") + std::to_string(problems_.size()) +
                          (problems_.size() == 1 ? " problem" : " problems") + "):";
        const std::size_t shown = std::min<std::size_t>(problems_.size(), 50);
        for (std::size_t i = 0; i < shown; ++i) msg += "\n  " + problems_[i].message;
        if (shown < problems_.size()) msg += "\n  … and " + std::to_string(problems_.size() - shown) + " more";
        throw catalog_error(syntax ? errc::parse_error : errc::inconsistent, msg, problems_);
    }

    void directive(std::size_t line, std::string_view body) {
        const auto colon = body.find(':');
        if (colon == std::string_view::npos) return;  // a comment
        const auto key = lower_ascii(trim(body.substr(0, colon)));
        const auto value = trim(body.substr(colon + 1));
        if (key == "tree") {
            tree t{};
            try {
                t = tree_from_name(value);
            } catch (const error&) {
                add(line, problem_kind::bad_directive, "", "unknown tree \"" + std::string(value) + "\"");
                return;
            }
            if (opt_.tree && *opt_.tree != t)
                add(line, problem_kind::bad_directive, "",
                    "the file is a " + std::string(value) + " catalog, the options say " + tree_name(*opt_.tree));
            file_tree_ = t;
        } else if (key == "year") {
            int y = 0;
            const bool ok = !value.empty() && value.size() <= 4 &&
                            std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (ok)
                for (char c : value) y = y * 10 + (c - '0');
            if (!ok || y < 1900) {
                add(line, problem_kind::bad_directive, "", "bad year \"" + std::string(value) + "\"");
                return;
            }
            if (opt_.year && *opt_.year != y)
                add(line, problem_kind::bad_directive, "",
                    "the file is for " + std::to_string(y) + ", the options say " + std::to_string(*opt_.year));
            file_year_ = y;
        } else if (key == "complete") {
            const auto b = parse_bool(value);
            if (!b) {
                add(line, problem_kind::bad_directive, "", "complete must be yes or no, not \"" + std::string(value) + "\"");
                return;
            }
            file_complete_ = *b;
        }
    }

    void resolve_tree_and_year() {
        const auto t = opt_.tree ? opt_.tree : file_tree_ ? file_tree_ : base_ ? std::optional(base_->kind()) : std::nullopt;
        const auto y = opt_.year ? opt_.year : file_year_ ? file_year_ : base_ ? std::optional(base_->year()) : std::nullopt;
        if (!t) throw error(errc::invalid_argument, "catalog tree unknown: give load_options.tree or a \"# tree:\" line");
        if (!y) throw error(errc::invalid_argument, "catalog year unknown: give load_options.year or a \"# year:\" line");
        if (base_ && (base_->kind() != *t || base_->year() != *y))
            throw error(errc::invalid_argument,
                        std::string("cannot load a ") + tree_name(*t) + " " + std::to_string(*y) + " file on top of a " +
                            tree_name(base_->kind()) + " " + std::to_string(base_->year()) + " catalog");
        tree_ = *t;
        year_ = *y;
    }

    void header(std::size_t line, const std::vector<std::string>& fields) {
        header_seen_ = true;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const auto h = lower_ascii(trim(fields[i]));
            if ((h == "code" || h == "科目编码" || h == "编码") && !code_col_) code_col_ = i;
            else if ((h == "name" || h == "科目名称" || h == "名称") && !name_col_) name_col_ = i;
            else if ((h == "level" || h == "级次") && !level_col_) level_col_ = i;
            else if ((h == "parent_code" || h == "parent") && !parent_col_) parent_col_ = i;
        }
        if (!code_col_ || !name_col_) {
            add(line, problem_kind::bad_header, "", "the header needs a code column (code / 科目编码) and a name column (name / 科目名称)");
            fatal_ = true;
        }
        if (!fatal_) resolve_tree_and_year();
    }

    void data_row(std::size_t line, const std::vector<std::string>& f) {
        const std::size_t need = std::max(*code_col_, *name_col_) + 1;
        if (f.size() < need) {
            add(line, problem_kind::malformed_row, "", std::to_string(f.size()) + " fields, at least " + std::to_string(need) + " needed");
            return;
        }
        const auto code = std::string(trim(f[*code_col_]));
        const auto name = std::string(trim(f[*name_col_]));
        const auto lvl = level_of(code, tree_);
        if (!lvl) {
            add(line, problem_kind::malformed_code, code,
                "\"" + code + "\" is not a " + tree_name(tree_) + " code (3, 5" +
                    (deepest_level(tree_) == level::xiang ? " or 7" : "") + " ASCII digits)");
            return;
        }
        bool ok = true;
        if (name.empty()) {
            add(line, problem_kind::malformed_row, code, "empty name for " + code);
            ok = false;
        }
        if (level_col_ && *level_col_ < f.size() && !trim(f[*level_col_]).empty()) {
            const auto l = parse_level(f[*level_col_]);
            if (!l || *l != static_cast<int>(*lvl)) {
                add(line, problem_kind::level_mismatch, code,
                    "code " + code + " has " + std::to_string(code.size()) + " digits (" + level_label(*lvl) +
                        ") but level \"" + std::string(trim(f[*level_col_])) + "\"");
                ok = false;
            }
        }
        if (parent_col_ && *parent_col_ < f.size() && !trim(f[*parent_col_]).empty()) {
            const auto p = trim(f[*parent_col_]);
            if (p != parent_code(code, tree_)) {
                add(line, problem_kind::parent_mismatch, code,
                    "parent_code " + std::string(p) + " is not the prefix of " + code);
                ok = false;
            }
        }
        const auto [it, inserted] = first_line_.emplace(code, line);
        if (!inserted) {
            add(line, problem_kind::duplicate_code, code,
                "duplicate code " + code + " (first on line " + std::to_string(it->second) + ")");
            return;
        }
        if (ok) rows_.push_back({line, code, name});
    }

    void parse(std::string_view text) {
        std::size_t line = 0;
        while (!text.empty() && !fatal_) {
            const auto nl = text.find('\n');
            std::string_view l = text.substr(0, nl);
            text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
            ++line;
            if (l.ends_with('\r')) l.remove_suffix(1);
            if (const auto bad = bad_utf8_at(l); bad != std::string_view::npos) {
                add(line, problem_kind::bad_utf8, "", "invalid UTF-8 at byte " + std::to_string(bad + 1));
                continue;
            }
            if (trim(l).empty()) continue;
            if (l.starts_with('#')) {
                if (!header_seen_) directive(line, l.substr(1));
                continue;
            }
            const auto fields = split_csv(l);
            if (!fields) {
                add(line, problem_kind::malformed_row, "", "unbalanced quotes");
                continue;
            }
            if (!header_seen_) header(line, *fields);
            else data_row(line, *fields);
        }
    }

    catalog assemble() {
        const bool file_complete = opt_.complete ? *opt_.complete : file_complete_ ? *file_complete_ : true;
        std::map<std::string, std::string> merged;
        std::map<std::string, std::size_t> line_of;
        bool complete = file_complete;
        if (base_) {
            for (std::size_t i = 0; i < base_->size(); ++i) {
                const auto it = base_->at(i);
                merged.emplace(std::string(it.code()), std::string(it.name()));
                if (!first_line_.count(std::string(it.code()))) complete = false;
            }
        }
        for (const auto& r : rows_) {
            merged[r.code] = r.name;
            line_of[r.code] = r.line;
        }
        if (complete) {
            for (const auto& [code, name] : merged) {
                const auto p = parent_code(code, tree_);
                if (!p.empty() && !merged.count(std::string(p))) {
                    const auto ln = line_of.count(code) ? line_of[code] : 0;
                    add(ln, problem_kind::orphan, code,
                        std::string(level_label(*level_of(code, tree_))) + " " + code + " has no parent row " +
                            std::string(p) + " (a catalog claiming completeness needs it; declare \"# complete: no\" for a partial list)");
                }
            }
            if (!problems_.empty()) fail();
        }
        std::vector<detail::row> rows;
        rows.reserve(merged.size());
        for (auto& [code, name] : merged) rows.push_back({code, std::move(name)});
        auto owned = detail::build_tables(tree_, year_, complete, std::move(rows));
        const auto* view = &owned->view;
        return catalog(view, std::shared_ptr<const void>(std::move(owned)));
    }

    load_options opt_;
    const catalog* base_;
    std::vector<load_problem> problems_;
    std::vector<file_row> rows_;
    std::map<std::string, std::size_t> first_line_;
    std::optional<tree> file_tree_;
    std::optional<int> file_year_;
    std::optional<bool> file_complete_;
    std::optional<std::size_t> code_col_, name_col_, level_col_, parent_col_;
    bool header_seen_ = false, fatal_ = false;
    tree tree_ = tree::functional;
    int year_ = 0;
};

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw error(errc::io_error, "cannot open " + path.string() + ": " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw error(errc::io_error, "cannot read " + path.string());
    return ss.str();
}

}  // namespace

catalog catalog::load_csv(std::string_view text, const load_options& options) {
    return loader(options, nullptr).run(text);
}

catalog catalog::load_csv(std::string_view text, const load_options& options, const catalog& base) {
    return loader(options, &base).run(text);
}

catalog catalog::load_csv_file(const std::filesystem::path& path, const load_options& options) {
    return load_csv(read_file(path), options);
}

catalog catalog::load_csv_file(const std::filesystem::path& path, const load_options& options,
                               const catalog& base) {
    return load_csv(read_file(path), options, base);
}

}  // namespace caizheng::classification
