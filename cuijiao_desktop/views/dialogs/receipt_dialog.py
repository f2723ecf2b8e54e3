"""What the payment and reversal dialogs share: a form page, then the saved number and its PDF.

:class:`ReceiptDialog` holds the state both need, the page stack and the Confirm/Cancel/Close
buttons; after a save :meth:`ReceiptDialog._show_receipt` switches to :class:`ReceiptDone`,
shrinks the dialog to it and writes the PDF as a task (open/print and show-folder buttons).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.messages import error_message
from cuijiao_desktop.reports import receipt_pdf

# Colours of the done page: the number of a payment, of a reversal; a failed PDF.
PAYMENT_COLOUR = "#1E5631"
REVERSAL_COLOUR = "#A33A3A"
FAILED_STYLE = "color: #B3261E;"


def write_receipt_task(session, *, payment_id: int, folder: Path, paper: str, font_dirs: Sequence[str]) -> Path:
    """Background: write the receipt PDF of ``payment_id`` (see ``reports.receipt_pdf``)."""
    return receipt_pdf.write_payment_receipt(session, payment_id=payment_id, folder=folder, paper=paper,
                                             font_dirs=font_dirs)


def open_path(path: Path) -> bool:
    """Open ``path`` with the system's viewer (unless tests disable it)."""
    if os.environ.get("CUIJIAO_NO_OPEN"):
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReceiptDone(QWidget):
    """After saving: what happened, the number large in a card, the PDF's state and its buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(10)
        self.title = QLabel()
        self.title.setObjectName("receiptTitle")
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.title.setFont(title_font)
        layout.addWidget(self.title)

        self.card = card = QFrame()
        card.setObjectName("receiptCard")
        card.setStyleSheet("#receiptCard { background: #F4F8F5; border: 1px solid #CFDCD3; border-radius: 6px; }")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(16, 12, 16, 14)
        card_layout.setSpacing(4)
        self.caption = QLabel()
        self.caption.setStyleSheet("color: #5F6B7A;")
        self.number = QLabel()
        self.number.setObjectName("receiptNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.number.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        for w in (self.caption, self.number, self.summary):
            card_layout.addWidget(w)
        layout.addWidget(card)

        self.pdf_status = QLabel()
        self.pdf_status.setObjectName("receiptPdfStatus")
        self.pdf_status.setWordWrap(True)
        self.pdf_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.pdf_status)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open / print receipt"))
        self.open_button.setObjectName("openReceipt")
        self.open_button.setToolTip(self.tr("Open the receipt PDF in the PDF viewer to print it"))
        self.folder_button = QPushButton(self.tr("Show folder"))
        self.folder_button.setObjectName("openReceiptFolder")
        for b in (self.open_button, self.folder_button):
            b.setEnabled(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_saved(self, *, title: str, caption: str, number: str, summary: str, pdf_status: str,
                   colour: str = PAYMENT_COLOUR) -> None:
        """Fill the page for a saved entry whose PDF is being written."""
        self.title.setText(title)
        self.caption.setText(caption)
        self.number.setText(number)
        self.title.setStyleSheet(f"color: {colour};")
        self.number.setStyleSheet(f"color: {colour};")
        self.summary.setText(summary)
        self.pdf_status.setStyleSheet("")
        self.pdf_status.setText(pdf_status)


class ReceiptDialog(QDialog):
    """Base of the payment and reversal dialogs (see the module docstring).

    A subclass calls ``_add_pages(form, confirm_text)`` once its form is built, has a
    ``submit()`` method (Confirm calls it) and, when the service returns the ReceiptDTO, calls ``_show_receipt``.
    """

    sig_saved = Signal(object)  # ReceiptDTO
    sig_receipt_written = Signal(object)  # Path of the PDF

    def __init__(
        self,
        runner,
        user,
        *,
        today: date,
        receipts_folder: Path,
        paper: str = "a5",
        font_dirs: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._user = user
        self._today = today
        self._folder = Path(receipts_folder)
        self._paper = paper
        self._font_dirs = list(font_dirs)
        self.receipt = None
        self.receipt_path: Path | None = None
        self._saving = False
        self._pdf_saved_text = self._pdf_failed_text = ""

    def _add_pages(self, form: QWidget, confirm_text: str) -> None:
        """Lay out ``form`` (then the done page) above Confirm (``confirm_text``), Cancel and Close."""
        outer = QVBoxLayout(self)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.stack.addWidget(form)
        self.done_page = ReceiptDone()
        self.done_page.open_button.clicked.connect(self.open_receipt)
        self.done_page.folder_button.clicked.connect(lambda: open_path(self._folder))
        self.stack.addWidget(self.done_page)

        self.buttons = QDialogButtonBox()
        self.confirm_button = self.buttons.addButton(confirm_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.confirm_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        outer.addWidget(self.buttons)

    def _show_receipt(self, receipt, *, title: str, caption: str, summary: str, writing: str, saved: str,
                      failed: str, colour: str = PAYMENT_COLOUR) -> None:
        """After the save: show ``receipt``'s number, only Close, and write its PDF in the background.

        ``saved`` and ``failed`` are the PDF's outcome texts, with ``{path}`` and ``{reason}``.
        """
        self._saving = False
        self.receipt = receipt
        self._pdf_saved_text, self._pdf_failed_text = saved, failed
        self.done_page.show_saved(title=title, caption=caption, number=receipt.receipt_no, summary=summary,
                                  pdf_status=writing, colour=colour)
        self.stack.setCurrentWidget(self.done_page)
        self.confirm_button.hide()
        self.cancel_button.hide()
        self.close_button.show()
        form = self.stack.widget(0)
        self.stack.removeWidget(form)  # hidden and done with; it would keep the dialog large
        self._fit_to_done_page()
        self.close_button.setFocus()
        self.sig_saved.emit(receipt)
        self._runner.submit(
            write_receipt_task, payment_id=receipt.payment_id, folder=self._folder, paper=self._paper,
            font_dirs=self._font_dirs, on_result=self._on_pdf_written, on_error=self._on_pdf_failed,
        )

    def _fit_to_done_page(self) -> None:
        """Size the dialog to the done page's text, keeping its centre where it was."""
        centre = self.frameGeometry().center()
        for widget in (self.done_page.card, self.done_page, self.stack, self.buttons, self):
            widget.layout().activate()  # inner first, each passing its new size up now (not on a later event)
        self.adjustSize()
        frame = self.frameGeometry()
        frame.moveCenter(centre)
        self.move(frame.topLeft())

    def _on_pdf_written(self, path: Path) -> None:
        self.receipt_path = Path(path)
        self.done_page.pdf_status.setStyleSheet("")
        self.done_page.pdf_status.setText(self._pdf_saved_text.format(path=path))
        self.done_page.open_button.setEnabled(True)
        self.done_page.folder_button.setEnabled(True)
        self._fit_to_done_page()
        self.sig_receipt_written.emit(self.receipt_path)

    def _on_pdf_failed(self, exc: BaseException) -> None:
        self.done_page.pdf_status.setStyleSheet(FAILED_STYLE)
        self.done_page.pdf_status.setText(self._pdf_failed_text.format(reason=error_message(exc)))
        self._fit_to_done_page()

    def open_receipt(self) -> None:
        """Open the receipt PDF in the system viewer (print from there)."""
        if self.receipt_path is not None:
            open_path(self.receipt_path)
