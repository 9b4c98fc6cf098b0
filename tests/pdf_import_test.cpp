// PDF import: the two Shanghai PDFs table by table, page and box of values, reconciliation of
// the imported Putuo report, hostile PDFs built in the test.
//
// Expected values were read from the PDFs independently of caizheng: the words and their
// boxes as poppler prints them (`pdftotext -bbox-layout -f N -l N FILE`, coordinates in points
// from the top-left corner) and the `pdftotext -layout` text (tests/data/reports/*.layout.txt);
// each comment names the page. Boxes are in hundredths of a point (source_box).
#include "caizheng/import_pdf.hpp"
#include "caizheng/reconcile.hpp"

#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace caizheng;

namespace {

using caizheng::test::read_file;

const std::string putuo_path = std::string(CAIZHENG_TEST_DATA) + "/reports/2024_putuo_finance_bureau.pdf";
const std::string template_path =
    std::string(CAIZHENG_TEST_DATA) + "/reports/2024_shanghai_final_accounts_template.pdf";

[[maybe_unused]] const report& putuo() {
    static const report r = import_pdf_file(putuo_path);
    return r;
}

[[maybe_unused]] std::string cell_text(const report_table& t, const table_row& r, column_id id) {
    const table_cell* c = t.cell(r, id);
    REQUIRE(c != nullptr);
    return c->text;
}

[[maybe_unused]] std::optional<source_box> cell_box(const report_table& t, const table_row& r, column_id id) {
    const table_cell* c = t.cell(r, id);
    REQUIRE(c != nullptr);
    return c->source.box;
}

/// The code of an error thrown by `f`, or errc::ok when it returned.
template <class F>
[[maybe_unused]] errc error_of(F&& f) {
    try {
        (void)f();
    } catch (const error& e) {
        CHECK(std::string(e.what()).size() > 10);  // a message that says something
        return e.code();
    }
    return errc::ok;
}

/// A hand-written PDF: catalog, a page tree of `pages` page objects sharing `content` as their
/// content stream (Helvetica as /F1). No xref table: poppler rebuilds it.
[[maybe_unused]] std::string tiny_pdf(int pages, const std::string& content) {
    std::string kids, objects;
    for (int i = 0; i < pages; ++i) {
        const std::string id = std::to_string(10 + i);
        kids += id + " 0 R ";
        objects += id + " 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                   "/Resources << /Font << /F1 3 0 R >> >> >>\nendobj\n";
    }
    return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
           "2 0 obj\n<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>\nendobj\n"
           "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n"
           "4 0 obj\n<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
           "\nendstream\nendobj\n" + objects + "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

}  // namespace

#if !CAIZHENG_TEST_PDF
// Built without poppler-cpp (CAIZHENG_WITH_PDF=OFF or not found): the entry points exist and
// say so.
TEST_CASE("Without PDF support: a clear error") {
    CHECK_FALSE(pdf_supported());
    try {
        (void)import_pdf_file(putuo_path);
        FAIL("import_pdf_file should throw");
    } catch (const error& e) {
        CHECK(e.code() == errc::unsupported);
        CHECK(std::string(e.what()) == "caizheng was built without PDF support");
    }
    CHECK_THROWS_AS(import_pdf("%PDF-1.4"), error);
}
#else
TEST_CASE("PDF support is built in (CAIZHENG_WITH_PDF with poppler-cpp)") {
    REQUIRE(pdf_supported());
    CHECK(looks_like_pdf(read_file(putuo_path)));
    CHECK_FALSE(looks_like_pdf("hello"));
}

TEST_CASE("Putuo PDF: every table, row counts, metadata") {
    const report& r = putuo();
    CHECK(r.meta.department == "上海市普陀区财政局");  // cover, page 1
    CHECK(r.meta.year == 2024);
    CHECK(r.tables.size() == 9);
    CHECK(r.missing_tables().empty());
    // Rows per table, counted on the pages (01 p.6: 16 收入 + 26 支出 lines incl. totals;
    // 02 p.8 and 03 p.10: 合计 + 19 code rows; 04 p.12; 05 p.15: 19 code rows + 合计;
    // 06 p.16-17: 64 economic rows + 人员经费合计 + 公用经费合计; 07 三公 p.18: 预算数 and 决算数
    // halves; 08/09 p.19-20: 本表无数据 with an empty 合计 row).
    CHECK(r.table(table_kind::income_expenditure_total)->rows.size() == 42);
    CHECK(r.table(table_kind::income)->rows.size() == 20);
    CHECK(r.table(table_kind::expenditure)->rows.size() == 20);
    CHECK(r.table(table_kind::fiscal_total)->rows.size() == 38);
    CHECK(r.table(table_kind::general_budget_expenditure)->rows.size() == 20);
    CHECK(r.table(table_kind::basic_expenditure_detail)->rows.size() == 66);
    CHECK(r.table(table_kind::three_public)->rows.size() == 2);
    CHECK(r.table(table_kind::government_fund)->no_data.has_value());
    CHECK(r.table(table_kind::state_capital)->no_data.has_value());
    CHECK(r.narrative.size() == 11);  // 一 … 十一 of 第三部分, pages 21-24
    // Page 14 holds only a picture: reported, not silently empty.
    bool page14 = false;
    for (const auto& w : r.warnings) page14 = page14 || (w.kind == warning_kind::limit && w.text == "page 14");
    CHECK(page14);
}

TEST_CASE("Putuo PDF 01 and 02: values, code columns joined, page and box") {
    const report& r = putuo();
    const report_table& t01 = *r.table(table_kind::income_expenditure_total);
    // p.6, left half: 一、一般公共预算财政拨款收入 2,940.05 (word box 256.351,288.629–294.851,309.111)
    const table_row* a = t01.find_name("一、一般公共预算财政拨款收入", row_side::income);
    REQUIRE(a != nullptr);
    CHECK(cell_text(t01, *a, column_id::income_amount) == "2,940.05");
    CHECK(cell_box(t01, *a, column_id::income_amount) == source_box{6, 25635, 28863, 29485, 30911});
    // p.6, right half: 一、一般公共服务支出 2,106.66
    const table_row* e = t01.find_name("一、一般公共服务支出", row_side::expenditure);
    REQUIRE(e != nullptr);
    CHECK(cell_text(t01, *e, column_id::expenditure_amount) == "2,106.66");

    const report_table& t02 = *r.table(table_kind::income);
    // p.8: `201 06 01 行政运行 1,511.90 1,511.89 … 0.01`, the code printed in three cells
    const table_row* x = t02.find_code("2010601");
    REQUIRE(x != nullptr);
    CHECK(x->name == "行政运行");
    CHECK(cell_text(t02, *x, column_id::total_income) == "1,511.90");
    CHECK(cell_text(t02, *x, column_id::fiscal_appropriation_income) == "1,511.89");
    CHECK(cell_text(t02, *x, column_id::other_income) == "0.01");
    CHECK(t02.cell(*x, column_id::business_income)->text.empty());  // printed blank
    // p.8: 合计 2,946.25 (box 371.791,213.043–413.791,235.387), printed above the 合计 label
    const table_row& total = t02.rows.front();
    CHECK(total.role == row_role::total);
    CHECK(cell_text(t02, total, column_id::total_income) == "2,946.25");
    CHECK(cell_box(t02, total, column_id::total_income) == source_box{8, 37179, 21304, 41379, 23539});
    CHECK(cell_text(t02, total, column_id::other_income) == "6.20");
    // p.8: 机关事业单位基本养老保险缴 / 费支出 wrapped around the row's baseline
    const table_row* w = t02.find_code("2080505");
    REQUIRE(w != nullptr);
    CHECK(w->name == "机关事业单位基本养老保险缴费支出");
    CHECK(cell_text(t02, *w, column_id::total_income) == "160.75");
}

TEST_CASE("Putuo PDF 04: the fund columns from word positions") {
    const report_table& t04 = *putuo().table(table_kind::fiscal_total);
    // p.12: 一、一般公共服务支出, 2,106.66 under 合计 (x 469.8–511.8) and 2,106.66 under the
    // vertical header 一般公共预算财政拨款 (x 546.4–588.4); 政府性基金 / 国有资本经营 blank
    const table_row* r = t04.find_name("一、一般公共服务支出", row_side::expenditure);
    REQUIRE(r != nullptr);
    CHECK(cell_text(t04, *r, column_id::total) == "2,106.66");
    CHECK(cell_text(t04, *r, column_id::general_budget) == "2,106.66");
    CHECK(cell_box(t04, *r, column_id::general_budget) == source_box{12, 54635, 23386, 58835, 25621});
    CHECK(t04.cell(*r, column_id::government_fund)->text.empty());
    CHECK(t04.cell(*r, column_id::state_capital)->text.empty());
}

TEST_CASE("Putuo PDF 03, 05, 06: values on other baselines, split codes, two groups") {
    const report& r = putuo();
    const report_table& t03 = *r.table(table_kind::expenditure);
    // p.10: the 合计 amounts are printed on three baselines above the 合计 label:
    // 2,940.05 | 2,336.91 | 603.14
    const table_row& total = t03.rows.front();
    CHECK(cell_text(t03, total, column_id::total_expenditure) == "2,940.05");
    CHECK(cell_text(t03, total, column_id::basic_expenditure) == "2,336.91");
    CHECK(cell_text(t03, total, column_id::project_expenditure) == "603.14");
    CHECK(cell_box(t03, total, column_id::basic_expenditure)->page == 10);
    const table_row* x = t03.find_code("2010601");  // p.10: 1,511.89 1,503.52 8.37
    REQUIRE(x != nullptr);
    CHECK(cell_text(t03, *x, column_id::basic_expenditure) == "1,503.52");
    CHECK(cell_text(t03, *x, column_id::project_expenditure) == "8.37");

    const report_table& t05 = *r.table(table_kind::general_budget_expenditure);
    const table_row* y = t05.find_code("2210203");  // p.15: 购房补贴 258.50 258.50
    REQUIRE(y != nullptr);
    CHECK(y->name == "购房补贴");
    CHECK(cell_text(t05, *y, column_id::subtotal) == "258.50");

    const report_table& t06 = *r.table(table_kind::basic_expenditure_detail);
    // p.16: `301` and `01` on one baseline, `基本工资 262.33` half a line lower
    const table_row* b = t06.find_code("30101");
    REQUIRE(b != nullptr);
    CHECK(b->name == "基本工资");
    CHECK(cell_text(t06, *b, column_id::amount) == "262.33");
    CHECK(cell_box(t06, *b, column_id::amount)->page == 16);
    // p.16: 机关事业单位基本养老保险缴 / 费 with 160.75 centred between the two lines
    const table_row* c = t06.find_code("30108");
    REQUIRE(c != nullptr);
    CHECK(c->name == "机关事业单位基本养老保险缴费");
    CHECK(cell_text(t06, *c, column_id::amount) == "160.75");
    // p.16, second group: 302 01 办公费 21.21
    const table_row* d = t06.find_code("30201");
    REQUIRE(d != nullptr);
    CHECK(cell_text(t06, *d, column_id::amount) == "21.21");
    // p.17: 其 他 商 品 和 服 务 支 / 出, letter-spaced and wrapped, 11.53
    const table_row* f = t06.find_code("30299");
    REQUIRE(f != nullptr);
    CHECK(f->name == "其他商品和服务支出");
    CHECK(cell_text(t06, *f, column_id::amount) == "11.53");
    const table_row* g = t06.find_code("310");  // p.17: 资本性支出 13.58
    REQUIRE(g != nullptr);
    CHECK(g->name == "资本性支出");
    CHECK(cell_text(t06, *g, column_id::amount) == "13.58");
}

TEST_CASE("Putuo PDF reconciled: findings defended cell by cell, with pages") {
    const report& r = putuo();
    const reconcile_result res = reconciler().run(r);
    // 01's 支出 类 line 一、一般公共服务支出 prints 2,106.66 (p.6); table 02's 201 rows roll up to
    // 本年收入合计 2,112.86 (p.8: 201 一般公共服务支出 2,112.86 = 1,511.90 + 16.19 + 135.25 +
    // 449.52). The 6.20 between them is 201's 其他收入, not spent: 01 carries it from 年初结转和结余
    // 49.14 to 年末结转和结余 55.34 (49.14 + 2,946.25 − 2,940.05 = 55.34). With balances, income by
    // 类 is not spending by 类: income.lei_vs_summary does not apply (no finding), while
    // expenditure.lei_vs_summary (03 ↔ 01) does.
    for (const finding& f : res.findings) CHECK(f.rule != "income.lei_vs_summary");
    // 01's 八、社会保障和就业支出 prints 326.71 (p.6); 03's 208 rows (p.10) add up to 84.65 + 160.75
    // + 80.38 + 0.94 = 326.72: −0.01, within the bound of 5 rounded figures (4 parts and the
    // total: ⌊4/2⌋ = 2 hundredths) → a tail difference.
    const finding* lei = nullptr;
    for (const finding& f : res.findings)
        if (f.rule == "expenditure.lei_vs_summary" && f.severity == severity::tail_difference) lei = &f;
    REQUIRE(lei != nullptr);
    REQUIRE(lei->found);
    REQUIRE(lei->expected);
    CHECK(lei->found->to_string() == "326.71");
    CHECK(lei->expected->to_string() == "326.72");
    REQUIRE(!lei->locations.empty());
    REQUIRE(lei->locations.front().source.box);
    CHECK(lei->locations.front().source.box->page == 6);
    // Both renderings say where the figure is printed: the page and the top-left corner of its
    // box in points (the same numbers as the box, in hundredths of a point, divided by 100).
    const source_box& b = *lei->locations.front().source.box;
    const std::string at = std::to_string(b.x0 / 100) + ", " + std::to_string(b.y0 / 100) + ") pt";
    CHECK(render_html(r, res).find("p. 6 (" + at) != std::string::npos);
    CHECK(render_text(r, res).find("page 6 at (" + std::to_string(b.x0 / 100) + "," +
                                   std::to_string(b.y0 / 100) + ") pt") != std::string::npos);

    // 02's 合计 财政拨款收入 prints 2,940.05; its leaf rows (p.8) add up to 2,940.06:
    // 1,511.89 + 10.00 + 135.25 + 449.52 + 84.65 + 160.75 + 80.38 + 0.94 + 60.99 + 187.19
    // + 258.50 = 2,940.06 → −0.01, within the tail bound: a tail difference, not an error.
    bool tail = false;
    for (const finding& f : res.findings)
        if (f.rule == "income.total_row" && f.severity == severity::tail_difference && f.found &&
            f.found->to_string() == "2940.05" && f.expected && f.expected->to_string() == "2940.06") {
            tail = true;
            REQUIRE(f.locations.front().source.box);
            CHECK(f.locations.front().source.box->page == 8);
        }
    CHECK(tail);
}

TEST_CASE("Shanghai template PDF: every table, names printed above their codes") {
    const report r = import_pdf_file(template_path);
    CHECK(r.tables.size() == 9);
    CHECK(r.missing_tables().empty());
    const report_table& t02 = *r.table(table_kind::income);
    CHECK(t02.rows.size() == 6);  // p.6: 合计, 205, 20502, 2050205, 207, 20799 (a template: no amounts)
    const table_row* x = t02.find_code("20799");
    REQUIRE(x != nullptr);
    // p.6 prints `其他文化旅游体育与传媒支` above the code line and `出` below it, then a row of
    // `…` placeholders (kept out of the name: an unplaced line)
    CHECK(x->name == "其他文化旅游体育与传媒支出");
    CHECK(t02.find_code("2050205")->name == "高等教育");
    CHECK(r.table(table_kind::expenditure)->rows.size() == 6);
    CHECK(r.table(table_kind::government_fund)->no_data.has_value());  // p.13: 本表无数据 note
    CHECK(r.table(table_kind::three_public)->rows.size() == 2);
    for (const auto& row : t02.rows)
        for (const auto& c : row.cells) CHECK_FALSE(c.value.has_value());
}

TEST_CASE("Hostile PDFs: clear errors, no crash") {
    const std::string fixture = read_file(template_path);
    // not a PDF at all
    CHECK(error_of([] { return import_pdf("garbage bytes, no header\x01\x02"); }) == errc::parse_error);
    CHECK(error_of([] { return import_pdf(""); }) == errc::parse_error);
    // a header and nothing usable
    CHECK(error_of([] { return import_pdf("%PDF-1.7\n\x80\x81 garbage"); }) == errc::parse_error);
    // a page without any text: scanned
    CHECK(error_of([] { return import_pdf(tiny_pdf(1, "")); }) == errc::unsupported);
    // 5000 pages: refused before reading any page; with a higher limit, read in bounded time
    const std::string many = tiny_pdf(5000, "");
    CHECK(error_of([&] { return import_pdf(many); }) == errc::invalid_argument);
    pdf_import_options big;
    big.max_pages = 10000;
    CHECK(error_of([&] { return import_pdf(many, big); }) == errc::unsupported);  // still no text
    // a huge page: more words than max_words_per_page
    std::string words = "BT /F1 6 Tf";  // 3000 words "w", 40 a line, 14 pt apart, lines 10 pt apart
    for (int i = 0; i < 3000; ++i)
        words += " 1 0 0 1 " + std::to_string(10 + 14 * (i % 40)) + " " + std::to_string(800 - 10 * (i / 40)) + " Tm (w) Tj";
    words += " ET";
    pdf_import_options small;
    small.max_words_per_page = 1000;
    CHECK(error_of([&] { return import_pdf(tiny_pdf(1, words), small); }) == errc::parse_error);
    // the same page within limits imports (its words are prose: no tables → missing_table warnings)
    const report w = import_pdf(tiny_pdf(1, "BT /F1 12 Tf 72 700 Td (hello) Tj ET"));
    CHECK(w.missing_tables().size() == 9);
    // over max_bytes
    pdf_import_options tiny;
    tiny.max_bytes = 1000;
    CHECK(error_of([&] { return import_pdf(fixture, tiny); }) == errc::invalid_argument);
    // truncated copies of a fixture: an error or a partial report, never a crash
    for (const std::size_t n : {std::size_t{100}, std::size_t{2000}, fixture.size() / 3, fixture.size() / 2,
                                fixture.size() - 100}) {
        const errc e = error_of([&] { return import_pdf(fixture.substr(0, n)); });
        CHECK((e == errc::ok || e == errc::parse_error || e == errc::unsupported));
    }
    // a missing file
    CHECK(error_of([] { return import_pdf_file("/nonexistent/report.pdf"); }) == errc::io_error);
}

TEST_CASE("Encrypted PDF: a clear error") {
    // A standard security handler whose /U entry matches no password: poppler cannot open it
    // without one.
    std::string pdf = tiny_pdf(1, "BT /F1 12 Tf 72 700 Td (secret) Tj ET");
    const std::string enc =
        "5 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <" + std::string(64, 'A') + "> /U <" + std::string(64, 'B') +
        "> /P -4 >>\nendobj\ntrailer\n<< /Root 1 0 R /Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> "
        "<0123456789ABCDEF0123456789ABCDEF>] >>\n%%EOF\n";
    pdf = pdf.substr(0, pdf.find("trailer")) + enc;
    CHECK(error_of([&] { return import_pdf(pdf); }) == errc::parse_error);
}
#endif
