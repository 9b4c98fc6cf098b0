"""Reports (部门决算公开) over the C API: import from text or JSON, walk, build, export.

Amounts are decimal.Decimal with two places in the table's unit ("万元" or "元"); an empty
cell is None (not Decimal("0.00")). Table kinds, sides, roles and column ids are the stable
English names of docs/report-schema.md ("income_expenditure_total", "expenditure", ...).
"""
from __future__ import annotations

import ctypes
import json as _json
import os
from dataclasses import dataclass
from decimal import Decimal
from typing import Dict, List, Optional, Tuple, Union

from ._native import check, declare, lib, take_string

__all__ = ["Report", "Table", "Row", "Column", "Cell", "ImportWarning", "Section", "TABLE_KINDS",
           "COLUMN_IDS", "import_report", "load_report_json", "pdf_supported"]

TABLE_KINDS = ["income_expenditure_total", "income", "expenditure", "fiscal_total",
               "general_budget_expenditure", "basic_expenditure_detail", "government_fund",
               "state_capital", "three_public"]
SIDES = ["none", "income", "expenditure", "budget", "actual"]
ROLES = ["item", "total", "subtotal", "grand_total", "blank"]
COLUMN_IDS = ["other", "amount", "income_amount", "expenditure_amount", "total_income",
              "fiscal_appropriation_income", "superior_subsidy_income", "business_income",
              "operating_income", "affiliated_remittance_income", "other_income",
              "total_expenditure", "basic_expenditure", "project_expenditure",
              "remittance_to_superior", "operating_expenditure", "subsidy_to_affiliated", "total",
              "general_budget", "government_fund", "state_capital", "subtotal", "opening_balance",
              "current_income", "closing_balance", "overseas_travel", "vehicle_total",
              "vehicle_purchase", "vehicle_operation", "official_reception"]
WARNING_KINDS = ["unplaced_line", "bad_amount", "malformed_code", "missing_table", "column_count",
                 "duplicate_table", "unit", "metadata", "limit", "encoding", "annex"]
_UNITS = {"元": 0, "yuan": 0, "万元": 1, "wan_yuan": 1, "亿元": 2, "yi_yuan": 2}
_UNIT_NAMES = {0: "元", 1: "万元", 2: "亿元"}

_i64, _i32, _p64, _p32 = ctypes.c_int64, ctypes.c_int32, ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_int32)
_cp, _vp, _pp = ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)
_ph = ctypes.POINTER(ctypes.c_void_p)

declare("cz_report_new", _ph)
declare("cz_report_import_text", _cp, _i64, _ph)
declare("cz_report_import_text_file", _cp, _ph)
declare("cz_report_import_pdf", _cp, _i64, _ph)
declare("cz_report_import_pdf_file", _cp, _ph)
declare("cz_pdf_supported", _p32)
declare("cz_report_cell_box", _vp, _i64, _i64, _i64, _p32, _p32, _p64, _p64, _p64, _p64)
declare("cz_report_from_json", _cp, _i64, _ph)
declare("cz_report_from_json_file", _cp, _ph)
declare("cz_report_to_json", _vp, _i32, _pp)
lib.cz_report_free.restype = None
lib.cz_report_free.argtypes = [_vp]
declare("cz_report_metadata", _vp, _pp, _p32, _p32)
declare("cz_report_set_metadata", _vp, _cp, _i32, _i32)
declare("cz_report_table_count", _vp, _p64)
declare("cz_report_find_table", _vp, _i32, _p64)
declare("cz_report_table_info", _vp, _i64, _p32, _p32, _p64, _p64, _p32)
declare("cz_report_table_title", _vp, _i64, _pp, _pp)
declare("cz_report_column", _vp, _i64, _i64, _p32, _p32, _p32, _pp)
declare("cz_report_row", _vp, _i64, _i64, _p32, _p32, _p32, _pp, _pp, _p32)
declare("cz_report_cell", _vp, _i64, _i64, _i64, _p64, _p32, _pp, _p32, _p32)
declare("cz_report_add_table", _vp, _i32, _i32, _p64)
declare("cz_report_add_row", _vp, _i64, _i32, _cp, _cp, _i32, _p64)
declare("cz_report_set_cell_text", _vp, _i64, _i64, _i64, _cp)
declare("cz_report_set_cell", _vp, _i64, _i64, _i64, _i64, _i32)
declare("cz_report_validate", _vp, _pp)
declare("cz_report_warning_count", _vp, _p64)
declare("cz_report_warning", _vp, _i64, _p32, _p32, _pp, _pp)
declare("cz_report_missing_tables", _vp, _p32)
declare("cz_report_section_count", _vp, _p64)
declare("cz_report_section", _vp, _i64, _p32, _pp, _p64)
declare("cz_report_paragraph", _vp, _i64, _i64, _pp, _p32)

_CENT = Decimal("0.01")


def _s(p: ctypes.c_void_p) -> str:
    return take_string(p)


@dataclass(frozen=True)
class Cell:
    """value: Decimal in the table unit, None when empty; text as printed; source line/field."""
    value: Optional[Decimal]
    text: str
    line: int
    field: int


@dataclass(frozen=True)
class Column:
    id: str
    number: int
    side: str
    label: str


@dataclass(frozen=True)
class Row:
    side: str
    role: str
    line_number: Optional[int]
    code: str
    name: str
    source_line: int
    cells: List[Cell]


@dataclass(frozen=True)
class ImportWarning:
    kind: str
    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    paragraphs: List[str]
    lines: List[int]


class Table:
    """A view of one table of a Report (by index); reads go to the C library each time."""

    def __init__(self, report: "Report", index: int):
        self._report = report
        self.index = index

    def _info(self):
        kind, unit, no_data = _i32(), _i32(), _i32()
        rows, cols = _i64(), _i64()
        check(lib.cz_report_table_info(self._report._h, self.index, ctypes.byref(kind), ctypes.byref(unit),
                                       ctypes.byref(rows), ctypes.byref(cols), ctypes.byref(no_data)))
        return kind.value, unit.value, rows.value, cols.value, no_data.value

    @property
    def kind(self) -> str:
        return TABLE_KINDS[self._info()[0]]

    @property
    def unit(self) -> str:
        return _UNIT_NAMES[self._info()[1]]

    @property
    def no_data(self) -> bool:
        """True when the document says the table is legitimately empty (本表无数据)."""
        return bool(self._info()[4])

    @property
    def title(self) -> str:
        t = _vp()
        check(lib.cz_report_table_title(self._report._h, self.index, ctypes.byref(t), None))
        return _s(t)

    @property
    def number(self) -> str:
        n = _vp()
        check(lib.cz_report_table_title(self._report._h, self.index, None, ctypes.byref(n)))
        return _s(n)

    @property
    def columns(self) -> List[Column]:
        out = []
        for c in range(self._info()[3]):
            cid, num, side = _i32(), _i32(), _i32()
            label = _vp()
            check(lib.cz_report_column(self._report._h, self.index, c, ctypes.byref(cid), ctypes.byref(num),
                                       ctypes.byref(side), ctypes.byref(label)))
            out.append(Column(COLUMN_IDS[cid.value], num.value, SIDES[side.value], _s(label)))
        return out

    def cell(self, row: int, column: int) -> Cell:
        value, empty, line, field = _i64(), _i32(), _i32(), _i32()
        text = _vp()
        check(lib.cz_report_cell(self._report._h, self.index, row, column, ctypes.byref(value), ctypes.byref(empty),
                                 ctypes.byref(text), ctypes.byref(line), ctypes.byref(field)))
        v = None if empty.value else (Decimal(value.value) * _CENT).quantize(_CENT)
        return Cell(v, _s(text), line.value, field.value)

    def cell_box(self, row: int, column: int) -> Optional[Tuple[int, int, int, int, int]]:
        """Where the cell is printed in the PDF it was imported from: (page, x0, y0, x1, y1),
        page 1-based, coordinates in hundredths of a point from the top-left corner, y down;
        None when the report was not imported from a PDF or the cell is not printed."""
        has, page = _i32(), _i32()
        x0, y0, x1, y1 = _i64(), _i64(), _i64(), _i64()
        check(lib.cz_report_cell_box(self._report._h, self.index, row, column, ctypes.byref(has), ctypes.byref(page),
                                     ctypes.byref(x0), ctypes.byref(y0), ctypes.byref(x1), ctypes.byref(y1)))
        return (page.value, x0.value, y0.value, x1.value, y1.value) if has.value else None

    def row(self, index: int) -> Row:
        side, role, ln, src = _i32(), _i32(), _i32(), _i32()
        code, name = _vp(), _vp()
        check(lib.cz_report_row(self._report._h, self.index, index, ctypes.byref(side), ctypes.byref(role),
                                ctypes.byref(ln), ctypes.byref(code), ctypes.byref(name), ctypes.byref(src)))
        ncols = self._info()[3]
        cells = [self.cell(index, c) for c in range(ncols)]
        return Row(SIDES[side.value], ROLES[role.value], None if ln.value < 0 else ln.value, _s(code), _s(name),
                   src.value, cells)

    @property
    def rows(self) -> List[Row]:
        return [self.row(i) for i in range(self._info()[2])]

    def find_code(self, code: str) -> Optional[Row]:
        for r in self.rows:
            if r.code == code:
                return r
        return None

    def value(self, row: Row, column_id: str) -> Optional[Decimal]:
        """The value of `row` in the column with this id (and the row's side)."""
        for i, c in enumerate(self.columns):
            if c.id == column_id and c.side in ("none", row.side):
                return row.cells[i].value
        raise KeyError(f"no column {column_id!r} for side {row.side!r} in {self.title}")

    # building
    def add_row(self, name: str, code: str = "", side: str = "none", line_number: Optional[int] = None) -> int:
        """Append a row with empty cells; returns its index."""
        out = _i64()
        check(lib.cz_report_add_row(self._report._h, self.index, SIDES.index(side), code.encode("utf-8"),
                                    name.encode("utf-8"), -1 if line_number is None else line_number,
                                    ctypes.byref(out)))
        return out.value

    def set_cell(self, row: int, column: int, value: Union[Decimal, str, None]) -> None:
        """Set a cell from a Decimal (exactly two places or fewer), printed text, or None (empty)."""
        if value is None:
            check(lib.cz_report_set_cell(self._report._h, self.index, row, column, 0, 1))
        elif isinstance(value, str):
            check(lib.cz_report_set_cell_text(self._report._h, self.index, row, column, value.encode("utf-8")))
        elif isinstance(value, Decimal):
            check(lib.cz_report_set_cell_text(self._report._h, self.index, row, column, str(value).encode("utf-8")))
        else:
            raise TypeError("cell values are Decimal, str or None — never float")


class Report:
    """One 部门决算公开. Create with Report.from_text / from_json / Report() (empty)."""

    def __init__(self, _handle: Optional[ctypes.c_void_p] = None):
        if _handle is None:
            _handle = _vp()
            check(lib.cz_report_new(ctypes.byref(_handle)))
        self._h = _handle

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            lib.cz_report_free(h)
            self._h = None

    def close(self) -> None:
        self.__del__()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # loading
    @classmethod
    def _from_memory(cls, load, data: Union[str, bytes, bytearray]) -> "Report":
        """A report from `load(data, size, &handle)` (text is sent as UTF-8)."""
        data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        h = _vp()
        check(load(data, len(data), ctypes.byref(h)))
        return cls(h)

    @classmethod
    def _from_file(cls, load, path: Union[str, "os.PathLike[str]"]) -> "Report":
        """A report from `load(path, &handle)`."""
        h = _vp()
        check(load(os.fspath(path).encode("utf-8"), ctypes.byref(h)))
        return cls(h)

    @classmethod
    def from_text(cls, text: Union[str, bytes]) -> "Report":
        return cls._from_memory(lib.cz_report_import_text, text)

    @classmethod
    def from_text_file(cls, path: str) -> "Report":
        return cls._from_file(lib.cz_report_import_text_file, path)

    @classmethod
    def from_pdf(cls, source: Union[str, bytes, bytearray, "os.PathLike[str]"]) -> "Report":
        """Import a published PDF: a path (str or PathLike) or the PDF's bytes. Every cell keeps
        its page and box (Table.cell_box). Raises caizheng.CaizhengError: unsupported when built without
        PDF support or for a scanned PDF (no text layer), parse for not-a-PDF, damaged or
        password-protected files, invalid_argument beyond 256 MiB or 1000 pages."""
        if isinstance(source, (bytes, bytearray)):
            return cls._from_memory(lib.cz_report_import_pdf, source)
        return cls._from_file(lib.cz_report_import_pdf_file, source)

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> "Report":
        return cls._from_memory(lib.cz_report_from_json, text)

    @classmethod
    def from_json_file(cls, path: str) -> "Report":
        return cls._from_file(lib.cz_report_from_json_file, path)

    def to_json(self, pretty: bool = False) -> str:
        out = _vp()
        check(lib.cz_report_to_json(self._h, 1 if pretty else 0, ctypes.byref(out)))
        return _s(out)

    def to_dict(self) -> Dict:
        """The JSON as Python objects (amounts stay strings; convert with Decimal)."""
        return _json.loads(self.to_json())

    # metadata
    def _meta(self):
        d, y, u = _vp(), _i32(), _i32()
        check(lib.cz_report_metadata(self._h, ctypes.byref(d), ctypes.byref(y), ctypes.byref(u)))
        return _s(d), y.value, u.value

    @property
    def department(self) -> str:
        return self._meta()[0]

    @property
    def year(self) -> int:
        return self._meta()[1]

    @property
    def unit(self) -> str:
        return _UNIT_NAMES[self._meta()[2]]

    def set_metadata(self, department: str, year: int, unit: str = "万元") -> None:
        check(lib.cz_report_set_metadata(self._h, department.encode("utf-8"), year, _UNITS[unit]))

    # tables
    @property
    def tables(self) -> List[Table]:
        n = _i64()
        check(lib.cz_report_table_count(self._h, ctypes.byref(n)))
        return [Table(self, i) for i in range(n.value)]

    def table(self, kind: str) -> Optional[Table]:
        out = _i64()
        status = lib.cz_report_find_table(self._h, TABLE_KINDS.index(kind), ctypes.byref(out))
        if status == 6:  # not found
            return None
        check(status)
        return Table(self, out.value)

    @property
    def missing_tables(self) -> List[str]:
        mask = _i32()
        check(lib.cz_report_missing_tables(self._h, ctypes.byref(mask)))
        return [k for i, k in enumerate(TABLE_KINDS) if mask.value & (1 << i)]

    def add_table(self, kind: str, unit: str = "万元") -> Table:
        out = _i64()
        check(lib.cz_report_add_table(self._h, TABLE_KINDS.index(kind), _UNITS[unit], ctypes.byref(out)))
        return Table(self, out.value)

    def validate(self) -> List[str]:
        out = _vp()
        check(lib.cz_report_validate(self._h, ctypes.byref(out)))
        s = _s(out)
        return s.split("\n") if s else []

    # warnings and narrative
    @property
    def warnings(self) -> List[ImportWarning]:
        n = _i64()
        check(lib.cz_report_warning_count(self._h, ctypes.byref(n)))
        out = []
        for i in range(n.value):
            k, line = _i32(), _i32()
            text, reason = _vp(), _vp()
            check(lib.cz_report_warning(self._h, i, ctypes.byref(k), ctypes.byref(line), ctypes.byref(text),
                                        ctypes.byref(reason)))
            out.append(ImportWarning(WARNING_KINDS[k.value], line.value, _s(text), _s(reason)))
        return out

    @property
    def sections(self) -> List[Section]:
        n = _i64()
        check(lib.cz_report_section_count(self._h, ctypes.byref(n)))
        out = []
        for i in range(n.value):
            num, paras = _i32(), _i64()
            title = _vp()
            check(lib.cz_report_section(self._h, i, ctypes.byref(num), ctypes.byref(title), ctypes.byref(paras)))
            texts, lines = [], []
            for p in range(paras.value):
                t, line = _vp(), _i32()
                check(lib.cz_report_paragraph(self._h, i, p, ctypes.byref(t), ctypes.byref(line)))
                texts.append(_s(t))
                lines.append(line.value)
            out.append(Section(num.value, _s(title), texts, lines))
        return out


def import_report(path_or_text: str, *, is_text: bool = False) -> Report:
    """Import a report from a text file path (or from the text itself with is_text=True)."""
    return Report.from_text(path_or_text) if is_text else Report.from_text_file(path_or_text)


def load_report_json(path: str) -> Report:
    return Report.from_json_file(path)


def pdf_supported() -> bool:
    """Whether the loaded libcaizheng reads PDF (built with poppler-cpp)."""
    out = _i32()
    check(lib.cz_pdf_supported(ctypes.byref(out)))
    return bool(out.value)
