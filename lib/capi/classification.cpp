// C API: classification catalogs (see include/caizheng/capi/classification.h).
#include "guard.hpp"
#include "caizheng/classification.hpp"

#include <boost/json.hpp>

#include <memory>
#include <vector>

using namespace caizheng;
using namespace caizheng::classification;
using caizheng::capi::guard;
using caizheng::capi::require;

struct cz_catalog {
    classification::catalog cat;
    bool shared;  ///< an embedded handle of static storage: never freed
};

namespace {

tree tree_arg(std::int32_t t) {
    if (t < CZ_TREE_FUNCTIONAL || t > CZ_TREE_REVENUE)
        throw error(errc::invalid_argument, "unknown classification tree " + std::to_string(t));
    return static_cast<tree>(t);
}

const catalog& cat_arg(const cz_catalog* c) {
    require(c, "catalog");
    return c->cat;
}

/// The shared embedded handles, built once (thread-safe static initialisation on first use).
const std::vector<std::unique_ptr<cz_catalog>>& shared_handles() {
    static const std::vector<std::unique_ptr<cz_catalog>> handles = [] {
        std::vector<std::unique_ptr<cz_catalog>> v;
        for (tree t : {tree::functional, tree::economic_department, tree::economic_government, tree::revenue})
            for (int y : catalog::embedded_years(t))
                v.push_back(std::make_unique<cz_catalog>(cz_catalog{catalog::embedded(t, y), true}));
        return v;
    }();
    return handles;
}

std::string join_codes(const std::vector<item>& items) {
    std::string s;
    for (const auto& i : items) {
        if (!s.empty()) s += '\n';
        s += i.code();
    }
    return s;
}

std::string join(const std::vector<std::string>& codes) {
    std::string s;
    for (const auto& c : codes) {
        if (!s.empty()) s += '\n';
        s += c;
    }
    return s;
}

load_options options_of(std::int32_t t, std::int32_t year, std::int32_t complete) {
    load_options o;
    if (t != CZ_FROM_FILE) o.tree = tree_arg(t);
    if (year != CZ_FROM_FILE && year != 0) o.year = year;
    if (complete != CZ_FROM_FILE) {
        if (complete != 0 && complete != 1)
            throw error(errc::invalid_argument, "complete must be 0, 1 or CZ_FROM_FILE");
        o.complete = complete == 1;
    }
    return o;
}

}  // namespace

extern "C" {

int32_t cz_catalog_embedded(int32_t t, int32_t year, const cz_catalog** out_catalog) {
    return guard([&] {
        require(out_catalog, "out_catalog");
        const tree tr = tree_arg(t);
        for (const auto& h : shared_handles())
            if (h->cat.kind() == tr && h->cat.year() == year) {
                *out_catalog = h.get();
                return;
            }
        (void)catalog::embedded(tr, year);  // throws not_found with the message
        throw error(errc::internal, "embedded catalog without a shared handle");
    });
}

int32_t cz_catalog_embedded_copy(int32_t t, int32_t year, cz_catalog** out_catalog) {
    return guard([&] {
        require(out_catalog, "out_catalog");
        auto h = std::make_unique<cz_catalog>(cz_catalog{catalog::embedded(tree_arg(t), year), false});
        *out_catalog = h.release();
    });
}

int32_t cz_catalog_load_csv(const char* text, int64_t length, int32_t t, int32_t year, int32_t complete,
                            const cz_catalog* base, cz_catalog** out_catalog) {
    return guard([&] {
        require(text, "text");
        require(out_catalog, "out_catalog");
        if (length < -1) throw error(errc::invalid_argument, "length must be >= 0 or -1");
        const std::string_view v = length == -1 ? std::string_view(text)
                                                : std::string_view(text, static_cast<std::size_t>(length));
        const auto o = options_of(t, year, complete);
        auto h = std::make_unique<cz_catalog>(cz_catalog{
            base ? catalog::load_csv(v, o, base->cat) : catalog::load_csv(v, o), false});
        *out_catalog = h.release();
    });
}

int32_t cz_catalog_load_csv_file(const char* path, int32_t t, int32_t year, int32_t complete,
                                 const cz_catalog* base, cz_catalog** out_catalog) {
    return guard([&] {
        require(path, "path");
        require(out_catalog, "out_catalog");
        const auto o = options_of(t, year, complete);
        auto h = std::make_unique<cz_catalog>(cz_catalog{
            base ? catalog::load_csv_file(path, o, base->cat) : catalog::load_csv_file(path, o), false});
        *out_catalog = h.release();
    });
}

void cz_catalog_free(cz_catalog* c) {
    if (c != nullptr && !c->shared) delete c;
}

int32_t cz_catalog_info(const cz_catalog* c, int32_t* out_tree, int32_t* out_year, int32_t* out_complete,
                        int64_t* out_size) {
    return guard([&] {
        const auto& k = cat_arg(c);
        if (out_tree) *out_tree = static_cast<int32_t>(k.kind());
        if (out_year) *out_year = k.year();
        if (out_complete) *out_complete = k.is_complete() ? 1 : 0;
        if (out_size) *out_size = static_cast<int64_t>(k.size());
    });
}

int32_t cz_catalog_count(const cz_catalog* c, int32_t lvl, int64_t* out_count) {
    return guard([&] {
        const auto& k = cat_arg(c);
        require(out_count, "out_count");
        const auto n = k.counts();
        switch (lvl) {
            case CZ_LEVEL_LEI: *out_count = static_cast<int64_t>(n.lei); break;
            case CZ_LEVEL_KUAN: *out_count = static_cast<int64_t>(n.kuan); break;
            case CZ_LEVEL_XIANG: *out_count = static_cast<int64_t>(n.xiang); break;
            default: throw error(errc::invalid_argument, "unknown level " + std::to_string(lvl));
        }
    });
}

int32_t cz_catalog_lookup(const cz_catalog* c, const char* code, int32_t* out_status, int32_t* out_level,
                          char** out_name) {
    return guard([&] {
        const auto& k = cat_arg(c);
        const auto cd = capi::text_arg(code, "code");
        require(out_status, "out_status");
        const auto st = k.status(cd);
        const auto lv = level_of(cd, k.kind());
        const auto nm = k.name(cd);
        char* name = nm && out_name ? capi::copy_out(*nm) : nullptr;
        *out_status = static_cast<int32_t>(st);
        if (out_level) *out_level = lv ? static_cast<int32_t>(*lv) : 0;
        if (out_name) *out_name = name;
    });
}

int32_t cz_catalog_at(const cz_catalog* c, int64_t index, char** out_code, char** out_name, int32_t* out_level) {
    return guard([&] {
        const auto& k = cat_arg(c);
        if (index < 0) throw error(errc::invalid_argument, "index must not be negative");
        const auto it = k.at(static_cast<std::size_t>(index));
        std::unique_ptr<char, void (*)(void*)> code(out_code ? capi::copy_out(it.code()) : nullptr, std::free);
        char* name = out_name ? capi::copy_out(it.name()) : nullptr;
        if (out_code) *out_code = code.release();
        if (out_name) *out_name = name;
        if (out_level) *out_level = static_cast<int32_t>(it.level());
    });
}

int32_t cz_catalog_subtree_range(const cz_catalog* c, const char* code, int64_t* out_first, int64_t* out_last) {
    return guard([&] {
        const auto& k = cat_arg(c);
        const auto cd = capi::text_arg(code, "code");
        require(out_first, "out_first");
        require(out_last, "out_last");
        const auto [b, e] = k.subtree_range(cd);
        *out_first = static_cast<int64_t>(b);
        *out_last = static_cast<int64_t>(e);
    });
}

int32_t cz_catalog_children(const cz_catalog* c, const char* code, char** out_codes) {
    return guard([&] {
        const auto& k = cat_arg(c);
        const auto cd = capi::text_arg(code, "code");
        require(out_codes, "out_codes");
        *out_codes = capi::copy_out(join_codes(k.children(cd)));
    });
}

int32_t cz_code_parent(int32_t t, const char* code, char** out_parent) {
    return guard([&] {
        const auto cd = capi::text_arg(code, "code");
        require(out_parent, "out_parent");
        *out_parent = capi::copy_out(parent_code(cd, tree_arg(t)));
    });
}

int32_t cz_catalog_path_name(const cz_catalog* c, const char* code, int32_t style, char** out_path) {
    return guard([&] {
        const auto& k = cat_arg(c);
        const auto cd = capi::text_arg(code, "code");
        require(out_path, "out_path");
        if (style != CZ_PATH_NARRATIVE && style != CZ_PATH_CATALOG)
            throw error(errc::invalid_argument, "unknown path style " + std::to_string(style));
        *out_path = capi::copy_out(k.path_name(cd, static_cast<path_style>(style)));
    });
}

int32_t cz_catalog_match_path(const cz_catalog* c, const char* code, const char* text, int32_t* out_verdict,
                              char** out_expected) {
    return guard([&] {
        const auto& k = cat_arg(c);
        const auto cd = capi::text_arg(code, "code");
        const auto tx = capi::text_arg(text, "text");
        require(out_verdict, "out_verdict");
        const auto r = k.match_path(cd, tx);
        char* expected = out_expected ? capi::copy_out(r.expected) : nullptr;
        *out_verdict = static_cast<int32_t>(r.verdict);
        if (out_expected) *out_expected = expected;
    });
}

int32_t cz_catalog_resolve_path(const cz_catalog* c, const char* text, char** out_codes) {
    return guard([&] {
        const auto& k = cat_arg(c);
        const auto tx = capi::text_arg(text, "text");
        require(out_codes, "out_codes");
        *out_codes = capi::copy_out(join_codes(k.resolve_path(tx)));
    });
}

int32_t cz_catalog_find_by_name(const cz_catalog* c, const char* name, char** out_codes) {
    return guard([&] {
        const auto& k = cat_arg(c);
        const auto nm = capi::text_arg(name, "name");
        require(out_codes, "out_codes");
        *out_codes = capi::copy_out(join_codes(k.find_by_name(nm)));
    });
}

int32_t cz_catalog_find_containing(const cz_catalog* c, const char* fragment, char** out_codes) {
    return guard([&] {
        const auto& k = cat_arg(c);
        const auto fr = capi::text_arg(fragment, "fragment");
        require(out_codes, "out_codes");
        *out_codes = capi::copy_out(join_codes(k.find_containing(fr)));
    });
}

int32_t cz_catalog_check_name(const cz_catalog* c, const char* code, const char* name, int32_t* out_verdict,
                              char** out_expected) {
    return guard([&] {
        const auto& k = cat_arg(c);
        const auto cd = capi::text_arg(code, "code");
        const auto nm = capi::text_arg(name, "name");
        require(out_verdict, "out_verdict");
        const auto r = k.check_name(cd, nm);
        char* expected = out_expected ? capi::copy_out(r.expected) : nullptr;
        *out_verdict = static_cast<int32_t>(r.verdict);
        if (out_expected) *out_expected = expected;
    });
}

int32_t cz_catalog_compare(const cz_catalog* older, const cz_catalog* newer, char** out_json) {
    return guard([&] {
        const auto& a = cat_arg(older);
        const auto& b = cat_arg(newer);
        require(out_json, "out_json");
        const auto d = compare(a, b);
        boost::json::object o;
        const auto items = [](const std::vector<item>& v) {
            boost::json::array arr;
            for (const auto& i : v) arr.push_back(boost::json::object{{"code", i.code()}, {"name", i.name()}});
            return arr;
        };
        o["added"] = items(d.added);
        o["removed"] = items(d.removed);
        boost::json::array ren;
        for (const auto& r : d.renamed)
            ren.push_back(boost::json::object{{"code", r.code}, {"old_name", r.old_name}, {"new_name", r.new_name}});
        o["renamed"] = std::move(ren);
        *out_json = capi::copy_out(boost::json::serialize(o));
    });
}

int32_t cz_economic_government_for(int32_t year, const char* department_code, char** out_code) {
    return guard([&] {
        const auto cd = capi::text_arg(department_code, "department_code");
        require(out_code, "out_code");
        const auto g = correspondence::embedded(year).government_for(cd);
        *out_code = capi::copy_out(g ? *g : std::string());
    });
}

int32_t cz_economic_departments_for(int32_t year, const char* government_code, char** out_codes) {
    return guard([&] {
        const auto cd = capi::text_arg(government_code, "government_code");
        require(out_codes, "out_codes");
        *out_codes = capi::copy_out(join(correspondence::embedded(year).departments_for(cd)));
    });
}

int32_t cz_classification_roll_up(int32_t t, const char* const* codes, const int64_t* amounts, int64_t count,
                                  char** out_json) {
    return guard([&] {
        require(out_json, "out_json");
        if (count < 0) throw error(errc::invalid_argument, "count must not be negative");
        if (count > 0) {
            require(codes, "codes");
            require(amounts, "amounts");
        }
        const tree tr = tree_arg(t);
        using cents = basic_amount<wan_yuan_unit, 2>;
        std::vector<keyed_amount<cents>> rows;
        rows.reserve(static_cast<std::size_t>(count));
        for (int64_t i = 0; i < count; ++i) {
            require(codes[i], "codes[i]");
            rows.push_back({std::string_view(codes[i]), cents::from_raw(amounts[i])});
        }
        boost::json::array arr;
        for (const auto& r : roll_up(rows, tr))
            arr.push_back(boost::json::object{{"code", r.code},
                                              {"level", static_cast<int>(r.level)},
                                              {"amount", r.amount.raw()},
                                              {"rows", r.rows}});
        *out_json = capi::copy_out(boost::json::serialize(arr));
    });
}

}  // extern "C"
