"""A PDF preview (QtPdf's QPdfView) with zoom and page keys, and printing of a PDF through QPrinter.

The print room writes every document with reportlab; the preview shows that very file, and
printing renders its pages at the printer's resolution (300 dpi by default) onto the QPrinter,
so what is printed is what was previewed. QtPdf comes with PySide6-Addons.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressDialog, QToolButton, QVBoxLayout, QWidget


class PdfPreview(QWidget):
    """Shows one PDF file: whole pages one below the other, fit to width, zoom with Ctrl +/−."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8A949E; }")
        self.path: Path | None = None

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.info = QLabel(QCoreApplication.translate("pdf_preview", "No document"))
        self.info.setObjectName("pdfInfo")
        self.info.setStyleSheet("color: #5F6B7A;")
        bar.addWidget(self.info, 1)
        for text, tip, slot in (("−", QCoreApplication.translate("pdf_preview", "Zoom out (Ctrl+-)"), self.zoom_out),
                                ("＋", QCoreApplication.translate("pdf_preview", "Zoom in (Ctrl++)"), self.zoom_in),
                                (QCoreApplication.translate("pdf_preview", "Fit width"), QCoreApplication.translate("pdf_preview", "Fit the page width (Ctrl+0)"), self.fit_width)):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in), (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
                           ("Ctrl+0", self.fit_width)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def load(self, path: str | Path) -> bool:
        """Show ``path``; False (and a message in the bar) when it cannot be read."""
        self.document.close()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self.path = None
            self.info.setText(QCoreApplication.translate("pdf_preview", "The PDF could not be opened."))
            return False
        self.path = Path(path)
        self.fit_width()
        self.info.setText(QCoreApplication.translate("pdf_preview", "{name} · {pages} pages").format(name=self.path.name, pages=self.document.pageCount()))
        return True

    def clear(self) -> None:
        self.document.close()
        self.path = None
        self.info.setText(QCoreApplication.translate("pdf_preview", "No document"))

    def page_count(self) -> int:
        return self.document.pageCount()

    def zoom_in(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(4.0, self.view.zoomFactor() * 1.25))

    def zoom_out(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, self.view.zoomFactor() / 1.25))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)


def print_pdf(path: str | Path, parent: QWidget | None = None, *, title: str = "", ask: bool = True,
              printer: QPrinter | None = None) -> bool:
    """Print every page of the PDF at ``path`` on a printer the user chooses; True when printed.

    Each page is rendered at the printer's resolution and placed on the paper keeping its shape
    (A4 notices on A4 paper, boards in landscape).
    """
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() == 0:
        return False
    first = document.pagePointSize(0)
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title or Path(path).stem)
    landscape = first.width() > first.height()
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    printer.setFromTo(1, document.pageCount())
    if ask:
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("pdf_preview", "Print {title}").format(title=title or Path(path).name))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    pages = list(range(document.pageCount()))
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        pages = [p for p in pages if printer.fromPage() - 1 <= p <= printer.toPage() - 1]
    progress = QProgressDialog(QCoreApplication.translate("pdf_preview", "Printing…"), QCoreApplication.translate("pdf_preview", "Cancel"), 0, len(pages), parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = min(printer.resolution(), 300)
        for n, page in enumerate(pages):
            if progress.wasCanceled():
                printer.abort()
                return False
            if n:
                printer.newPage()
            size = document.pagePointSize(page)
            pixels = QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi))
            image = document.render(page, pixels)
            target = painter.viewport()
            scale = min(target.width() / pixels.width(), target.height() / pixels.height())
            w, h = round(pixels.width() * scale), round(pixels.height() * scale)
            painter.drawImage(QRect(target.x() + (target.width() - w) // 2, target.y(), w, h), image)
            progress.setValue(n + 1)
            QCoreApplication.processEvents()
    finally:
        painter.end()
        progress.close()
    return True


__all__ = ["PdfPreview", "print_pdf"]
