"""The money API through ctypes: values are Decimal, errors are exceptions with C messages."""
from decimal import Decimal

import pytest

import caizheng as cz


def test_parse_published_forms():
    assert cz.parse_amount("1, 227. 61") == Decimal("1227.61")
    assert cz.parse_amount("１２３．４５") == Decimal("123.45")
    assert cz.parse_amount("（5.00）") == Decimal("-5.00")
    assert cz.parse_cell("—") is None
    with pytest.raises(cz.ParseError):  # like C++ parse_amount: an empty marker is no amount
        cz.parse_amount("—")
    assert cz.parse_cell("0.00") == Decimal("0.00")
    with pytest.raises(cz.ParseError) as e:
        cz.parse_amount("12a")
    assert "12a" in str(e.value)
    with pytest.raises(cz.InexactError):
        cz.parse_amount("1.005")
    assert cz.parse_amount("1.005", "half_even") == Decimal("1.00")


def test_format_convert_round():
    assert cz.format_amount(Decimal("1227.61"), grouped=True) == "1,227.61"
    assert cz.format_amount(Decimal("17.3")) == "17.30"
    assert cz.convert(Decimal("1234567.89"), "元", "万元") == Decimal("123.46")
    with pytest.raises(cz.InexactError):
        cz.convert(Decimal("1234567.89"), "元", "万元", None)
    assert cz.round_decimal(Decimal("2.345"), 2, "half_even") == Decimal("2.34")
    with pytest.raises(TypeError):
        cz.format_amount(1.5)


def test_arithmetic_and_errors():
    assert cz.add("0.1", "0.2") == Decimal("0.30")
    assert cz.total(["1171.00", "20.26", "19.05", "17.30"]) == Decimal("1227.61")
    assert cz.multiply_divide("14.98", 10, 15) == Decimal("9.99")
    with pytest.raises(cz.OverflowError_):
        cz.add(Decimal("92233720368547758.07"), "0.01")
    with pytest.raises(cz.DivisionByZero):
        cz.divide("1", "0")


def test_percentages():
    assert cz.share("1171", "1227.61") == Decimal("95.39")
    assert cz.check_percent("completion", "192.26", "190.36", "101%") == (True, Decimal("101"))
    ok, expected = cz.check_percent("share", "70.93", "100.47", "70.6%")
    assert ok and expected == Decimal("70.6")
    with pytest.raises(cz.DivisionByZero) as e:
        cz.change_rate("25", "0")
    assert "zero" in str(e.value)
    assert cz.parse_percent("95.39%") == Decimal("95.39")
    # "95.30%" states two places (trailing zero kept): 95.26% is 95.3 at one place, not 95.30
    assert str(cz.parse_percent("95.30%")) == "95.30"
    assert cz.check_percent("share", "95.26", "100", "95.3%") == (True, Decimal("95.3"))
    assert cz.check_percent("share", "95.26", "100", "95.30%") == (False, Decimal("95.26"))
    assert cz.check_percent("share", "95.26", "100", "95.30")[0] is False
    assert cz.parse_quantity("12.5万元") == (Decimal("12.5"), "万元")


def test_tail_and_apportion():
    t = cz.compare_total("1227.62", ["1171.00", "20.26", "19.05", "17.30"])
    assert t.verdict == "tail_difference" and t.difference == Decimal("0.01") and t.bound == Decimal("0.02")
    assert cz.compare_total("1227.61", ["1210.31"]).verdict == "mismatch"
    assert cz.apportion(["3333.33", "3333.33", "3333.34"]) == [Decimal("0.33"), Decimal("0.33"), Decimal("0.34")]
    assert cz.apportion([]) == []
