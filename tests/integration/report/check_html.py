#!/usr/bin/python3
"""Checks an HTML report and, when given, a screenshot of it (tests, issue 7).

    check_html.py REPORT.html [SCREENSHOT.png]
    check_html.py --glyphs SCREENSHOT.png WITHOUT_CJK_FONT.png

The HTML: well-formed (every tag closed in order), one <svg> in each chart section, no
<script>, no event handler attributes, no external URL or stylesheet import. The
screenshot: a PNG that is not blank (enough non-white pixels, some in the chart blue).
--glyphs (issue 15): the page's top band (its <h1> and the as-of line, Japanese in a
Japanese report) drawn with the CJK fonts differs from the same page drawn with them
rejected, where Chromium can only draw tofu boxes: the Japanese text was drawn in a
font that has its glyphs.
Standard library only; prints each problem and exits 1 when there is one.
"""
import html.parser
import re
import struct
import sys
import zlib

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
CHART_SECTIONS = {"segments", "revenue", "retention"}


class Structure(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.svgs = {}
        self.section = None

    def handle_starttag(self, tag, attrs):
        self.check_attrs(tag, attrs)
        if tag == "script":
            self.problems.append("a <script> element")
        if tag == "section":
            self.section = dict(attrs).get("id")
        if tag == "svg":
            self.svgs[self.section] = self.svgs.get(self.section, 0) + 1
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.check_attrs(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.problems.append(f"</{tag}> at line {self.getpos()[0]} closes nothing")
            return
        open_tag, where = self.stack.pop()
        if open_tag != tag:
            self.problems.append(f"</{tag}> at line {self.getpos()[0]} closes <{open_tag}> "
                                 f"of line {where[0]}")
        if tag == "section":
            self.section = None

    def check_attrs(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event handler {name}")
            if name in ("src", "href", "xlink:href", "action") or re.search(
                    r"(https?:)?//|url\(", value or ""):
                self.problems.append(f"<{tag} {name}=\"{value}\"> points outside the file")


def check_html(path):
    text = open(path, encoding="utf-8").read()
    parser = Structure()
    parser.feed(text)
    parser.close()
    problems = parser.problems
    problems += [f"<{tag}> of line {where[0]} is never closed" for tag, where in parser.stack]
    for section in sorted(CHART_SECTIONS):
        if parser.svgs.get(section, 0) != 1:
            problems.append(f"section {section} has {parser.svgs.get(section, 0)} <svg>, not 1")
    if re.search(r"@import|url\(|https?://", text):
        problems.append("the page loads something from outside")
    if not text.startswith("<!DOCTYPE html>") or '<meta charset="utf-8">' not in text:
        problems.append("not an HTML5 document declaring UTF-8")
    return problems


def png_pixels(path):
    """Yields the RGB of every pixel of an 8-bit RGB or RGBA, non-interlaced PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or color not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {color})")
    channels = 3 if color == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        previous = line
        for x in range(0, stride, channels):
            yield line[x], line[x + 1], line[x + 2]


def check_png(path):
    total = ink = blue = 0
    for r, g, b in png_pixels(path):
        total += 1
        if r < 240 or g < 240 or b < 240:
            ink += 1
        if abs(r - 0x2F) < 24 and abs(g - 0x6F) < 24 and abs(b - 0x9F) < 24:
            blue += 1
    problems = []
    if ink < total // 50:
        problems.append(f"the screenshot is blank: {ink} of {total} pixels not white")
    if blue < 500:
        problems.append(f"no chart drawn: {blue} pixels of the chart blue")
    print(f"{path}: {ink} of {total} pixels not white, {blue} chart blue")
    return problems


def check_glyphs(with_font, without_font, band=130):
    """Pixels of the top `band` rows that differ between the two screenshots."""
    width = struct.unpack(">I", open(with_font, "rb").read()[16:20])[0]
    a = list(png_pixels(with_font))
    b = list(png_pixels(without_font))
    if len(a) != len(b):
        return [f"the screenshots differ in size: {len(a)} and {len(b)} pixels"]
    end = min(band * width, len(a))
    differ = sum(1 for i in range(end) if max(abs(x - y) for x, y in zip(a[i], b[i])) > 48)
    print(f"{with_font}: {differ} of {end} pixels of the top band differ without the CJK fonts")
    if differ < 400:
        return [f"the top band draws the same without the CJK fonts ({differ} pixels differ): "
                "tofu, or no Japanese text"]
    return []


def main():
    if sys.argv[1] == "--glyphs":
        problems = check_glyphs(sys.argv[2], sys.argv[3])
        for problem in problems:
            print(f"check_html.py: {problem}")
        return 1 if problems else 0
    problems = check_html(sys.argv[1])
    if len(sys.argv) > 2:
        problems += check_png(sys.argv[2])
    for problem in problems:
        print(f"check_html.py: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
