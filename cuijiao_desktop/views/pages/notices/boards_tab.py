"""公示: the arrears board and the thank-you board, previewed, then printed or saved (each print audited)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import arrears as arrears_service
from cuijiao_desktop.services import boards as board_service
from cuijiao_desktop.views.widgets.dates import date_edit
from cuijiao_desktop.views.widgets.files import ask_save_path
from cuijiao_desktop.views.widgets.pdf_preview import PdfPreview, print_pdf


def preview_board(session, *, kind: str, estate_id, building_ids, data_date: date, today: date, min_months: int,
                  period_from: int, period_to: int, out_path: Path):
    """Task: build a board without printing it (no audit) and write it for the preview."""
    from cuijiao_desktop.reports.board_pdf import write_board_pdf

    if kind == board_service.BoardKind.THANKS:
        board = board_service.thanks_board(session, estate_id=estate_id, building_ids=building_ids,
                                           period_from=period_from, period_to=period_to, today=today)
    else:
        board = board_service.arrears_board(session, estate_id=estate_id, building_ids=building_ids,
                                            data_date=data_date, today=today, min_months=min_months)
    return board, write_board_pdf(board, out_path)


class BoardsTab(QWidget):
    """Choose the board and its scope; 预览 shows it, 打印…/保存… print it and record who printed which rooms."""

    def __init__(self, runner, user, *, today: Callable[[], date], settings, scratch: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._user = user
        self._today = today
        self._settings = settings
        self._scratch = scratch
        self._options = None
        self._loaded = False
        self._previews = 0
        self._build()

    def _build(self) -> None:
        today = self._today()
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("boardKind")
        self.kind_combo.addItem(self.tr("Arrears board"), board_service.BoardKind.ARREARS)
        self.kind_combo.addItem(self.tr("Thank-you board"), board_service.BoardKind.THANKS)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.estate_combo = QComboBox()
        self.estate_combo.setObjectName("boardEstate")
        self.estate_combo.currentIndexChanged.connect(self._fill_buildings)
        self.building_combo = QComboBox()
        self.building_combo.setObjectName("boardBuilding")
        for combo in (self.kind_combo, self.estate_combo, self.building_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
        self.months_spin = QSpinBox()
        self.months_spin.setObjectName("boardMinMonths")
        self.months_spin.setRange(1, 120)
        self.months_spin.setValue(3)
        self.months_spin.setPrefix(self.tr("owing at least "))
        self.months_spin.setSuffix(self.tr(" months"))
        self.data_date = date_edit("boardDataDate", today)
        self.data_date.setMaximumDate(QDate(today))
        self.period_from = QDateEdit(QDate(today.replace(day=1)))
        self.period_to = QDateEdit(QDate(today.replace(day=1)))
        for edit, name in ((self.period_from, "boardFrom"), (self.period_to, "boardTo")):
            edit.setObjectName(name)
            edit.setDisplayFormat("yyyy-MM")
        grid = QGridLayout()
        self.data_caption = QLabel(self.tr("Data as of:"))
        self.period_caption = QLabel(self.tr("Paid in full for:"))
        self.to_caption = QLabel("—")
        grid.addWidget(self.kind_combo, 0, 0)
        grid.addWidget(self.estate_combo, 0, 1)
        grid.addWidget(self.building_combo, 0, 2)
        grid.addWidget(self.months_spin, 1, 0)
        grid.addWidget(self.data_caption, 1, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.data_date, 1, 2)
        grid.addWidget(self.period_caption, 2, 0, Qt.AlignmentFlag.AlignRight)
        periods = QHBoxLayout()
        periods.addWidget(self.period_from)
        periods.addWidget(self.to_caption)
        periods.addWidget(self.period_to)
        grid.addLayout(periods, 2, 1, 1, 2)
        self.policy_label = QLabel()
        self.policy_label.setObjectName("boardPolicy")
        self.policy_label.setWordWrap(True)
        self.policy_label.setStyleSheet("background: #EEF5EE; border: 1px solid #C9DEC9; border-radius: 4px; "
                                        "padding: 6px 8px; color: #1E5631;")
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("boardPreview")
        self.preview_button.clicked.connect(self.preview)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("boardPrint")
        self.print_button.setStyleSheet("QPushButton { font-weight: bold; padding: 4px 14px; }")
        self.print_button.clicked.connect(lambda: self.publish(to_printer=True))
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.save_button.setObjectName("boardSave")
        self.save_button.clicked.connect(lambda: self.publish(to_printer=False))
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("boardStatus")
        self.status.setWordWrap(True)
        note = QLabel(self.tr("Boards stay inside the estate. Rooms that paid since the data date drop off when the "
                              "board is printed again. Every print is recorded with who printed which rooms."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5F6B7A;")
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(grid)
        lay.addWidget(self.policy_label)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        lay.addWidget(note)
        lay.addStretch(1)
        self.viewer = PdfPreview()
        self.viewer.setMinimumWidth(160)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.viewer)
        split.setSizes([420, 700])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        outer.addWidget(split, 1)
        self._kind_changed()

    def _kind_changed(self) -> None:
        thanks = self.kind_combo.currentData() == board_service.BoardKind.THANKS
        for w in (self.months_spin, self.data_caption, self.data_date):
            w.setVisible(not thanks)
        for w in (self.period_caption, self.period_from, self.period_to, self.to_caption):
            w.setVisible(thanks)
        self.viewer.clear()

    def _fill_buildings(self) -> None:
        estate = self.estate_combo.currentData()
        self.building_combo.clear()
        self.building_combo.addItem(self.tr("All buildings"), None)
        for b in (self._options.buildings if self._options else ()):
            if estate is None or b.estate_id == estate:
                self.building_combo.addItem(self.tr("Building {name}").format(name=b.name), b.id)

    def activate(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        self._loaded = True
        self._runner.submit(arrears_service.arrears_filter_options, on_result=self._show_options,
                            on_error=lambda exc: self.status.setText(error_message(exc)))
        self._runner.submit(board_service.get_masking_policy, on_result=self._show_policy)

    def _show_options(self, options) -> None:
        self._options = options
        current = self.estate_combo.currentData()
        self.estate_combo.blockSignals(True)
        self.estate_combo.clear()
        for e in options.estates:
            self.estate_combo.addItem(e.name, e.id)
        self.estate_combo.setCurrentIndex(max(0, self.estate_combo.findData(current)))
        self.estate_combo.blockSignals(False)
        self._fill_buildings()

    def _show_policy(self, policy) -> None:
        names = self.tr("owner names masked (e.g. 张**)") if policy.show_owner_name else self.tr("no owner names")
        self.policy_label.setText(self.tr(
            "Masking: {names}, no phones, room numbers keep their first {n} digits (e.g. {example}). "
            "Changed in Settings → Public boards.").format(
                names=names, n=policy.room_keep_digits,
                example="3栋2单元" + "1502"[:policy.room_keep_digits] + "*" * (4 - policy.room_keep_digits)))

    def _params(self) -> dict:
        building = self.building_combo.currentData()
        today = self._today()
        pf, pt = self.period_from.date(), self.period_to.date()
        return {
            "kind": self.kind_combo.currentData(), "estate_id": self.estate_combo.currentData(),
            "building_ids": (building,) if building is not None else (),
            "data_date": self.data_date.date().toPython(),
            "today": today, "min_months": self.months_spin.value(),
            "period_from": pf.year() * 100 + pf.month(), "period_to": pt.year() * 100 + pt.month(),
        }

    def preview(self) -> None:
        self._previews += 1
        path = self._scratch / self.tr("board-preview-{n}.pdf").format(n=self._previews)
        self.status.setText(self.tr("Preparing the preview…"))
        self._runner.submit(preview_board, **self._params(), out_path=path, read_only=True,
                            on_result=self._previewed, on_error=lambda exc: self.status.setText(error_message(exc)))

    def _previewed(self, result) -> None:
        board, path = result
        self.viewer.load(path)
        self.status.setText(self.tr("Preview: {n} rooms. Nothing is recorded until you print or save.").format(
            n=len(board.lines)))

    def publish(self, *, to_printer: bool) -> None:
        """Print or save the board; the print is audited (who, when, which rooms)."""
        from cuijiao_desktop.reports.board_pdf import write_board

        params = self._params()
        kind = "鸣谢榜" if params["kind"] == board_service.BoardKind.THANKS else "欠费公示"
        name = f"{kind}-{params['today']:%Y%m%d}.pdf"
        printer = None
        if to_printer:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle(self.tr("Print board"))
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return
            path = self._scratch / name
        else:
            chosen = ask_save_path(self, self._settings, key="boards", title=self.tr("Save board"), name=name,
                                   file_filter=self.tr("PDF document (*.pdf)"), suffix=".pdf")
            if chosen is None:
                return
            path = chosen

        def done(result) -> None:
            board, written = result
            self.viewer.load(written)
            self.status.setText(self.tr("{n} rooms; the print is recorded in the audit log. {where}").format(
                n=len(board.lines), where="" if to_printer else str(written)))
            if printer is not None:
                print_pdf(written, self, title=board.title, ask=False, printer=printer)

        self._runner.submit(write_board, actor=self._user, **params, out_path=path, on_result=done,
                            on_error=lambda exc: self.status.setText(error_message(exc)))
