"""caizheng.scoring over the C API. Expected values worked by hand (docs/scoring.md and the
bundled report tests/data/reports/2024_tianyuan_data_bureau.txt)."""
import os
from decimal import Decimal as D
from pathlib import Path

import pytest

import caizheng
from caizheng import scoring

DATA = Path(os.environ.get("CAIZHENG_TEST_DATA", Path(__file__).resolve().parents[3] / "tests" / "data"))
HUNAN = DATA / "reports" / "2024_tianyuan_data_bureau.txt"


def test_parse_indicator():
    v = scoring.parse_indicator("≥2000册")
    assert (v.kind, v.op, v.number, v.unit, v.approximate) == ("number", "at_least", D("2000"), "册", False)
    v = scoring.parse_indicator("2000余册")
    assert (v.op, v.approximate, v.number) == ("at_least", True, D("2000"))
    v = scoring.parse_indicator("≤15万元")
    assert (v.op, v.number, v.unit) == ("at_most", D("15"), "万元")
    v = scoring.parse_indicator("≥99.9%")
    assert v.number == D("99.9") and str(v.number) == "99.9" and v.unit == "%"
    v = scoring.parse_indicator("=100%")
    assert v.op == "equal"
    v = scoring.parse_indicator("95%")
    assert v.op == "none"
    v = scoring.parse_indicator("一般")
    assert v.kind == "qualitative" and v.number is None and v.reason
    v = scoring.parse_indicator("约100个")
    assert v.kind == "not_computable" and "approximate" in v.reason
    v = scoring.parse_indicator("")
    assert v.kind == "empty"


def test_execution_score_policies():
    # 14.98 / 15 × 10: exact 9.99, percent_2dp 99.87 % → 9.99, floor 99 % → 9.90
    e = scoring.execution_score(D("15"), D("14.98"), D("10"))
    assert e.score == D("9.99") and str(e.score) == "9.99" and e.rate == D("99.8667") and e.defined
    assert scoring.execution_score("15", "14.98", 10, policy="floor_whole_percent").score == D("9.90")
    # 2469 / 20000 = 12.345 %: exact 1.23 (one rounding), percent_2dp 1.24
    assert scoring.execution_score(20000, 2469, 10).score == D("1.23")
    assert scoring.execution_score(20000, 2469, 10, policy="percent_2dp").score == D("1.24")
    over = scoring.execution_score(15, 16, 10)
    assert over.capped and over.score == D("10.00")
    assert scoring.execution_score(15, 16, 10, cap=False).score == D("10.67")
    zero = scoring.execution_score(0, 5, 10)
    assert not zero.defined and zero.score is None and zero.rate is None
    assert scoring.execution_score(0, 5, 10, zero_budget="score_zero").score == D("0.00")
    with pytest.raises(TypeError):
        scoring.execution_score(15.0, 14.98, 10)
    with pytest.raises(caizheng.CaizhengError):
        scoring.execution_score(-1, 1, 10)


def test_formulas_grades_tiers():
    assert scoring.indicator_formula("positive", 94, 95, 5) == D("4.95")
    assert scoring.indicator_formula("reverse", 25, 24, 5) == D("4.79")
    assert scoring.indicator_formula("reverse", 25, 24, 5, reverse="ratio") == D("4.80")
    assert scoring.indicator_formula("reverse", 48, 24, 5) == D("0.00")
    assert scoring.indicator_formula("equal", 0, 0, 10) == D("10.00")
    assert scoring.grade(D("90.00")) == "excellent"
    assert scoring.grade(D("89.99")) == "good"
    assert scoring.grade(80) == "good"
    assert scoring.grade(60) == "fair"
    assert scoring.grade(D("59.99")) == "poor"
    assert scoring.tier(8, 10) == "achieved"
    assert scoring.tier(D("7.99"), 10) == "partial"
    assert scoring.tier(D("5.99"), 10) == "not_achieved"


def test_profiles_and_indicator_scores():
    names = scoring.profile_names()
    assert names[0] == "central" and "hunan_observed" in names
    central = scoring.Profile.builtin("central")
    assert central.to_dict()["rate"] == "exact"
    assert scoring.Profile.builtin("hunan_observed").to_dict()["rate"] == "floor_whole_percent"
    with pytest.raises(caizheng.NotFoundError):
        scoring.Profile.builtin("atlantis")
    ratio = scoring.Profile.from_json({"name": "ratio", "reverse": "ratio", "grades": {"excellent": "95"}})
    assert ratio.name == "ratio"
    assert scoring.grade(D("90"), ratio) == "good"
    with pytest.raises(caizheng.ParseError) as e:
        scoring.Profile.from_json('{"rate": "ceil"}')
    assert "$.rate" in str(e.value)

    r = scoring.score_indicator("≥2000册", "2000余册", 5)
    assert (r.method, r.score, r.met) == ("positive", D("5.00"), True)
    r = scoring.score_indicator("≤24小时", "25小时", 5)
    assert (r.method, r.score, r.met) == ("reverse", D("4.79"), False)
    assert scoring.score_indicator("≤24小时", "25小时", 5, ratio).score == D("4.80")
    r = scoring.score_indicator("95%", "一般", 10)
    assert r.method == "unverifiable" and r.score is None and "prose" in r.reason
    assert scoring.score_indicator("提高经济效益", "提高经济效益", 5).method == "qualitative"


def test_review_of_the_bundled_report():
    text = HUNAN.read_text(encoding="utf-8")
    rv = scoring.review_text(text)
    assert rv["profile"] == "central"
    projects = rv["projects"]
    assert len(projects) == 6
    # 放管服: exec 10 × 14.98/15 = 9.99 (exact), the table's 9.90 is the whole-percent floor;
    # Σ indicators 90 → recomputed 99.99, published 99.90.
    fgf = projects[0]
    assert fgf["execution"]["score"] == D("9.99")
    assert fgf["rate_reproduced_by"] == ["floor_whole_percent"]
    assert fgf["published_total"] == D("99.90") and fgf["recomputed_total"] == D("99.99")
    assert fgf["published_grade"] == "excellent"
    # 视频监控: 0.19 + 88 = 88.19 (良); the text's 90.19 is not explained by the rate alone.
    assert projects[4]["recomputed_total"] == D("88.19") and projects[4]["recomputed_grade"] == "good"
    texts = [f for f in rv["findings"] if f["rule"] == "P.text.score"]
    assert len(texts) == 5
    by_project = {f["locations"][0]["project"]: f for f in texts}
    video = by_project["株洲市天元区视频监控镇、街道新建及教育系统升级改造项目"]
    assert video["severity"] == "error" and video["found"] == D("90.19") and video["expected"] == D("88.10")
    assert by_project["机关干部进小区工作经费"]["difference"] == D("-0.01")
    # 基础数据表: 14.97 vs the 自评表's 14.98 — one figure printed two ways.
    basic = [f for f in rv["findings"] if f["rule"] == "P.basic.project"]
    assert len(basic) == 1 and basic[0]["expected"] == D("14.97") and basic[0]["found"] == D("14.98")
    assert rv["overall"]["staff_control_rate"] == D("110.00")
    assert rv["overall"]["three_public_change_rate"] == D("-37.22")
    assert rv["overall"]["three_public_control_rate"] == D("36.84")


def test_review_of_a_loaded_report_under_the_hunan_profile():
    report = caizheng.Report.from_text_file(str(HUNAN))
    rv = scoring.review_report(report, scoring.Profile.builtin("hunan_observed"))
    assert [p["recomputed_total"] for p in rv["projects"]] == [D("99.90"), D("100.00"), D("98.90"), D("99.70"),
                                                              D("88.10"), D("100.00")]
    assert not [f for f in rv["findings"] if f["rule"] == "P.exec.score"]
