#!/usr/bin/env python3
"""examples/reconcile.py — reconcile a report from Python (the C++ examples/reconcile, in small).

    CAIZHENG_LIBRARY=build/dev/lib/libcaizheng.so PYTHONPATH=bindings/python \
        /usr/bin/python3 examples/reconcile.py tests/data/reports/2024_tianyuan_data_bureau.txt [out.html]

REPORT may be caizheng JSON (.json), a PDF (.pdf or %PDF) or document text.
"""
import sys

import caizheng


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[1]
    with open(path, "rb") as f:
        head = f.read(5)
    if path.endswith(".json"):
        report = caizheng.Report.from_json_file(path)
    elif path.lower().endswith(".pdf") or head == b"%PDF-":
        report = caizheng.Report.from_pdf(path)  # findings then print page and position
    else:
        report = caizheng.Report.from_text_file(path)
    result = caizheng.Reconciler().run(report)
    print(result.render("text", "en"))
    print("root causes to fix:")
    for f in result.root_causes():
        print(f"  #{f.index + 1} {f.rule}: {f.message_en}")
    if len(argv) > 2:
        with open(argv[2], "w", encoding="utf-8") as out:
            out.write(result.render("html"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
