#!/usr/bin/python3
"""Merge the raw classification sources into the 2024 catalog files (run by hand, output committed).

    /usr/bin/python3 tools/classification/curate_2024.py

Reads data/classification/2024/raw/ (verbatim copies of the shared data, with their README) and
the rows read by hand from the bundled Hunan report (HUNAN_* below), and writes, in the catalog
CSV format of docs/classification.md:

    data/classification/2024/functional.csv            支出功能分类
    data/classification/2024/economic_department.csv   部门预算支出经济分类
    data/classification/2024/economic_government.csv   政府预算支出经济分类
    data/classification/2024/revenue.csv               收入分类
    data/classification/2024/economic_correspondence.csv
    data/classification/2024/excluded.csv              rows seen, but not for 2023-2025

Every output row keeps the years it was attested in and the ids of its sources (see README.md in
data/classification/2024/). The script refuses to write when two sources give one code two
names, or when a parent_code column disagrees with the code's digits. No name is ever made up:
a parent row that no source names stays absent.

Selection for 2024 (functional tree only, where yearly changes are frequent and every row has
the years it was seen): a row is kept when at least one source attests it for 2023, 2024 or
2025, or when no source gives a year. A functional row all of whose sources are dated outside
2023-2025 goes to excluded.csv. Economic and revenue rows are all kept with their source years.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data/classification/2024/raw"
OUT = ROOT / "data/classification/2024"
REPORT = "tests/data/reports/2024_tianyuan_data_bureau.txt"

# Years of the S* sources of raw/row_sources.csv (raw/README.md); None = not stated.
S_YEARS = {"S1": 2020, "S2": 2020, "S3": 2023, "S4": None, "S5": 2025, "S6": 2026, "S7": 2021,
           "S8": 2024, "S9": 2019, "S10": None, "S11": None, "S12": None}

# Rows read by hand from the bundled Hunan report (2024 部门决算, 株洲市天元区数据局).
# Functional 项 of tables 02/03/05 (公开02表, 公开03表, 公开05表), code and name as printed
# (03 prints "公务员医疗 补助" with a PDF space; 02 and 05 print 公务员医疗补助).
HUNAN_FUNCTIONAL_TABLES = [
    ("2010301", "行政运行"), ("2010302", "一般行政管理事务"), ("2010305", "专项业务及机关事务管理"),
    ("2013299", "其他组织事务支出"), ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2089999", "其他社会保障和就业支出"), ("2101101", "行政单位医疗"), ("2101103", "公务员医疗补助"),
    ("2210201", "住房公积金"),
]
# 款 names from the narrative, section 五（三）: "…（类）<款>（款）<项>（项）" of the 项 above,
# so each 款 code is the first five digits of that 项's code.
HUNAN_FUNCTIONAL_NARRATIVE = [
    ("20103", "政府办公厅（室）及相关机构事务"), ("20132", "组织事务"),
    ("20805", "行政事业单位养老支出"), ("20899", "其他社会保障和就业支出"),
    ("21011", "行政事业单位医疗"), ("22102", "住房改革支出"),
    # 类 written with 支出 in the narrative ("社会保障和就业支出（类）" …); 201 is written
    # "一般公共服务（类）" there and is named by the other sources.
    ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("221", "住房保障支出"),
]
# Table 06 (公开06表), the whole 基本支出 economic template, as printed.
HUNAN_ECONOMIC = [
    ("301", "工资福利支出"), ("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"),
    ("30106", "伙食补助费"), ("30107", "绩效工资"), ("30108", "机关事业单位基本养老保险缴费"),
    ("30109", "职业年金缴费"), ("30110", "职工基本医疗保险缴费"), ("30111", "公务员医疗补助缴费"),
    ("30112", "其他社会保障缴费"), ("30113", "住房公积金"), ("30114", "医疗费"),
    ("30199", "其他工资福利支出"),
    ("303", "对个人和家庭的补助"), ("30301", "离休费"), ("30302", "退休费"), ("30303", "退职（役）费"),
    ("30304", "抚恤金"), ("30305", "生活补助"), ("30306", "救济费"), ("30307", "医疗费补助"),
    ("30308", "助学金"), ("30309", "奖励金"), ("30310", "个人农业生产补贴"), ("30311", "代缴社会保险费"),
    ("30399", "其他对个人和家庭的补助"),
    ("302", "商品和服务支出"), ("30201", "办公费"), ("30202", "印刷费"), ("30203", "咨询费"),
    ("30204", "手续费"), ("30205", "水费"), ("30206", "电费"), ("30207", "邮电费"), ("30208", "取暖费"),
    ("30209", "物业管理费"), ("30211", "差旅费"), ("30212", "因公出国（境）费用"), ("30213", "维修（护）费"),
    ("30214", "租赁费"), ("30215", "会议费"), ("30216", "培训费"), ("30217", "公务接待费"),
    ("30218", "专用材料费"), ("30224", "被装购置费"), ("30225", "专用燃料费"), ("30226", "劳务费"),
    ("30227", "委托业务费"), ("30228", "工会经费"), ("30229", "福利费"), ("30231", "公务用车运行维护费"),
    ("30239", "其他交通费用"), ("30240", "税金及附加费用"), ("30299", "其他商品和服务支出"),
    ("307", "债务利息及费用支出"), ("30701", "国内债务付息"), ("30702", "国外债务付息"),
    ("310", "资本性支出"), ("31001", "房屋建筑物购建"), ("31002", "办公设备购置"), ("31003", "专用设备购置"),
    ("31005", "基础设施建设"), ("31006", "大型修缮"), ("31007", "信息网络及软件购置更新"),
    ("31008", "物资储备"), ("31009", "土地补偿"), ("31010", "安置补助"), ("31011", "地上附着物和青苗补偿"),
    ("31012", "拆迁补偿"), ("31013", "公务用车购置"), ("31019", "其他交通工具购置"),
    ("31021", "文物和陈列品购置"), ("31022", "无形资产购置"), ("31099", "其他资本性支出"),
    ("399", "其他支出"), ("39907", "国家赔偿费用支出"),
    # Printed so in the table cell; it reads as cut short (the cell ends mid-phrase). Kept as
    # printed, flagged in README.md: a report that prints the full official name will get a
    # name mismatch on this one code until the official file is loaded.
    ("39908", "对民间非营利组织和群众性自治"),
    ("39909", "经常性赠与"), ("39910", "资本性赠与"), ("39999", "其他支出"),
]

LEVEL_BY_LEN = {3: "lei", 5: "kuan", 7: "xiang"}


class Row:
    def __init__(self, code: str, name: str):
        self.code, self.name = code, name
        self.years: set[int] = set()
        self.undated = False
        self.sources: list[str] = []

    def attest(self, name: str, source: str, years) -> None:
        if name != self.name:
            sys.exit(f"conflict for {self.code}: {self.name!r} vs {name!r} ({source})")
        if source not in self.sources:
            self.sources.append(source)
        if years is None:
            self.undated = True
        else:
            self.years.update(years)


def read_csv(path: Path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check_parent(r: dict, where: str) -> None:
    code, parent = r["code"], r.get("parent_code", "")
    if len(code) not in LEVEL_BY_LEN or not code.isdigit():
        sys.exit(f"{where}: bad code {code!r}")
    if r.get("level") and r["level"] != LEVEL_BY_LEN[len(code)]:
        sys.exit(f"{where}: {code} level {r['level']} does not match its length")
    if parent and parent != code[: len(code) - 2]:
        sys.exit(f"{where}: {code} parent_code {parent} is not its prefix")


def add(tree: dict, code: str, name: str, source: str, years) -> None:
    row = tree.get(code)
    if row is None:
        row = tree[code] = Row(code, name)
    row.attest(name, source, years)


def peer_years(text: str) -> set[int]:
    return {int(part[:4]) for part in text.split(";") if part}


def functional_tree() -> dict:
    t: dict = {}
    for r in read_csv(RAW / "functional_observed.csv"):
        check_parent(r, "functional_observed.csv")
        add(t, r["code"], r["name"], "obs", {int(y) for y in r["year_seen"].split(";")})
    for r in read_csv(RAW / "catalog_pages.csv"):
        check_parent(r, "catalog_pages.csv")
        add(t, r["code"], r["name"], "cat", {int(r["catalog_year"])})
    srcs = {(s["file"], s["code"]): s["source_ids"].split(";") for s in read_csv(RAW / "row_sources.csv")}
    for r in read_csv(RAW / "functional_partial.csv"):
        check_parent(r, "functional_partial.csv")
        for s in srcs[("functional_partial.csv", r["code"])]:
            add(t, r["code"], r["name"], s, None if S_YEARS[s] is None else {S_YEARS[s]})
    for r in read_csv(RAW / "peer/functional_observed_peer_docs.csv"):
        check_parent(r, "peer/functional_observed_peer_docs.csv")
        add(t, r["code"], r["name"], "peer", peer_years(r["doc_years"]))
    for code, name in HUNAN_FUNCTIONAL_TABLES:
        add(t, code, name, "hunan-t02", {2024})
    for code, name in HUNAN_FUNCTIONAL_NARRATIVE:
        add(t, code, name, "hunan-n5", {2024})
    return t


def economic_department_tree() -> dict:
    t: dict = {}
    srcs = {(s["file"], s["code"]): s["source_ids"].split(";") for s in read_csv(RAW / "row_sources.csv")}
    for r in read_csv(RAW / "economic_department_partial.csv"):
        check_parent(r, "economic_department_partial.csv")
        for s in srcs[("economic_department_partial.csv", r["code"])]:
            add(t, r["code"], r["name"], s, None if S_YEARS[s] is None else {S_YEARS[s]})
    for r in read_csv(RAW / "peer/economic_department_observed_peer_docs.csv"):
        check_parent(r, "peer/economic_department_observed_peer_docs.csv")
        add(t, r["code"], r["name"], "peer", peer_years(r["doc_years"]))
    for code, name in HUNAN_ECONOMIC:
        add(t, code, name, "hunan-t06", {2024})
    return t


def simple_tree(file: str) -> dict:
    t: dict = {}
    srcs = {(s["file"], s["code"]): s["source_ids"].split(";") for s in read_csv(RAW / "row_sources.csv")}
    for r in read_csv(RAW / file):
        check_parent(r, file)
        for s in srcs[(file, r["code"])]:
            add(t, r["code"], r["name"], s, None if S_YEARS[s] is None else {S_YEARS[s]})
    return t


def kept_for_2024(row: Row) -> bool:
    return row.undated or any(2023 <= y <= 2025 for y in row.years)


HEADER = "# caizheng classification catalog (docs/classification.md)\n"


def write_tree(path: Path, tree_name: str, rows: list[Row], note: str) -> None:
    out = io.StringIO()
    out.write(HEADER)
    out.write(f"# {note}\n")
    out.write("# Generated by tools/classification/curate_2024.py from raw/ and the bundled Hunan report;\n")
    out.write("# sources: see README.md in this directory. Not the complete official catalog.\n")
    out.write(f"# tree: {tree_name}\n# year: 2024\n# complete: no\n")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["code", "name", "level", "parent_code", "years", "sources"])
    for r in sorted(rows, key=lambda r: r.code):
        years = ";".join(str(y) for y in sorted(r.years))
        w.writerow([r.code, r.name, LEVEL_BY_LEN[len(r.code)],
                    r.code[:-2] if len(r.code) > 3 else "", years, ";".join(r.sources)])
    path.write_text(out.getvalue(), encoding="utf-8")


def main() -> None:
    fun = functional_tree()
    kept = [r for r in fun.values() if kept_for_2024(r)]
    dropped = [r for r in fun.values() if not kept_for_2024(r)]
    write_tree(OUT / "functional.csv", "functional", kept, "支出功能分类 2024 (partial)")
    write_tree(OUT / "economic_department.csv", "economic_department",
               list(economic_department_tree().values()), "部门预算支出经济分类 2024 (partial)")
    write_tree(OUT / "economic_government.csv", "economic_government",
               list(simple_tree("economic_government_partial.csv").values()),
               "政府预算支出经济分类 (partial; sources dated 2020 or undated)")
    write_tree(OUT / "revenue.csv", "revenue", list(simple_tree("revenue_partial.csv").values()),
               "政府收支分类 收入 (partial; a few codes)")

    with (OUT / "excluded.csv").open("w", encoding="utf-8", newline="") as f:
        f.write("# functional rows seen in sources, but only for years outside 2023-2025; not in the 2024 catalog\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["tree", "code", "name", "years", "sources"])
        for r in sorted(dropped, key=lambda r: r.code):
            w.writerow(["functional", r.code, r.name, ";".join(str(y) for y in sorted(r.years)),
                        ";".join(r.sources)])

    with (OUT / "economic_correspondence.csv").open("w", encoding="utf-8", newline="") as f:
        f.write("# 两套支出经济分类科目对照表, partial (source S2, 2020; see README.md)\n")
        f.write("# year: 2024\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["government_code", "department_code", "sources"])
        for r in read_csv(RAW / "economic_mapping_partial.csv"):
            w.writerow([r["gov_code"], r["dept_code"], r["source"]])

    print(f"functional: {len(kept)} kept, {len(dropped)} excluded")


if __name__ == "__main__":
    main()
