"""PDF import from Python (issue 8): Report.from_pdf on the Shanghai PDFs, boxes, errors.

Expected values read from the PDFs with pdftotext -bbox-layout (page 8 of the Putuo report);
see tests/pdf_import_test.cpp for the full table-by-table checks.
"""
import os
from decimal import Decimal
from pathlib import Path

import pytest

import caizheng

DATA = Path(os.environ.get("CAIZHENG_TEST_DATA", Path(__file__).resolve().parents[3] / "tests" / "data"))
PUTUO = DATA / "reports" / "2024_putuo_finance_bureau.pdf"

pytestmark = pytest.mark.skipif(not caizheng.pdf_supported(), reason="built without PDF support")


def test_from_pdf_path_and_bytes_agree():
    a = caizheng.Report.from_pdf(str(PUTUO))
    b = caizheng.Report.from_pdf(PUTUO.read_bytes())
    assert a.to_json() == b.to_json()


def test_income_table_values_and_box():
    r = caizheng.Report.from_pdf(PUTUO)
    t = r.table("income")
    assert len(t.rows) == 20
    total = t.rows[0]
    # page 8: 合计 本年收入合计 2,946.25, word box 371.791,213.043 – 413.791,235.387 pt
    assert total.cells[0].value == Decimal("2946.25")
    assert t.cell_box(0, 0) == (8, 37179, 21304, 41379, 23539)
    i = [row.code for row in t.rows].index("2010601")  # 行政运行 1,511.90 1,511.89 … 0.01
    assert t.row(i).cells[1].value == Decimal("1511.89")
    assert t.cell_box(i, 1)[0] == 8


def test_errors():
    with pytest.raises(caizheng.CaizhengError) as e:
        caizheng.Report.from_pdf(b"not a pdf at all")
    assert "not a PDF" in str(e.value)
    with pytest.raises(caizheng.CaizhengError):
        caizheng.Report.from_pdf(PUTUO.read_bytes()[:1000])
    with pytest.raises(caizheng.CaizhengError):
        caizheng.Report.from_pdf("/nonexistent/x.pdf")
