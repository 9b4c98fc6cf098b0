#!/usr/bin/env python3
"""Generate the C API reference from the header comments.

    gen_capi_docs.py --write ROOT               rewrite docs/api-c.md and the generated table in
                                                docs/thread-safety.md (run by `abi-update`)
    gen_capi_docs.py --check ROOT [--symbols F] fail if either is out of date, if a CZ_API
                                                function has no doc comment or no thread-safety
                                                statement, or (with --symbols) if the exported
                                                cz_* functions and the declared ones differ

Sources: include/caizheng.h, then every include/caizheng/capi/<room>.h in the order caizheng.h
includes them. What is read, and how to write headers so it reads them:
  - the first /* ... */ block of a room header: the section's introduction;
  - `/* ---- Title ---- */` lines: subsections;
  - a /** ... */ comment right before one or more CZ_API declarations: their documentation
    (consecutive declarations after one comment share it);
  - `#define CZ_NAME value /**< doc */`: constants, listed in tables;
  - "Thread safety: ..." up to the end of its sentence, in a room's introduction: the default for
    every function of that header; in a function's own comment: that function's statement.
Also keeps the code shown in docs/*.md equal to the files it comes from: a fenced block right
after a line `<!-- snippet: PATH -->` (PATH relative to the root) is that file's content, so the
programs in docs/getting-started.md are the ones the tests build and run.
Plain Python, no dependency: Doxygen would add a tool, HTML nobody reviews in a diff, and
configuration for four headers whose comments are already written for readers.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

BEGIN = "<!-- BEGIN GENERATED: per-function table, tools/gen_capi_docs.py; do not edit -->"
END = "<!-- END GENERATED -->"


@dataclass
class Function:
    name: str
    decl: str
    doc: str
    thread_safety: str = ""


@dataclass
class Section:
    title: str
    items: list = field(default_factory=list)  # ("text", str) | ("func", Function) | ("consts", [...])


@dataclass
class Header:
    path: str
    intro: str
    thread_default: str
    sections: list


def clean_comment(raw: str) -> str:
    """Body of a /* */, /** */ or /**< */ comment, leading stars and common indent removed."""
    body = re.sub(r"^/\*+<?", "", raw.strip())
    body = re.sub(r"\*+/$", "", body)
    lines = [re.sub(r"^\s*\* ?", "", l) if l.lstrip().startswith("*") else l for l in body.split("\n")]
    lines = [l.rstrip() for l in lines]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return ""
    first = lines[0].lstrip()
    indent = min((len(l) - len(l.lstrip()) for l in lines[1:] if l.strip()), default=0)
    return "\n".join([first] + [l[indent:] for l in lines[1:]])


THREAD_RE = re.compile(r"Thread safety:\s*(.*?\.)(?=\s|$)", re.S)


def thread_statement(text: str) -> str:
    m = THREAD_RE.search(text)
    return " ".join(m.group(1).split()) if m else ""


def parse_header(root: Path, rel: str) -> Header:
    text = (root / rel).read_text(encoding="utf-8")
    pos = 0
    intro = ""
    m = re.match(r"\s*(/\*.*?\*/)", text, re.S)
    if m:
        intro = clean_comment(m.group(1))
        pos = m.end()
    sections = [Section("")]
    pending_doc = None
    pending_consts = []
    lines = text[pos:].split("\n")
    i = 0

    def flush_consts():
        nonlocal pending_consts
        if pending_consts:
            sections[-1].items.append(("consts", pending_consts))
            pending_consts = []

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if re.match(r"/\* -+ .* -+ \*/$", s):
            flush_consts()
            sections.append(Section(re.sub(r"^/\* -+ (.*?) -+ \*/$", r"\1", s)))
            pending_doc = None
        elif s.startswith("/**") and not s.startswith("/**<"):
            buf = [line]
            while "*/" not in lines[i]:
                i += 1
                buf.append(lines[i])
            pending_doc = clean_comment("\n".join(buf))
        elif s.startswith("#define CZ_") and not s.startswith("#define CZ_API"):
            dm = re.match(r"#define (CZ_\w+)\s+(.*?)\s*(/\*\*<(.*?)\*/)?\s*$", s)
            if dm and dm.group(1) not in ("CZ_API",):
                doc = " ".join((dm.group(4) or "").split())
                if pending_doc:
                    doc = " ".join(pending_doc.split()) + ((" " + doc) if doc else "")
                    pending_doc = None
                pending_consts.append((dm.group(1), dm.group(2), doc))
        elif s.startswith("typedef "):
            flush_consts()
            sections[-1].items.append(("text", "`" + s + "`"))
        elif s.startswith("CZ_API "):
            flush_consts()
            buf = [s]
            while not buf[-1].rstrip().endswith(";"):
                i += 1
                buf.append(lines[i].strip())
            decl = " ".join(buf)
            decl = re.sub(r"^CZ_API\s+", "", decl)
            decl = re.sub(r"\(\s+", "(", re.sub(r"\s+", " ", decl))
            nm = re.search(r"(cz_\w+)\s*\(", decl)
            doc = pending_doc or ""
            sections[-1].items.append(("func", Function(nm.group(1), decl, doc, thread_statement(doc))))
            # A doc comment covers the declarations that follow it without a blank line.
            if i + 1 < len(lines) and not lines[i + 1].strip().startswith("CZ_API"):
                pending_doc = None
        elif not s:
            flush_consts()
            pending_doc = None
        i += 1
    flush_consts()
    return Header(rel, intro, thread_statement(intro), [sec for sec in sections if sec.items])


def headers(root: Path) -> list[Header]:
    top = "include/caizheng.h"
    rooms = re.findall(r'^#include "(caizheng/capi/\w+\.h)"', (root / top).read_text(encoding="utf-8"), re.M)
    return [parse_header(root, top)] + [parse_header(root, "include/" + r) for r in rooms]


def functions(hs: list[Header]):
    for h in hs:
        for sec in h.sections:
            for kind, item in sec.items:
                if kind == "func":
                    yield h, item


def thread_safety_of(h: Header, f: Function) -> str:
    return f.thread_safety or h.thread_default


def api_markdown(hs: list[Header]) -> str:
    out = ["# C API reference", "",
           "<!-- Generated from the header comments by tools/gen_capi_docs.py (`./build.sh abi-update`);",
           "     do not edit: change the comments in include/caizheng.h and include/caizheng/capi/*.h. -->",
           "",
           "Everything here is declared by `#include <caizheng.h>` (C99; also usable from C++ and ctypes).",
           "Thread safety per function: [thread-safety.md](thread-safety.md).", ""]
    out.append("Contents: " + ", ".join(f"[`{h.path}`](#{anchor(h.path)})" for h in hs))
    out.append("")
    for h in hs:
        out += [f"## {h.path}", "", h.intro, ""]
        for sec in h.sections:
            if sec.title:
                out += [f"### {sec.title}", ""]
            for kind, item in sec.items:
                if kind == "text":
                    out += [item, ""]
                elif kind == "consts":
                    out += ["| constant | value | meaning |", "| --- | --- | --- |"]
                    out += [f"| `{n}` | `{v}` | {d} |" for n, v, d in item]
                    out.append("")
                else:
                    out += [f"#### `{item.name}`", "", "```c", item.decl, "```", "", item.doc, ""]
    return "\n".join(out).rstrip() + "\n"


def anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9_\- ]", "", title.lower()).replace(" ", "-")


def thread_table(hs: list[Header]) -> str:
    rows = [BEGIN, "", "| function | header | thread safety |", "| --- | --- | --- |"]
    for h, f in functions(hs):
        rows.append(f"| `{f.name}` | `{h.path}` | {thread_safety_of(h, f)} |")
    rows += ["", END]
    return "\n".join(rows)


def with_table(doc: str, table: str) -> str:
    if BEGIN not in doc or END not in doc:
        raise SystemExit("docs/thread-safety.md lacks the generated-table markers")
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + table + tail


SNIPPET_RE = re.compile(r"(<!-- snippet: (\S+) -->\n```[^\n]*\n)(.*?)(```)", re.S)


def with_snippets(root: Path, doc: str) -> str:
    def fill(m):
        content = (root / m.group(2)).read_text(encoding="utf-8")
        return m.group(1) + content + ("" if content.endswith("\n") else "\n") + m.group(4)
    return SNIPPET_RE.sub(fill, doc)


def problems(hs: list[Header], symbols: Path | None) -> list[str]:
    errs = []
    declared = set()
    for h, f in functions(hs):
        declared.add(f.name)
        if not f.doc.strip():
            errs.append(f"{h.path}: {f.name} has no /** */ doc comment")
        if not thread_safety_of(h, f):
            errs.append(f"{h.path}: {f.name} has no 'Thread safety:' statement (own or header default)")
    if symbols:
        exported = set()
        for line in symbols.read_text(encoding="utf-8").splitlines():
            m = re.match(r"(cz_\w+)@", line)
            if m:
                exported.add(m.group(1))
        for n in sorted(declared - exported):
            errs.append(f"{n} is declared in a header but not exported (lib/caizheng.symbols)")
        for n in sorted(exported - declared):
            errs.append(f"{n} is exported but not declared with CZ_API in a header")
    return errs


def main() -> int:
    ap = argparse.ArgumentParser()
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    ap.add_argument("root", type=Path)
    ap.add_argument("--symbols", type=Path)
    a = ap.parse_args()
    hs = headers(a.root)
    api_path = a.root / "docs/api-c.md"
    ts_path = a.root / "docs/thread-safety.md"
    api_new = api_markdown(hs)
    ts_new = with_table(ts_path.read_text(encoding="utf-8"), thread_table(hs))
    outputs = {api_path: api_new, ts_path: with_snippets(a.root, ts_new)}
    for doc in sorted((a.root / "docs").glob("*.md")):
        if doc not in outputs:
            text = doc.read_text(encoding="utf-8")
            if "<!-- snippet: " in text:
                outputs[doc] = with_snippets(a.root, text)
    if a.write:
        for path, new in outputs.items():
            path.write_text(new, encoding="utf-8")
        print(f"gen_capi_docs: wrote {api_path}, the table in {ts_path} and the snippets in docs/")
    errs = problems(hs, a.symbols)
    if a.check:
        for path, new in outputs.items():
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            if old != new:
                errs.append(f"{path.relative_to(a.root)} is out of date; run ./build.sh abi-update")
                sys.stderr.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                                           str(path), "generated", n=1))
    for e in errs:
        print("gen_capi_docs: " + e, file=sys.stderr)
    if not errs and a.check:
        print(f"gen_capi_docs: {sum(1 for _ in functions(hs))} functions documented, docs up to date")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
