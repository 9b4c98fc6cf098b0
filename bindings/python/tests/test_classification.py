"""Classification catalogs through ctypes: lookups, paths, names, loading, roll-up."""
import os
import threading
from decimal import Decimal
from pathlib import Path

import pytest

import caizheng as cz
from caizheng.classification import (Catalog, CatalogError, CodeStatus, Level, Tree, Verdict,
                                     departments_for, government_for, parent_code, roll_up)

ROOT = Path(__file__).resolve().parents[3]
REPORT = Path(os.environ.get("CAIZHENG_TEST_DATA", ROOT / "tests/data")) / "reports/2024_tianyuan_data_bureau.txt"


@pytest.fixture(scope="module")
def fun():
    return Catalog.embedded("functional", 2024)


def test_embedded_is_partial_and_counted(fun):
    assert fun.tree == Tree.FUNCTIONAL and fun.year == 2024
    assert not fun.complete
    assert fun.counts == {Level.LEI: 14, Level.KUAN: 47, Level.XIANG: 113}
    assert len(fun) == 174
    with pytest.raises(cz.NotFoundError):
        Catalog.embedded("functional", 2023)
    with pytest.raises(ValueError):
        Catalog.embedded("nonsense")
    assert "partial" in repr(fun)


def test_every_row_round_trips(fun):
    rows = list(fun)
    codes = [r.code for r in rows]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    for r in rows:
        assert fun[r.code] == r
        assert r.code in fun
        assert len(r.code) == 2 * r.level + 1
        assert r in fun.find_by_name(r.name)
        assert fun.check_name(r.code, r.name)
        assert fun.subtree(r.code)[0] == r


def test_three_answers_and_structure(fun):
    assert fun.status("2010301") == CodeStatus.KNOWN
    assert fun.status("2019999") == CodeStatus.UNKNOWN
    assert fun.status("20103x") == CodeStatus.MALFORMED
    assert fun.find("2019999") is None
    with pytest.raises(KeyError):
        fun["2019999"]
    assert parent_code("2010301") == "20103"
    assert parent_code("20103") == "201"
    assert parent_code("201") == ""
    with pytest.raises(cz.ParseError):
        parent_code("2010")
    assert fun.parent("2010301").name == "政府办公厅（室）及相关机构事务"
    assert fun.parent("2050302") is None          # 款 20503 not in the partial catalog
    assert [c.code for c in fun.children("21011")] == ["2101101", "2101102", "2101103"]
    assert all(i.code.startswith("208") for i in fun.subtree("208"))
    assert all(i.level == Level.LEI for i in fun.items(Level.LEI))


def test_paths_and_the_reports_narrative(fun):
    assert fun.path_name("2010301") == "一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）"
    assert fun.path_name("2010301", "catalog").startswith("一般公共服务支出（类）")
    with pytest.raises(cz.NotFoundError, match="20503"):
        fun.path_name("2050302")
    text = REPORT.read_text(encoding="utf-8")
    item5 = "5、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业\n\n单位基本养老保险缴费支出（项）。"
    assert item5 in text
    assert fun.match_path("2080505", item5).verdict == Verdict.MATCH
    assert [i.code for i in fun.resolve_path(item5)] == ["2080505"]
    wrong = fun.match_path("2080506", item5)
    assert wrong.verdict == Verdict.MISMATCH
    assert wrong.expected.endswith("机关事业单位职业年金缴费支出（项）")


def test_name_checks(fun):
    assert fun.check_name("2101101", "行政单位医疗").verdict == Verdict.MATCH
    r = fun.check_name("2101101", "事业单位医疗")
    assert r.verdict == Verdict.MISMATCH and r.expected == "行政单位医疗" and not r
    assert fun.check_name("2019999", "其他一般公共服务支出").verdict == Verdict.CANNOT_VERIFY
    assert fun.check_name("2101103", "公务员医疗 补助").verdict == Verdict.MATCH
    assert "2101103" in [i.code for i in fun.find_containing("医疗")]


def test_hunan_table_06_codes_resolve():
    eco = Catalog.embedded(Tree.ECONOMIC_DEPARTMENT)
    for code in ["301", "30113", "30199", "302", "30225", "30226", "30299", "303", "30311",
                 "307", "30701", "30702", "310", "31099", "399", "39907", "39908", "39999"]:
        assert code in eco, code
    assert government_for("30101") == "50101"
    assert government_for("30203") is None
    assert departments_for("50103") == ["30113"]


def test_roll_up_table_05_to_table_01():
    # 201 = 192.26 + 948.74 + 25.00 + 5.00 = 1171.00; 210 = 7.63 + 11.42 = 19.05.
    rows = {"2010301": Decimal("192.26"), "2010302": Decimal("948.74"), "2010305": "25.00",
            "2013299": "5.00", "2101101": "7.63", "2101103": "11.42"}
    r = roll_up(rows)
    assert r["201"] == Decimal("1171.00")
    assert r["20103"] == Decimal("1166.00")
    assert r["210"] == Decimal("19.05")
    assert list(r)[0] == "201"
    with pytest.raises(TypeError):
        roll_up({"2010301": 1.5})
    with pytest.raises(cz.CaizhengError):
        roll_up([("2010301", "1"), ("201", "1")])


def test_load_good_bad_and_overlay(fun, tmp_path):
    good = "# tree: functional\n# year: 2024\n# complete: no\ncode,name\n20101,人大事务\n2101101,行政单位医疗（改名测试）\n"
    over = Catalog.load_csv(good, base=fun)
    assert len(over) == len(fun) + 1 and not over.complete
    diff = fun.compare(over)
    assert [i.code for i in diff.added] == ["20101"]
    assert diff.renamed == [("2101101", "行政单位医疗", "行政单位医疗（改名测试）")]
    assert not diff.removed

    with pytest.raises(CatalogError) as e:
        Catalog.load_csv("code,name\n201,a\n201,b\n", tree="functional", year=2024)
    assert e.value.problems == ["line 3: duplicate code 201 (first on line 2)"]
    with pytest.raises(CatalogError, match="line 2: .*2010301 has no parent row 20103"):
        Catalog.load_csv("code,name\n2010301,a\n", tree="functional", year=2024)
    assert "2010301" in Catalog.load_csv("code,name\n2010301,a\n", tree="functional", year=2024, complete=False)
    with pytest.raises(CatalogError, match="line 2"):
        Catalog.load_csv("code,name,level\n201,a,kuan\n", tree="functional", year=2024)
    with pytest.raises(CatalogError, match="empty file"):
        Catalog.load_csv("", tree="functional", year=2024)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"code,name\n201,\xff\n")
    with pytest.raises(CatalogError, match="line 2: invalid UTF-8"):
        Catalog.load_csv_file(bad, tree="functional", year=2024)
    with pytest.raises(cz.CaizhengError):
        Catalog.load_csv_file(tmp_path / "missing.csv", tree="functional", year=2024)

    data = ROOT / "data/classification/2024/functional.csv"
    loaded = Catalog.load_csv_file(data)
    assert not fun.compare(loaded)


def test_shared_between_threads(fun):
    errors = []

    def work():
        try:
            for _ in range(20):
                assert fun["2010301"].name == "行政运行"
                assert fun.check_name("2101101", "行政单位医疗")
        except Exception as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
