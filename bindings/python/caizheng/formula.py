"""Audit formulas (审核公式): check a formula or a rules text before giving it to the
reconciliation (language: docs/formulas.md)."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Optional

from ._native import check, declare, lib, take_string

__all__ = ["FormulaError", "check_formula", "check_formula_rules", "builtin_formula_rules"]

_i32, _i64 = ctypes.c_int32, ctypes.c_int64
_p32, _p64 = ctypes.POINTER(ctypes.c_int32), ctypes.POINTER(ctypes.c_int64)
_cp, _pp = ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)

declare("cz_formula_check", _cp, _p32, _p64, _p32, _pp)
declare("cz_formula_rules_check", _cp, _p32, _p64, _p64, _p32, _pp)
declare("cz_formula_builtin_rules", _pp)


@dataclass(frozen=True)
class FormulaError:
    """Why a formula or rules text does not parse. position: byte offset in the UTF-8 text;
    line (rules texts; 1 for a formula) and column: 1-based, counted in characters."""

    message: str
    position: int
    line: int
    column: int


def check_formula(text: str) -> Optional[FormulaError]:
    """None when `text` is a valid formula, else the error with its position."""
    valid, pos, col, msg = _i32(), _i64(), _i32(), ctypes.c_void_p()
    check(lib.cz_formula_check(text.encode("utf-8"), ctypes.byref(valid), ctypes.byref(pos),
                               ctypes.byref(col), ctypes.byref(msg)))
    if valid.value:
        return None
    return FormulaError(take_string(msg), pos.value, 1, col.value)


def check_formula_rules(text: str) -> Optional[FormulaError]:
    """None when `text` is a valid rules text, else the error (line and column in the text)."""
    valid, count, line, col, msg = _i32(), _i64(), _i64(), _i32(), ctypes.c_void_p()
    check(lib.cz_formula_rules_check(text.encode("utf-8"), ctypes.byref(valid), ctypes.byref(count),
                                     ctypes.byref(line), ctypes.byref(col), ctypes.byref(msg)))
    if valid.value:
        return None
    encoded = text.encode("utf-8")
    # Byte offset of (line, column): recomputed from the text for convenience.
    start = 0
    for _ in range(line.value - 1):
        start = encoded.index(b"\n", start) + 1
    prefix = encoded[start:].decode("utf-8", "replace")[: col.value - 1]
    return FormulaError(take_string(msg), start + len(prefix.encode("utf-8")), line.value, col.value)


def builtin_formula_rules() -> str:
    """The built-in rules text (data/rules/builtin.formulas as embedded in the library)."""
    out = ctypes.c_void_p()
    check(lib.cz_formula_builtin_rules(ctypes.byref(out)))
    return take_string(out)
