"""caizheng.reconcile over the C API: the bundled Hunan report's findings, user rules, outputs."""
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

import caizheng
from caizheng import Reconciler, Severity

DATA = Path(os.environ.get("CAIZHENG_TEST_DATA", Path(__file__).resolve().parents[3] / "tests" / "data"))


@pytest.fixture(scope="module")
def hunan():
    return caizheng.Report.from_text_file(str(DATA / "reports" / "2024_tianyuan_data_bureau.txt"))


def tables_only():
    return Reconciler().disable("N.*").disable("P.*")


def test_hunan_findings(hunan):
    res = tables_only().run(hunan)
    # 02 合计 1227.61 vs its rows 1210.31: the missing 2210201 住房公积金 17.30 (present in 05)
    root = res.with_rule("cross.missing_row")
    assert len(root) == 1
    assert "02 is missing 2210201 住房公积金 17.30, present in 05" in root[0].message_en
    totals = res.with_rule("income.total_row")
    assert [(f.found, f.expected, f.difference) for f in totals] == \
        [(Decimal("1227.61"), Decimal("1210.31"), Decimal("17.30"))] * 2
    assert all(f.cause == root[0].index for f in totals)
    # 06 301: 212.55 vs Σ 款 212.54, 9 parts, bound 0.04 → a tail difference, not an error
    tail = res.with_rule("basic.lei_sum")
    assert len(tail) == 1 and tail[0].severity == Severity.TAIL_DIFFERENCE
    assert tail[0].bound == Decimal("0.04") and tail[0].difference == Decimal("0.01")
    assert tail[0].locations[0].row == "301"
    # 09: 小计 1.40 vs 0.00 + 1.19 in both halves; 合计 follows from it
    assert len(res.with_rule("sangong.vehicle")) == 2
    for f in res.with_rule("sangong.total"):
        assert res[f.cause].rule == "sangong.vehicle"
    assert res.count(Severity.ERROR) == 12
    assert len(res.root_causes()) == 4  # 02 and 03 missing 2210201, 09 小计 in both halves
    assert all(isinstance(f.expected, (Decimal, type(None))) for f in res)


def test_outputs(hunan):
    res = tables_only().run(hunan)
    doc = json.loads(res.render("json"))
    assert doc["summary"]["error"] == 12
    assert len(doc["findings"]) == len(res)
    html = res.render("html", "zh")
    assert html.startswith("<!DOCTYPE html>") and "http://" not in html and "<script" not in html
    assert "02 is missing" in res.render("text", "en")


def test_user_rules_and_errors(hunan):
    rec = tables_only().add_rules("id: my.cap\nseverity: warning\nformula: basic[人员经费合计] <= 200\n")
    res = rec.run(hunan)
    assert [f.severity for f in res.with_rule("my.cap")] == [Severity.WARNING]
    with pytest.raises(caizheng.ParseError):
        rec.add_rules("id: bad\nformula: T02[合计.c1 == 1\n")


def test_user_rule_on_a_table_shape(hunan):
    # Hunan's 08 has no balance columns: a rule conditioned on exists() does not apply to it,
    # while the same comparison unconditioned cannot be evaluated ("no such column")
    shaped = tables_only().add_rules(
        "id: my.carry\nformula: capital[合计]: .opening_balance == .closing_balance"
        " when exists(.opening_balance) == 1\n")
    assert shaped.run(hunan).with_rule("my.carry") == []
    plain = tables_only().add_rules(
        "id: my.carry\nformula: capital[合计]: .opening_balance == .closing_balance\n")
    found = plain.run(hunan).with_rule("my.carry")
    assert [f.severity for f in found] == [Severity.UNCHECKED]
    assert "no such column" in found[0].message_en


def test_batch_and_catalog(hunan):
    rec = tables_only()
    batch = rec.run_batch([hunan, hunan, hunan], threads=2)
    assert [len(b) for b in batch] == [len(rec.run(hunan))] * 3
    ids = {r["id"] for r in caizheng.builtin_rules()}
    assert {"income.total_row", "basic.lei_sum", "cross.missing_row", "codes.name"} <= ids
