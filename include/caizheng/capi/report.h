/* caizheng C API — reports (部门决算公开): load from text or JSON, walk, build, export.
 * Included by caizheng.h; do not include directly.
 *
 * A cz_report is opaque, created by cz_report_new / cz_report_import_* / cz_report_from_json*
 * and freed by cz_report_free. Tables, rows, columns and cells are addressed by 0-based
 * int64_t indexes (tables in document order; rows and columns as in the table).
 * Amounts cross as int64_t hundredths of the TABLE's unit (CZ_UNIT_WAN_YUAN or CZ_UNIT_YUAN):
 * 1227.61 万元 is 122761. An empty cell (printed blank or "-") is *out_is_empty = 1, value 0.
 * Strings returned through char** are UTF-8, freed with cz_string_free(). In getters with
 * several outputs, any output pointer may be NULL (that output is not wanted).
 * Indexes out of range give CZ_ERR_INVALID_ARGUMENT; a failed call changes no output and no
 * report. The full model (narrative, 绩效 annex, sources) is also available as JSON.
 *
 * Thread safety: functions taking a const cz_report* may run concurrently on the same report;
 * functions taking a cz_report* (building, setting) need exclusive access to it. Different
 * reports are independent.
 */
#ifndef CAIZHENG_CAPI_REPORT_H
#define CAIZHENG_CAPI_REPORT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cz_report cz_report;

/* Table kinds (by meaning; the number printed differs by province). */
#define CZ_TABLE_INCOME_EXPENDITURE_TOTAL 0   /**< 收入支出决算总表 */
#define CZ_TABLE_INCOME 1                     /**< 收入决算表 */
#define CZ_TABLE_EXPENDITURE 2                /**< 支出决算表 */
#define CZ_TABLE_FISCAL_TOTAL 3               /**< 财政拨款收入支出决算总表 */
#define CZ_TABLE_GENERAL_BUDGET_EXPENDITURE 4 /**< 一般公共预算财政拨款支出决算表 */
#define CZ_TABLE_BASIC_EXPENDITURE_DETAIL 5   /**< 一般公共预算财政拨款基本支出决算明细表 */
#define CZ_TABLE_GOVERNMENT_FUND 6            /**< 政府性基金预算财政拨款收入支出决算表 */
#define CZ_TABLE_STATE_CAPITAL 7              /**< 国有资本经营预算财政拨款支出决算表 */
#define CZ_TABLE_THREE_PUBLIC 8               /**< 财政拨款“三公”经费支出决算表 */

/* Row sides: the half of a side-by-side table a row belongs to. */
#define CZ_SIDE_NONE 0
#define CZ_SIDE_INCOME 1      /**< 01/04 收入 */
#define CZ_SIDE_EXPENDITURE 2 /**< 01/04 支出 */
#define CZ_SIDE_BUDGET 3      /**< 09 预算数 */
#define CZ_SIDE_ACTUAL 4      /**< 09 决算数 */

/* Row roles. */
#define CZ_ROLE_ITEM 0
#define CZ_ROLE_TOTAL 1       /**< 合计 */
#define CZ_ROLE_SUBTOTAL 2    /**< 小计 */
#define CZ_ROLE_GRAND_TOTAL 3 /**< 总计 */
#define CZ_ROLE_BLANK 4       /**< numbered row without name */

/* Column ids: the values of caizheng::column_id (docs/report-schema.md lists them all). */
#define CZ_COL_OTHER 0
#define CZ_COL_AMOUNT 1
#define CZ_COL_INCOME_AMOUNT 2
#define CZ_COL_EXPENDITURE_AMOUNT 3
#define CZ_COL_TOTAL_INCOME 4
#define CZ_COL_FISCAL_APPROPRIATION_INCOME 5
#define CZ_COL_SUPERIOR_SUBSIDY_INCOME 6
#define CZ_COL_BUSINESS_INCOME 7
#define CZ_COL_OPERATING_INCOME 8
#define CZ_COL_AFFILIATED_REMITTANCE_INCOME 9
#define CZ_COL_OTHER_INCOME 10
#define CZ_COL_TOTAL_EXPENDITURE 11
#define CZ_COL_BASIC_EXPENDITURE 12
#define CZ_COL_PROJECT_EXPENDITURE 13
#define CZ_COL_REMITTANCE_TO_SUPERIOR 14
#define CZ_COL_OPERATING_EXPENDITURE 15
#define CZ_COL_SUBSIDY_TO_AFFILIATED 16
#define CZ_COL_TOTAL 17
#define CZ_COL_GENERAL_BUDGET 18
#define CZ_COL_GOVERNMENT_FUND 19
#define CZ_COL_STATE_CAPITAL 20
#define CZ_COL_SUBTOTAL 21
#define CZ_COL_OPENING_BALANCE 22
#define CZ_COL_CURRENT_INCOME 23
#define CZ_COL_CLOSING_BALANCE 24
#define CZ_COL_OVERSEAS_TRAVEL 25
#define CZ_COL_VEHICLE_TOTAL 26
#define CZ_COL_VEHICLE_PURCHASE 27
#define CZ_COL_VEHICLE_OPERATION 28
#define CZ_COL_OFFICIAL_RECEPTION 29

/* Import warning kinds. */
#define CZ_WARN_UNPLACED_LINE 0
#define CZ_WARN_BAD_AMOUNT 1
#define CZ_WARN_MALFORMED_CODE 2
#define CZ_WARN_MISSING_TABLE 3
#define CZ_WARN_COLUMN_COUNT 4
#define CZ_WARN_DUPLICATE_TABLE 5
#define CZ_WARN_UNIT 6
#define CZ_WARN_METADATA 7
#define CZ_WARN_LIMIT 8
#define CZ_WARN_ENCODING 9
#define CZ_WARN_ANNEX 10

/* ---- Creating, loading, exporting ----------------------------------------------------------- */

/** A new empty report (no tables; year 0; unit 万元). */
CZ_API int32_t cz_report_new(cz_report** out_report);
/** Import document text (tab-separated or pdftotext -layout, UTF-8; `size` bytes, may contain
 *  anything). Problems in the text become warnings; only size over 64 MiB fails
 *  (CZ_ERR_INVALID_ARGUMENT). */
CZ_API int32_t cz_report_import_text(const char* text, int64_t size, cz_report** out_report);
/** Import a text file (CZ_ERR_IO when unreadable). */
CZ_API int32_t cz_report_import_text_file(const char* path, cz_report** out_report);
/** Import a published PDF (`size` bytes) from the positions of its words (docs/import.md, "PDF"):
 *  every cell keeps its page and box (cz_report_cell_box). Errors: CZ_ERR_UNSUPPORTED when
 *  caizheng was built without PDF support ("caizheng was built without PDF support") or the PDF
 *  has no text layer (scanned); CZ_ERR_PARSE for bytes that are not a PDF, a damaged/truncated or
 *  password-protected PDF; CZ_ERR_INVALID_ARGUMENT for more than 256 MiB or 1000 pages.
 *  Thread-safe: may be called concurrently (the PDF parser runs one document at a time). */
CZ_API int32_t cz_report_import_pdf(const char* data, int64_t size, cz_report** out_report);
/** Import a PDF file (as cz_report_import_pdf; CZ_ERR_IO when unreadable). Thread-safe. */
CZ_API int32_t cz_report_import_pdf_file(const char* path, cz_report** out_report);
/** *out_supported = 1 when this build reads PDF, else 0. Thread-safe. */
CZ_API int32_t cz_pdf_supported(int32_t* out_supported);
/** Read the JSON of docs/report-schema.md (`size` bytes). CZ_ERR_PARSE with every problem and
 *  its JSON path in cz_last_error(). */
CZ_API int32_t cz_report_from_json(const char* json, int64_t size, cz_report** out_report);
CZ_API int32_t cz_report_from_json_file(const char* path, cz_report** out_report);
/** The whole report as JSON; pretty = 1 indents. */
CZ_API int32_t cz_report_to_json(const cz_report* report, int32_t pretty, char** out_json);
/** Free a report. NULL is allowed. */
CZ_API void cz_report_free(cz_report* report);

/* ---- Metadata --------------------------------------------------------------------------------- */

/** The report's department (freed with cz_string_free), year and unit (CZ_UNIT_*). Any output
 *  pointer may be NULL. */
CZ_API int32_t cz_report_metadata(const cz_report* report, char** out_department, int32_t* out_year,
                                  int32_t* out_unit);
/** Set department (UTF-8, not NULL), year and unit (CZ_UNIT_*; else CZ_ERR_INVALID_ARGUMENT). */
CZ_API int32_t cz_report_set_metadata(cz_report* report, const char* department, int32_t year,
                                      int32_t unit);

/* ---- Tables, columns, rows, cells ------------------------------------------------------------ */

/** Number of tables in the report (they are indexed 0 .. count − 1). */
CZ_API int32_t cz_report_table_count(const cz_report* report, int64_t* out_count);
/** Index of the table of this kind; CZ_ERR_NOT_FOUND when the report has none. */
CZ_API int32_t cz_report_find_table(const cz_report* report, int32_t kind, int64_t* out_table);
/** Kind, unit (CZ_UNIT_*), number of rows and columns, and whether it says 本表无数据. */
CZ_API int32_t cz_report_table_info(const cz_report* report, int64_t table, int32_t* out_kind,
                                    int32_t* out_unit, int64_t* out_rows, int64_t* out_columns,
                                    int32_t* out_no_data);
/** Title and number as printed ("收入支出决算总表", "公开01表"; "" when not printed). */
CZ_API int32_t cz_report_table_title(const cz_report* report, int64_t table, char** out_title,
                                     char** out_number);
/** Column: CZ_COL_* id, 栏次 (0 if none), side (CZ_SIDE_*), label. */
CZ_API int32_t cz_report_column(const cz_report* report, int64_t table, int64_t column,
                                int32_t* out_id, int32_t* out_number, int32_t* out_side,
                                char** out_label);
/** Index of the column with this CZ_COL_* id (and side, or CZ_SIDE_NONE for any);
 *  CZ_ERR_NOT_FOUND if none. */
CZ_API int32_t cz_report_find_column(const cz_report* report, int64_t table, int32_t column_id,
                                     int32_t side, int64_t* out_column);
/** Row: side, role, 行次 (-1 if none), code ("" if none), name (spaces removed), source line
 *  (0 if not from text). */
CZ_API int32_t cz_report_row(const cz_report* report, int64_t table, int64_t row, int32_t* out_side,
                             int32_t* out_role, int32_t* out_line_number, char** out_code,
                             char** out_name, int32_t* out_source_line);
/** Index of the first row with this classification code; CZ_ERR_NOT_FOUND if none. */
CZ_API int32_t cz_report_find_row(const cz_report* report, int64_t table, const char* code,
                                  int64_t* out_row);
/** Cell: hundredths of the table unit, empty flag, printed text, source line and field. */
CZ_API int32_t cz_report_cell(const cz_report* report, int64_t table, int64_t row, int64_t column,
                              int64_t* out_value, int32_t* out_is_empty, char** out_text,
                              int32_t* out_source_line, int32_t* out_source_field);
/** Where a cell is printed in the PDF it was imported from: *out_has_box = 0 when not imported
 *  from a PDF (or not printed); else 1-based page and box in hundredths of a point, origin
 *  top-left of the page, y downwards. Any output pointer may be NULL. */
CZ_API int32_t cz_report_cell_box(const cz_report* report, int64_t table, int64_t row, int64_t column,
                                  int32_t* out_has_box, int32_t* out_page, int64_t* out_x0,
                                  int64_t* out_y0, int64_t* out_x1, int64_t* out_y1);

/* ---- Building (finance systems call these row by row) ---------------------------------------- */

/** Append an empty table of `kind` with its standard columns; CZ_ERR_INCONSISTENT when the
 *  report already has one. */
CZ_API int32_t cz_report_add_table(cz_report* report, int32_t kind, int32_t unit, int64_t* out_table);
/** Append a row (code may be "" or NULL; line_number -1 for none). The role follows the name
 *  (合计/小计/总计); every cell starts empty. Malformed codes are CZ_ERR_PARSE. */
CZ_API int32_t cz_report_add_row(cz_report* report, int64_t table, int32_t side, const char* code,
                                 const char* name, int32_t line_number, int64_t* out_row);
/** Set a cell from printed text ("1,227.61", "-" for empty). More than two places is
 *  CZ_ERR_INEXACT, text that is no amount CZ_ERR_PARSE. */
CZ_API int32_t cz_report_set_cell_text(cz_report* report, int64_t table, int64_t row,
                                       int64_t column, const char* text);
/** Set a cell to hundredths of the table unit, or empty when is_empty != 0. */
CZ_API int32_t cz_report_set_cell(cz_report* report, int64_t table, int64_t row, int64_t column,
                                  int64_t value, int32_t is_empty);
/** Structural problems, one per line with its JSON path; "" when the report is valid. */
CZ_API int32_t cz_report_validate(const cz_report* report, char** out_problems);

/* ---- Warnings and narrative ----------------------------------------------------------------- */

/** Number of import warnings (cz_report_warning reads them). */
CZ_API int32_t cz_report_warning_count(const cz_report* report, int64_t* out_count);
/** Warning: CZ_WARN_* kind, 1-based line (0 if none), the line's text, the reason. */
CZ_API int32_t cz_report_warning(const cz_report* report, int64_t index, int32_t* out_kind,
                                 int32_t* out_line, char** out_text, char** out_reason);
/** Missing tables: *out_mask has bit (1 << CZ_TABLE_*) set for each table not present. */
CZ_API int32_t cz_report_missing_tables(const cz_report* report, int32_t* out_mask);
CZ_API int32_t cz_report_section_count(const cz_report* report, int64_t* out_count);
/** Narrative section: number (1 = 一), title, number of paragraphs. */
CZ_API int32_t cz_report_section(const cz_report* report, int64_t index, int32_t* out_number,
                                 char** out_title, int64_t* out_paragraphs);
CZ_API int32_t cz_report_paragraph(const cz_report* report, int64_t section, int64_t paragraph,
                                   char** out_text, int32_t* out_source_line);

#ifdef __cplusplus
}
#endif

#endif /* CAIZHENG_CAPI_REPORT_H */
