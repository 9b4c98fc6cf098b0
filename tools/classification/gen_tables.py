#!/usr/bin/python3
"""Generate the embedded classification tables (C++) from the catalog CSV files. Run by the build.

    gen_tables.py OUT.cpp CATALOG.csv... [--correspondence YEAR:FILE.csv]...

Each CATALOG.csv is in the format of docs/classification.md and must carry "# tree:", "# year:"
and "# complete:" lines. The same checks as catalog::load_csv are applied (duplicate codes,
malformed codes, level and parent columns, orphans in a complete catalog) and any problem fails
the build with the file and line. The output holds, per catalog, constant tables laid out as
lib/classification/tables.hpp describes: entries sorted by key, one string pool, the name order
and an open-addressing hash of keys. Everything is constinit: no code runs at start-up.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

TREES = {"functional": 0, "economic_department": 1, "economic_government": 2, "revenue": 3}
CXX_TREE = {v: k for k, v in TREES.items()}
DEEPEST = {"functional": 3, "economic_department": 2, "economic_government": 2, "revenue": 3}
LEVEL_NAMES = {"lei": 1, "kuan": 2, "xiang": 3, "类": 1, "款": 2, "项": 3}
CODE_COLS = ("code", "科目编码")
NAME_COLS = ("name", "科目名称")


def fail(where: str, msg: str) -> None:
    sys.exit(f"gen_tables.py: {where}: {msg}")


def key_of(code: str) -> int:
    return int(code.ljust(7, "0")) * 4 + (len(code) - 1) // 2


def read_catalog(path: Path):
    text = path.read_text(encoding="utf-8")
    directives: dict[str, str] = {}
    lines = text.split("\n")
    header = None
    rows = []
    for lineno, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            if header is None and ":" in line:
                k, v = line[1:].split(":", 1)
                k = k.strip().lower()
                if k in ("tree", "year", "complete"):
                    directives[k] = v.strip()
            continue
        fields = next(csv.reader([line]))
        if header is None:
            header = [h.strip().lower() for h in fields]
            continue
        rows.append((lineno, fields))
    where = str(path)
    if header is None:
        fail(where, "no header")
    for k in ("tree", "year", "complete"):
        if k not in directives:
            fail(where, f"missing '# {k}:' line")
    tree = directives["tree"]
    if tree not in TREES:
        fail(where, f"unknown tree {tree!r}")
    year = int(directives["year"])
    complete = {"yes": True, "true": True, "no": False, "false": False}[directives["complete"].lower()]
    ci = next((header.index(c) for c in CODE_COLS if c in header), None)
    ni = next((header.index(c) for c in NAME_COLS if c in header), None)
    li = header.index("level") if "level" in header else None
    pi = header.index("parent_code") if "parent_code" in header else None
    if ci is None or ni is None:
        fail(where, "header needs a code and a name column")
    seen: dict[str, int] = {}
    out = []
    for lineno, f in rows:
        at = f"{where}:{lineno}"
        if len(f) <= max(ci, ni):
            fail(at, "too few fields")
        code, name = f[ci].strip(), f[ni].strip()
        if not code.isascii() or not code.isdigit() or len(code) not in (3, 5, 7) \
                or (len(code) - 1) // 2 > DEEPEST[tree]:
            fail(at, f"malformed code {code!r}")
        level = (len(code) - 1) // 2
        if not name:
            fail(at, "empty name")
        if li is not None and li < len(f) and f[li].strip() and LEVEL_NAMES.get(f[li].strip()) != level:
            fail(at, f"level {f[li]!r} does not match code {code}")
        if pi is not None and pi < len(f) and f[pi].strip() and f[pi].strip() != code[:-2]:
            fail(at, f"parent_code {f[pi]!r} is not the prefix of {code}")
        if code in seen:
            fail(at, f"duplicate code {code} (first on line {seen[code]})")
        seen[code] = lineno
        out.append((code, name, level))
    if not out:
        fail(where, "no rows")
    if complete:
        for code, _, level in out:
            if level > 1 and code[:-2] not in seen:
                fail(f"{where}:{seen[code]}", f"orphan {code}: parent {code[:-2]} absent")
    return tree, year, complete, out


def name_slot(data: bytes, shift: int) -> int:
    """lib/classification/tables.hpp: name_slot_of (8-byte little-endian words, zero-padded)."""
    phi, m = 0x9E3779B97F4A7C15, (1 << 64) - 1
    h = (len(data) * phi) & m
    for i in range(0, len(data), 8):
        w = int.from_bytes(data[i:i + 8].ljust(8, b"\0"), "little")
        h = ((h ^ w) * phi) & m
        h ^= h >> 29
    return (h >> 32) >> shift


def c_string(data: bytes) -> str:
    """A C string literal split in chunks, non-ASCII and quotes as octal escapes."""
    parts, cur = [], []
    for b in data:
        if 0x20 <= b < 0x7F and b not in (0x22, 0x5C, 0x3F):
            cur.append(chr(b))
        else:
            cur.append(f"\\{b:03o}")
        if len(cur) >= 24:
            parts.append('"' + "".join(cur) + '"')
            cur = []
    if cur or not parts:
        parts.append('"' + "".join(cur) + '"')
    return "\n    ".join(parts)


def emit_catalog(i: int, tree: str, year: int, complete: bool, rows) -> tuple[str, str]:
    rows = sorted(rows, key=lambda r: key_of(r[0]))
    pool = bytearray()
    entries = []
    for code, name, level in rows:
        b = name.encode("utf-8")
        if len(b) > 0xFFFF:
            fail(tree, f"name of {code} too long")
        entries.append((key_of(code), len(pool), len(b), level))
        pool += b
    name_order = sorted(range(len(rows)), key=lambda j: (rows[j][1].encode("utf-8"), entries[j][0]))
    bits = 3
    while (1 << bits) < 2 * len(rows):
        bits += 1
    size, shift = 1 << bits, 32 - bits
    slots = [0] * size
    for j, e in enumerate(entries):
        s = ((e[0] * 2654435769) & 0xFFFFFFFF) >> shift
        while slots[s]:
            s = (s + 1) & (size - 1)
        slots[s] = j + 1
    firsts = [k for k in range(len(name_order))
              if k == 0 or rows[name_order[k]][1] != rows[name_order[k - 1]][1]]
    nbits = 3
    while (1 << nbits) < 2 * len(firsts):
        nbits += 1
    nsize, nshift = 1 << nbits, 32 - nbits
    name_slots = [0] * nsize
    for k in firsts:
        s = name_slot(rows[name_order[k]][1].encode("utf-8"), nshift)
        while name_slots[s]:
            s = (s + 1) & (nsize - 1)
        name_slots[s] = k + 1
    counts = [sum(1 for r in rows if r[2] == lv) for lv in (1, 2, 3)]
    # normalize_name() (catalog.cpp) removes ASCII whitespace and U+3000 and turns ASCII
    # parentheses into full-width ones: a name without any of them is already normalized.
    normalized = not any(ch in " \t\r\n\f\v\u3000()" for r in rows for ch in r[1])
    body = []
    body.append(f"// {tree} {year}: {len(rows)} rows ({counts[0]} 类, {counts[1]} 款, {counts[2]} 项)")
    body.append(f"constexpr char pool_{i}[] =\n    {c_string(bytes(pool))};")
    body.append(f"constexpr entry entries_{i}[] = {{")
    for k, off, n, lv in entries:
        body.append(f"    {{{k}u, {off}u, {n}u, {lv}u, 0u}},")
    body.append("};")
    body.append(f"constexpr std::uint32_t names_{i}[] = {{" + ", ".join(map(str, name_order)) + "};")
    body.append(f"constexpr std::uint32_t slots_{i}[] = {{" + ", ".join(map(str, slots)) + "};")
    body.append(f"constexpr std::uint32_t name_slots_{i}[] = {{" + ", ".join(map(str, name_slots)) + "};")
    table = (f"    catalog_tables{{tree::{tree}, {year}, {'true' if complete else 'false'}, true, "
             f"entries_{i}, std::string_view(pool_{i}, sizeof(pool_{i}) - 1), names_{i}, slots_{i}, "
             f"{shift}u, name_slots_{i}, {nshift}u, level_counts{{{counts[0]}, {counts[1]}, {counts[2]}}}, "
             f"{'true' if normalized else 'false'}}},")
    return "\n".join(body), table


def read_correspondence(spec: str):
    year_s, path = spec.split(":", 1)
    pairs = set()
    with open(path, encoding="utf-8", newline="") as f:
        lines = [l for l in f if l.strip() and not l.startswith("#")]
    for r in csv.DictReader(lines):
        g, d = r["government_code"].strip(), r["department_code"].strip()
        if not (g.isdigit() and d.isdigit() and len(g) == 5 and len(d) == 5):
            fail(path, f"bad pair {g},{d}")
        pairs.add((int(g), int(d)))
    return int(year_s), sorted(pairs)


def main(argv: list[str]) -> None:
    out = Path(argv[1])
    catalogs, corr = [], []
    it = iter(argv[2:])
    for a in it:
        if a == "--correspondence":
            corr.append(read_correspondence(next(it)))
        else:
            catalogs.append(read_catalog(Path(a)))
    seen = set()
    for tree, year, *_ in catalogs:
        if (tree, year) in seen:
            fail(tree, f"two catalogs for {tree} {year}")
        seen.add((tree, year))
    catalogs.sort(key=lambda c: (TREES[c[0]], c[1]))
    bodies, tables = [], []
    for i, (tree, year, complete, rows) in enumerate(catalogs):
        b, t = emit_catalog(i, tree, year, complete, rows)
        bodies.append(b)
        tables.append(t)
    corr_body, corr_tables = [], []
    for i, (year, pairs) in enumerate(sorted(corr)):
        corr_body.append(f"constexpr correspondence_pair pairs_{i}[] = {{"
                         + ", ".join(f"{{{g}u, {d}u}}" for g, d in pairs) + "};")
        corr_tables.append(f"    correspondence_table{{{year}, pairs_{i}}},")
    text = f"""// Generated by tools/classification/gen_tables.py from data/classification/ — do not edit.
#include "tables.hpp"

namespace caizheng::classification::detail {{
namespace {{

{chr(10).join(bodies)}

constexpr catalog_tables all_catalogs[] = {{
{chr(10).join(tables)}
}};

{chr(10).join(corr_body)}

constexpr correspondence_table all_correspondences[] = {{
{chr(10).join(corr_tables)}
}};

}}  // namespace

constinit const std::span<const catalog_tables> embedded_catalogs{{all_catalogs}};
constinit const std::span<const correspondence_table> embedded_correspondences{{all_correspondences}};

}}  // namespace caizheng::classification::detail
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)


if __name__ == "__main__":
    main(sys.argv)
