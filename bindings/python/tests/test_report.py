"""Reports over the C API. Expected values read by hand from
tests/data/reports/2024_tianyuan_data_bureau.txt (line numbers in the comments)."""
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

import caizheng
from caizheng.report import Report

DATA = Path(os.environ.get("CAIZHENG_TEST_DATA", Path(__file__).resolve().parents[3] / "tests" / "data"))
HUNAN = DATA / "reports" / "2024_tianyuan_data_bureau.txt"


@pytest.fixture(scope="module")
def hunan():
    return Report.from_text_file(str(HUNAN))


def test_metadata_and_tables(hunan):
    assert hunan.department == "株洲市天元区数据局"  # line 4
    assert hunan.year == 2024
    assert hunan.unit == "万元"
    assert hunan.missing_tables == []
    assert hunan.warnings == []
    assert [t.kind for t in hunan.tables] == caizheng.report.TABLE_KINDS  # Hunan prints them in kind order
    assert [len(t.rows) for t in hunan.tables] == [26, 9, 9, 30, 10, 83, 1, 1, 2]


def test_cells_are_decimal_and_empty_is_none(hunan):
    t3 = hunan.table("expenditure")
    total = t3.rows[0]
    assert total.role == "total"
    assert total.cells[0].value == Decimal("1227.61")  # "1, 227. 61", line 135
    assert total.cells[0].text == "1, 227. 61"
    assert total.cells[0].line == 135
    row = t3.find_code("2101103")  # line 144
    assert row.name == "公务员医疗补助"
    assert t3.value(row, "basic_expenditure") == Decimal("11.42")
    t1 = hunan.table("income_expenditure_total")
    r22 = [r for r in t1.rows if r.line_number == 22][0]  # line 92
    assert r22.side == "expenditure"
    assert t1.value(r22, "expenditure_amount") == Decimal("17.30")
    assert r22.cells[0].value is None
    t9 = hunan.table("three_public")
    assert [r.side for r in t9.rows] == ["budget", "actual"]
    assert t9.value(t9.rows[1], "official_reception") == Decimal("0.21")  # line 286
    assert hunan.table("government_fund").no_data
    assert not hunan.table("income").no_data


def test_sections(hunan):
    sections = hunan.sections
    assert [s.number for s in sections] == list(range(1, 16))
    assert sections[0].title == "收入支出决算总体情况说明"
    assert sections[0].lines == [296]


def test_json_round_trip(hunan):
    j = hunan.to_json()
    back = Report.from_json(j)
    assert back.to_json() == j
    d = hunan.to_dict()
    assert d["tables"][1]["rows"][0]["cells"][0]["value"] == "1227.61"
    assert d["annex"]["projects"][0]["total_score"]["value"] == "99.90"  # line 634
    assert len(d["annex"]["projects"]) == 6


def test_json_errors_name_the_path(hunan):
    d = hunan.to_dict()
    d["tables"][2]["rows"][0]["cells"].pop()
    d["tables"][0]["kind"] = "nope"
    with pytest.raises(caizheng.ParseError) as e:
        Report.from_json(json.dumps(d, ensure_ascii=False))
    assert "$.tables[0].kind: unknown table kind \"nope\"" in str(e.value)


def test_hostile_text():
    r = Report.from_text(bytes(range(256)) * 100)
    assert len(r.missing_tables) == 9
    assert any(w.kind == "encoding" for w in r.warnings)
    variant = HUNAN.read_text(encoding="utf-8").replace("单位：万元", "单位：元")
    y = Report.from_text(variant)
    assert y.unit == "元"
    assert y.table("income").unit == "元"


def test_build_row_by_row():
    r = Report()
    r.set_metadata("测试局", 2024)
    t = r.add_table("general_budget_expenditure")
    assert [c.id for c in t.columns] == ["subtotal", "basic_expenditure", "project_expenditure"]
    i = t.add_row("合计")
    t.set_cell(i, 0, Decimal("1227.61"))
    j = t.add_row("行政运行", code="2010301")
    t.set_cell(j, 0, "192.26")
    t.set_cell(j, 1, None)
    with pytest.raises(caizheng.InexactError):
        t.set_cell(j, 2, Decimal("1.005"))
    with pytest.raises(TypeError):
        t.set_cell(j, 2, 1.5)
    with pytest.raises(caizheng.ParseError):
        t.add_row("x", code="20103011")
    assert t.rows[0].role == "total"
    assert t.rows[1].cells[0].value == Decimal("192.26")
    assert t.rows[1].cells[1].value is None
    assert r.validate() == []
    back = Report.from_json(r.to_json())
    assert back.table("general_budget_expenditure").rows[0].cells[0].value == Decimal("1227.61")
    assert back.missing_tables == [k for k in caizheng.report.TABLE_KINDS if k != "general_budget_expenditure"]
