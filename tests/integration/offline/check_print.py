#!/usr/bin/python3
"""Checks a printed offline page (tests, issue 16).

    check_print.py PAGE.pdf PAGES WIDTH_MM HEIGHT_MM SCREENSHOT.png

The PDF Chromium printed: exactly PAGES pages (a card that overflowed its page would make
more), each WIDTH_MM x HEIGHT_MM within a point, Japanese set in a CJK font (embedded as
Noto Sans CJK). The screenshot: not blank. Prints each problem and exits 1 when there is
one; standard library only (the PNG reader is the report checker's).
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "report"))
import check_html  # noqa: E402

POINTS_PER_MM = 72 / 25.4


def check_pdf(path, pages, width_mm, height_mm):
    data = open(path, "rb").read()
    problems = []
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count (\d+)", data)]
    counts += [int(n) for n in re.findall(rb"/Count (\d+)[^>]*?/Type\s*/Pages\b", data)]
    if counts[:1] != [pages]:
        problems.append(f"expected {pages} pages, the PDF has {counts}")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", data)
    for w, h in boxes:
        if abs(float(w) - width_mm * POINTS_PER_MM) > 1 or abs(float(h) - height_mm * POINTS_PER_MM) > 1:
            problems.append(f"a page of {float(w) / POINTS_PER_MM:.1f} x "
                            f"{float(h) / POINTS_PER_MM:.1f} mm, expected {width_mm} x {height_mm}")
    if len(boxes) != pages:
        problems.append(f"{len(boxes)} page sizes for {pages} pages")
    fonts = [f.decode() for f in re.findall(rb"/FontName\s*/(\S+)", data)]
    if not any("CJK" in f for f in fonts):
        problems.append(f"no CJK font embedded (fonts: {fonts}): Japanese text did not show")
    print(f"{path}: pages {counts}, sizes {set(boxes)}, fonts {fonts}")
    return problems


def main():
    pdf, pages, width, height, png = sys.argv[1:6]
    problems = check_pdf(pdf, int(pages), float(width), float(height))
    total = ink = 0
    for r, g, b in check_html.png_pixels(png):
        total += 1
        if r < 240 or g < 240 or b < 240:
            ink += 1
    if ink < total // 500:
        problems.append(f"the screenshot is blank: {ink} of {total} pixels not white")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
