"""Drawing helpers shared by the print room's PDFs (notices, boards, statements, dossiers).

Everything is drawn straight on the reportlab canvas (about twice as fast as Platypus): a
Chinese line breaker with cached glyph widths and the usual 禁则 (no line starts with a closing
mark), faux-bold titles, QR codes as one vector path, and images stored once per file as a
form. reportlab is imported inside the functions only.
"""

from __future__ import annotations

import io
import os
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path

from .fonts import register_cjk_font

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)

#: Characters that may not begin a line (moved to the end of the previous one).
NO_LINE_START = frozenset("，。、；：？！）》」』”’,.;:?!)%…—·")
NO_LINE_END = frozenset("（《「『“‘(")


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "-.,/:@_%")


def _break_at(para: str, start: int, end: int) -> int:
    """Move a break at ``end`` back so that no number or word is split and no line starts with a
    closing mark (or ends with an opening one); never back to ``start``."""
    if _is_word(para[end]) and _is_word(para[end - 1]):
        i = end - 1
        while i > start and _is_word(para[i - 1]):
            i -= 1
        if i > start:
            return i
        return end
    if para[end] in NO_LINE_START and end - 1 > start:
        end -= 1
    if para[end - 1] in NO_LINE_END and end - 1 > start:
        end -= 1
    return end


class Writer:
    """A canvas with one CJK font and a glyph-width cache (one per PDF file)."""

    def __init__(self, path: str | os.PathLike[str], *, pagesize: tuple[float, float] = A4,
                 font_dirs: Sequence[str | os.PathLike[str]] = (), title: str = "", author: str = "") -> None:
        from reportlab import rl_config
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfgen.canvas import Canvas

        rl_config.useA85 = 0  # binary compressed streams: smaller files, no slow ASCII85 pass
        self.font = register_cjk_font(font_dirs)
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.c = Canvas(str(self.path), pagesize=pagesize, pageCompression=1, initialFontName=self.font)
        self.c.setTitle(title)
        self.c.setAuthor(author or "物业服务中心")
        self.c.setCreator("cuijiao-desktop")
        self._face = pdfmetrics.getFont(self.font)
        self._widths: dict[str, float] = {}
        self._forms: dict[str, tuple[float, float]] = {}
        self._wrapped: dict[tuple[str, float, float, float], list[str]] = {}
        self.pagesize = pagesize

    # text
    def width(self, text: str, size: float) -> float:
        """Width of ``text`` at ``size`` points (per-character cache)."""
        widths = self._widths
        total = 0.0
        for ch in text:
            w = widths.get(ch)
            if w is None:
                w = widths[ch] = self._face.stringWidth(ch, 1000)
            total += w
        return total * size / 1000

    def _char_widths(self, text: str) -> list[float]:
        widths = self._widths
        out = [widths.get(ch) for ch in text]
        if None in out:
            out = [widths[ch] if ch in widths else widths.setdefault(ch, self._face.stringWidth(ch, 1000))
                   for ch in text]
        return out  # type: ignore[return-value]

    def wrap(self, text: str, width: float, size: float, *, indent: float = 0) -> list[str]:
        """Break ``text`` into lines no wider than ``width``; ``indent`` on the first line only.

        Cumulative glyph widths and a binary search find each break (the layout measures a notice
        and then draws it, so the last results are kept). No line starts with a closing mark or
        ends with an opening one, and numbers and Latin words are not split.
        """
        key = (text, width, size, indent)
        cached = self._wrapped.get(key)
        if cached is not None:
            return cached
        scale = 1000 / size
        lines: list[str] = []
        for para in text.split("\n"):
            if not para:
                lines.append("")
                continue
            cum = list(accumulate(self._char_widths(para)))
            n = len(para)
            start, base = 0, 0.0
            limit = (width - (indent if not lines else 0)) * scale
            while start < n:
                end = bisect_right(cum, base + limit + 1e-6, lo=start)
                if end >= n:
                    lines.append(para[start:])
                    break
                end = max(end, start + 1)
                end = _break_at(para, start, end)
                lines.append(para[start:end])
                base = cum[end - 1]
                start = end
                limit = width * scale
        if len(self._wrapped) > 256:
            self._wrapped.clear()
        self._wrapped[key] = lines
        return lines

    def text(self, x: float, y: float, text: str, size: float, *, align: str = "left",
             bold: bool = False, colour: tuple[float, float, float] | None = None) -> None:
        """Draw one line; ``align`` left, right or centre; ``bold`` strokes the glyphs (faux bold)."""
        c = self.c
        if colour is not None:
            c.setFillColorRGB(*colour)
            c.setStrokeColorRGB(*colour)
        else:
            c.setFillGray(0)
        if align != "left":
            w = self.width(text, size)
            x = x - w if align == "right" else x - w / 2
        if bold:
            t = c.beginText(x, y)
            t.setFont(self.font, size)
            t.setTextRenderMode(2)
            c.setLineWidth(size / 28)
            t.textOut(text)
            t.setTextRenderMode(0)  # the render mode outlives the text object in PDF
            c.drawText(t)
        else:
            c.setFont(self.font, size)
            c.drawString(x, y, text)
        if colour is not None:
            c.setFillGray(0)
            c.setStrokeGray(0)

    def paragraph(self, x: float, y: float, text: str, width: float, size: float, *, leading: float,
                  indent: float = 0, colour: tuple[float, float, float] | None = None) -> float:
        """Draw wrapped text from baseline ``y`` down; returns the baseline after the last line."""
        lines = self.wrap(text, width, size, indent=indent)
        c = self.c
        c.setFont(self.font, size)
        if colour is not None:
            c.setFillColorRGB(*colour)
        for i, line in enumerate(lines):
            c.drawString(x + (indent if i == 0 else 0), y, line)
            y -= leading
        if colour is not None:
            c.setFillGray(0)
        return y

    # graphics
    def qr(self, data: str, x: float, y: float, size: float) -> None:
        """A QR code of ``data`` with its lower-left corner at (x, y), ``size`` points square."""
        matrix = qr_matrix(data)
        n = len(matrix)
        quiet = 2
        cell = size / (n + 2 * quiet)
        ops = []
        append = ops.append
        for r, row in enumerate(matrix):
            yy = y + size - (r + quiet + 1) * cell
            start = None
            for col in range(n + 1):
                dark = col < n and row[col]
                if dark and start is None:
                    start = col
                elif not dark and start is not None:
                    append(f"{x + (start + quiet) * cell:.2f} {yy:.2f} {(col - start) * cell:.2f} {cell * 1.02:.2f} re")
                    start = None
        # one filled path written as PDF operators (reportlab's path object costs 25 µs a rectangle)
        c = self.c
        c.saveState()
        c.setFillGray(0)
        c._code.append("\n".join(ops) + "\nf")
        c.restoreState()

    def image_form(self, name: str, data: bytes, max_w: float, max_h: float) -> tuple[float, float]:
        """Store image ``data`` once as form ``name`` fitted in max_w × max_h; returns its size."""
        if name in self._forms:
            return self._forms[name]
        from reportlab.lib.utils import ImageReader

        reader = ImageReader(io.BytesIO(data))
        iw, ih = reader.getSize()
        scale = min(max_w / iw, max_h / ih)
        w, h = iw * scale, ih * scale
        c = self.c
        c.beginForm(name, lowerx=0, lowery=0, upperx=w, uppery=h)
        c.drawImage(reader, 0, 0, w, h, mask="auto")
        c.endForm()
        self._forms[name] = (w, h)
        return w, h

    def draw_form(self, name: str, x: float, y: float) -> None:
        """Place a stored form with its lower-left corner at (x, y)."""
        c = self.c
        c.saveState()
        c.translate(x, y)
        c.doForm(name)
        c.restoreState()

    def watermark(self, text: str, *, size: float = 54, grey: float = 0.9) -> None:
        """A diagonal light text across the page (demo data, previews)."""
        c = self.c
        w, h = self.pagesize
        c.saveState()
        c.setFillGray(grey)
        c.setFont(self.font, size)
        c.translate(w / 2, h / 2)
        c.rotate(30)
        c.drawCentredString(0, -size / 3, text)
        c.restoreState()

    def save(self) -> Path:
        self.c.save()
        return self.path


_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_MASK = 2  # mask pattern: (column % 3) == 0; any of the eight is valid for every reader
_V1 = {}  # the version-1-M template, built once from reportlab's encoder


def _v1_template() -> tuple[list[list[bool]], list[tuple[int, int, bool]]]:
    """Function patterns (finders, timing, format info for M and the mask) and the data cells in
    placement order with their mask bit, from reportlab's encoder."""
    if not _V1:
        from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel, QRUtil

        q = QRCode(1, QRErrorCorrectLevel.M)
        q.moduleCount = 21
        q.modules = [[False] * 21 for _ in range(21)]
        q.setupPositionProbePattern(0, 0)
        q.setupPositionProbePattern(14, 0)
        q.setupPositionProbePattern(0, 14)
        q.setupPositionAdjustPattern()
        q.setupTimingPattern()
        q.setupTypeInfo(False, _MASK)
        mask = QRUtil.getMask(_MASK)
        _V1["base"] = [row[:] for row in q.modules]
        _V1["cells"] = [(row, col, bool(mask(row, col))) for col, row in q.dataPosIterator()]
        exp = [0] * 512
        log = [0] * 256
        x = 1
        for i in range(255):
            exp[i] = x
            log[x] = i
            x <<= 1
            if x & 0x100:
                x ^= 0x11D
        for i in range(255, 512):
            exp[i] = exp[i - 255]
        gen = [1]
        for i in range(10):  # generator polynomial of the 10 error-correction codewords of 1-M
            nxt = [0] * (len(gen) + 1)
            for j, g in enumerate(gen):
                nxt[j] ^= g
                nxt[j + 1] ^= exp[log[g] + i] if g else 0
            gen = nxt
        _V1["gf"] = (exp, log, gen)
    return _V1["base"], _V1["cells"]


def _rs_remainder(data: list[int]) -> list[int]:
    exp, log, gen = _V1["gf"]
    rem = [0] * 10
    for byte in data:
        factor = byte ^ rem[0]
        rem = rem[1:] + [0]
        if factor:
            lf = log[factor]
            for i in range(10):
                if gen[i + 1]:
                    rem[i] ^= exp[log[gen[i + 1]] + lf]
    return rem


def _qr_v1m_alnum(data: str) -> list[list[bool]] | None:
    """A version-1-M QR code of an alphanumeric ``data`` (≤ 20 characters: our serials), or None."""
    if len(data) > 20 or any(ch not in _ALNUM for ch in data):
        return None
    base, cells = _v1_template()
    bits: list[int] = []

    def put(value: int, n: int) -> None:
        bits.extend((value >> i) & 1 for i in range(n - 1, -1, -1))

    put(0b0010, 4)
    put(len(data), 9)
    index = _ALNUM.index
    for i in range(0, len(data) - 1, 2):
        put(index(data[i]) * 45 + index(data[i + 1]), 11)
    if len(data) % 2:
        put(index(data[-1]), 6)
    put(0, min(4, 128 - len(bits)))
    bits.extend([0] * (-len(bits) % 8))
    words = [int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8)]
    used = len(words)
    while len(words) < 16:
        words.append((0xEC, 0x11)[(len(words) - used) % 2])
    stream = [(w >> k) & 1 for w in words + _rs_remainder(words) for k in range(7, -1, -1)]
    m = [row[:] for row in base]
    for (row, col, mk), bit in zip(cells, stream, strict=True):
        m[row][col] = bool(bit) ^ mk
    return m


def qr_matrix(data: str) -> list[list[bool]]:
    """The modules of a QR code (error correction M) for ``data``.

    Serials (uppercase letters and digits, ≤ 20 characters) use a small version-1 encoder with a
    fixed mask (0.1 ms; reportlab's general encoder takes 2.4 ms as it tries all eight masks, and
    a test checks that both give the same modules); anything else uses reportlab's encoder.
    """
    fast = _qr_v1m_alnum(data)
    if fast is not None:
        return fast
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    q = QRCode(None, QRErrorCorrectLevel.M)
    q.addData(data)
    q.make()
    return q.modules


def dashed_line(w: Writer, x1: float, y: float, x2: float, *, dash: tuple[float, float] = (3, 2)) -> None:
    """A horizontal dashed line (the cut line of a tear-off slip)."""
    c = w.c
    c.saveState()
    c.setDash(*dash)
    c.setLineWidth(0.6)
    c.setStrokeGray(0.35)
    c.line(x1, y, x2, y)
    c.restoreState()


def page_label(page: int, pages: int | None = None) -> str:
    """"第 n 页", or "第 n 页 / 共 m 页" when the number of pages is known."""
    return f"第 {page} 页 / 共 {pages} 页" if pages else f"第 {page} 页"


def page_footer(w: Writer, page: int, pages: int | None = None, *, text: str = "", align: str = "centre",
                margin: float = 18 * MM) -> None:
    """The footer line of a page: ``text`` and the page number, centred at the foot of the page
    (``align="right"``: at the right margin)."""
    label = page_label(page, pages)
    x = w.pagesize[0] / 2 if align == "centre" else w.pagesize[0] - margin
    w.text(x, 10 * MM, f"{text}    {label}" if text else label, 8, align=align, colour=(0.45, 0.48, 0.52))


def tick_box(w: Writer, x: float, y: float, size: float) -> None:
    """An empty square to tick by hand, its lower-left corner on baseline ``y`` (text of ``size`` points)."""
    c = w.c
    side = size * 0.82
    c.saveState()
    c.setLineWidth(0.6)
    c.setStrokeGray(0.15)
    c.rect(x, y - size * 0.08, side, side, stroke=1, fill=0)
    c.restoreState()


def tick_boxes(w: Writer, x: float, y: float, labels: Sequence[str], size: float, *, gap: float = 4 * MM) -> float:
    """A row of labelled tick boxes on baseline ``y``; returns the x after the last label.

    A label may contain ``_`` runs: each is drawn as a line to write on (``"承诺 ___月___日"``).
    """
    for label in labels:
        tick_box(w, x, y, size)
        x = write_in(w, x + size * 1.2, y, label, size) + gap
    return x - gap


def write_in(w: Writer, x: float, y: float, text: str, size: float) -> float:
    """Draw ``text`` on baseline ``y`` with each run of ``_`` as a thin line to write on (one
    underscore is half an em long); returns the x after the text."""
    c = w.c
    i, n = 0, len(text)
    while i < n:
        j = i
        if text[i] == "_":
            while j < n and text[j] == "_":
                j += 1
            length = (j - i) * size * 0.5
            c.saveState()
            c.setLineWidth(0.5)
            c.setStrokeGray(0.35)
            c.line(x + 0.5, y - size * 0.18, x + length - 0.5, y - size * 0.18)
            c.restoreState()
            x += length
        else:
            while j < n and text[j] != "_":
                j += 1
            w.text(x, y, text[i:j], size)
            x += w.width(text[i:j], size)
        i = j
    return x


def publish(part: Path, final: Path) -> Path:
    """Move a finished ``.part`` file into place."""
    os.replace(part, final)
    return final


def part_path(path: str | os.PathLike[str]) -> Path:
    """The temporary name a PDF is written under until it is complete."""
    p = Path(path)
    return p.with_name(p.name + ".part")


class Flow:
    """A document that flows over A4 portrait pages: headings, paragraphs and tables with page breaks.

    ``header(writer, page_no)`` draws each page's running header and returns the y where the body
    starts; page numbers ("第 n 页") are written in the footer of every page.
    """

    def __init__(self, w: Writer, *, header=None, footer_text: str = "", left: float = 18 * MM,
                 right: float | None = None, bottom: float = 18 * MM) -> None:
        self.w = w
        self.left = left
        self.right = right if right is not None else w.pagesize[0] - 18 * MM
        self.bottom = bottom
        self.header = header
        self.footer_text = footer_text
        self.page = 0
        self.y = 0.0
        self.new_page(first=True)

    @property
    def width(self) -> float:
        return self.right - self.left

    def new_page(self, *, first: bool = False) -> None:
        if not first:
            self._footer()
            self.w.c.showPage()
        self.page += 1
        self.y = self.header(self.w, self.page) if self.header else self.w.pagesize[1] - 20 * MM

    def _footer(self) -> None:
        page_footer(self.w, self.page, text=self.footer_text)

    def need(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.new_page()

    def space(self, height: float) -> None:
        self.y -= height

    def heading(self, text: str, size: float = 13, colour: tuple[float, float, float] = (0.12, 0.23, 0.34)) -> None:
        self.need(size * 3)
        self.y -= size * 0.6
        self.w.text(self.left, self.y - size, text, size, bold=True, colour=colour)
        self.y -= size * 1.9

    def para(self, text: str, size: float = 10, *, leading: float | None = None, indent: float = 0,
             colour: tuple[float, float, float] | None = None) -> None:
        leading = leading or size * 1.6
        for i, line in enumerate(self.w.wrap(text, self.width, size, indent=indent)):
            self.need(leading)
            self.w.text(self.left + (indent if i == 0 else 0), self.y - size, line, size, colour=colour)
            self.y -= leading
        self.y -= size * 0.4

    def table(self, columns: Sequence[tuple[str, float, str]], rows: Sequence[Sequence[str]], *, size: float = 9,
              row_h: float = 6 * MM, shade: tuple[float, float, float] = (0.9, 0.93, 0.96),
              bold_last: bool = False, wrap: bool = False) -> None:
        """``columns``: (title, share of the width, "l"|"r"). Long cells are cut with "…", or with
        ``wrap`` broken over several lines (the row grows)."""
        c = self.w.c
        xs = [self.left]
        for _t, share, _a in columns:
            xs.append(xs[-1] + self.width * share)
        line_h = size * 1.3

        def head() -> None:
            c.setFillColorRGB(*shade)
            c.rect(self.left, self.y - row_h, self.width, row_h, stroke=0, fill=1)
            for i, (title, _s, align) in enumerate(columns):
                self._cell(title, xs[i], xs[i + 1], self.y - row_h * 0.68, size, align)
            self.y -= row_h

        self.need(row_h * 2)
        head()
        c.setLineWidth(0.3)
        for n, row in enumerate(rows):
            cells = [str(x) for x in row]
            lines = [self.w.wrap(t, xs[i + 1] - xs[i] - 3 * MM, size) if wrap else [t] for i, t in enumerate(cells)]
            height = max(row_h, max(len(x) for x in lines) * line_h + (row_h - line_h))
            if self.y - height < self.bottom:
                self.new_page()
                head()
            last = bold_last and n == len(rows) - 1
            if last:
                c.setFillColorRGB(0.96, 0.96, 0.96)
                c.rect(self.left, self.y - height, self.width, height, stroke=0, fill=1)
            for i, cell_lines in enumerate(lines):
                for k, text in enumerate(cell_lines):
                    self._cell(text, xs[i], xs[i + 1], self.y - row_h * 0.68 - k * line_h, size, columns[i][2],
                               bold=last)
            c.setStrokeGray(0.75)
            c.line(self.left, self.y - height, self.right, self.y - height)
            c.setStrokeGray(0)
            self.y -= height
        self.y -= 3 * MM

    def _cell(self, text: str, x0: float, x1: float, base: float, size: float, align: str, *,
              bold: bool = False) -> None:
        w = self.w
        room = x1 - x0 - 3 * MM
        while text and w.width(text, size) > room:
            text = text[:-2] + "…"
        if align == "r":
            w.text(x1 - 1.5 * MM, base, text, size, align="right", bold=bold)
        else:
            w.text(x0 + 1.5 * MM, base, text, size, bold=bold)

    def finish(self) -> None:
        self._footer()
        self.w.c.showPage()
