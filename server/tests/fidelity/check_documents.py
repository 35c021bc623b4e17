#!/usr/bin/python3
"""Document fidelity check: do the generated DOCX/PDF/XLSX files really have the official format?

The document benchmark writes sample files (a 3,000-字 case write-up as DOCX and as the server's
cairo+pango PDF, the 案例档案目录 page, the merged archive with bookmarks, the same case under other
format rules, and a 300-row summary XLSX). This script reads them back with independent tools and
compares them with the values in docs/research (GB/T 9704 page, margins, fonts, exact line pitch):

  * python-docx: page size and margins, styles (fonts, sizes, exact spacing, indent, alignment),
    the footer page number, and the paragraphs themselves in order;
  * poppler-utils (pdfinfo, pdffonts, pdftotext -bbox-layout): A4, embedded fonts, text in order,
    measured line pitch, no closing punctuation at a line start; qpdf: the archive's bookmarks;
  * LibreOffice (headless, private profile, the server's font aliases via FONTCONFIG_FILE): the
    DOCX renders as A4 with the same text, about the same page count and the exact line pitch,
    and the XLSX converts to CSV with phone numbers still text ("0531…").

Usage (from the repository root; ./test runs it as a suite):
  server/tests/fidelity/check_documents.py [--bench build/server/bench/xietong_doc_bench]
      [--server build/xietong] [--soffice PATH] [--keep DIR]
--keep DIR keeps every output (samples, LibreOffice PDFs, CSV, fonts.conf, page-1 PNGs at 50 dpi
for a human look); without it everything goes to a temporary directory that is removed.
Needs: python3-docx, poppler-utils, qpdf, libreoffice-writer-nogui and libreoffice-calc-nogui
(for the XLSX). No network. Exit status 0 and one summary line when every check passes;
otherwise every failed check is listed and the status is 1.
"""
import argparse
import csv
import html
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

try:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
except ImportError:
    # A pyenv/venv python3 first on PATH does not see Debian's python3-docx: retry with Debian's.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.exit("FAIL: python-docx is missing: install python3-docx (./test installs it)")

TIMEOUT = 120  # seconds, for every subprocess
TWIPS_PER_PT = 20
EMU_PER_TWIP = 635

# ---------------------------------------------------------------------------------------------
# Expected content: mirrors samples::long_case() and qingdao_call() in
# server/tests/support/doc_samples.hpp and cases::case_document() (server/src/modules/cases/).
PROSE = ("学校联合社区居委会、图书馆和派出所，每月开设家长课堂，围绕亲子沟通、心理健康与网络安全组织专题讲座。"
         "家长反馈“收获很大”，孩子们说\"We love it\"。详情见 https://www.example.edu.cn/jiaxiao/2024/case-report?id=3701020000012345&tab=full 。"
         "参与家庭累计 1234567890123456 人次，身份证号样例 370102201012345678 不应断行出错。😀👍 ")


URL = "https://www.example.edu.cn/jiaxiao/2024/case-report?id=3701020000012345&tab=full"


def repeat_to(unit, code_points):
    return (unit * (code_points // len(unit) + 1))[:code_points]


def para(code_points):
    return repeat_to(PROSE, code_points).rstrip(" \r")  # the writers trim trailing spaces


TITLE = "“家长学校进社区”：𠮷祥社区与实验小学的协同育人实践"
# 附件1 goes from the title straight to 一、: the facts of the case follow the text as a table.
INFO = [("牵头单位", "历下区实验小学"), ("合作单位", "𠮷祥社区居委会、历下区图书馆"), ("协同形式", "社区+学校"), ("聚焦主题", "法治教育、反诈骗"),
        ("实践起始时间", "2023年9月（至今仍在实施）"), ("作者", "王𠮷、李明"), ("联系人", "王老师"), ("联系电话", "0531-86001234")]
# (style, text) of every paragraph after the title, in document order.
SECTIONS = [("Heading 1", "一、成果概述"), ("Body", para(480)),
            ("Heading 1", "二、案例介绍"),
            ("Heading 2", "（一）实施背景"), ("Body", para(300)),
            ("Heading 2", "（二）主体内容"), ("Body", para(1500)),
            ("Heading 2", "（三）特色做法"), ("Body", para(250)), ("Body", para(150)),
            ("Heading 2", "（四）实践成效"), ("Body", para(200)),
            ("Heading 2", "（五）实践反思"), ("Body", para(110))]
HEADINGS = [t for s, t in SECTIONS if s != "Body"]
BODY = [t for s, t in SECTIONS if s == "Body"]

# GB/T 9704 page in twips (docs: ../shared/research/documents.md)
PAGE = {"width": 11906, "height": 16838, "top": 2098, "bottom": 1984, "left": 1587, "right": 1474}
TEXT_TOP_PT, TEXT_BOTTOM_PT = PAGE["top"] / TWIPS_PER_PT, (PAGE["height"] - PAGE["bottom"]) / TWIPS_PER_PT
# The two format rules the benchmark writes: the bureau's official one and another call's.
OFFICIAL = {"title": ("方正小标宋_GBK", 22), "h1": ("黑体", 16), "h2": ("楷体_GB2312", 16), "body": ("仿宋_GB2312", 16), "line": 27, "indent_chars": 2}
ALT = dict(OFFICIAL, title=("黑体", 16), body=("宋体", 14), line=24)
CLOSING = set("，。、；：）」》”！？")
SUMMARY_HEADER = ["初评单位", "推荐顺序", "单位", "案例名称", "协同形式", "聚焦主题", "状态", "联系人", "联系电话", "报送时间"]
PHONE_COL = 8  # 0-based: column 9 "联系电话"
EVIDENCE_FILES, EVIDENCE_PAGES = 10, 3  # as server/bench/doc_bench.cpp makes them
EVIDENCE_NAMES = ["活动照片（含“引号”与很长很长很长很长很长很长很长很长很长的材料名称）" if i == 3 else f"佐证材料第{i}份"
                  for i in range(1, EVIDENCE_FILES + 1)]

# ---------------------------------------------------------------------------------------------
FAILURES = []
FIGURES = {}  # measured values for the summary line


def check(cond, msg):
    if not cond:
        FAILURES.append(msg)
    return cond


def squeeze(s):
    return re.sub(r"\s+", "", s)


def run(cmd, env=None, timeout=TIMEOUT):
    """Runs a command; returns stdout (text). Raises RuntimeError with its stderr on failure."""
    # Own process group, so that a hung soffice (oosplash + soffice.bin) is killed as a whole.
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        raise RuntimeError(f"{os.path.basename(cmd[0])} took longer than {timeout} s")
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {p.returncode}: {err.decode(errors='replace').strip()[-600:]}")
    return out.decode("utf-8", errors="replace")


# --- DOCX (python-docx) ----------------------------------------------------------------------
def twips(length):
    return None if length is None else length / EMU_PER_TWIP


def east_asia_font(element):
    """w:eastAsia of the rFonts in a style's (or docDefaults') rPr, or None."""
    rfonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


def check_docx_page(path, name):
    d = docx.Document(path)
    check(len(d.sections) == 1, f"{name}: expected 1 section, found {len(d.sections)}")
    s = d.sections[0]
    got = {"width": twips(s.page_width), "height": twips(s.page_height), "top": twips(s.top_margin),
           "bottom": twips(s.bottom_margin), "left": twips(s.left_margin), "right": twips(s.right_margin)}
    for k, want in PAGE.items():
        check(got[k] is not None and abs(got[k] - want) <= 1, f"{name}: page {k} is {got[k]} twips, expected {want}")
    footer = s.footer._element.xml
    check('w:instr=" PAGE "' in footer, f"{name}: footer has no PAGE field")
    texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footer)
    check(texts and texts[0].strip() == "—" and texts[-1].strip() == "—",
          f"{name}: footer should read “— PAGE —”, found text runs {texts}")


def check_docx_styles(path, name, fmt):
    d = docx.Document(path)
    styles = d.styles
    defaults = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")

    def style_font(st):
        font = east_asia_font(st.element)
        return font if font is not None else east_asia_font(defaults)  # Normal inherits docDefaults

    def style_size(st):
        if st.font.size is not None:
            return st.font.size.pt
        sz = defaults.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        return None if sz is None else int(sz.get(qn("w:val"))) / 2

    for style_name, key in (("Title", "title"), ("Heading 1", "h1"), ("Heading 2", "h2"), ("Normal", "body")):
        try:
            st = styles[style_name]
        except KeyError:
            check(False, f"{name}: style {style_name} is missing")
            continue
        want_font, want_size = fmt[key]
        check(style_font(st) == want_font, f"{name}: style {style_name} eastAsia font is {style_font(st)!r}, expected {want_font!r}")
        check(style_size(st) == want_size, f"{name}: style {style_name} size is {style_size(st)} pt, expected {want_size} pt")
    title = styles["Title"].paragraph_format
    check(title.alignment == WD_ALIGN_PARAGRAPH.CENTER, f"{name}: Title alignment is {title.alignment}, expected CENTER")
    normal = styles["Normal"].paragraph_format
    check(normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY,
          f"{name}: Normal line spacing rule is {normal.line_spacing_rule}, expected EXACTLY")
    line = normal.line_spacing.pt if hasattr(normal.line_spacing, "pt") else normal.line_spacing
    check(line is not None and abs(line - fmt["line"]) < 0.05, f"{name}: Normal line spacing is {line} pt, expected exactly {fmt['line']} pt")
    indent = fmt["indent_chars"] * fmt["body"][1]
    got = normal.first_line_indent.pt if normal.first_line_indent is not None else None
    check(got is not None and abs(got - indent) < 0.05, f"{name}: Normal first-line indent is {got} pt, expected {indent} pt")
    check(normal.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, f"{name}: Normal alignment is {normal.alignment}, expected JUSTIFY")


def check_docx_paragraphs(path, name):
    d = docx.Document(path)
    got = [(p.style.name, p.text) for p in d.paragraphs]
    check(got and got[0] == ("Title", TITLE), f"{name}: first paragraph should be the Title {TITLE!r}, found {got[:1]}")
    check(not [t for s, t in got if s == "Plain"], f"{name}: lines between the title and 一、: {[t for s, t in got if s == 'Plain']}")
    headings = [t for s, t in got if s.startswith("Heading")]
    check(headings == HEADINGS, f"{name}: headings {headings}, expected {HEADINGS}")
    # Whole sequence after the title, as (style, text); Body = the Normal style. Empty
    # paragraphs (around the closing table) are left out.
    rest = [("Body" if s == "Normal" else s, t) for s, t in got[1:] if t.strip()]
    for i, (want, have) in enumerate(zip(SECTIONS, rest)):
        if not check(want == have, f"{name}: paragraph {i + 2} is {have[0]} {have[1][:30]!r}…, "
                                   f"expected {want[0]} {want[1][:30]!r}… (length {len(have[1])} vs {len(want[1])})"):
            break
    check(len(rest) == len(SECTIONS), f"{name}: {len(rest) + 1} paragraphs with text, expected {1 + len(SECTIONS)}")
    if check(d.tables, f"{name}: no table of the case's facts after the text"):
        rows = [tuple(c.text for c in r.cells) for r in d.tables[-1].rows]
        check(rows == [("项目", "内容")] + INFO, f"{name}: the facts table is {rows}, expected {INFO}")


# --- PDF (poppler-utils, qpdf) ----------------------------------------------------------------
def pdf_info(path):
    out = run(["pdfinfo", path])
    pages = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    m = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", out, re.M)
    return pages, float(m.group(1)), float(m.group(2))


def check_pdf_a4(path, name, pages_between=None):
    pages, w, h = pdf_info(path)
    check(abs(w - 595.3) < 0.1 and abs(h - 841.9) < 0.1, f"{name}: page size {w} x {h} pt, expected A4 595.3 x 841.9")
    if pages_between:
        lo, hi = pages_between
        check(lo <= pages <= hi, f"{name}: {pages} pages, expected {lo}–{hi}")
    return pages


def check_pdf_fonts_embedded(path, name):
    rows = run(["pdffonts", path]).splitlines()[2:]
    check(rows, f"{name}: pdffonts lists no fonts")
    fonts = []
    for row in rows:
        # name type encoding emb sub uni object-ID; the type may contain spaces ("CID Type 0C").
        m = re.match(r"(\S+)\s+.*?\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
        if not check(m, f"{name}: cannot read pdffonts row {row!r}"):
            continue
        fonts.append(re.sub(r"^[A-Z]{6}\+", "", m.group(1)))
        check(m.group(2) == "yes", f"{name}: font {m.group(1)} is not embedded")
    return fonts


def check_text_in_order(path, name, items):
    """Each item (a label and a string) occurs in the text after the previous one (whitespace ignored)."""
    text = squeeze(run(["pdftotext", "-enc", "UTF-8", path, "-"]))
    pos = 0
    for label, s in items:
        i = text.find(squeeze(s), pos)
        if not check(i >= 0, f"{name}: pdftotext does not find {label} {s!r} (in order)"):
            return
        pos = i + len(squeeze(s))


def case_text_items():
    """The title, per section its heading and each body paragraph's first and last 20 characters,
    then the facts table, in document order."""
    items = [("the title", TITLE)]
    for style, t in SECTIONS:
        if style == "Body":
            items += [("body start", t[:20]), ("body end", t[-20:])]
        else:
            items.append(("heading", t))
    for k, v in INFO:
        items += [("fact", k), ("fact", v)]
    return items


def bbox_pages(path, out_html):
    """Words per page from pdftotext -bbox-layout: [(xMin, yMin, xMax, yMax, text)] for each page."""
    run(["pdftotext", "-enc", "UTF-8", "-bbox-layout", path, out_html])
    with open(out_html, encoding="utf-8", errors="replace") as f:
        doc = f.read()
    pages = []
    for page in re.split(r"<page\b", doc)[1:]:
        words = [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)]
        pages.append(words)
    return pages


def visual_lines(words, tolerance=5.0):
    """Groups words into printed lines by their vertical centre (pdftotext may split a justified
    line with wide gaps into several <line>s, and a fallback-font glyph has a taller box)."""
    lines = []
    for w in sorted(words, key=lambda w: (w[1] + w[3]) / 2):
        c = (w[1] + w[3]) / 2
        if lines and abs(c - lines[-1]["c"]) <= tolerance:
            lines[-1]["words"].append(w)
        else:
            lines.append({"c": c, "words": [w]})
    for line in lines:
        line["words"].sort(key=lambda w: w[0])
    return lines


def measure_pitch(pages, page_no, name):
    """Median distance between consecutive body lines on page `page_no` (1-based). Body words are
    those with the page's most common box height (the body font); headings, fallback glyphs and
    the footer are left out."""
    if not check(len(pages) >= page_no, f"{name}: has no page {page_no} to measure the line pitch on"):
        return None, 0
    words = [w for w in pages[page_no - 1] if TEXT_TOP_PT - 5 <= (w[1] + w[3]) / 2 <= TEXT_BOTTOM_PT]
    heights = [round(w[3] - w[1], 1) for w in words]
    if not check(heights, f"{name}: no text on page {page_no}"):
        return None, 0
    body_h = statistics.mode(heights)
    ys = []
    for line in visual_lines(words):
        body = [w for w in line["words"] if abs((w[3] - w[1]) - body_h) < 0.3]
        if body:
            ys.append(statistics.median(w[1] for w in body))
    diffs = [b - a for a, b in zip(ys, ys[1:])]
    if not check(len(diffs) >= 10, f"{name}: only {len(ys)} body lines found on page {page_no}"):
        return None, len(ys)
    return statistics.median(diffs), len(ys)


def check_pitch(pages, name, want, tol, page_no=2):
    pitch, n = measure_pitch(pages, page_no, name)
    if pitch is not None:
        check(abs(pitch - want) <= tol, f"{name}: body line pitch on page {page_no} is {pitch:.2f} pt, expected {want} ± {tol} pt")
    return pitch, n


def check_no_closing_punct_at_line_start(pages, name):
    bad = []
    for no, words in enumerate(pages, 1):
        for line in visual_lines(words):
            first = line["words"][0][4][:1]
            if first in CLOSING:
                bad.append(f"page {no}: {''.join(w[4] for w in line['words'])[:25]!r}")
    check(not bad, f"{name}: closing punctuation starts {len(bad)} line(s): {'; '.join(bad[:5])}")


def check_archive(path, case_pages, catalog_pages):
    name = "archive.pdf"
    pages = check_pdf_a4(path, name)
    want = case_pages + catalog_pages + EVIDENCE_FILES * EVIDENCE_PAGES
    check(pages == want, f"{name}: {pages} pages, expected {want} (case {case_pages} + catalog {catalog_pages} + "
                         f"{EVIDENCE_FILES} evidence × {EVIDENCE_PAGES})")
    outlines = json.loads(run(["qpdf", "--json", "--json-key=outlines", path])).get("outlines", [])
    titles = [o.get("title", "") for o in outlines]
    if not check(len(outlines) == 2 + EVIDENCE_FILES, f"{name}: {len(outlines)} top-level bookmarks, expected {2 + EVIDENCE_FILES}: {titles}"):
        return pages
    check(titles[0] == "案例文本：" + TITLE, f"{name}: bookmark 1 is {titles[0]!r}, expected '案例文本：{TITLE}'")
    check(titles[1] == "案例档案目录", f"{name}: bookmark 2 is {titles[1]!r}, expected '案例档案目录'")
    starts = [1, case_pages + 1] + [case_pages + catalog_pages + 1 + EVIDENCE_PAGES * i for i in range(EVIDENCE_FILES)]
    for i in range(2, len(titles)):
        check(titles[i].startswith(f"佐证材料{i - 1}："), f"{name}: bookmark {i + 1} is {titles[i]!r}, expected '佐证材料{i - 1}：…'")
    dests = [o.get("destpageposfrom1") for o in outlines]
    check(dests == starts, f"{name}: the bookmarks go to pages {dests}, expected {starts}")
    return pages


# --- XLSX ------------------------------------------------------------------------------------
def check_xlsx_phone_cells(path):
    """Straight from the sheet XML: every 联系电话 cell is a string cell, not a number."""
    name = "summary.xlsx"
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    cells = re.findall(r'<c r="I(\d+)"([^>]*)>', sheet)
    check(len(cells) == 301, f"{name}: column I has {len(cells)} cells, expected 301")
    numeric = [r for r, attrs in cells if not re.search(r't="(s|inlineStr|str)"', attrs)]
    check(not numeric, f"{name}: 联系电话 cells stored as numbers (leading 0 lost) in rows {numeric[:5]}")


def check_xlsx_column_widths(path):
    """Each column is at least as wide as its longest cell, counting a CJK character as two
    units (Excel's width unit is one digit), up to the 60-unit cap."""
    name = "summary.xlsx"
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        shared = z.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in z.namelist() else ""
    strings = [html.unescape(re.sub(r"<[^>]+>", "", si)) for si in re.findall(r"<si>(.*?)</si>", shared, re.S)]
    widths = {}
    for lo, hi, w in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', sheet):
        for c in range(int(lo), int(hi) + 1):
            widths[c] = float(w)
    need = {}
    for ref, attrs, body in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(.*?)</c>', sheet, re.S):
        col = 0
        for ch in ref:
            col = col * 26 + ord(ch) - 64
        v = re.search(r"<v>(.*?)</v>", body)
        text = strings[int(v.group(1))] if v and 't="s"' in attrs else (html.unescape(v.group(1)) if v else "")
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
        need[col] = max(need.get(col, 0), min(units, 60))
    check(len(need) == 10, f"{name}: expected 10 columns, found {len(need)}")
    for col, units in sorted(need.items()):
        check(widths.get(col, 0) >= units, f"{name}: column {col} is {widths.get(col, 0)} wide, its longest text needs {units}")


def check_summary_csv(path):
    name = "summary.xlsx → CSV (LibreOffice)"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    check(len(rows) == 301, f"{name}: {len(rows)} lines, expected 301 (header + 300)")
    if not rows:
        return
    check(rows[0] == SUMMARY_HEADER, f"{name}: header {rows[0]}, expected {SUMMARY_HEADER}")
    phones = [r[PHONE_COL] if len(r) > PHONE_COL else "" for r in rows[1:]]
    bad = [p for p in phones if not re.fullmatch(r"0531\d{8}", p)]
    check(not bad, f"{name}: {len(bad)} 联系电话 values lost the leading 0 or changed, e.g. {bad[:3]}")
    if len(rows) > 1:
        check(rows[1][2:4] == ["济南市第1中学", "“家长学校进社区”协同育人实践第1例"], f"{name}: Chinese text changed in row 1: {rows[1][2:4]}")


# --- LibreOffice ------------------------------------------------------------------------------
def soffice_convert(soffice, profile, fonts_conf, target, outdir, files):
    env = dict(os.environ, FONTCONFIG_FILE=fonts_conf, HOME=profile)
    run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", target,
         "--outdir", outdir] + files, env=env)


def check_libreoffice(soffice, out, work, server, server_pages, png):
    fonts_conf = os.path.join(out, "fonts.conf")
    with open(fonts_conf, "w", encoding="utf-8") as f:
        f.write(run([server, "fonts-conf"]))
    profile = os.path.join(work, "lo")
    lo_dir = os.path.join(out, "libreoffice")
    os.makedirs(lo_dir, exist_ok=True)
    t0 = time.monotonic()
    try:
        soffice_convert(soffice, profile, fonts_conf, "pdf", lo_dir, [os.path.join(out, "case.docx"), os.path.join(out, "alt.docx")])
    except RuntimeError as e:
        check(False, f"LibreOffice: DOCX → PDF failed: {e}")
    FIGURES["lo_docx_s"] = time.monotonic() - t0
    for base, fmt in (("case", OFFICIAL), ("alt", ALT)):
        pdf = os.path.join(lo_dir, base + ".pdf")
        name = f"{base}.docx → PDF (LibreOffice)"
        if not check(os.path.exists(pdf) and os.path.getsize(pdf) > 0, f"{name}: no PDF was written"):
            continue
        pages = check_pdf_a4(pdf, name)
        FIGURES[f"lo_{base}_pages"] = pages
        check(abs(pages - server_pages[base]) <= 2, f"{name}: {pages} pages, the server's {base}.pdf has {server_pages[base]} (allowed ±2)")
        check_text_in_order(pdf, name, [("the title", TITLE)] + [("heading", h) for h in HEADINGS])
        check_text_in_order(pdf, name + " body", [("body start", t[:20]) for t in BODY])
        FIGURES[f"lo_{base}_fonts"] = check_pdf_fonts_embedded(pdf, name)
        FIGURES[f"lo_{base}_pitch"], _ = check_pitch(bbox_pages(pdf, os.path.join(work, f"lo-{base}.html")), name, fmt["line"], 0.5)
        if base == "case":
            png(pdf, "libreoffice-case")

    xlsx = os.path.join(out, "summary.xlsx")
    t0 = time.monotonic()
    try:
        soffice_convert(soffice, profile, fonts_conf, "csv:Text - txt - csv (StarCalc):44,34,76,1", lo_dir, [xlsx])
    except RuntimeError as e:
        check(False, f"LibreOffice: XLSX → CSV failed: {e}")
    FIGURES["lo_csv_s"] = time.monotonic() - t0
    csv_path = os.path.join(lo_dir, "summary.csv")
    if check(os.path.exists(csv_path), "LibreOffice: XLSX → CSV wrote nothing (“source file could not be loaded” means "
                                       "libreoffice-calc-nogui is not installed; it is required besides libreoffice-writer-nogui)"):
        check_summary_csv(csv_path)


# ---------------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", default="./build/server/bench/xietong_doc_bench", help="document benchmark binary")
    ap.add_argument("--server", default="./build/xietong", help="server binary (for `xietong fonts-conf`)")
    ap.add_argument("--soffice", default=shutil.which("soffice"), help="LibreOffice binary (default: soffice on PATH)")
    ap.add_argument("--keep", metavar="DIR", help="keep all outputs (and page-1 PNGs) in DIR")
    args = ap.parse_args()
    started = time.monotonic()

    missing = [t for t in ("pdfinfo", "pdffonts", "pdftotext", "pdftoppm") if not shutil.which(t)]
    if missing:
        sys.exit(f"FAIL: {', '.join(missing)} not found: install poppler-utils (./test installs it)")
    if not shutil.which("qpdf"):
        sys.exit("FAIL: qpdf not found: install qpdf (./test installs it)")
    for label, path in (("--bench", args.bench), ("--server", args.server)):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            sys.exit(f"FAIL: {label} {path} is not an executable (build first)")
    if not args.soffice or not shutil.which(args.soffice):
        sys.exit("FAIL: LibreOffice (soffice) not found: libreoffice-writer-nogui is required (./test installs it)")

    work = tempfile.mkdtemp(prefix="xietong-fidelity-")
    try:
        out = os.path.abspath(args.keep) if args.keep else os.path.join(work, "out")
        os.makedirs(out, exist_ok=True)

        def png(pdf, base):  # page 1 at 50 dpi, for a human look (only with --keep)
            if args.keep:
                run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, os.path.join(out, base + "-page1")])

        run([os.path.abspath(args.bench), "--runs", "1", "--out", out])
        f = {k: os.path.join(out, k) for k in ("case.docx", "alt.docx", "case.pdf", "alt.pdf", "catalog.pdf", "archive.pdf", "summary.xlsx")}
        absent = [k for k, p in f.items() if not os.path.exists(p)]
        if absent:
            sys.exit(f"FAIL: the benchmark did not write {', '.join(absent)}")

        # DOCX
        for key, fmt in (("case.docx", OFFICIAL), ("alt.docx", ALT)):
            check_docx_page(f[key], key)
            check_docx_styles(f[key], key, fmt)
            check_docx_paragraphs(f[key], key)

        # Server PDFs
        server_pages = {"case": check_pdf_a4(f["case.pdf"], "case.pdf", (4, 9)), "alt": check_pdf_a4(f["alt.pdf"], "alt.pdf")}
        catalog_pages = check_pdf_a4(f["catalog.pdf"], "catalog.pdf")
        FIGURES.update(case_pages=server_pages["case"], alt_pages=server_pages["alt"], catalog_pages=catalog_pages)
        for key in ("case.pdf", "alt.pdf", "catalog.pdf", "archive.pdf"):
            FIGURES[f"{key}_fonts"] = check_pdf_fonts_embedded(f[key], key)
        check_text_in_order(f["case.pdf"], "case.pdf", case_text_items())
        check_text_in_order(f["alt.pdf"], "alt.pdf", case_text_items())
        for pdf in ("case.pdf", "alt.pdf"):  # a URL broken across lines gets no hyphen: copied, it still works
            # Page numbers ("— 2 —") sit between the halves of a URL broken across pages.
            text = squeeze(re.sub(r"—\s*\d+\s*—", "", run(["pdftotext", "-enc", "UTF-8", f[pdf], "-"])))
            want = sum(squeeze(b).count(URL) for b in BODY)
            check(want > 0 and text.count(URL) == want, f"{pdf}: {text.count(URL)} intact URLs, expected {want}: altered at a line break")
        check_text_in_order(f["catalog.pdf"], "catalog.pdf", [("caption", "案例档案目录"), ("case title", TITLE)]
                            + [("evidence name", n) for n in EVIDENCE_NAMES])
        case_bbox = bbox_pages(f["case.pdf"], os.path.join(work, "case.html"))
        FIGURES["case_pitch"], FIGURES["case_lines_p2"] = check_pitch(case_bbox, "case.pdf", OFFICIAL["line"], 0.3)
        FIGURES["alt_pitch"], _ = check_pitch(bbox_pages(f["alt.pdf"], os.path.join(work, "alt.html")), "alt.pdf", ALT["line"], 0.3)
        check_no_closing_punct_at_line_start(case_bbox, "case.pdf")
        FIGURES["archive_pages"] = check_archive(f["archive.pdf"], server_pages["case"], catalog_pages)
        for key in ("case.pdf", "alt.pdf", "catalog.pdf"):
            png(f[key], key[:-4])

        # XLSX, then everything LibreOffice
        check_xlsx_phone_cells(f["summary.xlsx"])
        check_xlsx_column_widths(f["summary.xlsx"])
        check_libreoffice(args.soffice, out, work, os.path.abspath(args.server), server_pages, png)
    except RuntimeError as e:  # a tool failed outright
        check(False, f"tool failure: {e}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    elapsed = time.monotonic() - started
    if FAILURES:
        print(f"document fidelity: {len(FAILURES)} check(s) FAILED ({elapsed:.1f} s):", file=sys.stderr)
        for msg in FAILURES:
            print(f"  FAIL {msg}", file=sys.stderr)
        return 1
    fmt = lambda v: "?" if v is None else f"{v:.2f}"
    print(f"document fidelity: all checks passed in {elapsed:.1f} s — line pitch server {fmt(FIGURES.get('case_pitch'))}/"
          f"{fmt(FIGURES.get('alt_pitch'))} pt, LibreOffice {fmt(FIGURES.get('lo_case_pitch'))}/{fmt(FIGURES.get('lo_alt_pitch'))} pt; "
          f"pages case {FIGURES.get('case_pages')} (LibreOffice {FIGURES.get('lo_case_pages')}), alt {FIGURES.get('alt_pages')} "
          f"(LibreOffice {FIGURES.get('lo_alt_pages')}), archive {FIGURES.get('archive_pages')}"
          + (f"; outputs in {os.path.abspath(args.keep)}" if args.keep else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
