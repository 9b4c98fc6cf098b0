"""绩效自评 scoring over the C API: execution rate, indicator formulas, target/actual parsing,
grades, scoring profiles, and the review of a report's 绩效 annex.

Numbers are decimal.Decimal (never float); scores come back with two places. Formulas,
policies and their sources: docs/scoring.md.
"""
from __future__ import annotations

import ctypes
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, List, Optional, Union

from ._native import check, declare, lib, take_string
from .money import _decimal, _from_cents, _to_decimal_parts

__all__ = [
    "RATE_POLICIES", "REVERSE_FORMULAS", "Profile", "IndicatorValue", "ExecutionScore", "IndicatorScore",
    "parse_indicator", "execution_score", "indicator_formula", "score_indicator", "grade", "tier",
    "review_text", "review_report", "profile_names",
]

_i64, _i32, _p64, _p32 = ctypes.c_int64, ctypes.c_int32, ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_int32)
_cp, _vp, _pp = ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)

declare("cz_scoring_profile_builtin", _cp, _pp)
declare("cz_scoring_profile_names", _pp)
declare("cz_scoring_profile_from_json", _cp, _pp)
declare("cz_scoring_profile_to_json", _vp, _i32, _pp)
lib.cz_scoring_profile_free.restype = None
lib.cz_scoring_profile_free.argtypes = [_vp]
declare("cz_indicator_parse", _cp, _p32, _p32, _p32, _p64, _p32, _pp, _pp)
declare("cz_execution_score", _i64, _i32, _i64, _i32, _i64, _i32, _i32, _i32, _i32, _p32, _p32, _p64, _p64, _p32)
declare("cz_indicator_formula", _i32, _i32, _i64, _i32, _i64, _i32, _i64, _i32, _p64)
declare("cz_indicator_score", _cp, _cp, _i64, _i32, _vp, _p32, _p32, _p64, _p32, _pp)
declare("cz_grade", _i64, _i32, _vp, _p32)
declare("cz_tier", _i64, _i32, _i64, _i32, _vp, _p32)
declare("cz_performance_review_text", _cp, _i64, _vp, _i32, _pp)
declare("cz_performance_review", _vp, _vp, _i32, _pp)

RATE_POLICIES = {"exact": 0, "percent_2dp": 1, "floor_whole_percent": 2}
REVERSE_FORMULAS = {"linear": 0, "ratio": 1}
_ZERO_BUDGET = {"undefined": 0, "score_zero": 1}
_COMPARISONS = ["none", "at_least", "at_most", "equal", "greater", "less"]
_KINDS = ["number", "qualitative", "not_computable", "empty"]
_METHODS = ["positive", "reverse", "equal", "qualitative", "unverifiable"]
_TIERS = ["achieved", "partial", "not_achieved"]
_GRADES = ["excellent", "good", "fair", "poor"]
GRADE_ZH = {"excellent": "优", "good": "良", "fair": "中", "poor": "差"}


def _text(s: str) -> bytes:
    if not isinstance(s, str):
        raise TypeError("text must be str")
    return s.encode("utf-8")


def _string_out(p: ctypes.c_void_p) -> str:
    return take_string(p) if p.value else ""


class Profile:
    """A scoring profile (docs/scoring.md). Profile.builtin("central") or Profile.from_json(...)."""

    def __init__(self, handle: ctypes.c_void_p, owned: bool):
        self._h = handle
        self._owned = owned

    @classmethod
    def builtin(cls, name: str = "central") -> "Profile":
        h = _vp()
        check(lib.cz_scoring_profile_builtin(_text(name), ctypes.byref(h)))
        return cls(h, False)

    @classmethod
    def from_json(cls, text: Union[str, Dict[str, Any]]) -> "Profile":
        if isinstance(text, dict):
            text = json.dumps(text, ensure_ascii=False)
        h = _vp()
        check(lib.cz_scoring_profile_from_json(_text(text), ctypes.byref(h)))
        return cls(h, True)

    def to_json(self, pretty: bool = False) -> str:
        out = _vp()
        check(lib.cz_scoring_profile_to_json(self._h, 1 if pretty else 0, ctypes.byref(out)))
        return take_string(out)

    def to_dict(self) -> Dict[str, Any]:
        return json.loads(self.to_json())

    @property
    def name(self) -> str:
        return self.to_dict()["name"]

    def __del__(self):
        if getattr(self, "_owned", False) and self._h:
            lib.cz_scoring_profile_free(self._h)
            self._h = None

    def __repr__(self) -> str:
        return f"Profile({self.name!r})"


def _profile_handle(profile: Optional[Profile]):
    if profile is None:
        return None
    if isinstance(profile, str):
        profile = Profile.builtin(profile)
    return profile._h


def profile_names() -> List[str]:
    out = _vp()
    check(lib.cz_scoring_profile_names(ctypes.byref(out)))
    return take_string(out).split("\n")


@dataclass(frozen=True)
class IndicatorValue:
    kind: str  # "number", "qualitative", "not_computable", "empty"
    op: str  # "none", "at_least", "at_most", "equal", "greater", "less"
    approximate: bool  # written with 余/多
    number: Optional[Decimal]
    unit: str
    reason: str  # why not a number ("" for numbers)


def parse_indicator(text: str) -> IndicatorValue:
    """Parse a 年度指标值 / 实际完成值 text: "≥2000册", "2000余册", "≤15万元", "95%", "一般"."""
    kind, op, approx, scale = _i32(), _i32(), _i32(), _i32()
    m = _i64()
    unit, reason = _vp(), _vp()
    check(lib.cz_indicator_parse(_text(text), ctypes.byref(kind), ctypes.byref(op), ctypes.byref(approx),
                                 ctypes.byref(m), ctypes.byref(scale), ctypes.byref(unit), ctypes.byref(reason)))
    u, r = _string_out(unit), _string_out(reason)
    k = _KINDS[kind.value]
    return IndicatorValue(k, _COMPARISONS[op.value], bool(approx.value),
                          _decimal(m.value, scale.value) if k == "number" else None, u, r)


@dataclass(frozen=True)
class ExecutionScore:
    defined: bool  # False when 全年预算数 is 0
    score: Optional[Decimal]  # two places; None when undefined (and not score_zero)
    rate: Optional[Decimal]  # exact rate, percent, 4 places (display only)
    capped: bool


def execution_score(budget, executed, weight=Decimal(10), policy: str = "exact", cap: bool = True,
                    zero_budget: str = "undefined") -> ExecutionScore:
    """预算执行率 score: weight × executed / budget under `policy` ("exact", "percent_2dp",
    "floor_whole_percent"), capped at 100 % unless cap=False."""
    b, e, w = _to_decimal_parts(budget), _to_decimal_parts(executed), _to_decimal_parts(weight)
    defined, has, capped = _i32(), _i32(), _i32()
    score, rate = _i64(), _i64()
    check(lib.cz_execution_score(b[0], b[1], e[0], e[1], w[0], w[1], RATE_POLICIES[policy], 1 if cap else 0,
                                 _ZERO_BUDGET[zero_budget], ctypes.byref(defined), ctypes.byref(has),
                                 ctypes.byref(score), ctypes.byref(rate), ctypes.byref(capped)))
    return ExecutionScore(bool(defined.value), _from_cents(score.value) if has.value else None,
                          _decimal(rate.value, 4) if defined.value else None, bool(capped.value))


def indicator_formula(method: str, actual, target, weight, reverse: str = "linear") -> Decimal:
    """A formula alone: method "positive" (正向), "reverse" (反向), "equal" (等于)."""
    a, t, w = _to_decimal_parts(actual), _to_decimal_parts(target), _to_decimal_parts(weight)
    out = _i64()
    check(lib.cz_indicator_formula(_METHODS.index(method), REVERSE_FORMULAS[reverse], a[0], a[1], t[0], t[1],
                                   w[0], w[1], ctypes.byref(out)))
    return _from_cents(out.value)


@dataclass(frozen=True)
class IndicatorScore:
    method: str  # "positive", "reverse", "equal", "qualitative", "unverifiable"
    score: Optional[Decimal]  # None when it cannot be scored
    met: bool
    reason: str


def score_indicator(target: str, actual: str, weight, profile: Optional[Profile] = None) -> IndicatorScore:
    """Score one indicator from its target and actual texts and 分值 (profile: None = central)."""
    w = _to_decimal_parts(weight)
    method, has, met = _i32(), _i32(), _i32()
    score = _i64()
    reason = _vp()
    check(lib.cz_indicator_score(_text(target), _text(actual), w[0], w[1], _profile_handle(profile),
                                 ctypes.byref(method), ctypes.byref(has), ctypes.byref(score), ctypes.byref(met),
                                 ctypes.byref(reason)))
    return IndicatorScore(_METHODS[method.value], _from_cents(score.value) if has.value else None, bool(met.value),
                          _string_out(reason))


def grade(total, profile: Optional[Profile] = None) -> str:
    """"excellent" (优), "good" (良), "fair" (中) or "poor" (差); GRADE_ZH maps to Chinese."""
    t = _to_decimal_parts(total)
    out = _i32()
    check(lib.cz_grade(t[0], t[1], _profile_handle(profile), ctypes.byref(out)))
    return _GRADES[out.value]


def tier(score, weight, profile: Optional[Profile] = None) -> str:
    """Qualitative tier a score implies: "achieved" (达成), "partial", "not_achieved"."""
    s, w = _to_decimal_parts(score), _to_decimal_parts(weight)
    out = _i32()
    check(lib.cz_tier(s[0], s[1], w[0], w[1], _profile_handle(profile), ctypes.byref(out)))
    return _TIERS[out.value]


_DECIMAL_KEYS = {"exact_rate", "rate", "score", "excess", "achievement", "number", "weight", "published_score",
                 "published_total", "published_sum", "recomputed_total", "expected", "found", "difference",
                 "bound", "spending", "staff_control_rate", "staff_control_printed", "three_public_change_rate",
                 "three_public_control_rate"}


def _convert(obj):
    """The review JSON with every decimal string of the schema turned into Decimal."""
    if isinstance(obj, dict):
        return {k: (Decimal(v) if k in _DECIMAL_KEYS and isinstance(v, str) else _convert(v)) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_convert(v) for v in obj]
    return obj


def review_text(text: Union[str, bytes], profile: Optional[Profile] = None) -> Dict[str, Any]:
    """Import a report from its text and review its 绩效 annex. Returns the review as a dict
    (docs/scoring.md) with decimals as Decimal: projects, claims, overall, findings."""
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    out = _vp()
    check(lib.cz_performance_review_text(data, len(data), _profile_handle(profile), 0, ctypes.byref(out)))
    return _convert(json.loads(take_string(out)))


def review_report(report, profile: Optional[Profile] = None) -> Dict[str, Any]:
    """The same for a caizheng.Report already loaded."""
    out = _vp()
    check(lib.cz_performance_review(report._h, _profile_handle(profile), 0, ctypes.byref(out)))
    return _convert(json.loads(take_string(out)))
