"""A document preview dialog: the PDF, then 打印… (Ctrl+P), 另存为… (Ctrl+S) and 关闭."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QVBoxLayout, QWidget

from cuijiao_desktop.views.dialogs import file_dialogs
from cuijiao_desktop.views.widgets.pdf_preview import PdfPreview, print_pdf


class PdfDialog(QDialog):
    """Shows a written PDF; the user prints it or saves a copy where they like."""

    def __init__(self, path: Path, title: str, *, settings=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("pdfDialog")
        self.path = Path(path)
        self._settings = settings
        self.preview = PdfPreview(self)
        self.preview.load(self.path)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(self.tr("Save as…"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_copy)
        close.clicked.connect(self.reject)
        self.print_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_copy)
        self.resize(860, 900)

    def print_document(self) -> None:
        """Choose a printer and print every page."""
        print_pdf(self.path, self, title=self.windowTitle())

    def save_copy(self) -> None:
        """Save a copy of the PDF."""
        chosen = file_dialogs.save_file(self, self.tr("Save PDF"), purpose="pdf", suggested_name=self.path.name,
                                        filters=self.tr("PDF document (*.pdf)"), default_suffix="pdf",
                                        settings=self._settings)
        if chosen is None:
            return
        target = str(chosen)
        if not target.lower().endswith(".pdf"):
            target += ".pdf"
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save PDF"), self.tr("The file could not be saved: {error}").format(
                error=exc.strerror or exc))
            return
        if self._settings is not None:
            self._settings.set_last_folder("pdf", str(Path(target).parent))
