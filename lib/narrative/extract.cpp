// Claim extraction: a hand-written scanner over UTF-8 text (no regular expressions).
//
// Sections → logical paragraphs (raw paragraphs joined while one does not end a sentence,
// so "…机关事业" + "单位基本养老保险缴费支出（项）。" is one path) → sentences (split at 。！？)
// → figures (a number and its unit) → claims, each classified by the clause before it
// (the text since the previous clause separator) with the words of patterns.hpp.
#include "detail.hpp"

#include "../common/text.hpp"

#include "caizheng/classification.hpp"
#include "caizheng/error.hpp"

#include <algorithm>
#include <bit>
#include <bitset>
#include <cstring>
#include <functional>
#include <cstdint>
#include <optional>
#include <span>

namespace caizheng::narrative_detail {
namespace {

constexpr std::string_view separators[] = {"，", "；", "：", "、", ",", ";", ":", "。"};

/// "预算" as 预算数, not as part of 一般公共预算 / 政府性基金预算 / 预算绩效 …
bool has_budget_word(std::string_view clause) {
    static constexpr std::string_view names[] = {"一般公共预算", "政府性基金预算", "国有资本经营预算",
                                                 "社会保险基金预算", "预算绩效", "预算单位",
                                                 "预算执行", "部门预算"};
    static constexpr auto offsets = [] {  // where "预算" is in each name
        std::array<std::size_t, std::size(names)> o{};
        for (std::size_t k = 0; k < o.size(); ++k) o[k] = names[k].find("预算");
        return o;
    }();
    for (std::size_t at = find_word(clause, "预算"); at != std::string_view::npos;
         at = find_word(clause, "预算", at + 1)) {
        bool part_of_name = false;
        for (std::size_t k = 0; k < std::size(names); ++k)
            if (at >= offsets[k] && starts_with(clause, at - offsets[k], names[k])) part_of_name = true;
        if (!part_of_name) return true;
    }
    return false;
}

[[gnu::noinline]] std::string_view trim_ends(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    while (starts_with(s, 0, "\u3000")) s.remove_prefix(3);
    return s;
}
/// s without spaces and tabs at either end and U+3000 at its start. Inlined: most texts start
/// and end with none of them, one test of each end (a call per line, sentence and clause cost
/// more than the test).
[[gnu::always_inline]] inline std::string_view trim(std::string_view s) {
    if (!s.empty() && s.front() != ' ' && s.front() != '\t' && s.front() != '\xE3' && s.back() != ' ' &&
        s.back() != '\t')
        return s;
    return trim_ends(s);
}


// ---- all the words of the clause classification, found in one pass per sentence ---------
//
// claims_of asks, for every figure, which of ~130 words occur in the text before it (reason
// and reset words, separators, direction words, topic words …). Searching the clause again for
// every word cost most of the extraction; instead each sentence is scanned once and every
// occurrence of every word is recorded (position, word id), and the questions become lookups
// in that list. The scan is byte-exact: it tries the words at every byte position, like
// find_word does, so a word is found wherever find_word would find it (also in text that is
// not valid UTF-8). Words starting with a 3-byte UTF-8 lead byte (all CJK words) are
// dispatched by their first three bytes (a small hash table), others by their first byte.

using word_id = std::uint16_t;
constexpr std::size_t max_words = 256;
/// Word ids are below max_words (lexicon::add): the hot loops read a set with [] (no range check).
using word_set = std::bitset<max_words>;
constexpr word_id no_word = 0xFFFF;

// Words asked about by name in the code below (the tables of patterns.hpp are added too).
enum named : std::size_t { n_qizhong, n_wancheng, n_yusuan, n_zhan, n_jieyu, n_jiezhuan, n_tiaozeng, n_tiaojian, n_juesuan, n_xiangmu_zhichu, n_defen, n_lei, n_shangnian, n_juesuan_shu,
                           // annex paragraphs (extractor::annex)
                           n_report_title, n_basic_data, n_period, n_mingcheng, n_budget_part, n_funds_part,
                           // sentence ends (paragraph(): with 。 above, from a paragraph's scan)
                           n_bang, n_question, n_count };
constexpr std::array<std::string_view, n_count> named_words{"其中", "完成", "预算", "占", "结余", "结转", "调增", "调减", "决算", "项目支出", "得分", "（类）", "上年", "决算数",
                                                            "绩效自评报告", "基础数据表", "。", "名称", "一般公共预算支出情况", "资金使用及绩效情况",
                                                            "！", "？"};

class lexicon {
public:
    static const lexicon& get() {
        static const lexicon l;
        return l;
    }

    std::vector<std::string_view> words;
    /// Per word: index in direction_words / comparison_words (rank; no_word if not in it).
    std::vector<word_id> direction_rank, comparison_rank;
    word_set separator, reason, reset;
    word_set topic_any;  ///< every word of topic_patterns
    word_set region;     ///< the region suffixes (for sentence_info::region_suffix)
    /// Per section pattern: its words (no_word for an empty entry).
    std::array<std::array<word_id, 2>, section_patterns.size()> section_words{};
    /// Per topic pattern: its words (no_word for an empty entry).
    std::vector<std::array<word_id, 2>> topic_words;
    /// Per topic pattern with a word: its words, the one word twice when it has one.
    std::vector<std::array<word_id, 2>> topic_both;
    /// Per section kind: the topic patterns that apply to it (its own and those of any
    /// section), in table order, those without any word left out.
    std::array<std::vector<std::uint16_t>, static_cast<std::size_t>(section_kind::annex_report) + 1> topics_of{};
    std::array<word_id, n_count> named{};  ///< ids of named_words

    word_id id(std::string_view w) const {
        for (std::size_t i = 0; i < words.size(); ++i)
            if (words[i] == w) return static_cast<word_id>(i);
        return no_word;
    }

    struct occurrence {
        std::uint32_t pos, end;
        word_id id;
    };
    /// What a paragraph's scan also records (scan<true>): where figures may start, and
    /// whether the walk met a byte it could not step over as part of a well-formed character.
    struct paragraph_marks {
        /// Offsets of the ASCII digits not preceded by a digit or '.' (where scan_figures
        /// tries a figure), in increasing order.
        std::vector<std::uint32_t> digits;
        /// The ends (offset after the character) of the occurrences of 。！？, in increasing order.
        std::vector<std::uint32_t> ends;
        /// A byte >= 0x80 the scan stepped over alone (not in a well-formed 3-byte character).
        /// When false, the scan visited exactly the positions of a walk from 0 by u8len (an
        /// ASCII byte is a step of 1 for both, a well-formed 3-byte character one of 3), the
        /// walk of split_sentences and scan_figures.
        bool odd = false;
    };
    /// Every occurrence of every word in s, by position; with Marks, also the marks of s.
    // not inlined into claims_of: measured, GCC 12 then compiles both worse (~+40k instructions per Hunan run)
    template <bool Marks = false>
    [[gnu::noinline]] void scan(std::string_view s, std::vector<occurrence>& out, paragraph_marks* marks = nullptr) const {
        out.clear();
        if constexpr (Marks) {
            marks->digits.clear();
            marks->ends.clear();
            marks->odd = false;
        }
        const auto* p = reinterpret_cast<const unsigned char*>(s.data());
        const std::size_t n = s.size();
        std::size_t i = 0;
        // The words at p[i], a well-formed 3-byte character (lead 1110xxxx, two continuation
        // bytes) whose bytes are key (little-endian order). Most characters start no word: one
        // byte of a small hash table rejects them here; the lead's entry and the bit filter of
        // its long words are tested here too, and only a character some word of the lead may go
        // on from is a call.
        auto lead_words = [&](std::uint32_t key) __attribute__((always_inline)) {
            std::size_t h = hash(key);
            if (first_[h] == 0) return;
            while (leads_[first_[h] - 1u].key != key) {
                h = (h + 1) & (first_size - 1);
                if (first_[h] == 0) return;
            }
            const lead& l = leads_[first_[h] - 1u];
            // the word of this one character (占, 省 …), if any, is there (the occurrences of
            // one position need no order: every question about them is a set, a maximum, or a
            // minimum with its own tie rule)
            if (l.short_word != no_word) {
                out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 3), l.short_word});
                if constexpr (Marks)
                    if (l.sentence_end) marks->ends.push_back(static_cast<std::uint32_t>(i + 3));
            }
            if (l.count == 0) return;  // no longer word starts with it
            const std::size_t left = n - i;
            // bytes 3..5 as one number (no_next: fewer left); one 4-byte load when 7 are left
            std::uint32_t next = no_next;
            if (left >= 7) {
                std::memcpy(&next, p + i + 3, 4);
                if constexpr (std::endian::native == std::endian::little) next &= 0xFFFFFFu;
                else next = p[i + 3] | (std::uint32_t{p[i + 4]} << 8) | (std::uint32_t{p[i + 5]} << 16);
            } else if (left >= 6) {
                next = p[i + 3] | (std::uint32_t{p[i + 4]} << 8) | (std::uint32_t{p[i + 5]} << 16);
            }
            // most of the time no word of the lead goes on with these bytes: a bit per hash
            // of bytes 3..5 of its words (of 6 bytes or more) says so
            if (!l.mid_words && (next == no_next || !((l.next_bits >> next_bit(next)) & 1u))) return;
            words_at(p, n, i, l, next, out);
        };
        if constexpr (std::endian::native == std::endian::little) {
            // while 4 bytes are left: the three bytes at i in one load (the same key as below)
            while (i + 4 <= n) {
                std::uint32_t v;
                std::memcpy(&v, p + i, 4);
                if ((v & 0xC0C0F0u) == 0x8080E0u) {
                    lead_words(v & 0xFFFFFFu);
                    i += 3;  // no word starts with a continuation byte
                    continue;
                }
                // a malformed 3-byte lead starts no word either (every word is well-formed UTF-8)
                if (!by_byte_[v & 0xFFu].empty())
                    for (word_id w : by_byte_[v & 0xFFu]) try_word(s, i, w, out);
                if constexpr (Marks) mark(p, i, marks);
                ++i;
            }
        }
        while (i < n) {
            const unsigned c = p[i];
            if (c >= 0x80u && i + 3 <= n) {
                const std::uint32_t key = c | (std::uint32_t{p[i + 1]} << 8) | (std::uint32_t{p[i + 2]} << 16);
                if ((key & 0xC0C0F0u) == 0x8080E0u) {
                    lead_words(key);
                    i += 3;  // no word starts with a continuation byte
                    continue;
                }
            }
            if (!by_byte_[c].empty())
                for (word_id w : by_byte_[c]) try_word(s, i, w, out);
            if constexpr (Marks) mark(p, i, marks);
            ++i;
        }
    }

private:
    /// The marks of the byte p[i], which the scan steps over alone (see paragraph_marks).
    static void mark(const unsigned char* p, std::size_t i, paragraph_marks* marks) {
        const unsigned c = p[i];
        if (c - '0' < 10u) {
            if (i == 0 || (p[i - 1] - unsigned{'0'} >= 10u && p[i - 1] != '.'))
                marks->digits.push_back(static_cast<std::uint32_t>(i));
        } else if (c >= 0x80u) {
            marks->odd = true;
        }
    }
    /// Words that start with a well-formed 3-byte character, by that character (its three
    /// bytes as a little-endian number, `key`): first_ is an open-addressing hash table of
    /// 1 + index into leads_ (0: empty), a lead's words are tails_[begin, begin + count) in
    /// word-id order.
    static constexpr std::size_t first_size = 4096;
    static constexpr std::uint32_t no_next = 0xFFFFFFFFu;  ///< no 24-bit key
    struct lead {
        std::uint32_t key = 0;
        std::uint16_t begin = 0, count = 0;  ///< its words of 4 bytes or more: tails_[begin, begin + count)
        word_id short_word = no_word;  ///< the word of this character alone (3 bytes), if any
        bool sentence_end = false;     ///< short_word is 。, ！ or ？ (paragraph_marks::ends)
        bool mid_words = false;        ///< a word of 4 or 5 bytes starts with it
        std::uint64_t next_bits = 0;   ///< bit next_bit(bytes 3..5) of each word of 6 bytes or more
    };
    static unsigned next_bit(std::uint32_t next) noexcept { return (next * 2654435761u) >> 26; }
    struct tail {
        std::uint32_t next;  ///< bytes 3..5 (as key) when size ≥ 6
        std::uint32_t size;  ///< bytes of the word
        std::uint32_t next2;  ///< bytes 6..8 (as key) when size ≥ 9
        std::uint32_t known;  ///< bytes matched by lead, next and next2: 9, 6 or 3
        word_id id;
        const char* bytes;  ///< the word (a literal of patterns.hpp or of this file)
    };

    /// The words of 4 bytes or more of lead l at p[i] (see scan), next: bytes 3..5 (no_next:
    /// fewer left).
    [[gnu::noinline]] void words_at(const unsigned char* p, std::size_t n, std::size_t i, const lead& l,
                                                  std::uint32_t next, std::vector<occurrence>& out) const {
        // every word of the list starts with the lead's three bytes; without words of 4 or 5
        // bytes every word has bytes 3..5 to compare
        const std::size_t left = n - i;
        const bool mid = l.mid_words;
        for (const tail *t = tails_.data() + l.begin, *te = t + l.count; t != te; ++t) {
            if (t->next != next && (!mid || t->size >= 6)) continue;
            if (left < t->size) continue;
            if (t->size >= 9 &&
                (p[i + 6] | (std::uint32_t{p[i + 7]} << 8) | (std::uint32_t{p[i + 8]} << 16)) != t->next2)
                continue;
            if (t->size > t->known && !detail::same_bytes(p + i + t->known, t->bytes + t->known, t->size - t->known))
                continue;
            out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + t->size), t->id});
        }
    }
    std::array<std::uint8_t, first_size> first_{};
    std::vector<lead> leads_;
    std::vector<tail> tails_;
    std::array<std::vector<word_id>, 256> by_byte_{};

    static std::size_t hash(std::uint32_t key) noexcept { return (key * 2654435761u) >> 20; }

    /// Record w at s[i] if it is there.
    void try_word(std::string_view s, std::size_t i, word_id w, std::vector<occurrence>& out) const {
        const std::string_view word = words[w];
        if (s.size() - i < word.size()) return;
        for (std::size_t k = 0; k < word.size(); ++k)
            if (s[i + k] != word[k]) return;
        out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + word.size()), w});
    }

    word_id add(std::string_view w) {
        if (w.empty()) return no_word;
        if (auto i = id(w); i != no_word) return i;
        if (words.size() >= max_words) throw error(errc::internal, "narrative lexicon: too many words");
        words.push_back(w);
        return static_cast<word_id>(words.size() - 1);
    }

    lexicon() {
        for (auto w : separators) separator.set(add(w));
        for (auto w : reason_words) reason.set(add(w));
        for (auto w : reason_reset_words) reset.set(add(w));
        for (std::size_t i = 0; i < n_count; ++i) named[i] = add(named_words[i]);
        for (const auto& p : topic_patterns) {
            topic_words.push_back({add(p.all[0]), add(p.all[1])});
            for (word_id w : topic_words.back())
                if (w != no_word) topic_any.set(w);
            const auto [a, b] = topic_words.back();
            topic_both.push_back({a != no_word ? a : b, b != no_word ? b : a});
        }
        for (auto w : region_suffixes) region.set(add(w));
        for (std::size_t i = 0; i < section_patterns.size(); ++i)
            section_words[i] = {add(section_patterns[i].all[0]), add(section_patterns[i].all[1])};
        for (std::size_t k = 0; k < topics_of.size(); ++k)
            for (std::size_t i = 0; i < topic_patterns.size(); ++i) {
                const auto& p = topic_patterns[i];
                const bool any = topic_words[i][0] != no_word || topic_words[i][1] != no_word;
                if (any && (p.section == section_kind::unknown || static_cast<std::size_t>(p.section) == k))
                    topics_of[k].push_back(static_cast<std::uint16_t>(i));
            }
        std::vector<word_id> dir, cmp;
        for (const auto& d : direction_words) dir.push_back(add(d.word));
        for (const auto& d : comparison_words) cmp.push_back(add(d.word));
        direction_rank.assign(words.size(), no_word);
        comparison_rank.assign(words.size(), no_word);
        for (std::size_t r = dir.size(); r-- > 0;) direction_rank[dir[r]] = static_cast<word_id>(r);
        for (std::size_t r = cmp.size(); r-- > 0;) comparison_rank[cmp[r]] = static_cast<word_id>(r);
        // dispatch tables
        auto key_at = [](std::string_view w, std::size_t at) {
            return std::uint32_t{static_cast<unsigned char>(w[at])} |
                   (std::uint32_t{static_cast<unsigned char>(w[at + 1])} << 8) |
                   (std::uint32_t{static_cast<unsigned char>(w[at + 2])} << 16);
        };
        std::vector<std::pair<std::uint32_t, word_id>> keyed;
        for (std::size_t i = 0; i < words.size(); ++i) {
            const auto w = words[i];
            const auto c = static_cast<unsigned char>(w[0]);
            if ((c & 0xF0u) == 0xE0u && w.size() >= 3 && (key_at(w, 0) & 0xC0C0F0u) == 0x8080E0u)
                keyed.emplace_back(key_at(w, 0), static_cast<word_id>(i));
            else if (c >= 0x80u)  // the scan looks for other words at ASCII bytes only
                throw error(errc::internal, "narrative lexicon: a word that does not start with ASCII or a 3-byte character");
            else
                by_byte_[c].push_back(static_cast<word_id>(i));
        }
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t k = 0; k < keyed.size();) {
            std::size_t e = k;
            while (e < keyed.size() && keyed[e].first == keyed[k].first) ++e;
            if (leads_.size() >= 255) throw error(errc::internal, "narrative lexicon: too many first characters");
            std::size_t h = hash(keyed[k].first);
            while (first_[h] != 0) h = (h + 1) & (first_size - 1);
            first_[h] = static_cast<std::uint8_t>(leads_.size() + 1);
            leads_.push_back({keyed[k].first, static_cast<std::uint16_t>(tails_.size()), 0});
            for (; k < e; ++k) {
                const auto w = words[keyed[k].second];
                if (w.size() == 3) {  // the character alone (words are distinct: one per lead)
                    leads_.back().short_word = keyed[k].second;
                    leads_.back().sentence_end = w == "。" || w == "！" || w == "？";
                    continue;
                }
                if (w.size() >= 6) leads_.back().next_bits |= std::uint64_t{1} << next_bit(key_at(w, 3));
                else leads_.back().mid_words = true;  // (none now: a character and 1 or 2 ASCII bytes)
                ++leads_.back().count;
                tails_.push_back({w.size() >= 6 ? key_at(w, 3) : 0u, static_cast<std::uint32_t>(w.size()),
                                  w.size() >= 9 ? key_at(w, 6) : 0u, w.size() >= 9 ? 9u : w.size() >= 6 ? 6u : 3u,
                                  keyed[k].second, w.data()});
            }
        }
    }
};

/// The words of one sentence and questions about a range [a, b) of it: a word is "in" the
/// range when its occurrence lies wholly inside (as find_word on the substring would find it).
class sentence_words {
public:
    const lexicon& lx = lexicon::get();

    /// The words of sentence s. Inside the paragraph of scan_paragraph (s a view into it), the
    /// paragraph's occurrences that lie wholly in s, at positions relative to s: the same as
    /// scanning s alone when s starts on a position the paragraph's scan visits and no
    /// well-formed 3-byte character of the paragraph straddles its end. paragraph()'s sentences
    /// and heading()'s whole paragraph are such: they start at the paragraph's start, after
    /// 。！？ (the scan steps over a well-formed character onto the next byte) or after spaces
    /// and U+3000 (trim), and end at the paragraph's end, after 。！？ or before a space, where
    /// no 3-byte character can start a byte or two earlier and still be well-formed (its
    /// continuation bytes would be the last bytes of 。！？ or a space). From such a start both
    /// scans step alike, a word is recorded only where it fits, and a word of s fits in s.
    void scan(std::string_view s) {
        s_ = s;
        const std::less_equal<const char*> le;
        if (para_.data() != nullptr && le(para_.data(), s.data()) && le(s.data() + s.size(), para_.data() + para_.size())) {
            const auto base = static_cast<std::uint32_t>(s.data() - para_.data());
            const auto end = static_cast<std::uint32_t>(base + s.size());
            // a view of the paragraph's words from s on (not copied): each() takes those
            // wholly in s, at positions relative to s
            const auto* b = std::lower_bound(para_occ_.data(), para_occ_.data() + para_occ_.size(), base,
                                             [](const lexicon::occurrence& o, std::uint32_t v) { return o.pos < v; });
            const auto* e = b;
            found_.reset();
            for (const auto* pe = para_occ_.data() + para_occ_.size(); e != pe && e->pos < end; ++e)
                if (e->end <= end) found_[e->id] = true;
            occ_begin_ = b;
            occ_end_ = e;
            base_ = base;
        } else {
            lx.scan(s, occ_);
            occ_begin_ = occ_.data();
            occ_end_ = occ_.data() + occ_.size();
            base_ = 0;
            found_.reset();
            for (const auto& o : occ_) found_[o.id] = true;
        }
    }
    /// Scan a logical paragraph once for the sentences read from it (see scan()), until
    /// end_paragraph().
    void scan_paragraph(std::string_view p) {
        para_ = p;
        lx.scan<true>(p, para_occ_, &marks_);
        para_found_.reset();
        for (const auto& o : para_occ_) para_found_[o.id] = true;
    }
    void end_paragraph() { para_ = {}; }
    /// Whether t is the paragraph of scan_paragraph.
    bool holds(std::string_view t) const {
        return para_.data() != nullptr && para_.data() == t.data() && para_.size() == t.size();
    }
    /// Whether t is the paragraph of scan_paragraph and its scan walked it as split_sentences
    /// and scan_figures do (no odd byte: lexicon::paragraph_marks).
    bool walked(std::string_view t) const {
        return holds(t) && !marks_.odd;
    }
    /// split_sentences of the paragraph, when walked(it): its sentence ends are the
    /// occurrences of 。！？ (each a word of one character, found at every position the walk
    /// visits; the scan notes their ends in paragraph_marks::ends), in increasing order.
    void sentences(std::vector<std::pair<std::size_t, std::size_t>>& out) const {
        out.clear();
        std::size_t start = 0;
        for (const std::uint32_t end : marks_.ends) {
            out.emplace_back(start, end);
            start = end;
        }
        if (start < para_.size()) out.emplace_back(start, para_.size());
    }
    /// When s lies in a walked() paragraph: where figures may start in s (offsets in s,
    /// increasing: see paragraph_marks::digits), as scan_figures' walk would test them. The
    /// test of the byte before a digit gives the same at a start of s: a sentence starts at
    /// the paragraph's start, after 。！？ or after a space, tab or U+3000 (trim).
    std::optional<std::span<const std::uint32_t>> figure_starts(std::string_view s, std::uint32_t& base) const {
        const std::less_equal<const char*> le;
        if (para_.data() == nullptr || marks_.odd || !le(para_.data(), s.data()) ||
            !le(s.data() + s.size(), para_.data() + para_.size()))
            return std::nullopt;
        base = static_cast<std::uint32_t>(s.data() - para_.data());
        const auto end = static_cast<std::uint32_t>(base + s.size());
        const auto b = std::lower_bound(marks_.digits.begin(), marks_.digits.end(), base);
        const auto e = std::lower_bound(b, marks_.digits.end(), end);
        return std::span<const std::uint32_t>(marks_.digits.data() + (b - marks_.digits.begin()),
                                              static_cast<std::size_t>(e - b));
    }
    /// Whether w occurs in the paragraph of scan_paragraph (where memmem would find it: the
    /// scan tries every byte a word can start at).
    bool in_paragraph(word_id w) const { return para_found_.test(w); }
    /// Whether any word of m occurs anywhere in the sentence.
    bool any(const word_set& m) const { return (found_ & m).any(); }
    /// Whether w occurs anywhere in the sentence.
    bool found(word_id w) const { return found_.test(w); }
    std::size_t offset(std::string_view part) const {
        return static_cast<std::size_t>(part.data() - s_.data());
    }
    /// f(o) for the words wholly in [a, b) of the sentence (b at most its size), by position,
    /// o's positions relative to the sentence, until f returns true.
    template <class F>
    void each_until(std::size_t a, std::size_t b, F&& f) const {
        const std::size_t lo = a + base_, hi = b + base_;
        const auto* it = std::lower_bound(occ_begin_, occ_end_, lo,
                                          [](const lexicon::occurrence& o, std::size_t v) { return o.pos < v; });
        for (; it != occ_end_ && it->pos < hi; ++it)
            if (it->end <= hi && f(lexicon::occurrence{it->pos - base_, it->end - base_, it->id})) return;
    }
    /// A place in the sentence's words for each_at (the first word at first).
    using cursor = const lexicon::occurrence*;
    cursor first() const { return occ_begin_; }
    /// each(a, b, f) from cursor c, which must be at or before the first word at or after a:
    /// c is moved there (ranges asked for in increasing order need no search).
    template <class F>
    void each_at(cursor& c, std::size_t a, std::size_t b, F&& f) const {
        const std::size_t lo = a + base_, hi = b + base_;
        while (c != occ_end_ && c->pos < lo) ++c;
        for (cursor it = c; it != occ_end_ && it->pos < hi; ++it)
            if (it->end <= hi) f(lexicon::occurrence{it->pos - base_, it->end - base_, it->id});
    }
    template <class F>
    void each(std::size_t a, std::size_t b, F&& f) const {
        each_until(a, b, [&](const lexicon::occurrence& o) {
            f(o);
            return false;
        });
    }
    word_set set(std::size_t a, std::size_t b) const {
        word_set m;
        each(a, b, [&](const lexicon::occurrence& o) { m[o.id] = true; });
        return m;
    }
    word_set set(std::string_view part) const { return set(offset(part), offset(part) + part.size()); }

private:
    std::string_view s_;
    std::vector<lexicon::occurrence> occ_;  ///< the words of a sentence scanned alone
    /// The sentence's words: [occ_begin_, occ_end_) of occ_ or of the paragraph's (para_occ_,
    /// from the first at or after the sentence's start to the first at or after its end: those
    /// that do not end in the sentence are skipped), positions less base_ relative to it.
    const lexicon::occurrence* occ_begin_ = nullptr;
    const lexicon::occurrence* occ_end_ = nullptr;
    std::uint32_t base_ = 0;
    word_set found_;  ///< the words of the sentence
    std::string_view para_;  ///< the paragraph of scan_paragraph, null when none
    std::vector<lexicon::occurrence> para_occ_;
    word_set para_found_;
    lexicon::paragraph_marks marks_;  ///< of para_
};

/// The kind of a title: the first section pattern whose words all occur in [a, b) of the
/// scanned sentence (as find_word on that part would find them; a pattern without words
/// would match any title).
section_kind kind_in(const sentence_words& sw, std::size_t a, std::size_t b) {
    const lexicon& lx = sw.lx;
    const word_set m = sw.set(a, b);
    for (std::size_t i = 0; i < section_patterns.size(); ++i) {
        bool all = true;
        for (word_id w : lx.section_words[i])
            if (w != no_word && !m[w]) all = false;
        if (all) return section_patterns[i].kind;
    }
    return section_kind::unknown;
}

/// First topic pattern (for section kind k) whose words are all in m.
std::string_view topic_in(const word_set& m, section_kind k) {
    const lexicon& lx = lexicon::get();
    if ((m & lx.topic_any).none()) return {};
    auto ki = static_cast<std::size_t>(k);
    if (ki >= lx.topics_of.size()) ki = 0;  // not a kind of the table: the patterns of any section
    for (const std::uint16_t i : lx.topics_of[ki]) {
        const auto& both = lx.topic_both[i];
        if (m[both[0]] && m[both[1]]) return topic_patterns[i].topic;
    }
    return {};
}

/// The words of a clause of the scanned sentence (as set() gives them) and its earliest
/// direction word (at the same position the earlier word of the table), in one pass.
struct clause_words {
    word_set set;
    std::size_t begin = 0;                       ///< the clause's offset in the sentence
    std::size_t best = std::string_view::npos;   ///< position of the direction word
    word_id rank = no_word;                      ///< its index in direction_words
};
/// c: a cursor at or before the clause's first word (sentence_words::each_at).
clause_words words_of_clause(const sentence_words& sw, std::string_view clause, sentence_words::cursor c) {
    const lexicon& lx = sw.lx;
    clause_words cw;
    cw.begin = sw.offset(clause);
    sw.each_at(c, cw.begin, cw.begin + clause.size(), [&](const lexicon::occurrence& o) {
        cw.set[o.id] = true;
        const word_id r = lx.direction_rank[o.id];
        if (r == no_word) return;
        if (cw.best == std::string_view::npos || o.pos < cw.best || (o.pos == cw.best && r < cw.rank)) {
            cw.best = o.pos;
            cw.rank = r;
        }
    });
    return cw;
}

/// The direction of the clause (words_of_clause): of its earliest direction word; unresolved
/// when followed by "（<direction word>）" (inside the clause).
std::optional<claim_direction> direction_in(const clause_words& cw, std::string_view clause) {
    const std::size_t a = cw.begin, best = cw.best;
    const word_id rank = cw.rank;
    if (best == std::string_view::npos) return std::nullopt;
    const claim_direction d = direction_words[rank].direction;
    const std::size_t after = best - a + direction_words[rank].word.size();
    if (starts_with(clause, after, "（") || starts_with(clause, after, "(")) {
        const std::size_t inner = after + (clause[after] == '(' ? 1 : 3);
        for (const auto& w : direction_words)
            if (starts_with(clause, inner, w.word)) return claim_direction::unresolved;
    }
    return d;
}

/// Whether w occurs in a long text (glibc's memmem skips ahead; a byte loop visits every byte).
bool in_text(std::string_view text, std::string_view w) noexcept {
    return ::memmem(text.data(), text.size(), w.data(), w.size()) != nullptr;
}

enum class unit_class { none, money, percent, year, count, score, date_part };

struct figure_token {
    std::size_t begin = 0, end = 0;
    decimal value;
    std::string_view printed;  ///< the figure as written (a view into the sentence), '*' included
    bool star = false;          ///< printed holds a '*' (the claim's printed form drops it)
    std::string_view unit;  ///< a literal
    unit_class cls = unit_class::none;
    bool date = false;  ///< a year followed by 月
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// The first bytes of every unit scan_figure takes (the literals below and count_units).
constexpr auto unit_first_bytes = [] {
    std::array<bool, 256> t{};
    for (std::string_view u : {"万元", "亿元", "元", "%", "％", "年", "月", "日", "分"})
        t[static_cast<unsigned char>(u[0])] = true;
    for (std::string_view u : count_units) t[static_cast<unsigned char>(u[0])] = true;
    return t;
}();

/// Scan the figure starting at s[i] (an ASCII digit not preceded by a digit).
std::optional<figure_token> scan_figure(std::string_view s, std::size_t i) {
    std::size_t j = i;
    // The digits (and at most one point) as written, at most 17 characters: the mantissa
    // (all digits, < 10^17, no overflow) and the places after the point ("85.40" has 2: a
    // claim is checked at its own precision). Same value and scale as decimal::parse of the
    // digits rescaled to the places written.
    std::size_t ndigits = 0;  // characters taken, the point included
    std::int64_t mantissa = 0;
    int places = 0;
    bool point = false;
    while (j < s.size()) {
        const char c = s[j];
        if (is_digit(c)) {
            if (++ndigits <= 17) mantissa = mantissa * 10 + (c - '0');
            if (point) ++places;
            ++j;
        } else if (c == '.' && !point && j + 1 < s.size() && is_digit(s[j + 1])) {
            ++ndigits;
            point = true;
            ++j;
        } else if (c == ',' && !point && j + 1 < s.size() && is_digit(s[j + 1])) {
            ++j;
        } else {
            break;
        }
    }
    if (ndigits > 17) return std::nullopt;
    std::size_t k = j;
    // the spaces and '*' between the number and its unit (the only '*' of the printed form:
    // the number is digits, '.' and ',', no unit holds one)
    bool star = false;
    while (k < s.size() && (s[k] == ' ' || s[k] == '*')) star |= s[k++] == '*';
    // no unit starts with the byte here (a list marker "1、", a bare number): none of the
    // tests below can match
    if (k == s.size() || !unit_first_bytes[static_cast<unsigned char>(s[k])]) return std::nullopt;
    figure_token f;
    f.begin = i;
    f.value = decimal(mantissa, places);
    auto take = [&](std::string_view u) {
        if (!starts_with(s, k, u)) return false;
        f.unit = u;
        k += u.size();
        return true;
    };
    const int sc = f.value.scale();
    const std::int64_t m = f.value.mantissa();
    if (take("万元")) {
        f.cls = unit_class::money;
        f.unit = "万元";
    } else if (take("亿元")) {
        std::int64_t r = 0;
        if (__builtin_mul_overflow(m, std::int64_t{10000}, &r)) return std::nullopt;
        f.value = decimal(r, sc);
        f.cls = unit_class::money;
        f.unit = "万元";
    } else if (take("元")) {
        if (sc + 4 > decimal::max_scale) return std::nullopt;
        f.value = decimal(m, sc + 4);
        f.cls = unit_class::money;
        f.unit = "万元";
    } else if (take("%") || take("％")) {
        f.cls = unit_class::percent;
        f.unit = "%";
    } else if (starts_with(s, k, "年")) {
        const bool four = ndigits == 4 && !point && m >= 1900 && m <= 2100;
        take("年度") || take("年");
        if (four) {
            f.cls = unit_class::year;
            f.unit = "年";
            std::size_t q = k;
            while (q < s.size() && s[q] == ' ') ++q;
            std::size_t d = q;
            while (d < s.size() && is_digit(s[d])) ++d;
            while (d < s.size() && s[d] == ' ') ++d;
            if (d > q && starts_with(s, d, "月")) f.date = true;
        } else {
            f.cls = unit_class::count;
        }
    } else if (take("月") || take("日")) {
        f.cls = unit_class::date_part;
    } else if (take("分")) {
        f.cls = unit_class::score;
    } else {
        for (auto u : count_units)
            if (take(u)) {
                f.cls = unit_class::count;
                break;
            }
        if (f.cls == unit_class::none) return std::nullopt;  // a bare number: list marker etc.
    }
    f.end = k;
    f.printed = s.substr(i, k - i);
    f.star = star;
    return f;
}

void scan_figures(std::string_view s, std::vector<figure_token>& out) {
    out.clear();
    for (std::size_t i = 0; i < s.size();) {
        if (is_digit(s[i]) && (i == 0 || (!is_digit(s[i - 1]) && s[i - 1] != '.'))) {
            if (auto f = scan_figure(s, i)) {
                i = f->end > i ? f->end : i + 1;
                out.push_back(std::move(*f));
                continue;
            }
            while (i < s.size() && (is_digit(s[i]) || s[i] == '.' || s[i] == ',')) ++i;
            continue;
        }
        i += u8len(static_cast<unsigned char>(s[i]));
    }
}

/// scan_figures from the places where a figure may start (offsets in s, increasing: the ASCII
/// digits not preceded by a digit or '.'), for a sentence whose characters are ASCII or
/// well-formed 3-byte characters only: there the walk of scan_figures visits every such
/// digit it has not stepped past — it steps by a character, and after a figure (which ends
/// after ASCII or after a whole character of its unit) or a run of [0-9.,] it stands on the
/// first byte of a character — so trying them in order, skipping those stepped past, finds
/// the same figures.
void scan_figures_at(std::string_view s, std::span<const std::uint32_t> starts, std::uint32_t base,
                     std::vector<figure_token>& out) {
    out.clear();
    std::size_t i = 0;
    for (const std::uint32_t at : starts) {
        const std::size_t q = at - base;
        if (q < i) continue;  // inside the figure or digit run before
        i = q;
        if (auto f = scan_figure(s, i)) {
            i = f->end > i ? f->end : i + 1;
            out.push_back(std::move(*f));
            continue;
        }
        while (i < s.size() && (is_digit(s[i]) || s[i] == '.' || s[i] == ',')) ++i;
    }
}

/// The codes of catalog::resolve_path(path), remembered per thread for embedded catalogs:
/// a pure function of the (static) catalog and the path, and the same 类/款 paths recur in
/// every report ("一般公共服务（类）"). A failed resolution (it throws) is not remembered.
std::vector<std::string> resolved_codes(const classification::catalog& cat, std::string_view path) {
    struct entry {
        classification::tree tree;
        int year;
        std::string path;
        std::vector<std::string> codes;
    };
    thread_local std::vector<entry> memo;
    const bool keep = cat.is_embedded();
    if (keep)
        for (const auto& e : memo)
            if (e.year == cat.year() && e.tree == cat.kind() && e.path == path) return e.codes;
    std::vector<std::string> codes;
    for (const auto& it : cat.resolve_path(path)) codes.emplace_back(it.code());
    if (keep) {
        if (memo.size() >= 256) memo.clear();  // bounded: a long batch of unusual paths
        memo.push_back({cat.kind(), cat.year(), std::string(path), codes});
    }
    return codes;
}

/// Whether trimmed text t may open with "（" / "(" (its first byte): most lines do not, and
/// is_subheading and project_heading are asked about every line.
[[gnu::always_inline]] inline bool may_open_bracket(std::string_view t) {
    static_assert(std::string_view("（")[0] == '\xEF');
    return !t.empty() && (t[0] == '(' || t[0] == '\xEF');
}

/// A sub-heading paragraph: "（一）…" / "(一)" without a sentence end.
[[gnu::noinline]] bool is_subheading_of(std::string_view p) {
    if (!(starts_with(p, 0, "（") || starts_with(p, 0, "("))) return false;
    if (p.size() > 150 || contains(p, "。")) return false;
    const std::size_t open = p[0] == '(' ? 1 : 3;
    static constexpr std::string_view numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (auto n : numerals)
        if (starts_with(p, open, n)) return true;
    return false;
}
[[gnu::always_inline]] inline bool is_subheading(std::string_view p) {
    p = trim(p);
    return may_open_bracket(p) && is_subheading_of(p);
}

/// Annex project heading: "（1）name" / "(1) name" (digits), no sentence end. Returns the name.
[[gnu::noinline]] std::optional<std::string_view> project_heading_of(std::string_view p) {
    std::size_t k = 0;
    if (starts_with(p, 0, "（")) k = 3;
    else if (starts_with(p, 0, "(")) k = 1;
    else return std::nullopt;
    const std::size_t d0 = k;
    while (k < p.size() && is_digit(p[k])) ++k;
    if (k == d0) return std::nullopt;
    if (starts_with(p, k, "）")) k += 3;
    else if (starts_with(p, k, ")")) k += 1;
    else return std::nullopt;
    auto name = trim(p.substr(k));
    if (name.empty() || contains(name, "。") || contains(name, "万元")) return std::nullopt;
    return name;
}
[[gnu::always_inline]] inline std::optional<std::string_view> project_heading(std::string_view p) {
    p = trim(p);
    if (!may_open_bracket(p)) return std::nullopt;
    return project_heading_of(p);
}

/// A paragraph ends a logical paragraph when it ends a sentence or a clause list.
bool ends_paragraph(std::string_view p) {
    p = trim(p);
    static constexpr std::string_view enders[] = {"。", "；", "：", "！", "？", ":", ";"};
    for (auto e : enders)
        if (p.size() >= e.size() && p.substr(p.size() - e.size()) == e) return true;
    return false;
}

/// Item heading of 五（三）: "1、<path>（项）。" → the path (up to and including the last
/// level marker) and the rest of the paragraph. A path holds no figure and no sentence end:
/// when the text before "（项）" has one (a layout text that put a later line of the paragraph
/// inside the heading: "6、…机关事业单位基本养老" + "161.62万元，支出决算为…" + "保险缴费支出（项）"),
/// the path is what precedes it and the rest starts there, so no figure is taken for a name.
std::optional<std::pair<std::string_view, std::string_view>> item_heading(std::string_view p) {
    p = trim(p);
    std::size_t k = 0;
    while (k < p.size() && is_digit(p[k])) ++k;
    if (k == 0 || !(starts_with(p, k, "、") || starts_with(p, k, "."))) return std::nullopt;
    k += p[k] == '.' ? 1 : 3;
    const auto end = find_word(p, "（项）");
    if (end == std::string_view::npos) return std::nullopt;
    for (std::size_t i = k; i < end; i += u8len(static_cast<unsigned char>(p[i])))
        if (is_digit(p[i]) || starts_with(p, i, "。") || starts_with(p, i, "，"))
            return std::pair{trim(p.substr(k, i - k)), p.substr(i)};
    auto path = trim(p.substr(k, end + std::string_view("（项）").size() - k));
    auto rest = p.substr(end + std::string_view("（项）").size());
    if (starts_with(rest, 0, "。")) rest.remove_prefix(3);
    return std::pair{path, rest};
}

/// Sentences of a text: split after 。！？ (kept), into `out` (cleared first).
/// The walk steps over characters by their lead byte (u8len), so an end mark inside what a
/// malformed lead byte claims is not one (tests: "narrative: sentences split …").
void split_sentences(std::string_view s, std::vector<std::pair<std::size_t, std::size_t>>& out) {
    static_assert(std::string_view("。") == "\xE3\x80\x82" && std::string_view("！") == "\xEF\xBC\x81" &&
                  std::string_view("？") == "\xEF\xBC\x9F");
    out.clear();
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t start = 0;
    for (std::size_t i = 0; i < n;) {
        const unsigned c = p[i];
        if (c != 0xE3u && c != 0xEFu) {
            i += u8len_table[c];
            continue;
        }
        // a 3-byte lead: 。 is E3 80 82, ！ EF BC 81, ？ EF BC 9F
        if (i + 3 <= n) {
            const unsigned b1 = p[i + 1], b2 = p[i + 2];
            if (c == 0xE3u ? (b1 == 0x80u && b2 == 0x82u) : (b1 == 0xBCu && (b2 == 0x81u || b2 == 0x9Fu))) {
                out.emplace_back(start, i + 3);
                start = i + 3;
            }
        }
        i += 3;
    }
    if (start < n) out.emplace_back(start, n);
}

class extractor {
public:
    explicit extractor(const report& r) : r_(r) {}

    /// annex_only: only the 自评报告 prose, and there only the sentences that can hold a
    /// project claim (see extract_annex).
    extraction run(bool annex_only = false) {
        projects_only_ = annex_only;
        x_.claims.reserve(512);
        x_.sentences.reserve(256);
        for (auto* v : {&x_.sentence_of, &x_.part_of}) v->reserve(512);
        for (auto* v : {&x_.date, &x_.compared_year, &x_.period_end}) v->reserve(512);
        if (!annex_only)
            for (const auto& s : r_.narrative) section(s);
        x_.annex_first = static_cast<std::int32_t>(x_.sentences.size());
        if (const document_part* p = annex_part()) annex(*p);
        return std::move(x_);
    }

private:
    const report& r_;
    extraction x_;
    std::optional<classification::catalog> catalog_;
    bool catalog_tried_ = false;
    std::int32_t group_ = 0, item_ = -1, block_ = 0;
    sentence_words words_;  ///< the words of the sentence claims_of reads
    bool projects_only_ = false;
    /// Whether claims_of must read a sentence. For extract_annex only the project claims
    /// count: project_spending needs the current project, project_score a figure in 分. The
    /// kind, value and printed form of a claim depend on its own sentence only (the scope
    /// state st_ decides topics and links), so skipping the other sentences changes no
    /// project claim.
    bool wanted(std::string_view text, std::string_view project) const {
        return !projects_only_ || !project.empty() || in_text(text, "分");
    }
    std::vector<figure_token> figures_;  ///< buffer of claims_of
    std::string printed_buf_;            ///< buffer of claims_of (a figure without its '*')

    // Per-scope state: the current topic and the latest claims by kind.
    struct scope_state {
        /// The claim whose topic and code are the current ones; −1: item_topic and item_code
        /// (an item heading's path, a view into the paragraph; "" outside items).
        std::int32_t topic_claim = -1;
        std::string_view item_topic;
        std::string_view item_code;  ///< in the arena
        std::int32_t last_subject = -1;  ///< latest amount/actual claim
        std::int32_t last_change = -1;
    } st_;
    std::string_view st_topic() const {
        return st_.topic_claim >= 0 ? std::string_view(x_.claims[static_cast<std::size_t>(st_.topic_claim)].topic)
                                    : st_.item_topic;
    }
    std::string_view st_code() const {
        return st_.topic_claim >= 0 ? x_.claims[static_cast<std::size_t>(st_.topic_claim)].code : st_.item_code;
    }

    const document_part* annex_part() const {
        for (const auto& p : r_.parts)
            if (starts_with(p.title, 0, "第五部分") || contains(p.title, "自评报告")) return &p;
        return nullptr;
    }

    std::string resolve_code(std::string_view path) {
        if (!catalog_tried_) {
            catalog_tried_ = true;
            try {
                catalog_ = classification::catalog::embedded(classification::tree::functional,
                                                             r_.meta.year ? r_.meta.year : 2024);
            } catch (const error&) {
                try {
                    catalog_ = classification::catalog::embedded(classification::tree::functional, 2024);
                } catch (const error&) {
                }
            }
        }
        // Fast path: the last level's name is the name of exactly one row of table 05 whose
        // 款 (and 类) the catalog names as the path does.
        if (const report_table* t05 = r_.table(table_kind::general_budget_expenditure)) {
            const auto open = rfind_word(path, "（");
            if (open != std::string_view::npos && path.substr(open) == "（项）") {
                auto head = path.substr(0, open);
                std::size_t start = 0;
                for (std::string_view m : {"（类）", "（款）"}) {
                    const auto at = rfind_word(head, m);
                    if (at != std::string_view::npos) start = std::max(start, at + m.size());
                }
                const std::string_view name = head.substr(start);
                const std::string_view kuan_path = path.substr(0, start);
                const std::string* hit = nullptr;
                int hits = 0;
                for (const auto& row : t05->rows) {
                    if (row.code.size() != 7 || row.name != name) continue;
                    bool ok = true;
                    if (catalog_)
                        if (auto kn = catalog_->name(std::string_view(row.code).substr(0, 5)))
                            ok = contains(kuan_path, *kn);
                    if (ok) {
                        hit = &row.code;
                        ++hits;
                    }
                }
                if (hits == 1) return *hit;
            }
        }
        std::vector<std::string> found;
        if (catalog_) {
            try {
                found = resolved_codes(*catalog_, path);
            } catch (const error&) {
            }
        }
        const report_table* t05 = r_.table(table_kind::general_budget_expenditure);
        if (found.size() > 1 && t05) {
            for (const auto& c : found)
                if (t05->find_code(c)) return c;
        }
        if (!found.empty()) return found.front();
        // Fallback for a partial catalog: the last level's name among table 05's rows.
        if (t05) {
            const auto open = rfind_word(path, "（");
            if (open != std::string_view::npos) {
                auto head = path.substr(0, open);
                std::size_t start = 0;
                for (auto m : {"（类）", "（款）"}) {
                    const auto at = rfind_word(head, m);
                    if (at != std::string_view::npos)
                        start = std::max(start, at + std::string_view(m).size());
                }
                const std::string name = classification::normalize_name(head.substr(start));
                for (const auto& row : t05->rows)
                    if (!row.code.empty() && row.name == name) return row.code;
            }
        }
        return {};
    }

    /// A new sentence at the end of the list (built in place).
    sentence_info& add_sentence() { return x_.sentences.emplace_back(); }
    std::int32_t last_sentence() const { return static_cast<std::int32_t>(x_.sentences.size() - 1); }
    std::vector<std::pair<std::size_t, std::size_t>> spans_;  ///< buffer of paragraph()
    /// A code resolve_code found, in the arena ("" stays a null view).
    std::string_view keep(const std::string& code) {
        return code.empty() ? std::string_view() : x_.arena.store(code);
    }

    /// scanned: words_ holds the words of text already (the caller read its kind from them).
    void heading(std::string_view text, const source_location& src, const narrative_section* sec,
                 section_kind kind, bool scanned = false) {
        sentence_info& s = add_sentence();
        s.text = text;
        s.source = src;
        s.numeral = sec ? std::string_view(sec->numeral) : std::string_view("附件");
        s.number = sec ? sec->number : 0;
        s.kind = kind;
        s.heading = true;
        s.group = ++group_;
        s.block = block_;
        const bool read = wanted(s.text, s.project);
        if (read) claims_of(last_sentence(), scanned);  // s is not used after: claims_of adds no sentence
    }

    struct logical_paragraph {
        /// A view into the report's line (a paragraph of one line), or into the arena (joined
        /// from several lines, or a line without its '*'): valid as long as the extraction.
        std::string_view text;
        source_location source;
    };
    std::string join_buf_, starless_;  ///< buffers of join()
    /// Hand the logical paragraphs of `lines` to f in order; f returns false to stop (the
    /// annex prose ends where its tables begin: the lines after are not joined at all).
    template <class F>
    void join(const std::vector<text_line>& lines, bool annex, F&& f) {
        logical_paragraph cur;
        bool have = false, open = false;
        bool joined = false;  // cur.text is join_buf_ (not yet stored)
        auto flush = [&] {
            if (joined) cur.text = x_.arena.store(join_buf_);
            joined = false;
            return f(static_cast<const logical_paragraph&>(cur));
        };
        for (const auto& l : lines) {
            std::string_view t = trim(l.text);
            bool buffered = false;  // t is in starless_, which the next line overwrites
            if (annex && t.find('*') != std::string_view::npos) {
                starless_.assign(t);
                starless_.erase(std::remove(starless_.begin(), starless_.end(), '*'), starless_.end());
                t = starless_;
                buffered = true;
            }
            if (t.empty()) continue;
            const bool sub = is_subheading(t) || (annex && project_heading(t));
            if (open && !sub) {
                if (!joined) {
                    join_buf_.assign(cur.text);
                    joined = true;
                }
                join_buf_ += t;
            } else {
                if (have && !flush()) return;
                cur.text = buffered ? x_.arena.store(t) : t;
                cur.source = l.source;
                have = true;
            }
            open = !sub && !ends_paragraph(t);
        }
        if (have) flush();
    }

    void section(const narrative_section& sec) {
        // The heading's words, scanned once: its kind (from the title's part, which starts on a
        // character the scan visits, after "、"), then its claims.
        const std::string_view title = x_.arena.store(sec.numeral, "、", sec.title);
        words_.scan(title);
        const section_kind base = kind_in(words_, title.size() - sec.title.size(), title.size());
        section_kind kind = base;
        item_ = -1;
        ++block_;
        st_ = {};
        heading(title, sec.source, &sec, base, true);
        join(sec.paragraphs, false, [&](const logical_paragraph& p) {
            if (is_subheading(p.text)) {
                words_.scan(p.text);
                const auto k = kind_in(words_, 0, p.text.size());
                kind = k == section_kind::unknown || base == section_kind::general_budget ? base : k;
                if (base == section_kind::unknown || base == section_kind::performance) kind = k;
                ++block_;
                item_ = -1;
                st_ = {};
                heading(p.text, p.source, &sec, kind, true);
                return true;
            }
            ++group_;
            std::string_view rest = p.text;
            if (auto ih = item_heading(p.text)) {
                item_ = static_cast<std::int32_t>(x_.sentences.size());
                st_ = {};
                st_.item_topic = ih->first;
                // a path cut short (item_heading) names no row: no code, nothing to compare with
                st_.item_code = ih->first.ends_with("（项）") ? keep(resolve_code(ih->first)) : std::string_view();
                rest = ih->second;
                if (trim(rest).empty()) return true;
            }
            paragraph(rest, p.source, &sec, kind, true, "");
            return true;
        });
    }

    void annex(const document_part& part) {
        item_ = -1;
        ++block_;
        st_ = {};
        std::string_view project;  // a view into the project heading's paragraph
        bool in_report = false;
        join(part.lines, true, [&](const logical_paragraph& p) {
            words_.end_paragraph();
            // In the report, the paragraph's words are scanned once (when first asked for): the
            // words asked for here, then its sentences' words (sentence_words::scan). Before the
            // report, and for extract_annex (which reads few sentences), memmem.
            bool scanned = false;
            auto has = [&](named w, std::string_view literal) {
                if (!in_report || projects_only_) return in_text(p.text, literal);
                if (!scanned) {
                    words_.scan_paragraph(p.text);
                    scanned = true;
                }
                return words_.in_paragraph(words_.lx.named[w]);
            };
            // extract_annex: once in the report, the title only decides department_scope,
            // which no project claim reads (nor 名称 below)
            const bool report_title = !(in_report && projects_only_) && has(n_report_title, "绩效自评报告");
            if (report_title) in_report = true;
            if (!in_report) return true;
            if (has(n_basic_data, "基础数据表") && !has(n_period, "。")) return false;  // annex tables follow
            if (is_subheading(p.text) || (starts_with(p.text, 0, "七、") || starts_with(p.text, 0, "八、"))) {
                ++block_;
                st_ = {};
                project = {};
                heading(p.text, p.source, nullptr, section_kind::annex_report);
                return true;
            }
            if (auto name = project_heading(p.text)) {
                project = *name;
                st_ = {};
                return true;
            }
            ++group_;
            if (!p.text.empty() && is_digit(p.text[0])) project = {};  // "2.年中追加项目…"
            const bool dept = report_title || (!projects_only_ && has(n_mingcheng, "名称"));
            if (has(n_budget_part, "一般公共预算支出情况") || has(n_funds_part, "资金使用及绩效情况")) {
                ++block_;
                st_ = {};
                project = {};
            }
            paragraph(p.text, p.source, nullptr, section_kind::annex_report, dept, project);
            return true;
        });
        words_.end_paragraph();
    }

    void paragraph(std::string_view text, const source_location& src, const narrative_section* sec,
                   section_kind kind, bool dept, std::string_view project) {
        // extract_annex: no sentence of it is wanted (a project, or 分 in the sentence), so
        // none is read; project_claims() reads the sentences of claims only
        if (projects_only_ && project.empty() && !in_text(text, "分")) return;
        // The paragraph's words, sentence ends and figure starts in one scan (annex(): scanned
        // already), unless extract_annex (which reads few of its sentences) or odd bytes.
        const bool own_scan = !projects_only_ && !words_.holds(text);
        if (own_scan) words_.scan_paragraph(text);
        if (words_.walked(text)) words_.sentences(spans_);
        else split_sentences(text, spans_);
        for (auto [b, e] : spans_) {  // claims_of does not call paragraph(): spans_ stays as is
            auto t = trim(text.substr(b, e - b));
            if (t.empty()) continue;
            sentence_info& s = add_sentence();
            s.text = t;
            s.source = src;
            s.numeral = sec ? std::string_view(sec->numeral) : std::string_view("附件");
            s.number = sec ? sec->number : 0;
            s.kind = kind;
            s.group = group_;
            s.item = item_;
            s.block = block_;
            s.department_scope = dept;
            s.project = project;
            const bool read = wanted(s.text, s.project);
            if (read) claims_of(last_sentence());
        }
        if (own_scan) words_.end_paragraph();
    }

    /// A new claim of the sentence at the end of the list, built in place by the caller.
    claim_view& begin_claim(std::int32_t sentence) {
        const auto& s = x_.sentences[static_cast<std::size_t>(sentence)];
        claim_view& c = x_.claims.emplace_back();
        c.section = s.numeral;
        c.section_number = s.number;
        c.source = s.source;  // the sentence text is filled in by extract_claims() only
        x_.sentence_of.push_back(sentence);
        x_.part_of.push_back(-1);
        x_.date.push_back(0);
        x_.compared_year.push_back(0);
        x_.period_end.push_back(0);
        return c;
    }

    std::int32_t push(claim_view&& c, std::int32_t sentence) {
        const auto& s = x_.sentences[static_cast<std::size_t>(sentence)];
        c.section = s.numeral;
        c.section_number = s.number;
        c.source = s.source;  // the sentence text is filled in by extract_claims() only
        x_.claims.push_back(std::move(c));
        x_.sentence_of.push_back(sentence);
        x_.part_of.push_back(-1);
        x_.date.push_back(0);
        x_.compared_year.push_back(0);
        x_.period_end.push_back(0);
        return static_cast<std::int32_t>(x_.claims.size() - 1);
    }

    /// Latest claim of `kind` with `topic` in the same scope (item, or block) among the claims
    /// before `end`.
    std::int32_t latest(claim_kind kind, std::string_view topic, std::int32_t sentence,
                        bool same_group, std::size_t end) const {
        const auto& s = x_.sentences[static_cast<std::size_t>(sentence)];
        for (auto i = static_cast<std::int32_t>(end) - 1; i >= 0; --i) {
            const auto& o = x_.sentences[static_cast<std::size_t>(x_.sentence_of[static_cast<std::size_t>(i)])];
            if (o.number != s.number || o.block != s.block || o.item != s.item) break;
            if (same_group && o.group != s.group) break;
            const auto& c = x_.claims[static_cast<std::size_t>(i)];
            const bool kind_ok = c.kind == kind || (kind == claim_kind::actual && c.kind == claim_kind::amount);
            if (kind_ok && (topic.empty() || c.topic == topic)) return i;
        }
        return -1;
    }

    /// Latest claim in the whole section (any block) with this topic, amount-like, among the
    /// claims before `end`.
    std::int32_t latest_in_section(std::string_view topic, std::int32_t sentence, std::size_t end) const {
        const auto& s = x_.sentences[static_cast<std::size_t>(sentence)];
        for (auto i = static_cast<std::int32_t>(end) - 1; i >= 0; --i) {
            const auto& o = x_.sentences[static_cast<std::size_t>(x_.sentence_of[static_cast<std::size_t>(i)])];
            if (o.number != s.number) break;
            const auto& c = x_.claims[static_cast<std::size_t>(i)];
            if ((c.kind == claim_kind::amount || c.kind == claim_kind::actual) && c.topic == topic)
                return i;
        }
        return -1;
    }

    /// Whether and where the scanned sentence s holds a region suffix (departments() reads
    /// only the text around them). Not inlined: measured, claims_of is then compiled as before.
    [[gnu::noinline]] void record_regions(sentence_info& s) {
        const lexicon& lx = words_.lx;
        s.region_suffix = words_.any(lx.region);
        s.regions_begin = static_cast<std::int32_t>(x_.region_at.size());
        if (s.region_suffix)
            words_.each(0, s.text.size(), [&](const lexicon::occurrence& o) {
                if (lx.region[o.id]) x_.region_at.push_back(o.pos);
            });
        s.regions_end = static_cast<std::int32_t>(x_.region_at.size());
    }

    /// scanned: words_ already holds the words of the sentence.
    void claims_of(std::int32_t sid, bool scanned = false) {
        // claims_of adds claims only, never sentences: references into x_.sentences stay valid
        const sentence_info& info = x_.sentences[static_cast<std::size_t>(sid)];
        const std::string_view s = info.text;
        std::vector<figure_token> figures = std::move(figures_);  // reused buffer
        std::uint32_t base = 0;
        if (const auto starts = words_.figure_starts(s, base)) scan_figures_at(s, *starts, base, figures);
        else scan_figures(s, figures);
        if (!scanned) words_.scan(s);
        const lexicon& lx = words_.lx;
        // The scan tries every byte position that is not a UTF-8 continuation byte (it steps
        // over well-formed characters only), so it sees every region suffix departments()
        // could see on its character boundaries: none found → that sentence can be skipped.
        record_regions(x_.sentences[static_cast<std::size_t>(sid)]);
        const word_id w_qizhong = lx.named[n_qizhong];
        std::size_t prev_end = 0;
        bool reason = false;
        std::int32_t first_money = -1, last_money = -1, last_total_candidate = -1;
        std::int32_t group_total = -1;
        bool group_is_change = false;
        bool first_is_part = false;  ///< the first amount has its own share: a part, not the base
        std::string_view group_unit;
        // the leads follow each other: their words are found from where the last one began
        sentence_words::cursor at_lead = words_.first();
        for (const auto& f : figures) {
            const std::size_t lead_begin = prev_end;
            const std::string_view lead = s.substr(prev_end, f.begin - prev_end);
            prev_end = f.end;
            // Reason clause state: the last marker in the lead decides.
            // (and, in the same pass, the start of the clause: after the lead's last separator)
            std::size_t last_reason = std::string_view::npos, last_reset = std::string_view::npos;
            bool has_qizhong = false;
            std::size_t cut = lead_begin;
            words_.each_at(at_lead, lead_begin, lead_begin + lead.size(), [&](const lexicon::occurrence& o) {
                if (lx.reason[o.id] && (last_reason == std::string_view::npos || o.pos > last_reason))
                    last_reason = o.pos;
                if (lx.reset[o.id] && (last_reset == std::string_view::npos || o.pos > last_reset))
                    last_reset = o.pos;
                if (o.id == w_qizhong) has_qizhong = true;
                if (lx.separator[o.id] && o.end > cut) cut = o.end;
            });
            if (last_reason != std::string_view::npos &&
                (last_reset == std::string_view::npos || last_reason > last_reset))
                reason = true;
            else if (last_reset != std::string_view::npos)
                reason = false;
            // 其中 opens a group of parts of the latest total.
            if (has_qizhong && !reason) {
                group_total = last_total_candidate;
                if (group_total >= 0) x_.part_of[static_cast<std::size_t>(group_total)] = -1;
                group_is_change = group_total >= 0 &&
                                  x_.claims[static_cast<std::size_t>(group_total)].kind == claim_kind::change_amount;
                group_unit = group_total >= 0 ? x_.claims[static_cast<std::size_t>(group_total)].unit : "";
            }
            if (f.cls == unit_class::none || f.cls == unit_class::date_part) continue;  // no claim
            const std::string_view clause = trim(s.substr(0, lead_begin + lead.size()).substr(cut));
            const clause_words clause_w = words_of_clause(words_, clause, at_lead);  // (in the lead)
            const word_set& in_clause = clause_w.set;
            auto has = [&](word_id w) { return w != no_word && in_clause[w]; };
            const std::string_view after = s.substr(f.end);

            // the claims before this one (it is built in place at the end of the list)
            const std::size_t before = x_.claims.size();
            claim_view& c = begin_claim(sid);
            c.value = f.value;
            c.unit = f.unit;
            c.printed = f.printed;
            if (f.star) {  // the printed form without its '*'
                printed_buf_.assign(f.printed);
                printed_buf_.erase(std::remove(printed_buf_.begin(), printed_buf_.end(), '*'), printed_buf_.end());
                c.printed = x_.arena.store(printed_buf_);
            }
            bool date = false, compared = false, period_end = false;
            std::string_view base_phrase;  // c.base_phrase as a view into s
            switch (f.cls) {
                case unit_class::none:
                case unit_class::date_part: break;  // not reached: no claim (skipped above)
                case unit_class::year: {
                    c.kind = claim_kind::year;
                    date = f.date;
                    const auto l = trim(lead);
                    compared = l.ends_with("与") || l.ends_with("比") || l.ends_with("较");
                    period_end = date && (l.ends_with("截至") || l.ends_with("截止"));
                    break;
                }
                case unit_class::count:
                    c.kind = reason ? claim_kind::explanation : claim_kind::count;
                    c.topic = topic_in(in_clause, info.kind);
                    break;
                case unit_class::score:
                    c.kind = has(lx.named[n_defen]) || !info.project.empty() ? claim_kind::project_score
                                                                               : claim_kind::other;
                    c.topic = info.project;
                    break;
                case unit_class::percent: {
                    if (reason) {
                        c.kind = claim_kind::explanation;
                        break;
                    }
                    const auto dir = direction_in(clause_w, clause);
                    if (has(lx.named[n_wancheng]) && has(lx.named[n_yusuan])) {
                        c.kind = claim_kind::completion_rate;
                    } else if (has(lx.named[n_zhan])) {
                        c.kind = claim_kind::share;
                        auto b = clause.substr(rfind_word(clause, "占") + 3);
                        if (b.ends_with("的")) b.remove_suffix(3);
                        base_phrase = trim(b);
                        c.base_phrase = base_phrase;
                    } else if (dir) {
                        c.kind = claim_kind::change_rate;
                        c.direction = *dir;
                    } else {
                        c.kind = claim_kind::other;
                    }
                    break;
                }
                case unit_class::money: {
                    if (reason) {
                        c.kind = claim_kind::explanation;
                        c.topic = clause;
                        break;
                    }
                    if (starts_with(after, 0, "以上") || starts_with(after, 0, "（含）以上") ||
                        starts_with(after, 0, "以下") || starts_with(after, 0, "(含)以上")) {
                        c.kind = claim_kind::threshold;
                        break;
                    }
                    const auto dir = direction_in(clause_w, clause);
                    if (info.kind == section_kind::annex_report && (has(lx.named[n_jieyu]) || has(lx.named[n_jiezhuan]))) {
                        c.kind = claim_kind::balance;
                    } else if (info.kind == section_kind::annex_report &&
                               (has(lx.named[n_tiaozeng]) || has(lx.named[n_tiaojian]))) {
                        c.kind = claim_kind::adjustment;
                        c.direction = has(lx.named[n_tiaojian]) ? claim_direction::decrease : claim_direction::increase;
                    } else if (dir && *dir != claim_direction::flat) {
                        c.kind = claim_kind::change_amount;
                        c.direction = *dir;
                    } else if (has(lx.named[n_yusuan]) && !has(lx.named[n_juesuan]) && has_budget_word(clause)) {
                        c.kind = claim_kind::budget;
                    } else if (has(lx.named[n_juesuan])) {
                        c.kind = claim_kind::actual;
                    } else if (!info.project.empty() && has(lx.named[n_xiangmu_zhichu])) {
                        c.kind = claim_kind::project_spending;
                        c.topic = info.project;
                    } else {
                        c.kind = claim_kind::amount;
                    }
                    if (c.kind == claim_kind::project_spending) break;
                    // Topic: a 类/项 path, a pattern, or the current topic.
                    if (has(lx.named[n_lei])) {
                        auto end = rfind_word(clause, "）") + 3;
                        auto path = clause.substr(0, end);
                        c.topic = path;
                        c.code = keep(resolve_code(path));
                    } else if (auto t = topic_in(in_clause, info.kind); !t.empty()) {
                        c.topic = t;
                    } else if (info.kind == section_kind::annex_report && !has(lx.named[n_shangnian]) &&
                               c.kind != claim_kind::change_amount && !clause.empty()) {
                        c.topic = clause;  // annex prose: keep the clause as topic
                    } else if (c.kind != claim_kind::amount || !st_code().empty()) {
                        c.topic = st_topic();  // "支出决算为…": the topic of the sentence so far
                        c.code = st_code();
                    }
                    break;
                }
            }
            if (c.kind == claim_kind::project_spending || c.kind == claim_kind::project_score)
                c.topic = info.project;
            // Links.
            if (c.kind == claim_kind::share) {
                c.subject = last_money;
                if (c.subject >= 0) c.topic = x_.claims[static_cast<std::size_t>(c.subject)].topic;
                if (!c.base_phrase.empty()) {
                    auto bt = topic_in(words_.set(base_phrase), info.kind);
                    if (!bt.empty()) c.base = latest_in_section(bt, sid, before);
                } else if (first_money >= 0 && first_money != c.subject && !first_is_part) {
                    c.base = first_money;
                }
                if (c.subject >= 0 && c.subject == first_money) first_is_part = true;
            } else if (c.kind == claim_kind::completion_rate) {
                c.subject = last_money >= 0 &&
                                    x_.claims[static_cast<std::size_t>(last_money)].kind != claim_kind::budget
                                ? last_money
                                : -1;
                if (c.subject >= 0) {
                    c.topic = x_.claims[static_cast<std::size_t>(c.subject)].topic;
                    c.code = x_.claims[static_cast<std::size_t>(c.subject)].code;
                } else {
                    c.topic = st_topic();
                    c.code = st_code();
                }
                c.base = latest(claim_kind::budget, c.topic, sid, false, before);
            } else if (c.kind == claim_kind::change_amount) {
                c.subject = st_.last_subject;
                if (c.topic.empty() || c.topic == st_topic()) {
                    if (c.subject >= 0) c.topic = x_.claims[static_cast<std::size_t>(c.subject)].topic;
                } else if (c.subject >= 0 && x_.claims[static_cast<std::size_t>(c.subject)].topic != c.topic) {
                    c.subject = -1;  // a change of another topic ("人员经费支出比上年增加…")
                }
            } else if (c.kind == claim_kind::change_rate) {
                c.subject = st_.last_subject;
                c.related = st_.last_change;
                if (c.related >= 0) c.topic = x_.claims[static_cast<std::size_t>(c.related)].topic;
                else if (c.subject >= 0) c.topic = x_.claims[static_cast<std::size_t>(c.subject)].topic;
            }
            const auto id = static_cast<std::int32_t>(before);
            const claim_view& cl = c;
            x_.date.back() = date;
            x_.compared_year.back() = compared;
            x_.period_end.back() = period_end;
            // Group membership.
            const bool money_like = cl.unit == "万元";
            if (group_total >= 0 && id != group_total) {
                const bool eligible =
                    group_is_change ? cl.kind == claim_kind::change_amount
                                    : (cl.unit == group_unit &&
                                       (cl.kind == claim_kind::amount || cl.kind == claim_kind::actual ||
                                        cl.kind == claim_kind::budget || cl.kind == claim_kind::count));
                if (eligible) x_.part_of.back() = group_total;
            }
            // State.
            if (money_like && (cl.kind == claim_kind::amount || cl.kind == claim_kind::actual ||
                               cl.kind == claim_kind::budget || cl.kind == claim_kind::change_amount ||
                               cl.kind == claim_kind::project_spending)) {
                if (first_money < 0) first_money = id;
                last_money = id;
            }
            if (cl.kind == claim_kind::amount || cl.kind == claim_kind::actual ||
                cl.kind == claim_kind::budget || cl.kind == claim_kind::change_amount ||
                cl.kind == claim_kind::count)
                last_total_candidate = id;
            if (money_like && (cl.kind == claim_kind::amount || cl.kind == claim_kind::actual)) {
                st_.last_subject = id;
                st_.last_change = -1;
                st_.topic_claim = id;
            } else if (money_like && cl.kind == claim_kind::budget) {
                st_.topic_claim = id;
            } else if (cl.kind == claim_kind::change_amount) {
                st_.last_change = id;
            }
        }
        figures_ = std::move(figures);
        comparisons(sid);
    }

    /// "决算数大于/小于/等于/与…持平 …预算数" in the sentence.
    void comparisons(std::int32_t sid) {
        // words_ holds the words of this sentence (claims_of scanned it)
        const std::string_view s = x_.sentences[static_cast<std::size_t>(sid)].text;
        const lexicon& lx = words_.lx;
        const word_id w_juesuan_shu = lx.named[n_juesuan_shu], w_yusuan = lx.named[n_yusuan];
        if (!words_.found(w_juesuan_shu)) return;  // no 决算数: no comparison
        // the occurrences of 决算数, in order (all of the sentence's words lie in it); the loop
        // reads the sentence's words only, so the claim pushed below changes none of them
        words_.each_until(0, s.size(), [&](const lexicon::occurrence& occ) {
            if (occ.id != w_juesuan_shu) return false;
            const std::size_t at = occ.pos;
            const std::string_view tail = s.substr(at + 9, 36);  // 12 characters
            const std::size_t t0 = at + 9;
            std::size_t best = std::string_view::npos;
            word_id rank = no_word;
            bool budget_after = false;
            words_.each(t0, t0 + tail.size(), [&](const lexicon::occurrence& o) {
                const word_id r = lx.comparison_rank[o.id];
                if (r == no_word) return;
                if (best == std::string_view::npos || o.pos - t0 < best || (o.pos - t0 == best && r < rank)) {
                    best = o.pos - t0;
                    rank = r;
                }
            });
            words_.each(at, s.size(), [&](const lexicon::occurrence& o) {
                if (o.id == w_yusuan) budget_after = true;
            });
            if (best == std::string_view::npos || !budget_after) return false;
            const claim_direction d = comparison_words[rank].direction;
            claim_view c;
            c.kind = claim_kind::comparison;
            c.direction = d;
            c.printed = s.substr(at, std::min<std::size_t>(s.size() - at, 9 + best + 6 + 15));
            auto t = topic_in(words_.set(0, at), x_.sentences[static_cast<std::size_t>(sid)].kind);
            if (t.empty()) {
                c.topic = st_topic();
                c.code = st_code();
            } else {
                c.topic = t;
            }
            c.subject = latest(claim_kind::actual, c.topic, sid, false, x_.claims.size());
            c.base = latest(claim_kind::budget, c.topic, sid, false, x_.claims.size());
            push(std::move(c), sid);
            return true;
        });
    }
};

}  // namespace

extraction extract(const report& r) { return extractor(r).run(); }
extraction extract_annex(const report& r) { return extractor(r).run(true); }

}  // namespace caizheng::narrative_detail

namespace caizheng {

std::vector<narrative_claim> extract_claims(const report& r) {
    const auto x = narrative_detail::extract(r);
    std::vector<narrative_claim> out(x.claims.size());
    for (std::size_t i = 0; i < x.claims.size(); ++i) {
        const narrative_detail::claim_view& c = x.claims[i];
        narrative_claim& o = out[i];
        o.kind = c.kind;
        o.topic = c.topic;
        o.code = c.code;
        o.value = c.value;
        o.unit = c.unit;
        o.printed = c.printed;
        o.direction = c.direction;
        o.base_phrase = c.base_phrase;
        o.subject = c.subject;
        o.base = c.base;
        o.related = c.related;
        o.section = c.section;
        o.section_number = c.section_number;
        o.sentence = x.sentences[static_cast<std::size_t>(x.sentence_of[i])].text;
        o.source = c.source;
    }
    return out;
}

}  // namespace caizheng
