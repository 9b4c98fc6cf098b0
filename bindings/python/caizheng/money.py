"""Exact money over the C API: amounts are decimal.Decimal with two places, never float.

Units are "元", "万元", "亿元" (or "yuan", "wan_yuan", "yi_yuan"). Rounding modes are the
names of the decimal module's constants (ROUND_HALF_UP = 四舍五入, half away from zero) or
caizheng's own names ("half_away_from_zero", ...); None demands an exact result.
"""
from __future__ import annotations

import ctypes
import decimal
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, List, Optional, Sequence

from ._native import CaizhengError, ParseError, check, declare, lib, take_string

__all__ = [
    "parse_amount", "parse_cell", "format_amount", "convert", "round_decimal", "add", "sub", "total",
    "multiply", "divide", "multiply_divide", "parse_decimal", "parse_quantity", "parse_percent",
    "share", "change_rate", "completion_rate", "check_percent", "TailCheck", "compare_total",
    "apportion", "version",
]

_i64, _i32, _p64, _p32 = ctypes.c_int64, ctypes.c_int32, ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_int32)
_cp, _pp = ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)

declare("cz_amount_parse", _cp, _i32, _p64, _p32)
declare("cz_amount_format", _i64, _i32, _pp)
declare("cz_amount_convert", _i64, _i32, _i32, _i32, _p64)
declare("cz_amount_add", _i64, _i64, _p64)
declare("cz_amount_sub", _i64, _i64, _p64)
declare("cz_amount_sum", _p64, _i64, _p64)
declare("cz_amount_mul_decimal", _i64, _i64, _i32, _i32, _p64)
declare("cz_amount_div_decimal", _i64, _i64, _i32, _i32, _p64)
declare("cz_amount_mul_div", _i64, _i64, _i32, _i64, _i32, _i32, _p64)
declare("cz_decimal_parse", _cp, _p64, _p32)
declare("cz_decimal_round", _i64, _i32, _i32, _i32, _p64)
declare("cz_quantity_parse", _cp, _p64, _p32, _p32)
declare("cz_percent_parse", _cp, _p64, _p32)
declare("cz_percent", _i32, _i64, _i64, _i32, _i32, _p64)
declare("cz_percent_check", _i32, _i64, _i64, _cp, _p32, _p64, _p32)
declare("cz_tail_compare", _i64, _p64, _i64, _i32, _p32, _p64, _p64)
declare("cz_apportion", _p64, _i64, _i32, _i32, _p64)

UNITS = {"元": 0, "yuan": 0, "万元": 1, "wan_yuan": 1, "亿元": 2, "yi_yuan": 2}
_UNIT_NAMES = {0: "元", 1: "万元", 2: "亿元"}
ROUNDING = {
    "half_away_from_zero": 0, decimal.ROUND_HALF_UP: 0,
    "half_even": 1, decimal.ROUND_HALF_EVEN: 1,
    "half_down": 2, decimal.ROUND_HALF_DOWN: 2,
    "toward_zero": 3, decimal.ROUND_DOWN: 3,
    "away_from_zero": 4, decimal.ROUND_UP: 4,
    "floor": 5, decimal.ROUND_FLOOR: 5,
    "ceiling": 6, decimal.ROUND_CEILING: 6,
}
_CENT = Decimal("0.01")


def _unit(u: str) -> int:
    try:
        return UNITS[u]
    except KeyError:
        raise ValueError(f"unknown unit {u!r}; use 元, 万元 or 亿元") from None


def _mode(m: Optional[str], allow_none: bool = True) -> int:
    if m is None:
        if not allow_none:
            raise ValueError("a rounding mode is required here")
        return -1
    try:
        return ROUNDING[m]
    except KeyError:
        raise ValueError(f"unknown rounding mode {m!r}") from None


def _to_cents(amount) -> int:
    """Decimal (or int / str) with at most two places → hundredths. Floats are refused."""
    if isinstance(amount, float):
        raise TypeError("floats are not accepted for money; use decimal.Decimal or str")
    d = Decimal(amount) if not isinstance(amount, Decimal) else amount
    if not d.is_finite():
        raise ValueError(f"not a finite amount: {d}")
    scaled = d.scaleb(2)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{d} has more than two decimal places; round it first")
    return int(scaled)


def _from_cents(v: int) -> Decimal:
    return Decimal(v).scaleb(-2).quantize(_CENT)


def _to_decimal_parts(d) -> tuple:
    if isinstance(d, float):
        raise TypeError("floats are not accepted; use decimal.Decimal or str")
    d = Decimal(d) if not isinstance(d, Decimal) else d
    if not d.is_finite():
        raise ValueError(f"not a finite decimal: {d}")
    sign, digits, exp = d.as_tuple()
    scale = -exp if exp < 0 else 0
    mantissa = int(d.scaleb(scale))
    return mantissa, scale


def _decimal(mantissa: int, scale: int) -> Decimal:
    return Decimal(mantissa).scaleb(-scale) if scale else Decimal(mantissa)


def version() -> str:
    return lib.cz_version_string().decode()


def parse_cell(text: str, rounding: Optional[str] = None) -> Optional[Decimal]:
    """A published cell: None for an empty marker ("-", "—", ""), else a two-place Decimal."""
    v, empty = _i64(), _i32()
    check(lib.cz_amount_parse(text.encode("utf-8"), _mode(rounding), ctypes.byref(v), ctypes.byref(empty)))
    return None if empty.value else _from_cents(v.value)


def parse_amount(text: str, rounding: Optional[str] = None) -> Decimal:
    """An amount that must be present ("1, 227. 61" → Decimal('1227.61')); empty is an error."""
    value = parse_cell(text, rounding)
    if value is None:
        raise ParseError(2, f"expected an amount, found an empty marker {text!r}")
    return value


def format_amount(amount, grouped: bool = False) -> str:
    """"1227.61" or "1,227.61"; always two places."""
    out = ctypes.c_void_p()
    check(lib.cz_amount_format(_to_cents(amount), 1 if grouped else 0, ctypes.byref(out)))
    return take_string(out)


def convert(amount, from_unit: str, to_unit: str, rounding: Optional[str] = "half_away_from_zero") -> Decimal:
    """Convert between units, rounding once to two places (None: exact or InexactError)."""
    v = _i64()
    check(lib.cz_amount_convert(_to_cents(amount), _unit(from_unit), _unit(to_unit), _mode(rounding), ctypes.byref(v)))
    return _from_cents(v.value)


def round_decimal(value, places: int = 2, rounding: Optional[str] = "half_away_from_zero") -> Decimal:
    """Round an exact decimal to `places` (0..18) once."""
    m, s = _to_decimal_parts(value)
    out = _i64()
    check(lib.cz_decimal_round(m, s, places, _mode(rounding), ctypes.byref(out)))
    return _decimal(out.value, places)


def add(a, b) -> Decimal:
    v = _i64()
    check(lib.cz_amount_add(_to_cents(a), _to_cents(b), ctypes.byref(v)))
    return _from_cents(v.value)


def sub(a, b) -> Decimal:
    v = _i64()
    check(lib.cz_amount_sub(_to_cents(a), _to_cents(b), ctypes.byref(v)))
    return _from_cents(v.value)


def _array(values: Sequence) -> ctypes.Array:
    arr = (_i64 * len(values))()
    for i, x in enumerate(values):
        arr[i] = _to_cents(x)
    return arr


def total(amounts: Iterable) -> Decimal:
    """Exact sum; OverflowError_ only if the total leaves the 64-bit range."""
    values = list(amounts)
    arr = _array(values)
    v = _i64()
    check(lib.cz_amount_sum(arr, len(values), ctypes.byref(v)))
    return _from_cents(v.value)


def multiply(amount, factor, rounding: str = "half_away_from_zero") -> Decimal:
    m, s = _to_decimal_parts(factor)
    v = _i64()
    check(lib.cz_amount_mul_decimal(_to_cents(amount), m, s, _mode(rounding, False), ctypes.byref(v)))
    return _from_cents(v.value)


def divide(amount, divisor, rounding: str = "half_away_from_zero") -> Decimal:
    m, s = _to_decimal_parts(divisor)
    v = _i64()
    check(lib.cz_amount_div_decimal(_to_cents(amount), m, s, _mode(rounding, False), ctypes.byref(v)))
    return _from_cents(v.value)


def multiply_divide(amount, b, c, rounding: str = "half_away_from_zero") -> Decimal:
    """amount × b ÷ c, exact before one rounding to two places."""
    bm, bs = _to_decimal_parts(b)
    cm, cs = _to_decimal_parts(c)
    v = _i64()
    check(lib.cz_amount_mul_div(_to_cents(amount), bm, bs, cm, cs, _mode(rounding, False), ctypes.byref(v)))
    return _from_cents(v.value)


def parse_decimal(text: str) -> Decimal:
    m, s = _i64(), _i32()
    check(lib.cz_decimal_parse(text.encode("utf-8"), ctypes.byref(m), ctypes.byref(s)))
    return _decimal(m.value, s.value)


def parse_quantity(text: str) -> tuple:
    """"12.5万元" → (Decimal('12.5'), '万元')."""
    m, s, u = _i64(), _i32(), _i32()
    check(lib.cz_quantity_parse(text.encode("utf-8"), ctypes.byref(m), ctypes.byref(s), ctypes.byref(u)))
    return _decimal(m.value, s.value), _UNIT_NAMES[u.value]


def parse_percent(text: str) -> Decimal:
    """"95.39%" → Decimal('95.39'), keeping the places written."""
    m, s = _i64(), _i32()
    check(lib.cz_percent_parse(text.encode("utf-8"), ctypes.byref(m), ctypes.byref(s)))
    return _decimal(m.value, s.value)


def _percent(kind: int, a, b, places: int, rounding: str) -> Decimal:
    out = _i64()
    check(lib.cz_percent(kind, _to_cents(a), _to_cents(b), places, _mode(rounding, False), ctypes.byref(out)))
    return _decimal(out.value, places)


def share(part, whole, places: int = 2, rounding: str = "half_away_from_zero") -> Decimal:
    """part / whole × 100, exact then rounded once (占比)."""
    return _percent(0, part, whole, places, rounding)


def change_rate(current, previous, places: int = 2, rounding: str = "half_away_from_zero") -> Decimal:
    """(current − previous) / previous × 100 (增减率); DivisionByZero on a zero base."""
    return _percent(1, current, previous, places, rounding)


def completion_rate(actual, budget, places: int = 2, rounding: str = "half_away_from_zero") -> Decimal:
    """actual / budget × 100 (完成率)."""
    return _percent(2, actual, budget, places, rounding)


_KINDS = {"share": 0, "change": 1, "completion": 2}


def check_percent(kind: str, a, b, claim: str) -> tuple:
    """Check a published claim ("95.39%", "101%") at its own precision: (matches, expected)."""
    ok, m, s = _i32(), _i64(), _i32()
    check(lib.cz_percent_check(_KINDS[kind], _to_cents(a), _to_cents(b), claim.encode("utf-8"),
                               ctypes.byref(ok), ctypes.byref(m), ctypes.byref(s)))
    return bool(ok.value), _decimal(m.value, s.value)


@dataclass(frozen=True)
class TailCheck:
    verdict: str          # "exact", "tail_difference" or "mismatch"
    difference: Decimal   # stated total − Σ parts
    bound: Decimal        # ⌊n/2⌋ × 0.01


_VERDICTS = {0: "exact", 1: "tail_difference", 2: "mismatch"}


def compare_total(stated_total, parts: Sequence, count_zero_parts: bool = False) -> TailCheck:
    """Is the gap between a stated total and Σ rounded parts a 尾数误差 or a real error?"""
    values = list(parts)
    arr = _array(values)
    verdict, diff, bound = _i32(), _i64(), _i64()
    check(lib.cz_tail_compare(_to_cents(stated_total), arr, len(values), 1 if count_zero_parts else 0,
                              ctypes.byref(verdict), ctypes.byref(diff), ctypes.byref(bound)))
    return TailCheck(_VERDICTS[verdict.value], _from_cents(diff.value), _from_cents(bound.value))


def apportion(exact: Sequence, from_unit: str = "元", to_unit: str = "万元") -> List[Decimal]:
    """Largest-remainder rounding: parts that add up to the rounded total."""
    values = list(exact)
    arr = _array(values)
    out = (_i64 * max(1, len(values)))()
    check(lib.cz_apportion(arr, len(values), _unit(from_unit), _unit(to_unit), out))
    return [_from_cents(out[i]) for i in range(len(values))]
