"""Classification catalogs (政府收支分类科目) over the C API.

    cat = Catalog.embedded("functional", 2024)        # the embedded, PARTIAL 2024 catalog
    cat["2010301"].name                               # '行政运行'
    cat.path_name("2010301")                          # '一般公共服务（类）…行政运行（项）'
    cat.check_name("2101101", "事业单位医疗")          # NameCheck(verdict=MISMATCH, expected='行政单位医疗')
    official = Catalog.load_csv_file("2024.csv", tree="functional", year=2024)
    both = Catalog.load_csv_file("extra.csv", base=cat)   # on top of the embedded rows

Catalogs are immutable and may be shared between threads. Amounts are decimal.Decimal.
"""
from __future__ import annotations

import ctypes
import enum
import json
from dataclasses import dataclass, field
from decimal import Decimal
from os import PathLike, fspath
from typing import Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

from ._native import CaizhengError, check, declare, lib, take_string
from .money import _from_cents, _to_cents

__all__ = [
    "Tree", "Level", "CodeStatus", "Verdict", "Item", "NameCheck", "CatalogDiff", "CatalogError",
    "Catalog", "parent_code", "roll_up", "government_for", "departments_for",
]

_i32, _i64 = ctypes.c_int32, ctypes.c_int64
_p32, _p64 = ctypes.POINTER(ctypes.c_int32), ctypes.POINTER(ctypes.c_int64)
_cp, _vp, _pp = ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)

declare("cz_catalog_embedded", _i32, _i32, _pp)
declare("cz_catalog_load_csv", _cp, _i64, _i32, _i32, _i32, _vp, _pp)
declare("cz_catalog_load_csv_file", _cp, _i32, _i32, _i32, _vp, _pp)
declare("cz_catalog_info", _vp, _p32, _p32, _p32, _p64)
declare("cz_catalog_count", _vp, _i32, _p64)
declare("cz_catalog_lookup", _vp, _cp, _p32, _p32, _pp)
declare("cz_catalog_at", _vp, _i64, _pp, _pp, _p32)
declare("cz_catalog_subtree_range", _vp, _cp, _p64, _p64)
declare("cz_catalog_children", _vp, _cp, _pp)
declare("cz_code_parent", _i32, _cp, _pp)
declare("cz_catalog_path_name", _vp, _cp, _i32, _pp)
declare("cz_catalog_match_path", _vp, _cp, _cp, _p32, _pp)
declare("cz_catalog_resolve_path", _vp, _cp, _pp)
declare("cz_catalog_find_by_name", _vp, _cp, _pp)
declare("cz_catalog_find_containing", _vp, _cp, _pp)
declare("cz_catalog_check_name", _vp, _cp, _cp, _p32, _pp)
declare("cz_catalog_compare", _vp, _vp, _pp)
declare("cz_economic_government_for", _i32, _cp, _pp)
declare("cz_economic_departments_for", _i32, _cp, _pp)
declare("cz_classification_roll_up", _i32, ctypes.POINTER(_cp), _p64, _i64, _pp)
lib.cz_catalog_free.restype = None
lib.cz_catalog_free.argtypes = [_vp]

_FROM_FILE = -1


class Tree(enum.IntEnum):
    FUNCTIONAL = 0           #: 支出功能分类
    ECONOMIC_DEPARTMENT = 1  #: 部门预算支出经济分类
    ECONOMIC_GOVERNMENT = 2  #: 政府预算支出经济分类
    REVENUE = 3              #: 收入分类


class Level(enum.IntEnum):
    LEI = 1    #: 类
    KUAN = 2   #: 款
    XIANG = 3  #: 项

    @property
    def label(self) -> str:
        return "类款项"[self - 1]


class CodeStatus(enum.IntEnum):
    KNOWN = 0
    MALFORMED = 1
    UNKNOWN = 2  #: well-formed, not in this catalog


class Verdict(enum.IntEnum):
    MATCH = 0
    MISMATCH = 1
    CANNOT_VERIFY = 2   #: the (partial) catalog lacks a row needed to decide
    UNKNOWN_CODE = 3    #: a catalog claiming completeness lacks the code
    MALFORMED_CODE = 4


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    level: Level


@dataclass(frozen=True)
class NameCheck:
    verdict: Verdict
    expected: str  #: the catalog's name or path ("" when unknown)

    def __bool__(self) -> bool:
        return self.verdict == Verdict.MATCH


@dataclass
class CatalogDiff:
    added: List[Item] = field(default_factory=list)
    removed: List[Item] = field(default_factory=list)
    renamed: List[Tuple[str, str, str]] = field(default_factory=list)  #: (code, old, new)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.renamed)


class CatalogError(CaizhengError, ValueError):
    """A catalog file was rejected; `problems` lists "line N: …" messages (every problem)."""

    @property
    def problems(self) -> List[str]:
        return [l.strip() for l in str(self).split("\n")[1:] if l.strip()]


def _tree(t: Union[str, int, Tree]) -> int:
    if isinstance(t, str):
        try:
            return Tree[t.upper()].value
        except KeyError:
            raise ValueError(f"unknown tree {t!r}; use {[x.name.lower() for x in Tree]}") from None
    return int(Tree(t))


def _enc(s: str) -> bytes:
    if not isinstance(s, str):
        raise TypeError(f"expected str, got {type(s).__name__}")
    return s.encode("utf-8")


def _out() -> ctypes.c_void_p:
    return ctypes.c_void_p()


def _codes(ptr: ctypes.c_void_p) -> List[str]:
    s = take_string(ptr)
    return s.split("\n") if s else []


def _check_load(status: int) -> None:
    try:
        check(status)
    except CaizhengError as e:
        if e.status in (2, 8):  # CZ_ERR_PARSE, CZ_ERR_INCONSISTENT
            raise CatalogError(e.status, str(e)) from None
        raise


class Catalog:
    """One classification tree for one year. Immutable; iterate for the rows in code order."""

    __slots__ = ("_h", "_owned", "__weakref__")

    def __init__(self, handle: int, owned: bool):
        self._h = ctypes.c_void_p(handle)
        self._owned = owned

    def __del__(self):
        if getattr(self, "_owned", False) and self._h:
            lib.cz_catalog_free(self._h)
            self._owned = False

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def embedded(cls, tree: Union[str, int, Tree] = "functional", year: int = 2024) -> "Catalog":
        """The embedded catalog (shared, never freed). NotFoundError for a year not embedded."""
        out = _out()
        check(lib.cz_catalog_embedded(_tree(tree), year, ctypes.byref(out)))
        return cls(out.value, owned=False)

    @classmethod
    def load_csv(cls, text: str, tree=None, year: Optional[int] = None, complete: Optional[bool] = None,
                 base: Optional["Catalog"] = None) -> "Catalog":
        """Load CSV text (docs/classification.md); `base`: load on top of that catalog.
        Raises CatalogError listing every problem with its line number."""
        data = _enc(text)
        out = _out()
        _check_load(lib.cz_catalog_load_csv(
            data, len(data), _FROM_FILE if tree is None else _tree(tree), _FROM_FILE if year is None else year,
            _FROM_FILE if complete is None else int(bool(complete)), base._h if base else None,
            ctypes.byref(out)))
        return cls(out.value, owned=True)

    @classmethod
    def load_csv_file(cls, path: Union[str, PathLike], tree=None, year: Optional[int] = None,
                      complete: Optional[bool] = None, base: Optional["Catalog"] = None) -> "Catalog":
        out = _out()
        _check_load(lib.cz_catalog_load_csv_file(
            _enc(fspath(path)), _FROM_FILE if tree is None else _tree(tree),
            _FROM_FILE if year is None else year, _FROM_FILE if complete is None else int(bool(complete)),
            base._h if base else None, ctypes.byref(out)))
        return cls(out.value, owned=True)

    # -- properties --------------------------------------------------------------------------

    def _info(self):
        t, y, c, n = _i32(), _i32(), _i32(), _i64()
        check(lib.cz_catalog_info(self._h, ctypes.byref(t), ctypes.byref(y), ctypes.byref(c), ctypes.byref(n)))
        return Tree(t.value), y.value, bool(c.value), n.value

    @property
    def tree(self) -> Tree:
        return self._info()[0]

    @property
    def year(self) -> int:
        return self._info()[1]

    @property
    def complete(self) -> bool:
        """Whether the catalog claims to be the complete official list (embedded: False)."""
        return self._info()[2]

    @property
    def counts(self) -> Dict[Level, int]:
        out = {}
        for lv in Level:
            n = _i64()
            check(lib.cz_catalog_count(self._h, lv, ctypes.byref(n)))
            out[lv] = n.value
        return out

    def __len__(self) -> int:
        return self._info()[3]

    def __repr__(self) -> str:
        t, y, c, n = self._info()
        return f"<Catalog {t.name.lower()} {y}: {n} rows, {'complete' if c else 'partial'}>"

    # -- lookups -----------------------------------------------------------------------------

    def _at(self, index: int) -> Item:
        code, name, lv = _out(), _out(), _i32()
        check(lib.cz_catalog_at(self._h, index, ctypes.byref(code), ctypes.byref(name), ctypes.byref(lv)))
        return Item(take_string(code), take_string(name), Level(lv.value))

    def __iter__(self) -> Iterator[Item]:
        for i in range(len(self)):
            yield self._at(i)

    def status(self, code: str) -> CodeStatus:
        st, lv, name = _i32(), _i32(), _out()
        check(lib.cz_catalog_lookup(self._h, _enc(code), ctypes.byref(st), ctypes.byref(lv), None))
        return CodeStatus(st.value)

    def find(self, code: str) -> Optional[Item]:
        """The row of a known code, else None (malformed or unknown: see status())."""
        st, lv, name = _i32(), _i32(), _out()
        check(lib.cz_catalog_lookup(self._h, _enc(code), ctypes.byref(st), ctypes.byref(lv), ctypes.byref(name)))
        if st.value != CodeStatus.KNOWN:
            return None
        return Item(code, take_string(name), Level(lv.value))

    def name(self, code: str) -> Optional[str]:
        it = self.find(code)
        return it.name if it else None

    def __contains__(self, code: str) -> bool:
        return self.status(code) == CodeStatus.KNOWN

    def __getitem__(self, code: str) -> Item:
        it = self.find(code)
        if it is None:
            raise KeyError(code)
        return it

    def _items(self, codes: List[str]) -> List[Item]:
        return [self[c] for c in codes]

    def parent(self, code: str) -> Optional[Item]:
        """The known parent row (None for a 类 or when the catalog lacks it)."""
        p = parent_code(code, self.tree)
        return self.find(p) if p else None

    def children(self, code: str) -> List[Item]:
        out = _out()
        check(lib.cz_catalog_children(self._h, _enc(code), ctypes.byref(out)))
        return self._items(_codes(out))

    def subtree(self, code: str) -> List[Item]:
        """`code` (when known) and every known row below it, in code order."""
        b, e = _i64(), _i64()
        check(lib.cz_catalog_subtree_range(self._h, _enc(code), ctypes.byref(b), ctypes.byref(e)))
        return [self._at(i) for i in range(b.value, e.value)]

    def items(self, level: Optional[Union[int, Level]] = None) -> List[Item]:
        return [it for it in self if level is None or it.level == level]

    def path_name(self, code: str, style: str = "narrative") -> str:
        """"一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）" (narrative: 类 without its
        trailing 支出) or style="catalog" (names as in the catalog). NotFoundError names a missing row."""
        styles = {"narrative": 0, "catalog": 1}
        if style not in styles:
            raise ValueError(f"unknown style {style!r}")
        out = _out()
        check(lib.cz_catalog_path_name(self._h, _enc(code), styles[style], ctypes.byref(out)))
        return take_string(out)

    def match_path(self, code: str, text: str) -> NameCheck:
        """Does a narrative path ("…（类）…（款）…（项）") refer to `code`? Tolerates line breaks,
        half-width brackets, a leading "1、", a trailing "。" and a 类 name with or without 支出."""
        v, out = _i32(), _out()
        check(lib.cz_catalog_match_path(self._h, _enc(code), _enc(text), ctypes.byref(v), ctypes.byref(out)))
        return NameCheck(Verdict(v.value), take_string(out))

    def resolve_path(self, text: str) -> List[Item]:
        out = _out()
        check(lib.cz_catalog_resolve_path(self._h, _enc(text), ctypes.byref(out)))
        return self._items(_codes(out))

    def find_by_name(self, name: str) -> List[Item]:
        out = _out()
        check(lib.cz_catalog_find_by_name(self._h, _enc(name), ctypes.byref(out)))
        return self._items(_codes(out))

    def find_containing(self, fragment: str) -> List[Item]:
        out = _out()
        check(lib.cz_catalog_find_containing(self._h, _enc(fragment), ctypes.byref(out)))
        return self._items(_codes(out))

    def check_name(self, code: str, name: str) -> NameCheck:
        """A report row's code and name against the catalog (whitespace and bracket width ignored)."""
        v, out = _i32(), _out()
        check(lib.cz_catalog_check_name(self._h, _enc(code), _enc(name), ctypes.byref(v), ctypes.byref(out)))
        return NameCheck(Verdict(v.value), take_string(out))

    def compare(self, newer: "Catalog") -> CatalogDiff:
        """Codes added, removed and renamed from this catalog to `newer` (same tree)."""
        out = _out()
        check(lib.cz_catalog_compare(self._h, newer._h, ctypes.byref(out)))
        d = json.loads(take_string(out))
        added = [newer[x["code"]] for x in d["added"]]
        removed = [self[x["code"]] for x in d["removed"]]
        return CatalogDiff(added, removed, [(x["code"], x["old_name"], x["new_name"]) for x in d["renamed"]])


def parent_code(code: str, tree: Union[str, int, Tree] = "functional") -> str:
    """The parent code from the digits ("2010301" → "20103"; a 类 → ""). ParseError if malformed."""
    out = _out()
    check(lib.cz_code_parent(_tree(tree), _enc(code), ctypes.byref(out)))
    return take_string(out)


def roll_up(amounts: Union[Mapping[str, object], Iterable[Tuple[str, object]]],
            tree: Union[str, int, Tree] = "functional") -> Dict[str, Decimal]:
    """Roll amounts keyed by code (项, …) up to 款 and 类, exactly. Returns {code: Decimal} in code
    order, with every input code and every ancestor. Floats are refused."""
    pairs = list(amounts.items()) if isinstance(amounts, Mapping) else list(amounts)
    n = len(pairs)
    codes = (_cp * n)(*[_enc(c) for c, _ in pairs])
    values = (_i64 * n)(*[_to_cents(a) for _, a in pairs])
    out = _out()
    check(lib.cz_classification_roll_up(_tree(tree), codes, values, n, ctypes.byref(out)))
    return {r["code"]: _from_cents(r["amount"]) for r in json.loads(take_string(out))}


def government_for(department_code: str, year: int = 2024) -> Optional[str]:
    """政府预算 款 of a 部门预算 款 ("30101" → "50101"); None when the partial table lacks it."""
    out = _out()
    check(lib.cz_economic_government_for(year, _enc(department_code), ctypes.byref(out)))
    return take_string(out) or None


def departments_for(government_code: str, year: int = 2024) -> List[str]:
    out = _out()
    check(lib.cz_economic_departments_for(year, _enc(government_code), ctypes.byref(out)))
    return _codes(out)
