"""Reconciliation over the C API: everything in a report that does not add up.

    rep = caizheng.Report.from_text_file("2024_tianyuan_data_bureau.txt")
    result = caizheng.reconcile_report(rep)        # or Reconciler().add_rules(text).run(rep)
    for f in result:                               # Finding objects, sorted by severity
        print(f.severity.name, f.rule, f.difference, f.message_en)
    result.root_causes()                           # errors that do not follow from another
    html = result.render("html")                   # self-contained page; "text", "json"

Amounts (expected, found, difference, bound) are decimal.Decimal, never float. A Findings object
is immutable and may be read from several threads; a Reconciler may run on several threads.
"""
from __future__ import annotations

import ctypes
import enum
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, List, Optional, Sequence

from ._native import check, declare, lib, take_string

__all__ = ["Severity", "RuleFamily", "Location", "Finding", "Findings", "Reconciler", "reconcile_report",
           "builtin_rules"]

_i32, _i64 = ctypes.c_int32, ctypes.c_int64
_p32, _p64 = ctypes.POINTER(ctypes.c_int32), ctypes.POINTER(ctypes.c_int64)
_cp, _vp, _pp = ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)

declare("cz_reconciler_new", _pp)
declare("cz_reconciler_add_rules", _vp, _cp)
declare("cz_reconciler_disable_rule", _vp, _cp)
declare("cz_reconciler_set_scoring_profile", _vp, _cp)
declare("cz_reconciler_run", _vp, _vp, _pp)
declare("cz_reconciler_run_batch", _vp, _pp, _i64, _i32, _pp)
declare("cz_findings_count", _vp, _p64)
declare("cz_findings_count_severity", _vp, _i32, _p64)
declare("cz_findings_rules_evaluated", _vp, _p64)
declare("cz_finding_info", _vp, _i64, _pp, _p32, _p32, _p64)
declare("cz_finding_messages", _vp, _i64, _pp, _pp)
declare("cz_finding_figures", _vp, _i64, _pp, _pp, _pp, _pp, _pp)
declare("cz_finding_location_count", _vp, _i64, _p64)
declare("cz_finding_location", _vp, _i64, _i64, _p32, _pp, _pp, _p32, _p32)
declare("cz_findings_render", _vp, _vp, _i32, _i32, _pp)
declare("cz_reconcile_rules_json", _pp)
lib.cz_reconciler_free.restype = None
lib.cz_reconciler_free.argtypes = [_vp]
lib.cz_findings_free.restype = None
lib.cz_findings_free.argtypes = [_vp]


class Severity(enum.IntEnum):
    ERROR = 0
    WARNING = 1
    TAIL_DIFFERENCE = 2
    UNCHECKED = 3
    INFO = 4


class RuleFamily(enum.IntEnum):
    TABLE = 0
    CROSS_TABLE = 1
    CODES = 2
    NARRATIVE = 3
    PERFORMANCE = 4
    USER = 5
    DOCUMENT = 6


_FORMATS = {"text": 0, "json": 1, "html": 2}
_LANGS = {"both": 0, "zh": 1, "en": 2}


def _opt_str(p: ctypes.c_void_p) -> Optional[str]:
    return take_string(p) if p.value else None


def _opt_dec(p: ctypes.c_void_p) -> Optional[Decimal]:
    s = _opt_str(p)
    return Decimal(s) if s is not None else None


@dataclass(frozen=True)
class Location:
    table: Optional[int]  # CZ_TABLE_* / caizheng.report table kind value, None if none
    row: str              # code, "#行次" or name
    row_name: str
    column: int           # 栏次, 0 if none
    line: int             # source line, 0 if none


@dataclass(frozen=True)
class Finding:
    index: int
    rule: str
    severity: Severity
    family: RuleFamily
    cause: Optional[int]  # index of the root cause finding
    message_zh: str
    message_en: str
    expected: Optional[Decimal]
    found: Optional[Decimal]
    difference: Optional[Decimal]
    bound: Optional[Decimal]
    unit: str
    locations: List[Location] = field(default_factory=list)


class Findings(Sequence[Finding]):
    """The result of reconciling one report (read from the C handle once)."""

    def __init__(self, handle: ctypes.c_void_p, report):
        self._h = handle
        self._report = report  # kept alive: rendering draws its tables
        n = _i64()
        check(lib.cz_findings_count(handle, ctypes.byref(n)))
        r = _i64()
        check(lib.cz_findings_rules_evaluated(handle, ctypes.byref(r)))
        self.rules_evaluated = r.value
        self._items = [self._read(i) for i in range(n.value)]

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            lib.cz_findings_free(h)

    def _read(self, i: int) -> Finding:
        h = self._h
        rule, sev, fam, cause = _vp(), _i32(), _i32(), _i64()
        check(lib.cz_finding_info(h, i, ctypes.byref(rule), ctypes.byref(sev), ctypes.byref(fam), ctypes.byref(cause)))
        zh, en = _vp(), _vp()
        check(lib.cz_finding_messages(h, i, ctypes.byref(zh), ctypes.byref(en)))
        e, f, d, b, u = _vp(), _vp(), _vp(), _vp(), _vp()
        check(lib.cz_finding_figures(h, i, ctypes.byref(e), ctypes.byref(f), ctypes.byref(d), ctypes.byref(b),
                                     ctypes.byref(u)))
        nloc = _i64()
        check(lib.cz_finding_location_count(h, i, ctypes.byref(nloc)))
        locs = []
        for k in range(nloc.value):
            t, row, name, col, line = _i32(), _vp(), _vp(), _i32(), _i32()
            check(lib.cz_finding_location(h, i, k, ctypes.byref(t), ctypes.byref(row), ctypes.byref(name),
                                          ctypes.byref(col), ctypes.byref(line)))
            locs.append(Location(None if t.value < 0 else t.value, _opt_str(row) or "", _opt_str(name) or "",
                                 col.value, line.value))
        return Finding(i, take_string(rule), Severity(sev.value), RuleFamily(fam.value),
                       None if cause.value < 0 else cause.value, _opt_str(zh) or "", _opt_str(en) or "",
                       _opt_dec(e), _opt_dec(f), _opt_dec(d), _opt_dec(b), _opt_str(u) or "", locs)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._items)

    def count(self, severity: Severity) -> int:  # type: ignore[override]
        n = _i64()
        check(lib.cz_findings_count_severity(self._h, int(severity), ctypes.byref(n)))
        return n.value

    @property
    def errors(self) -> List[Finding]:
        return [f for f in self._items if f.severity == Severity.ERROR]

    def with_rule(self, rule: str) -> List[Finding]:
        return [f for f in self._items if f.rule == rule]

    def root_causes(self) -> List[Finding]:
        """Errors that do not follow from another finding."""
        return [f for f in self._items if f.severity == Severity.ERROR and f.cause is None]

    def render(self, fmt: str = "text", language: str = "both") -> str:
        """"text", "json" or "html" (a self-contained page); language "both", "zh" or "en"."""
        out = _vp()
        check(lib.cz_findings_render(self._h, self._report._h, _FORMATS[fmt], _LANGS[language], ctypes.byref(out)))
        return take_string(out)


class Reconciler:
    """Built-in rules plus user formula rules (docs/formulas.md)."""

    def __init__(self):
        h = _vp()
        check(lib.cz_reconciler_new(ctypes.byref(h)))
        self._h = h

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            lib.cz_reconciler_free(h)

    def add_rules(self, text: str) -> "Reconciler":
        """Add rules in the rules format; ParseError (line and column in the message) if bad."""
        check(lib.cz_reconciler_add_rules(self._h, text.encode("utf-8")))
        return self

    def disable(self, rule_id: str) -> "Reconciler":
        """Do not run a rule id, or a prefix ending in '*'."""
        check(lib.cz_reconciler_disable_rule(self._h, rule_id.encode("utf-8")))
        return self

    def scoring_profile(self, name: str) -> "Reconciler":
        check(lib.cz_reconciler_set_scoring_profile(self._h, name.encode("utf-8")))
        return self

    def run(self, report) -> Findings:
        out = _vp()
        check(lib.cz_reconciler_run(self._h, report._h, ctypes.byref(out)))
        return Findings(out, report)

    def run_batch(self, reports, threads: int = 0) -> List[Findings]:
        """Reconcile many reports on `threads` threads (0 = all cores)."""
        reports = list(reports)
        arr = (_vp * max(1, len(reports)))(*[r._h.value if hasattr(r._h, "value") else r._h for r in reports])
        outs = (_vp * max(1, len(reports)))()
        check(lib.cz_reconciler_run_batch(self._h, ctypes.cast(arr, _pp), len(reports), threads,
                                          ctypes.cast(outs, _pp)))
        return [Findings(_vp(outs[i]), reports[i]) for i in range(len(reports))]


def reconcile_report(report) -> Findings:
    """Reconcile a report with every built-in rule."""
    return Reconciler().run(report)


def builtin_rules() -> list:
    """The rule catalog: dicts with id, family, severity, description_zh/en, check, is_formula."""
    out = _vp()
    check(lib.cz_reconcile_rules_json(ctypes.byref(out)))
    return json.loads(take_string(out))
